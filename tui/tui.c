/*
 * tui: the reader's set-up and main loop.  The loop reads a key, runs its
 * command (commands.c) and draws the view on top of the stack; signal
 * handlers set a flag and nothing else.  A library is read on another
 * thread while the screen is up, with its progress on the status line.
 */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../model/issue.h"
#include "../model/day.h"
#include "../app/paths.h"
#include "../app/state.h"
#include "tui.h"
#include "view.h"

bool	tui_can_address(void);	/* caps.c: term.h kept apart */

volatile sig_atomic_t	tui_got_term;

static void
on_term(int sig)
{
	tui_got_term = sig;
}

/* A library read on its own thread; the loop polls how far it got. */
struct reading {
	pthread_t	 th;
	struct archive	 ar;
	const char	*dir, *cachedir, *err;
	bool		 ok;
	atomic_size_t	 done, total;
	atomic_bool	 finished, stop;
	bool		 taken;		/* joined, its list taken or dropped */
};

static bool
reading_tick(size_t done, size_t total, void *arg)
{
	struct reading	*r = arg;

	atomic_store(&r->done, done);
	atomic_store(&r->total, total);
	return !atomic_load(&r->stop);
}

static void *
reading_run(void *arg)
{
	struct reading	*r = arg;

	test_delay("KANBAO_TEST_READ_DELAY");
	r->ok = archive_open_tick(&r->ar, r->dir, r->cachedir, reading_tick, r,
	    &r->err);
	atomic_store(&r->finished, true);
	return NULL;
}

static void
library_ready(struct tui *t)
{
	t->ndated = 0;
	while (t->ndated < t->ar.n && t->ar.v[t->ndated].date[0] != '\0')
		t->ndated++;
}

/*
 * The issue of ar (oldest first, undated last) that an issue of date
 * follows: the last one dated before it, so that reading on goes to the
 * next day's (the first, when none is older).
 */
static size_t
entry_before(const struct archive *ar, const char *date)
{
	size_t	i;

	for (i = 0; i < ar->n && ar->v[i].date[0] != '\0' &&
	    strcmp(ar->v[i].date, date) < 0; i++)
		;
	return i > 0 ? i - 1 : 0;
}

/*
 * Takes the library read on its thread in place of the one listed by
 * file names, the selection and the open issue kept; false while the
 * thread is still at work.  The thread is joined once: after that, and
 * whenever it is asked again, the answer is true.  (A library search
 * running meanwhile reads a copy of its own.)
 */
static bool
reading_poll(struct tui *t, struct reading *r)
{
	struct frame	*lib = &t->stack[0];
	const char	*sel = NULL;
	size_t		 i;

	if (r->taken)
		return true;
	if (!atomic_load(&r->finished)) {
		size_t	total = atomic_load(&r->total);

		t->reading = atomic_load(&r->done);
		/* before the first count: the issues the walk found */
		if (total > 0)
			t->nread = total;
		return false;
	}
	pthread_join(r->th, NULL);
	r->taken = true;
	t->nread = t->reading = 0;
	if (!r->ok) {
		status(t, "%s: %s", r->dir, r->err);
		return true;
	}
	/* the selection moved: on the same issue (else on the newest) */
	if (t->depth > 0 && lib->v == &view_library && lib->sel > 0 &&
	    lib->sel < t->ar.n)
		sel = t->ar.v[lib_entry(t, lib->sel)].path;
	/* an issue removed meanwhile stays open, among those of its date */
	if (t->is != NULL && (i = entry_of(&r->ar, t->path)) != (size_t)-1)
		t->issue_i = i;
	else if (t->is != NULL)
		t->issue_i = entry_before(&r->ar, t->issue_i < t->ar.n ?
		    t->ar.v[t->issue_i].date : t->is->date);
	i = entry_of(&r->ar, sel);
	/* the results name the same issues in the new list */
	hits_remap(t->hits, &t->nhits, &t->ar, &r->ar);
	archive_close(&t->ar);
	t->ar = r->ar;
	library_ready(t);
	if (i != (size_t)-1)
		lib->sel = lib_entry(t, i);
	return true;
}

/*
 * The trace file: a regular file only, never waited on (a FIFO) nor
 * followed (a link); NULL and *why otherwise.
 */
static FILE *
open_trace(const char *path, const char **why)
{
	struct stat	 st;
	FILE		*f;
	int		 fd;

	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK |
	    O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd == -1) {
		*why = errno == ELOOP ? "is a symbolic link" : strerror(errno);
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		*why = "not a regular file";
		return NULL;
	}
	if ((f = fdopen(fd, "a")) == NULL) {
		*why = strerror(errno);
		close(fd);
	}
	return f;
}

static SCREEN *
start_curses(char *fell_back, size_t len)
{
	static const char *const fallback[] = { "xterm-256color", "xterm",
	    "vt100", "dumb" };
	char		*term = getenv("TERM") ? strdup(getenv("TERM")) : NULL;
	SCREEN		*sc;
	size_t		 k;

	if ((sc = newterm(NULL, stdout, stdin)) != NULL) {
		/* a terminal that cannot move the cursor cannot show pages */
		if (!tui_can_address()) {
			endwin();
			delscreen(sc);
			sc = NULL;
		}
	}
	/*
	 * A terminal whose entry this machine lacks (ssh from kitty,
	 * ghostty, alacritty) speaks xterm's language: xterm-256color
	 * first, whose keys (PgDn, Home, End) it sends.
	 */
	for (k = 0; sc == NULL && k < sizeof fallback / sizeof *fallback; k++) {
		setenv("TERM", fallback[k], 1);
		if ((sc = newterm(NULL, stdout, stdin)) != NULL &&
		    k + 1 < sizeof fallback / sizeof *fallback &&
		    !tui_can_address()) {
			endwin();
			delscreen(sc);
			sc = NULL;
		}
		if (sc != NULL) {
			snprintf(fell_back, len, "TERM=%s unknown here: as %s",
			    term ? term : "", fallback[k]);
			say("%s", fell_back);
		}
	}
	free(term);
	if (sc == NULL)
		return NULL;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	leaveok(stdscr, FALSE);
	curs_set(1);
	set_escdelay(50);
	return sc;
}

static void
colours(struct tui *t)
{
	t->color = false;
	if (getenv("NO_COLOR") != NULL && *getenv("NO_COLOR") != '\0')
		return;
	if (t->cf->theme == THEME_MONO || !has_colors() || start_color() != OK)
		return;
	use_default_colors();
	t->color = true;
	if (t->cf->theme == THEME_HIGH_CONTRAST) {
		init_pair(P_HEAD, COLOR_WHITE, COLOR_BLACK);
		init_pair(P_KICKER, COLOR_WHITE, COLOR_BLACK);
		init_pair(P_STATUS, COLOR_BLACK, COLOR_WHITE);
		init_pair(P_DIM, COLOR_WHITE, COLOR_BLACK);
	} else {
		init_pair(P_HEAD, COLOR_BLUE, -1);
		init_pair(P_KICKER, COLOR_RED, -1);
		init_pair(P_STATUS, -1, -1);
		init_pair(P_DIM, COLOR_CYAN, -1);
	}
}

static void
signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: get_wch returns */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

void
tui_redraw(struct tui *t)
{
	struct frame	*f = view_top(t);

	erase();
	if (LINES < 3 || COLS < 12) {
		puts_at(0, 0, "too small", COLS);
		move(0, 0);
	} else if (f != NULL)
		f->v->draw(t, f);
	refresh();
}

static void
loop(struct tui *t, struct reading *r)
{
	bool	busy = r != NULL;
	int	rc, k;
	wint_t	ch;

	if (busy && reading_poll(t, r))
		busy = false;
	while (!t->quit && !tui_got_term) {
		/* a library read or searched meanwhile: look now and then */
		timeout(busy || t->job != NULL ? 100 : -1);
		tui_redraw(t);
		rc = get_wch(&ch);
		if (tui_got_term)
			break;
		if (busy && reading_poll(t, r))
			busy = false;
		library_search_poll(t, false);
		if (rc == ERR)
			continue;
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			t->laid = false;
			continue;
		}
		if (rc == KEY_CODE_YES && ch == KEY_MOUSE) {
			MEVENT	ev;

			if (getmouse(&ev) != OK)
				continue;
			if (ev.bstate & BUTTON1_PRESSED) {
				struct frame	*f = view_top(t);

				if (f != NULL && f->v == &view_reader)
					reader_click(t, ev.y, ev.x);
				else if (f != NULL)
					list_click(t, f, ev.y);
				continue;
			}
			/* three lines a notch, as terminals scroll */
			for (k = 0; k < 3; k++)
				if (ev.bstate & BUTTON4_PRESSED)
					commands_run(t, CMD_LINE_UP);
				else if (ev.bstate & BUTTON5_PRESSED)
					commands_run(t, CMD_LINE_DOWN);
			continue;
		}
		if (rc == OK && ch >= KEYMAP_SIZE)
			continue;	/* a wide character: not a key */
		/* digits no key is bound to: a count for the next key */
		if (rc == OK && ch >= '0' && ch <= '9' && (ch != '0' ||
		    t->count > 0) && keymap_lookup(&t->km, (int)ch) == CMD_NONE) {
			if (t->count < 100000)
				t->count = t->count * 10 + (size_t)(ch - '0');
			status(t, "%zu", t->count);
			continue;
		}
		if (rc == OK && ch == 27 && escape_sequence()) {
			status(t, "a key this terminal's entry does not name");
			continue;
		}
		commands_run(t, keymap_lookup(&t->km, (int)ch));
	}
	if (busy && !r->taken) {
		atomic_store(&r->stop, true);
		pthread_join(r->th, NULL);
		r->taken = true;
		if (r->ok)
			archive_close(&r->ar);
	}
	/* a search's thread reads the library: done before it goes */
	if (t->job != NULL)
		library_search_poll(t, true);
}

static void
finish_screen(SCREEN *screen)
{
	/*
	 * A terminal without an alternate screen (vt100) keeps what was
	 * drawn: clear it, so that no status line stays under the prompt.
	 */
	char	*rmcup = tigetstr("rmcup");

	if (rmcup == NULL || rmcup == (char *)-1 || *rmcup == '\0') {
		clear();
		refresh();
	}
	endwin();
	delscreen(screen);
}

/*
 * Where a library opens: on the issue last read when it is unfinished
 * (Enter continues it), else on the newest one not read yet.
 */
static void
library_start(struct tui *t)
{
	const struct readmark	*r, *last = NULL;
	size_t			 i, pick = (size_t)-1;

	for (i = 0; i < t->nreads; i++)
		if (last == NULL || t->reads[i].when > last->when)
			last = &t->reads[i];
	if (last != NULL && !last->done &&
	    (pick = entry_of(&t->ar, last->path)) != (size_t)-1) {
		t->stack[0].sel = lib_entry(t, pick);
		status(t, "Enter: continue %s at article %zu/%zu",
		    t->ar.v[pick].date[0] ? t->ar.v[pick].date : "undated",
		    last->article + 1, last->narticles);
		return;
	}
	/* newest first in the list: the first row not read */
	for (i = 0; i < t->ar.n; i++) {
		r = state_find_read(t->reads, t->nreads,
		    t->ar.v[lib_entry(t, i)].path);
		if (r == NULL) {
			t->stack[0].sel = i;
			if (i > 0)
				status(t, "Enter: the newest issue not read, %s",
				    t->ar.v[lib_entry(t, i)].date);
			return;
		}
	}
}

static bool
open_file(struct tui *t, const char *target, const struct stat *st)
{
	const char	*err;
	size_t		 i;

	/*
	 * A file among its folder's issues, so that reading on past its
	 * end goes to the next day's, as in a library; the file alone when
	 * its folder cannot be listed.
	 */
	if (!S_ISREG(st->st_mode) || !archive_open_folder_of(&t->ar, target,
	    t->cachedir, &err) || (i = entry_of(&t->ar, target)) == (size_t)-1) {
		archive_close(&t->ar);
		i = 0;
		if (!archive_open(&t->ar, target, t->cachedir, &err)) {
			say("%s: %s", target, err);
			return false;
		}
	}
	library_ready(t);
	if (t->ar.n == 0) {
		say("%s: no issue here", target);
		return false;
	}
	if (!issue_open(t, i)) {
		say("%s", t->msg);
		return false;
	}
	/* what issue_open said (a day's file left out) stays on show */
	issue_show(t, t->was_reading);
	return true;
}

/* The issue or library opened before the screen: errors stay plain. */
static bool
open_target(struct tui *t, const char *target, const struct stat *st)
{
	const char	*err;

	t->library = S_ISDIR(st->st_mode) && !day_is(target);
	if (t->library) {
		/*
		 * Listed at once by file names (a walk is quick), then read
		 * on a thread; a folder without issues is told now.
		 */
		if (!archive_scan(&t->ar, target, &err)) {
			say("%s: %s", target, err);
			return false;
		}
		archive_name_dates(&t->ar);
		library_ready(t);
		t->nread = t->ar.n;
		if (t->ar.n == 0)
			say("%s: no issues (*.txt, *.md) in this folder", target);
		return t->ar.n > 0;
	}
	return open_file(t, target, st);
}


/* The config's [keys] over the defaults; each problem said, with its line. */
static void
bind_keys(struct keymap *km, const struct config *cf)
{
	char	msg[256];
	size_t	i;

	keymap_defaults(km);
	for (i = 0; i < cf->nkeys; i++)
		if (!keymap_bind(km, cf->keys[i].command, cf->keys[i].keys,
		    msg, sizeof msg) || msg[0] != '\0')
			say("%s:%d: [keys] %s",
			    cf->path ? cf->path : "config", cf->keys[i].line, msg);
}

/* The cache and state folders (said when missing), and what was read. */
static void
open_folders(struct tui *t)
{
	const char	*why;

	t->cachedir = paths_dir(PATHS_CACHE, &why);
	if (why != NULL)
		say("cache folder: %s; working without a cache", why);
	t->statedir = paths_dir(PATHS_STATE, &why);
	if (why != NULL)
		say("state folder: %s; positions and bookmarks are not kept",
		    why);
	state_load_reads(t->statedir, &t->reads, &t->nreads);
}

/* The library: listed at once by names, read on a thread meanwhile. */
static void
run_library(struct tui *t, struct reading *r, const char *target)
{
	view_show(t, &view_library);
	library_start(t);
	r->dir = target;
	r->cachedir = t->cachedir;
	if (pthread_create(&r->th, NULL, reading_run, r) != 0) {
		reading_run(r);
		reading_poll(t, r);
		loop(t, NULL);
		return;
	}
	/* tests: the read done before the loop first looks */
	if (getenv("KANBAO_TEST_READ_FIRST") != NULL)
		while (!atomic_load(&r->finished))
			nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	loop(t, r);
}

static void
tui_free(struct tui *t)
{
	if (t->trace != NULL)
		fclose(t->trace);
	layout_free(&t->lay);
	issue_free(t->is);
	free(t->path);
	archive_close(&t->ar);
	query_free_hits(t->hits, t->nhits);
	state_free_marks(t->marks, t->nmarks);
	state_free_reads(t->reads, t->nreads);
	free(t->query);
	free(t->help_query);
	free(t->statedir);
	free(t->cachedir);
}

int
tui_main(const char *target, const struct config *cf, bool linear,
    const char *warnings)
{
	struct tui	 t;
	struct reading	 r;
	struct stat	 st;
	const char	*why, *p, *nl;
	char		*canon = NULL;
	char		 fell_back[160] = "";
	SCREEN		*screen;
	int		 rc = 1;

	memset(&t, 0, sizeof t);
	memset(&r, 0, sizeof r);
	t.cf = cf;
	t.linear = linear;
	bind_keys(&t.km, cf);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		say("the reader needs a terminal; "
		    "use --dump or --toc for plain text");
		return 1;
	}
	if (stat(target, &st) != 0) {
		say("%s: %s", target, strerror(errno));
		return 1;
	}
	/*
	 * Positions and bookmarks are kept by the issue's path: the same
	 * whether the library was named /abs/lib, lib or through a link.
	 */
	if ((canon = realpath(target, NULL)) != NULL)
		target = canon;
	draw_set_ambiguous(cf->ambiguous);
	open_folders(&t);
	/* the reader's choices of earlier sessions; --linear for this one */
	if (state_load_prefs(t.statedir, &t.columns, &t.linear))
		t.linear |= linear;
	if (!open_target(&t, target, &st))
		goto fail;
	/* shown before the screen takes over, and on the status line */
	for (p = warnings; p != NULL && (nl = strchr(p, '\n')) != NULL;
	    p = nl + 1)
		say("%.*s", (int)(nl - p), p);
	if (t.statedir != NULL)
		state_load_marks(t.statedir, &t.marks, &t.nmarks);
	if ((p = getenv("KANBAO_TRACE")) != NULL && *p != '\0' &&
	    (t.trace = open_trace(p, &why)) == NULL)
		say("KANBAO_TRACE=%s: %s", p, why);
	signals();
	if ((screen = start_curses(fell_back, sizeof fell_back)) == NULL) {
		say("cannot start the terminal");
		goto fail;
	}
	colours(&t);
	/* mouse = off leaves the mouse to the terminal: text selects */
	if (!cf->no_mouse)
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED,
		    NULL);
	layout_init(&t.lay);
	if (warnings != NULL && *warnings != '\0')
		status(&t, "%.*s", (int)strcspn(warnings, "\n"), warnings);
	if (fell_back[0] != '\0')
		status(&t, "%s", fell_back);
	if (t.library)
		run_library(&t, &r, target);
	else
		loop(&t, NULL);
	issue_save_position(&t);
	finish_screen(screen);
	rc = 0;
fail:
	tui_free(&t);
	free(canon);
	return rc;
}

void
tui_print_keys(FILE *f)
{
	struct keymap	km;

	keymap_defaults(&km);
	keymap_print(&km, f);
}
