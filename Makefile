# kanbao -- see README.md.  `make run`, `make check`, `make bench`.
#
# CFLAGS, CPPFLAGS and LDFLAGS are the user's (a packager's -O2 -g, say):
# what the code itself needs is in KB_* and is added to them, never
# replaced by them.
CC ?= cc
PKG_CONFIG ?= pkg-config
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/kanbao
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=
VERSION = 0.2

CFLAGS ?= -O2 -g
BUILD = build

# pkg-config where a library ships a .pc file; else the usual names.
pc = $(shell $(PKG_CONFIG) $(1) $(2) 2>/dev/null || echo $(3))
NCURSES_CFLAGS := $(call pc,--cflags,ncursesw,)
NCURSES_LIBS := $(call pc,--libs,ncursesw,-lncursesw)
VTERM_CFLAGS := $(call pc,--cflags,vterm,)
VTERM_LIBS := $(call pc,--libs,vterm,-lvterm)
CMOCKA_LIBS := $(call pc,--libs,cmocka,-lcmocka)
UNISTRING_LIBS := $(call pc,--libs,libunistring,-lunistring)
EXPAT_CFLAGS := $(call pc,--cflags,expat,)
EXPAT_LIBS := $(call pc,--libs,expat,-lexpat)
INIPARSER_CFLAGS := $(shell $(PKG_CONFIG) --cflags iniparser 2>/dev/null || \
	{ test -d /usr/include/iniparser && echo -I/usr/include/iniparser; })
INIPARSER_LIBS := $(call pc,--libs,iniparser,-liniparser)
ZSTD_CFLAGS := $(call pc,--cflags,libzstd,)
ZSTD_LIBS := $(call pc,--libs,libzstd,-lzstd)

KB_CPPFLAGS = -D_GNU_SOURCE $(INIPARSER_CFLAGS) $(EXPAT_CFLAGS) $(ZSTD_CFLAGS) \
	-DKANBAO_VERSION='"$(VERSION)"' -DKANBAO_DATADIR='"$(DATADIR)"'
# clang's -Wcomma where the compiler has it (gcc has no such warning)
WCOMMA := $(shell $(CC) -Werror -Wcomma -x c -E /dev/null >/dev/null 2>&1 && \
	echo -Wcomma)
KB_CFLAGS = -std=c17 -Wall -Wextra -Wpedantic -Wshadow -Wconversion \
	-Wmissing-prototypes $(WCOMMA) -MMD -MP
ALL_CFLAGS = $(KB_CPPFLAGS) $(CPPFLAGS) $(KB_CFLAGS) $(CFLAGS)
LIBS = $(UNISTRING_LIBS) $(EXPAT_LIBS) $(ZSTD_LIBS) -pthread

MODEL_SRC = model/arena.c model/buf.c model/text.c model/wrap.c \
	model/repair.c model/masthead.c model/issue.c model/lines.c model/classify.c \
	model/plain.c model/pipeline.c model/dispatch.c \
	model/article.c model/assemble.c model/heads.c model/finish.c model/lexicon.c model/date.c model/layout.c \
	model/file.c model/archive.c model/index.c model/ixfile.c model/ixbuild.c model/vault.c model/day.c model/parts.c \
	model/record.c model/stack.c model/feed.c model/html.c model/query.c \
	model/search.c model/pool.c
APP_SRC = app/config.c app/paths.c app/state.c
TUI_SRC = tui/caps.c tui/keymap.c tui/draw.c tui/session.c tui/reader.c \
    tui/find.c tui/copy.c tui/lists.c tui/calendar.c tui/commands.c tui/tui.c \
    tui/pager.c
MODEL_OBJ = $(MODEL_SRC:%.c=$(BUILD)/%.o)
APP_OBJ = $(APP_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ = $(TUI_SRC:%.c=$(BUILD)/%.o)

# Debian packages: to build, to test, to measure, to fuzz.
BUILD_PKGS = gcc make pkg-config libncurses-dev libunistring-dev libiniparser-dev \
	libexpat1-dev libzstd-dev
TEST_PKGS = libcmocka-dev libvterm-dev tmux valgrind time ripgrep mandoc unicode-data \
	opencc
BENCH_PKGS = bc time ripgrep sqlite3
FUZZ_PKGS = clang

all: $(BUILD)/kanbao

# Missing packages are installed (as root) only on the set-up paths, never
# as a dependency of an object: where dpkg is absent, the build just runs.
deps:
	@sh tools/deps.sh $(BUILD_PKGS)

deps-test:
	@sh tools/deps.sh $(BUILD_PKGS) $(TEST_PKGS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(NCURSES_CFLAGS) -c -o $@ $<

# main.c has the samples' folder built in: rebuild it when it changes
$(BUILD)/.datadir: FORCE
	@mkdir -p $(BUILD)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
$(BUILD)/main.o: $(BUILD)/.datadir
FORCE:

$(BUILD)/libkanbao.a: $(MODEL_OBJ)
	ar rcs $@ $^

$(BUILD)/kanbao: $(BUILD)/main.o $(BUILD)/tree.o $(TUI_OBJ) $(APP_OBJ) $(BUILD)/libkanbao.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(INIPARSER_LIBS) $(NCURSES_LIBS) $(LIBS)

run: deps
	@$(MAKE) --no-print-directory $(BUILD)/kanbao
	./$(BUILD)/kanbao

# ---- tests ---------------------------------------------------------------
UNIT = text wrap linebreak repair lines issue lost layout config archive state alloc
UNIT_BIN = $(UNIT:%=$(BUILD)/tests/test_%)

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/fixtures.h $(BUILD)/libkanbao.a $(APP_OBJ) $(TUI_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(NCURSES_CFLAGS) $(LDFLAGS) -o $@ $< $(TUI_OBJ) $(APP_OBJ) \
	    $(BUILD)/libkanbao.a $(CMOCKA_LIBS) $(INIPARSER_LIBS) $(NCURSES_LIBS) $(LIBS)

# every allocation of the model can be made to fail (tests/unit/failalloc.c)
$(BUILD)/tests/test_alloc: tests/unit/test_alloc.c tests/unit/failalloc.c $(MODEL_SRC)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/unit/test_alloc.c \
	    tests/unit/failalloc.c $(MODEL_SRC) $(CMOCKA_LIBS) $(LIBS) \
	    -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup

$(BUILD)/tests/vtdrive: tests/e2e/vtdrive.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(VTERM_CFLAGS) $(LDFLAGS) -o $@ $< $(VTERM_LIBS) -lutil

# make check: the suites at once (two at a time on two cores), then all
# again under ASan and UBSan; each suite prints one summary line.
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
check: deps-test
	@$(MAKE) --no-print-directory $(BUILD)/kanbao
	@$(MAKE) --no-print-directory -j2 -O unit e2e attack regress memcheck fuzz-regress distcheck layers
	@$(MAKE) --no-print-directory -j2 -O BUILD=build/asan CFLAGS="$(ASAN_FLAGS)" \
	    LDFLAGS="-fsanitize=address,undefined" ASAN=1 unit e2e attack regress fuzz-regress
	@$(MAKE) --no-print-directory tsan
	@sh tests/seeds.sh $(BUILD)/kanbao
	@echo "make check: all tests passed"

# model/ in layers: no circle between its files, nothing included from above
layers: $(BUILD)/libkanbao.a
	@sh tests/layers.sh $(BUILD)

unit: $(UNIT_BIN) $(BUILD)/kanbao
	@sh tests/run-unit.sh $(UNIT_BIN)

e2e: $(BUILD)/kanbao $(BUILD)/tests/vtdrive
	@ASAN=$(ASAN) KANBAO=$(BUILD)/kanbao VTDRIVE=$(BUILD)/tests/vtdrive sh tests/e2e/run.sh

# the reader's threads (the library read, a library search) under
# ThreadSanitizer, in the scripts that start them
TSAN_VT = startup-race library library-search readon calendar search-during-read
tsan: $(BUILD)/tests/vtdrive
	@$(MAKE) --no-print-directory BUILD=build/tsan CFLAGS="-O1 -g -fsanitize=thread" \
	    LDFLAGS=-fsanitize=thread build/tsan/kanbao
	@ONLY="$(TSAN_VT)" KANBAO=build/tsan/kanbao VTDRIVE=$(BUILD)/tests/vtdrive \
	    sh tests/e2e/run.sh

attack: $(BUILD)/kanbao $(BUILD)/tests/vtdrive
	@ASAN=$(ASAN) KANBAO=$(BUILD)/kanbao VTDRIVE=$(BUILD)/tests/vtdrive sh tests/attack/run.sh

# the parsed model of one small input per rule and per format
regress: $(BUILD)/kanbao
	@KANBAO=$(BUILD)/kanbao sh tests/regress/run.sh

# valgrind: no error and no leak on --dump and --toc of the samples and of
# one input of each format
memcheck: $(BUILD)/kanbao
	@n=0; for f in assets/*.txt tests/regress/*.in; do \
	    for m in "--dump --width 37" "--toc" "--tree"; do \
		valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		    ./$(BUILD)/kanbao $$m $$f > /dev/null || exit 1; n=$$((n + 1)); \
	    done; \
	done; echo "memcheck: $$n passed, 0 failed"

# a packager's build: own flags, installed into a DESTDIR, run from there,
# its man page linted, uninstalled without a trace
distcheck:
	@sh tests/distcheck.sh

bench: $(BUILD)/kanbao
	@sh tools/deps.sh $(BENCH_PKGS)
	@sh tests/bench.sh $(BUILD)/kanbao

fuzz:
	@sh tools/deps.sh $(BUILD_PKGS) $(FUZZ_PKGS)
	@sh tests/fuzz/run.sh

# the fuzz targets replay their kept inputs and the samples, any compiler
FUZZ = sanitise wrap issue feed config index cache
FUZZ_BIN = $(FUZZ:%=$(BUILD)/tests/fuzz_%)
$(BUILD)/tests/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/standalone.c $(BUILD)/libkanbao.a $(APP_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/standalone.c $(APP_OBJ) \
	    $(BUILD)/libkanbao.a $(INIPARSER_LIBS) $(LIBS)

fuzz-regress: $(FUZZ_BIN)
	@for t in $(FUZZ); do \
	    $(BUILD)/tests/fuzz_$$t assets/*.txt tests/fixtures/hostile/* \
		tests/fixtures/*.ini tests/regress/*.in \
		$$(find tests/fuzz/regress/$$t -type f 2>/dev/null) \
		> /dev/null || exit 1; \
	done; echo "fuzz-regress: $(words $(FUZZ)) passed, 0 failed"

INSTALLED = $(BINDIR)/kanbao $(MANDIR)/man1/kanbao.1 $(DATADIR)/config.ini \
	$(patsubst assets/%,$(DATADIR)/%,$(wildcard assets/*.txt))

install: $(BUILD)/kanbao
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BUILD)/kanbao $(DESTDIR)$(BINDIR)/kanbao
	install -m 644 assets/*.txt assets/config.ini $(DESTDIR)$(DATADIR)/
	install -m 644 kanbao.1 $(DESTDIR)$(MANDIR)/man1/kanbao.1

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	-rmdir $(DESTDIR)$(DATADIR) 2>/dev/null

clean:
	rm -rf $(BUILD)

.PHONY: all deps deps-test run check unit e2e tsan attack regress memcheck distcheck layers bench \
	fuzz fuzz-regress install uninstall clean FORCE

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
