/*
 * kanbao: a terminal reader for daily newspaper issues.
 *
 * main.c parses the command line and runs one of the modes: the reader
 * (tui/), or the plain-text outputs --dump, --toc, --list and --search.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "model/archive.h"
#include "model/search.h"
#include "model/buf.h"
#include "model/file.h"
#include "model/issue.h"
#include "model/layout.h"
#include "model/text.h"
#include "model/day.h"
#include "tree.h"
#include "app/config.h"
#include "app/paths.h"
#include "tui/tui.h"

#ifndef KANBAO_VERSION
#define KANBAO_VERSION "0.1"
#endif
#ifndef KANBAO_DATADIR
#define KANBAO_DATADIR "/usr/local/share/kanbao"
#endif

enum mode { M_READ, M_DUMP, M_TOC, M_TREE, M_LIST, M_SEARCH };

struct args {
	enum mode	 mode;
	const char	*config;
	const char	*query;
	int		 width, columns, height;
	bool		 linear;
	const char	*locale_note;	/* the reader's: see utf8_locale() */
	struct buf	*warn;		/* the config's warnings, for the reader */
};

static void
usage(FILE *f)
{
	fprintf(f,
"usage: kanbao [--config FILE] [--linear] [FILE|DIR]\n"
"       kanbao --dump [--width W] [--columns N] [--height H] [--linear] FILE\n"
"       kanbao --toc FILE\n"
"       kanbao --tree FILE\n"
"       kanbao --list DIR\n"
"       kanbao --search QUERY [DIR]\n"
"       kanbao --help | --version\n");
}

static void
help(void)
{
	printf("kanbao %s: read daily newspaper issues in the terminal.\n\n",
	    KANBAO_VERSION);
	usage(stdout);
	printf(
"\n"
"  FILE|DIR            open an issue, or a folder of issues; with neither,\n"
"                      the configured library, else the bundled samples\n"
"  --dump FILE         print the reader's layout as plain text\n"
"  --width W           cells per line for --dump (default: terminal, or 80)\n"
"  --columns N         columns for --dump (default: config, else 1)\n"
"  --height H          rows per page for --dump; pages end with a form feed\n"
"  --linear            one column, headings marked == and --, for screen\n"
"                      readers and braille displays\n"
"  --toc FILE          table of contents as TSV\n"
"  --tree FILE         the parsed model: format, script, damage, blocks\n"
"  --list DIR          one line per issue, oldest first: PATH DATE TITLE\n"
"  --search QUERY [DIR]\n"
"                      articles holding every word of QUERY, newest first\n"
"  --config FILE       settings (default: $XDG_CONFIG_HOME/kanbao/config.ini)\n"
"  --help, --version\n"
"\n"
"Keys in the reader (the config's [keys] rebinds them: next-page = Space f):\n");
	tui_print_keys(stdout);
	printf("\nSettings:\n");
	config_print_help(stdout);
	printf("\nExit status: 0 success, 1 bad input or runtime error, 2 bad usage.\n");
}

/*
 * Everything printed goes through text_clean_out(): a control character,
 * a bidi control or a byte that is not UTF-8 becomes '?', as ls(1) shows
 * a file name, whatever the string came from (an issue, a file name, a
 * cache file, the config file).  In TSV fields, tabs and newlines become
 * spaces.
 */
static void
put_clean(FILE *f, const char *s, bool tsv)
{
	struct buf	b = { 0 };

	text_clean_out(&b, s, strlen(s), tsv);
	if (b.len > 0)
		fwrite(b.p, 1, b.len, f);
	buf_free(&b);
}

static void
put_path(const char *s)
{
	put_clean(stdout, s, false);
}

/* A TSV field: '-' when empty. */
static void
field(const char *s)
{
	putchar('\t');
	if (s == NULL || *s == '\0')
		putchar('-');
	else
		put_clean(stdout, s, true);
}

/* One error line on stderr: kanbao: WHAT: PROBLEM. */
static void
say(const char *what, const char *problem)
{
	fputs("kanbao: ", stderr);
	put_clean(stderr, what, true);
	fputs(": ", stderr);
	put_clean(stderr, problem, true);
	fputc('\n', stderr);
}

static int
bad_usage(const char *what, const char *problem)
{
	say(what, problem);
	usage(stderr);
	return 2;
}

static bool
number(const char *s, int min, int max, int *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < min || v > max)
		return false;
	*out = (int)v;
	return true;
}

static int
terminal_width(void)
{
	struct winsize	ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Reads and parses path; on failure prints why and returns NULL. */
static struct issue *
load(const char *path, const struct config *cf)
{
	struct issue_opts	 o = { .keep_punct = cf->keep_punct };
	struct issue		*is;
	struct buf		 skipped = { 0 };
	const char		*err, *p, *e;
	char			*s;
	size_t			 n;

	if ((s = day_read(path, &n, &err, &skipped)) == NULL) {
		say(path, err);
		buf_free(&skipped);
		return NULL;
	}
	/* a day's file left out is said, a line each: kanbao: FILE: why */
	for (p = skipped.p; p != NULL && p < skipped.p + skipped.len; p = e + 1) {
		e = memchr(p, '\n', (size_t)(skipped.p + skipped.len - p));
		fprintf(stderr, "kanbao: %.*s (left out)\n", (int)(e - p), p);
	}
	buf_free(&skipped);
	is = issue_parse_free(s, n, &o, &err);
	if (is == NULL)
		say(path, err);
	return is;
}

static void
put_row(struct buf *row, int *at, int col, const struct lline *ln)
{
	int	i;

	for (; *at < col; (*at)++)
		buf_addc(row, ' ');
	for (i = 0; i < ln->indent; i++)
		buf_adds(row, "\xe3\x80\x80");
	text_line_out(row, ln->s, ln->len);
	*at += ln->indent * 2 + ln->cells;
}

/*
 * The layout of the issue at path as text: written to stdout, or with
 * keep, kept there whole (the line-mode reader pages it).
 */
static int
render(const char *path, const struct args *a, const struct config *cf,
    struct buf *keep)
{
	struct issue		*is;
	struct layout		 l;
	struct layout_opts	 o;
	struct buf		 row = { 0 }, out = { 0 };
	size_t			*order = NULL, maxn = 0;
	int			 at, r, rc = 1;
	size_t			 p, k;

	if ((is = load(path, cf)) == NULL)
		return 1;
	config_layout_opts(cf, a->linear, &o);
	o.width = a->width > 0 ? a->width : terminal_width();
	o.columns = a->columns > 0 ? a->columns : cf->columns > 0 ?
	    cf->columns : 1;
	o.height = a->height;
	o.masthead = true;
	o.banners = true;
	layout_init(&l);
	if (!layout_issue(&l, is, &o, 0, is->narticles)) {
		say(path, "out of memory");
		goto fail;
	}
	for (p = 0; p < l.npages; p++)
		if (l.pages[p].n > maxn)
			maxn = l.pages[p].n;
	if ((order = calloc(maxn + 1, sizeof *order)) == NULL) {
		say(path, "out of memory");
		goto fail;
	}
	for (p = 0; p < l.npages; p++) {
		const struct lpage	*pg = &l.pages[p];

		if (p > 0)
			buf_adds(&out, o.height > 0 ? "\f\n" : "\n");
		if (!layout_page_rows(&l, p, order)) {
			say(path, "out of memory");
			goto fail;
		}
		for (r = 0, k = 0; r < pg->rows; r++) {
			row.len = 0;
			at = 0;
			for (; k < pg->n; k++) {
				const struct placed	*pl = &l.placed[order[k]];

				if (pl->row != r)
					break;
				put_row(&row, &at, pl->col, &l.lines[pl->line]);
			}
			while (row.len > 0 && row.p[row.len - 1] == ' ')
				row.len--;
			buf_add(&out, row.p, row.len);
			buf_addc(&out, '\n');
			if (keep == NULL && out.len > 1 << 16) {
				fwrite(out.p, 1, out.len, stdout);
				out.len = 0;
			}
		}
	}
	if (out.failed) {
		say(path, "out of memory");
		goto fail;
	}
	if (keep != NULL) {
		*keep = out;
		memset(&out, 0, sizeof out);
		rc = 0;
		goto fail;
	}
	fwrite(out.p ? out.p : "", 1, out.len, stdout);
	rc = fflush(stdout) == 0 ? 0 : 1;
fail:
	buf_free(&row);
	free(order);
	buf_free(&out);
	layout_free(&l);
	issue_free(is);
	return rc;
}

static int
toc(const char *path, const struct args *args, const struct config *cf)
{
	char		 date[11];
	struct issue	*is;
	char		 pages[16];
	size_t		 i;

	(void)args;
	if ((is = load(path, cf)) == NULL)
		return 1;
	/* the masthead's date, else the one in the file name, as --list */
	issue_date_of(is, path, date);
	fputs("issue", stdout);
	field(is->title);
	field(date);
	field(is->weekday);
	field(is->lunar);
	field(is->number);
	snprintf(pages, sizeof pages, "%d", is->pages);
	field(is->pages > 0 ? pages : NULL);
	putchar('\n');
	for (i = 0; i < is->narticles; i++) {
		const struct article	*a = &is->articles[i];

		printf("%zu", i + 1);
		field(issue_kind_name(a->kind));
		field(a->headline);
		field(a->deck);
		field(a->byline);
		field(a->kicker);
		putchar('\n');
	}
	issue_free(is);
	return fflush(stdout) == 0 ? 0 : 1;
}

static int
tree(const char *path, const struct args *args, const struct config *cf)
{
	struct issue	*is;

	(void)args;
	if ((is = load(path, cf)) == NULL)
		return 1;
	tree_print(stdout, is);
	issue_free(is);
	return fflush(stdout) == 0 ? 0 : 1;
}

static int
dump(const char *path, const struct args *a, const struct config *cf)
{
	return render(path, a, cf, NULL);
}

/* A number from the environment (LINES, COLUMNS), else def. */
/* --dump's text of one issue for the line-mode pager: linear, one column. */
static int
pager_text(const char *path, int width, void *arg, struct buf *out)
{
	struct args	a = { M_DUMP, NULL, NULL, width, 1, 0, true, NULL, NULL };

	return render(path, &a, arg, out);
}

/* A progress bar on stderr, when it is a terminal and a build takes long. */
static void
progress(size_t done, size_t total, void *arg)
{
	struct timespec	*start = arg, now;
	double		 secs;
	int		 w = 30, k;

	if (!isatty(STDERR_FILENO) || total == 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	secs = (double)(now.tv_sec - start->tv_sec) +
	    (double)(now.tv_nsec - start->tv_nsec) / 1e9;
	if (secs < 0.5 && done < total)
		return;
	k = (int)((double)w * (double)done / (double)total);
	fprintf(stderr, "\rkanbao: indexing [%.*s%*s] %zu/%zu", k,
	    "##############################", w - k, "", done, total);
	if (done >= total)
		fputc('\n', stderr);
}

/* The cache folder, or NULL (with one line saying why, when refused). */
static char *
cache_dir(void)
{
	const char	*why;
	char		*d = paths_dir(PATHS_CACHE, &why);

	if (d == NULL && why != NULL) {
		fputs("kanbao: cache folder: ", stderr);
		put_clean(stderr, why, true);
		fputs("; working without a cache\n", stderr);
	}
	return d;
}

static int
list(const char *dir, const struct args *args, const struct config *cf)
{
	struct archive	 ar;
	const char	*err;
	size_t		 i;
	char		*cache = cache_dir();

	(void)args;
	(void)cf;
	if (!archive_open(&ar, dir, cache, &err)) {
		say(dir, err);
		free(cache);
		return 1;
	}
	free(cache);
	for (i = 0; i < ar.n; i++) {
		put_path(ar.v[i].path);
		field(ar.v[i].date[0] ? ar.v[i].date : NULL);
		field(ar.v[i].title);
		putchar('\n');
	}
	archive_close(&ar);
	return fflush(stdout) == 0 ? 0 : 1;
}

static int
search(const char *query, const char *dir, const struct config *cf)
{
	struct archive		 ar;
	struct query_hit	*hits = NULL;
	size_t			 nhits = 0, i;
	const char		*err, *warn;
	struct stat		 st;
	char			*cache;
	struct timespec		 start;

	(void)cf;
	if (stat(dir, &st) != 0) {
		say(dir, strerror(errno));
		return 1;
	}
	cache = cache_dir();
	/* the index knows the dates: no need to read the list cache */
	if (!(cache ? archive_scan(&ar, dir, &err) :
	    archive_open(&ar, dir, NULL, &err))) {
		say(dir, err);
		free(cache);
		return 1;
	}
	ar.index_memory = (size_t)cf->index_memory << 20;
	clock_gettime(CLOCK_MONOTONIC, &start);
	if (!search_library(&ar, query, cache, progress, &start, &hits, &nhits,
	    &err, &warn)) {
		say("--search", err);
		archive_close(&ar);
		free(cache);
		return 1;
	}
	free(cache);
	if (warn != NULL) {
		fputs("kanbao: --search: ", stderr);
		put_clean(stderr, warn, true);
		fputs("; searched the files without it\n", stderr);
	}
	for (i = 0; i < nhits; i++) {
		put_path(ar.v[hits[i].entry].path);
		field(hits[i].date[0] ? hits[i].date : NULL);
		field(hits[i].headline);
		field(hits[i].snippet);
		putchar('\n');
	}
	query_free_hits(hits, nhits);
	archive_close(&ar);
	return fflush(stdout) == 0 ? 0 : 1;
}

/*
 * Ctrl-C (or SIGTERM, SIGHUP) during a cache or index build: the build's
 * temporary files (NAME.tmp.PID.XXXXXX in the cache folder) are removed
 * before the process dies by the signal, with calls safe in a handler
 * only.  The folder is opened beforehand; its descriptor and our files'
 * mark are all the handler needs.
 */
static int	clean_fd = -1;
static char	clean_mark[32];		/* ".tmp.PID." */

static bool
has_mark(const char *name)
{
	size_t	i, k;

	for (i = 0; name[i] != '\0'; i++) {
		for (k = 0; clean_mark[k] != '\0' && name[i + k] ==
		    clean_mark[k]; k++)
			;
		if (clean_mark[k] == '\0')
			return true;
	}
	return false;
}

static void
clean_and_die(int sig)
{
	union {
		struct dirent64	 d;	/* aligned as the records are */
		char		 b[8192];
	}		 u;
	long		 n, off;
	struct dirent64	*d;

	if (clean_fd != -1 && lseek(clean_fd, 0, SEEK_SET) == 0)
		while ((n = syscall(SYS_getdents64, clean_fd, u.b,
		    sizeof u.b)) > 0)
			for (off = 0; off < n; off += d->d_reclen) {
				d = (struct dirent64 *)(u.b + off);
				if (has_mark(d->d_name))
					unlinkat(clean_fd, d->d_name, 0);
			}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
clean_on_signals(void)
{
	struct sigaction	 sa;
	const char		*why;
	char			*dir = paths_dir(PATHS_CACHE, &why);

	if (dir == NULL)
		return;
	clean_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (clean_fd == -1)
		return;
	snprintf(clean_mark, sizeof clean_mark, ".tmp.%ld.", (long)getpid());
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = clean_and_die;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static const char *
default_target(const struct config *cf)
{
	static char	 path[PATH_MAX];
	struct stat	 st;
	char		*exe;
	ssize_t		 n;

	if (cf->library != NULL)
		return cf->library;
	/* in the build tree: build/kanbao -> assets/ */
	n = readlink("/proc/self/exe", path, sizeof path - 16);
	if (n > 0) {
		path[n] = '\0';
		if ((exe = strrchr(path, '/')) != NULL) {
			strcpy(exe, "/../assets");
			if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
				return path;
		}
	}
	/* installed: $(PREFIX)/share/kanbao */
	return KANBAO_DATADIR;
}

/*
 * Only the character set is the user's: the text engine measures and
 * breaks by itself, and messages stay in one language.  The reader needs
 * a UTF-8 one for ncurses: when the environment names none (LANG not
 * passed over ssh, LC_CTYPE=UTF-8 from a Mac), an installed UTF-8 locale
 * stands in, and the reader says so.  Returns that note, or NULL.
 */
static const char *
utf8_locale(void)
{
	static const char *const tries[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8",
	    "en_US.utf8" };
	const char	*cs;
	size_t		 i;

	if (setlocale(LC_CTYPE, "") != NULL && (cs = nl_langinfo(CODESET)) &&
	    (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0))
		return NULL;
	for (i = 0; i < sizeof tries / sizeof tries[0]; i++)
		if (setlocale(LC_CTYPE, tries[i]) != NULL)
			return tries[i];
	setlocale(LC_CTYPE, "C");
	return "";
}

static int
run_search(const char *target, const struct args *a, const struct config *cf)
{
	return search(a->query, target ? target : default_target(cf), cf);
}

/* The reader: full screen, or line by line where the terminal cannot. */
static int
run_reader(const char *target, const struct args *a, const struct config *cf)
{
	struct buf	*warn = a->warn, w = { 0 };

	if (a->locale_note != NULL && *a->locale_note == '\0') {
		say("locale", "no UTF-8 locale is installed (try "
		    "LANG=C.UTF-8, or install one with locale-gen); "
		    "the reader needs one");
		return 1;
	}
	if (a->locale_note != NULL) {
		buf_addf(&w, "locale: the environment's is not UTF-8; "
		    "using %s\n%s", a->locale_note, warn->p ? warn->p : "");
		buf_free(warn);
		*warn = w;
	}
	if (tui_line_terminal())
		return pager_main(target ? target : default_target(cf),
		    pager_text, (void *)cf);
	return tui_main(target ? target : default_target(cf), cf, a->linear,
	    warn->p);
}

/* What each mode is: its option, what it needs, and what runs it. */
static const struct {
	const char	*flag;		/* as a message names it */
	const char	*needs;		/* said when no FILE or DIR is given */
	bool		 caches;	/* writes caches: cleaned up on a signal */
	int		(*run)(const char *, const struct args *,
			    const struct config *);
} modes_of[] = {
	[M_READ] = { "kanbao", NULL, false, run_reader },
	[M_DUMP] = { "--dump", "needs a FILE", false, dump },
	[M_TOC] = { "--toc", "needs a FILE", false, toc },
	[M_TREE] = { "--tree", "needs a FILE", false, tree },
	[M_LIST] = { "--list", "needs a DIR", true, list },
	[M_SEARCH] = { "--search", NULL, true, run_search },
};

/*
 * The command line into a: -1 when the program goes on, else the exit
 * status (--help, --version: 0; bad usage: 2, said).
 */
static int
parse_args(int argc, char **argv, struct args *a)
{
	static const struct option	 longopts[] = {
		{ "dump", no_argument, NULL, 'd' },
		{ "toc", no_argument, NULL, 't' },
		{ "tree", no_argument, NULL, 'T' },
		{ "list", no_argument, NULL, 'L' },
		{ "search", required_argument, NULL, 's' },
		{ "width", required_argument, NULL, 'w' },
		{ "columns", required_argument, NULL, 'c' },
		{ "height", required_argument, NULL, 'H' },
		{ "linear", no_argument, NULL, 'l' },
		{ "config", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch, modes = 0;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': a->mode = M_DUMP; modes++; break;
		case 't': a->mode = M_TOC; modes++; break;
		case 'T': a->mode = M_TREE; modes++; break;
		case 'L': a->mode = M_LIST; modes++; break;
		case 's': a->mode = M_SEARCH; a->query = optarg; modes++; break;
		case 'l': a->linear = true; break;
		case 'C': a->config = optarg; break;
		case 'w':
			if (!number(optarg, 1, 10000, &a->width))
				return bad_usage("--width", "want a number from 1 to 10000");
			break;
		case 'c':
			if (!number(optarg, 1, 16, &a->columns))
				return bad_usage("--columns", "want a number from 1 to 16");
			break;
		case 'H':
			if (!number(optarg, 1, 100000, &a->height))
				return bad_usage("--height", "want a number from 1 to 100000");
			break;
		case 'h':
			help();
			return 0;
		case 'V':
			printf("kanbao %s\n", KANBAO_VERSION);
			return 0;
		case ':':
			return bad_usage(argv[optind - 1], "needs a value");
		default:
			return bad_usage(argv[optind - 1], "unknown option");
		}
	}
	if (modes > 1)
		return bad_usage("options",
		    "choose one of --dump, --toc, --tree, --list, --search");
	if (argc - optind > 1)
		return bad_usage(argv[optind + 1], "one FILE or DIR only");
	if (modes_of[a->mode].needs != NULL && optind == argc)
		return bad_usage(modes_of[a->mode].flag, modes_of[a->mode].needs);
	if (a->mode == M_SEARCH && *a->query == '\0')
		return bad_usage("--search", "needs a non-empty QUERY");
	/* the page's shape is --dump's; the reader takes the window's */
	if (a->mode != M_DUMP && (a->width > 0 || a->columns > 0 || a->height > 0))
		return bad_usage(a->width > 0 ? "--width" : a->columns > 0 ?
		    "--columns" : "--height", "only with --dump");

	return -1;
}

int
main(int argc, char **argv)
{
	struct args	 a = { M_READ, NULL, NULL, 0, 0, 0, false, NULL, NULL };
	struct config	 cf;
	struct buf	 warn = { 0 };
	const char	*target, *locale_note;
	int		 rc;

#ifdef M_MMAP_THRESHOLD
	/*
	 * Large vectors get mappings of their own, given back when freed: the
	 * threshold that glibc raises on its own once one is freed leaves the
	 * parser's freed vectors in the heap while the layout grows.
	 */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
	locale_note = utf8_locale();
	if ((rc = parse_args(argc, argv, &a)) >= 0)
		return rc;
	config_defaults(&cf);
	if (!config_load(&cf, a.config, &warn)) {
		if (warn.p != NULL)
			warn.p[strcspn(warn.p, "\n")] = '\0';
		fputs("kanbao: ", stderr);
		put_clean(stderr, warn.p ? warn.p : "config: unreadable", true);
		fputc('\n', stderr);
		buf_free(&warn);
		config_free(&cf);
		return 1;
	}
	if (warn.len > 0 && a.mode != M_READ) {
		/* each warning is one line: kanbao: FILE:LINE: problem */
		char	*line = warn.p, *nl;

		while ((nl = strchr(line, '\n')) != NULL) {
			*nl = '\0';
			fputs("kanbao: ", stderr);
			put_clean(stderr, line, true);
			fputc('\n', stderr);
			line = nl + 1;
		}
	}
	target = optind < argc ? argv[optind] : NULL;
	if (modes_of[a.mode].caches)
		clean_on_signals();
	a.locale_note = locale_note;
	a.warn = &warn;
	rc = modes_of[a.mode].run(target, &a, &cf);
	buf_free(&warn);
	config_free(&cf);
	return rc;
}
