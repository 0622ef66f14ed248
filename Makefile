# kanbao -- see README.md.  `make run`, `make check`, `make bench`.
CC ?= cc
PKG_CONFIG ?= pkg-config
PREFIX ?= /usr/local
DESTDIR ?=
VERSION = 0.1

BUILD = build
CSTD = -std=c17 -D_GNU_SOURCE
WARN = -Wall -Wextra -Wpedantic
OPT ?= -O2 -g
NCURSES_CFLAGS := $(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null)
NCURSES_LIBS := $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw)
CPPFLAGS += -I/usr/include/iniparser -DKANBAO_VERSION='"$(VERSION)"' \
	-DKANBAO_DATADIR='"$(PREFIX)/share/kanbao"'
CFLAGS += $(CSTD) $(WARN) $(OPT) -MMD -MP
LIBS = -lunistring -pthread

MODEL_SRC = model/arena.c model/buf.c model/text.c model/wrap.c \
	model/repair.c model/masthead.c model/issue.c model/layout.c \
	model/file.c model/archive.c model/index.c
TUI_SRC = tui/caps.c tui/config.c tui/keymap.c tui/state.c tui/tui.c
MODEL_OBJ = $(MODEL_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ = $(TUI_SRC:%.c=$(BUILD)/%.o)

# Debian packages the build and the tests need.
BUILD_PKGS = libncurses-dev libunistring-dev libiniparser-dev pkg-config
TEST_PKGS = libcmocka-dev libvterm-dev tmux valgrind time ripgrep
BENCH_PKGS = bc time ripgrep
FUZZ_PKGS = clang

all: $(BUILD)/kanbao

$(BUILD)/.deps-build:
	@sh tools/deps.sh $(BUILD_PKGS)
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/.deps-test:
	@sh tools/deps.sh $(BUILD_PKGS) $(TEST_PKGS)
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/%.o: %.c | $(BUILD)/.deps-build
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(NCURSES_CFLAGS) $(CFLAGS) -c -o $@ $<

# main.c has the samples' folder built in: rebuild it when PREFIX changes
$(BUILD)/.prefix: FORCE
	@mkdir -p $(BUILD)
	@echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' > $@
$(BUILD)/main.o: $(BUILD)/.prefix
FORCE:

$(BUILD)/libkanbao.a: $(MODEL_OBJ)
	ar rcs $@ $^

$(BUILD)/kanbao: $(BUILD)/main.o $(TUI_OBJ) $(BUILD)/libkanbao.a
	$(CC) $(LDFLAGS) -o $@ $^ -liniparser $(NCURSES_LIBS) $(LIBS)

run: $(BUILD)/kanbao
	./$(BUILD)/kanbao

# ---- tests ---------------------------------------------------------------
UNIT = text wrap repair issue layout config archive
UNIT_BIN = $(UNIT:%=$(BUILD)/tests/test_%)
TEST_LIBS = -lcmocka

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/fixtures.h $(BUILD)/libkanbao.a $(TUI_OBJ) | $(BUILD)/.deps-test
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(NCURSES_CFLAGS) $(CFLAGS) -o $@ $< $(TUI_OBJ) $(BUILD)/libkanbao.a $(TEST_LIBS) -liniparser $(NCURSES_LIBS) $(LIBS)

$(BUILD)/tests/vtdrive: tests/e2e/vtdrive.c | $(BUILD)/.deps-test
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< -lvterm -lutil

check: $(BUILD)/.deps-test
	@$(MAKE) --no-print-directory unit e2e memcheck fuzz-regress
	@$(MAKE) --no-print-directory BUILD=build/asan \
	    OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" ASAN=1 unit e2e fuzz-regress
	@echo "make check: all tests passed"

unit: $(UNIT_BIN) $(BUILD)/kanbao
	@sh tests/run-unit.sh $(UNIT_BIN)

e2e: $(BUILD)/kanbao $(BUILD)/tests/vtdrive
	@ASAN=$(ASAN) KANBAO=$(BUILD)/kanbao VTDRIVE=$(BUILD)/tests/vtdrive sh tests/e2e/run.sh

# valgrind: no error and no leak on --dump and --toc of the samples
memcheck: $(BUILD)/kanbao
	@for f in assets/*.txt; do \
	    for m in "--dump --width 37" "--toc"; do \
		valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		    ./$(BUILD)/kanbao $$m $$f > /dev/null || exit 1; \
	    done; \
	done; echo "memcheck: 6 passed, 0 failed"

bench: $(BUILD)/kanbao
	@sh tools/deps.sh $(BENCH_PKGS)
	@sh tests/bench.sh $(BUILD)/kanbao

fuzz: $(BUILD)/.deps-build
	@sh tools/deps.sh $(BUILD_PKGS) $(FUZZ_PKGS)
	@sh tests/fuzz/run.sh

# the fuzz targets replay their kept inputs and the samples, any compiler
FUZZ = sanitise wrap issue config index
FUZZ_BIN = $(FUZZ:%=$(BUILD)/tests/fuzz_%)
$(BUILD)/tests/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/standalone.c $(BUILD)/libkanbao.a $(TUI_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< tests/fuzz/standalone.c $(TUI_OBJ) $(BUILD)/libkanbao.a -liniparser $(NCURSES_LIBS) $(LIBS)

fuzz-regress: $(FUZZ_BIN)
	@for t in $(FUZZ); do \
	    $(BUILD)/tests/fuzz_$$t assets/*.txt tests/fixtures/hostile/* \
		tests/fixtures/*.ini $$(find tests/fuzz/regress/$$t -type f 2>/dev/null) \
		> /dev/null || exit 1; \
	done; echo "fuzz-regress: $(words $(FUZZ)) passed, 0 failed"

install: $(BUILD)/kanbao
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/kanbao \
	    $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/kanbao $(DESTDIR)$(PREFIX)/bin/kanbao
	install -m 644 assets/*.txt assets/config.ini $(DESTDIR)$(PREFIX)/share/kanbao/
	install -m 644 kanbao.1 $(DESTDIR)$(PREFIX)/share/man/man1/kanbao.1

clean:
	rm -rf $(BUILD)

.PHONY: all run check unit e2e memcheck bench fuzz fuzz-regress install clean FORCE

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
