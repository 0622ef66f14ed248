/*
 * vtdrive: runs a program in a pseudo-terminal and reads its screen through
 * libvterm, as a person at a terminal would: keys in, screen out.
 *
 * usage: vtdrive SCRIPT
 * Script lines (one command each, # comments):
 *   spawn COLS ROWS PROGRAM ARG...   start it (environment is inherited)
 *   keys TEXT        type TEXT; <Space> <Enter> <Esc> <Up> <Down> <Left>
 *                    <Right> <PgUp> <PgDn> <C-x> name keys
 *   expect TEXT      the screen shows TEXT within 30 seconds
 *   absent TEXT      the screen does not show TEXT once output settles
 *   cursor TEXT      the row under the cursor shows TEXT (once output
 *                    settles, waiting up to 30 seconds for it)
 *   marked TEXT      the screen shows TEXT underlined (a search hit)
 *   resize COLS ROWS resize the terminal (SIGWINCH)
 *   signal NAME      send HUP, TERM, INT or WINCH
 *   storm N          N random resizes between 1x1 and 500x200
 *   exit CODE        the program exits with CODE within 30 seconds
 *   notitle          the program never set the window title
 *   raw TEXT         the program wrote the bytes TEXT (\e for ESC, \\ for
 *                    a backslash) since it started, within 30 seconds
 *   scribble TEXT    TEXT (escapes as raw) lands on the screen as if
 *                    another program wrote it to the terminal
 *   sleep MS
 *   screen           print the screen
 * Exits 0 when every command held, 1 at the first that did not (printing
 * the screen), 2 on bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

/*
 * How long expect and exit wait: a bound for a hang, not a speed test; a
 * busy machine running the ASan build takes many times the usual time.
 */
#define WAIT_MS	30000
#define QUIET_MS	300	/* no output this long: the screen is drawn */

static VTerm		*vt;
static VTermScreen	*vs;
static int		 master = -1, rows, cols, titles, status = -1;
static char		*raw;		/* what the program wrote, the last MiB */
static size_t		 rawlen;
#define RAW_MAX		(1 << 20)
static pid_t		 child = -1;
static const char	*script;
static int		 lineno;

static long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int
on_prop(VTermProp prop, VTermValue *val, void *user)
{
	(void)val;
	(void)user;
	if (prop == VTERM_PROP_TITLE || prop == VTERM_PROP_ICONNAME)
		titles++;
	return 1;
}

static void
on_output(const char *s, size_t len, void *user)
{
	(void)user;
	if (master >= 0)
		(void)!write(master, s, len);
}

/* Reads what the program wrote for up to ms milliseconds. */
/*
 * Reads what the program writes for ms milliseconds into the screen; with
 * discard, throws it away (see storm).
 */
/* Keeps the program's bytes (the last RAW_MAX of them) for raw. */
static void
keep_raw(const char *b, size_t n)
{
	if (raw == NULL && (raw = malloc(RAW_MAX)) == NULL)
		return;
	if (n >= RAW_MAX) {
		b += n - RAW_MAX / 2;
		n = RAW_MAX / 2;
	}
	if (rawlen + n > RAW_MAX) {
		memmove(raw, raw + rawlen - RAW_MAX / 2, RAW_MAX / 2);
		rawlen = RAW_MAX / 2;
	}
	memcpy(raw + rawlen, b, n);
	rawlen += n;
}

/* TEXT with \e and \\ escapes into want; its length. */
static size_t
unescape(const char *text, char *want, size_t size)
{
	size_t	i, k = 0;

	for (i = 0; text[i] != '\0' && k + 1 < size; i++) {
		if (text[i] == '\\' && text[i + 1] == 'e') {
			want[k++] = '\033';
			i++;
		} else if (text[i] == '\\' && text[i + 1] == '\\') {
			want[k++] = '\\';
			i++;
		} else
			want[k++] = text[i];
	}
	return k;
}

/* Whether the program wrote TEXT (with \e and \\ escapes). */
static bool
raw_has(const char *text)
{
	char	want[1024];
	size_t	k = unescape(text, want, sizeof want);

	return raw != NULL && k > 0 && memmem(raw, rawlen, want, k) != NULL;
}

/* Reads the program's output for ms; how many bytes came. */
static size_t
pump_into(int ms, bool discard)
{
	struct pollfd	p;
	char		buf[65536];
	ssize_t		n;
	long		end = now_ms() + ms;
	size_t		got = 0;

	while (master >= 0) {
		long	left = end - now_ms();

		p.fd = master;
		p.events = POLLIN;
		if (poll(&p, 1, left > 0 ? (int)left : 0) <= 0)
			break;
		n = read(master, buf, sizeof buf);
		if (n <= 0)
			break;
		if (!discard)
			vterm_input_write(vt, buf, (size_t)n);
		keep_raw(buf, (size_t)n);
		got += (size_t)n;
	}
	return got;
}

static void
pump(int ms)
{
	pump_into(ms, false);
}

/*
 * Reads until the program has written nothing for QUIET_MS (WAIT_MS at
 * most): what a key changes is on the screen, even on a busy machine.
 */
static void
settle(void)
{
	long	end = now_ms() + WAIT_MS;

	while (pump_into(QUIET_MS, false) > 0 && now_ms() < end)
		;
}

/* Row y of the screen as UTF-8; colof[byte] its cell's column if wanted. */
static void
row_text_at(int y, char *out, size_t cap, int *colof)
{
	VTermScreenCell	cell;
	VTermPos	pos;
	size_t		n = 0;
	int		x, i;

	for (x = 0; x < cols && n + 8 < cap; x++) {
		pos.row = y;
		pos.col = x;
		vterm_screen_get_cell(vs, pos, &cell);
		if (cell.chars[0] == 0) {
			if (colof != NULL)
				colof[n] = x;
			out[n++] = ' ';
			continue;
		}
		for (i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++) {
			uint32_t	c = cell.chars[i];
			size_t		k = n;

			if (c < 0x80)
				out[n++] = (char)c;
			else if (c < 0x800) {
				out[n++] = (char)(0xc0 | (c >> 6));
				out[n++] = (char)(0x80 | (c & 0x3f));
			} else if (c < 0x10000) {
				out[n++] = (char)(0xe0 | (c >> 12));
				out[n++] = (char)(0x80 | ((c >> 6) & 0x3f));
				out[n++] = (char)(0x80 | (c & 0x3f));
			} else {
				out[n++] = (char)(0xf0 | (c >> 18));
				out[n++] = (char)(0x80 | ((c >> 12) & 0x3f));
				out[n++] = (char)(0x80 | ((c >> 6) & 0x3f));
				out[n++] = (char)(0x80 | (c & 0x3f));
			}
			while (colof != NULL && k < n)
				colof[k++] = x;
		}
		if (cell.width == 2)
			x++;
	}
	out[n] = '\0';
}

static void
row_text(int y, char *out, size_t cap)
{
	row_text_at(y, out, cap, NULL);
}

static void
print_screen(FILE *f)
{
	char	line[4096];
	int	y;

	for (y = 0; y < rows; y++) {
		row_text(y, line, sizeof line);
		fprintf(f, "|%s|\n", line);
	}
}

/*
 * TEXT on a row, or across rows as a line the terminal wrapped: the rows
 * joined, so that no check depends on how long a path in a message is.
 */
static bool
screen_has(const char *text)
{
	char	line[4096], *all;
	size_t	n = 0, len;
	int	y;
	bool	found = false;

	if ((all = malloc((size_t)rows * sizeof line)) == NULL)
		return false;
	for (y = 0; y < rows && !found; y++) {
		row_text(y, line, sizeof line);
		found = strstr(line, text) != NULL;
		len = strlen(line);
		memcpy(all + n, line, len);
		n += len;
	}
	all[n] = '\0';
	found = found || strstr(all, text) != NULL;
	free(all);
	return found;
}

static bool
cursor_has(const char *text)
{
	VTermPos	pos;
	char		row[4096];

	vterm_state_get_cursorpos(vterm_obtain_state(vt), &pos);
	row_text(pos.row, row, sizeof row);
	return strstr(row, text) != NULL;
}

/* TEXT somewhere on the screen with every cell of it underlined. */
static bool
marked_has(const char *text)
{
	static int	colof[4096];
	char		line[4096], *p;
	VTermScreenCell	cell;
	VTermPos	pos;
	int		y;
	size_t		k;
	bool		all;

	for (y = 0; y < rows; y++) {
		row_text_at(y, line, sizeof line, colof);
		for (p = line; (p = strstr(p, text)) != NULL; p++) {
			all = true;
			pos.row = y;
			/* the cell each character of it starts in */
			for (k = 0; text[k] != '\0'; k++) {
				if (((unsigned char)text[k] & 0xc0) == 0x80)
					continue;
				pos.col = colof[p - line + (long)k];
				vterm_screen_get_cell(vs, pos, &cell);
				if (!cell.attrs.underline)
					all = false;
			}
			if (all)
				return true;
		}
	}
	return false;
}

static void
fail(const char *what, const char *arg)
{
	fprintf(stderr, "%s:%d: %s %s\n", script, lineno, what, arg ? arg : "");
	print_screen(stderr);
	if (child > 0)
		kill(child, SIGKILL);
	exit(1);
}

/* Waits until has(text) holds, WAIT_MS at most; whether it does. */
static bool
wait_until(bool (*has)(const char *), const char *text)
{
	long	end = now_ms() + WAIT_MS;

	while (!has(text) && now_ms() < end)
		pump(50);
	return has(text);
}

/* The same, failing with what when it does not. */
static void
wait_for(bool (*has)(const char *), const char *text, const char *what)
{
	if (!wait_until(has, text))
		fail(what, text);
}


static void
set_size(int c, int r)
{
	struct winsize	ws;

	memset(&ws, 0, sizeof ws);
	ws.ws_col = (unsigned short)c;
	ws.ws_row = (unsigned short)r;
	cols = c;
	rows = r;
	if (master >= 0)
		ioctl(master, TIOCSWINSZ, &ws);
	vterm_set_size(vt, r, c);
}

static void
spawn(char *args)
{
	char		*argv[64], *p;
	int		 c, r, n = 0;
	struct winsize	 ws;
	static VTermScreenCallbacks	cb;

	if (child > 0 && status == -1) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}
	if (vt != NULL)
		vterm_free(vt);
	if (master >= 0)
		close(master);
	master = -1;
	status = -1;
	titles = 0;
	rawlen = 0;
	c = (int)strtol(args, &p, 10);
	r = (int)strtol(p, &p, 10);
	while (n < 63 && (p = strtok(n == 0 ? p : NULL, " \t\n")) != NULL)
		argv[n++] = p;
	argv[n] = NULL;
	if (c < 1 || r < 1 || n == 0)
		fail("bad spawn", args);
	cols = c;
	rows = r;
	vt = vterm_new(r, c);
	vterm_set_utf8(vt, 1);
	vterm_output_set_callback(vt, on_output, NULL);
	vs = vterm_obtain_screen(vt);
	memset(&cb, 0, sizeof cb);
	cb.settermprop = on_prop;
	vterm_screen_set_callbacks(vs, &cb, NULL);
	vterm_screen_reset(vs, 1);
	memset(&ws, 0, sizeof ws);
	ws.ws_col = (unsigned short)c;
	ws.ws_row = (unsigned short)r;
	child = forkpty(&master, NULL, NULL, &ws);
	if (child == -1)
		fail("forkpty", strerror(errno));
	if (child == 0) {
		setenv("TERM", "xterm-256color", 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	pump(300);
}

static const struct {
	const char	*name, *seq;
} keynames[] = {
	{ "Space", " " }, { "Enter", "\r" }, { "Esc", "\033" }, { "Tab", "\t" },
	/* application cursor keys, as curses asks for with keypad() */
	{ "Up", "\033OA" }, { "Down", "\033OB" }, { "Right", "\033OC" },
	{ "Left", "\033OD" }, { "PgUp", "\033[5~" }, { "PgDn", "\033[6~" },
	{ "Home", "\033OH" }, { "End", "\033OF" }, { "BS", "\177" },
};

static void
keys(const char *s)
{
	char	out[1024];
	size_t	n = 0, i, k;

	while (*s != '\0' && n + 16 < sizeof out) {
		if (*s == '<') {
			const char	*e = strchr(s, '>');

			if (e != NULL) {
				k = (size_t)(e - s - 1);
				for (i = 0; i < sizeof keynames / sizeof keynames[0]; i++)
					if (strlen(keynames[i].name) == k &&
					    strncmp(s + 1, keynames[i].name, k) == 0)
						break;
				if (i < sizeof keynames / sizeof keynames[0]) {
					memcpy(out + n, keynames[i].seq,
					    strlen(keynames[i].seq));
					n += strlen(keynames[i].seq);
					s = e + 1;
					continue;
				}
				if (k == 3 && s[1] == 'C' && s[2] == '-') {
					out[n++] = (char)(s[3] & 0x1f);
					s = e + 1;
					continue;
				}
			}
		}
		out[n++] = *s++;
	}
	/* one key at a time, as typed */
	for (i = 0; i < n; i++) {
		size_t	len = 1;

		if (out[i] == '\033' && i + 2 < n && out[i + 1] == 'O')
			len = 3;
		else if (out[i] == '\033' && i + 1 < n && out[i + 1] == '[') {
			len = 2;
			while (i + len < n && !(out[i + len] >= 0x40 &&
			    out[i + len] <= 0x7e))
				len++;
			len++;
		}
		(void)!write(master, out + i, len);
		i += len - 1;
		pump(40);
	}
	pump(150);
}

static int
reap(int wait_ms)
{
	long	end = now_ms() + wait_ms;
	int	st;

	while (now_ms() < end) {
		pump(50);
		if (waitpid(child, &st, WNOHANG) == child) {
			status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
			return 1;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	FILE	*f;
	char	 line[2048], *arg;
	size_t	 n;

	if (argc != 2) {
		fprintf(stderr, "usage: vtdrive SCRIPT\n");
		return 2;
	}
	script = argv[1];
	if ((f = fopen(script, "r")) == NULL) {
		perror(script);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	while (fgets(line, sizeof line, f) != NULL) {
		lineno++;
		n = strlen(line);
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		arg = strchr(line, ' ');
		if (arg != NULL)
			*arg++ = '\0';
		else
			arg = line + n;
		if (strcmp(line, "spawn") == 0)
			spawn(arg);
		else if (child <= 0)
			fail("no program yet", line);
		else if (strcmp(line, "keys") == 0)
			keys(arg);
		else if (strcmp(line, "expect") == 0)
			wait_for(screen_has, arg, "expected");
		else if (strcmp(line, "raw") == 0)
			wait_for(raw_has, arg, "the program did not write"); else if (strcmp(line, "scribble") == 0) {
			char	b[1024];

			/* another writer on the terminal: the screen only */
			vterm_input_write(vt, b, unescape(arg, b, sizeof b));
		} else if (strcmp(line, "absent") == 0) {
			settle();
			if (screen_has(arg))
				fail("not expected", arg);
		} else if (strcmp(line, "marked") == 0) {
			settle();
			wait_for(marked_has, arg, "not shown underlined");
		} else if (strcmp(line, "cursor") == 0) {
			VTermPos	pos;
			char		row[4096];

			settle();
			if (!wait_until(cursor_has, arg)) {
				vterm_state_get_cursorpos(vterm_obtain_state(vt),
				    &pos);
				row_text(pos.row, row, sizeof row);
				fprintf(stderr, "cursor at row %d col %d: |%s|\n",
				    pos.row, pos.col, row);
				fail("cursor row lacks", arg);
			}
		} else if (strcmp(line, "resize") == 0) {
			int	c = atoi(arg), r = atoi(strchr(arg, ' ') ?
			    strchr(arg, ' ') : "0");

			if (c < 1 || r < 1)
				fail("bad resize", arg);
			set_size(c, r);
			kill(child, SIGWINCH);
			pump(250);
		} else if (strcmp(line, "storm") == 0) {
			/*
			 * N resizes from 1x1 to 500x200, as fast as they come.
			 * Only the program's terminal changes size: what it
			 * draws meanwhile is read and thrown away, because
			 * libvterm 0.3 itself crashes on output written for a
			 * size it has since left; the next resize redraws.
			 */
			int		k, times = atoi(arg);
			struct winsize	ws;

			srand(42);
			for (k = 0; k < times; k++) {
				memset(&ws, 0, sizeof ws);
				ws.ws_col = (unsigned short)(1 + rand() % 500);
				ws.ws_row = (unsigned short)(1 + rand() % 200);
				ioctl(master, TIOCSWINSZ, &ws);
				kill(child, SIGWINCH);
				if (k % 10 == 0)
					pump_into(5, true);
			}
			pump_into(300, true);
			/* back to the screen's size: the program redraws */
			memset(&ws, 0, sizeof ws);
			ws.ws_col = (unsigned short)cols;
			ws.ws_row = (unsigned short)rows;
			ioctl(master, TIOCSWINSZ, &ws);
			kill(child, SIGWINCH);
			pump(300);
			if (waitpid(child, NULL, WNOHANG) == child)
				fail("died in the resize storm", NULL);
		} else if (strcmp(line, "signal") == 0) {
			int	sig = strcmp(arg, "HUP") == 0 ? SIGHUP :
			    strcmp(arg, "TERM") == 0 ? SIGTERM :
			    strcmp(arg, "INT") == 0 ? SIGINT :
			    strcmp(arg, "WINCH") == 0 ? SIGWINCH : 0;

			if (sig == 0)
				fail("bad signal", arg);
			kill(child, sig);
			pump(100);
		} else if (strcmp(line, "exit") == 0) {
			if (!reap(WAIT_MS))
				fail("did not exit", arg);
			if (status != atoi(arg)) {
				char	msg[64];

				snprintf(msg, sizeof msg, "%d, want %d", status, atoi(arg));
				fail("exit status", msg);
			}
		} else if (strcmp(line, "columns2") == 0) {
			char	row[4096];
			int	y, ok = 0;

			pump(200);
			for (y = 0; y < rows && !ok; y++) {
				VTermScreenCell	a, b;
				VTermPos	pa = { y, 2 }, pb = { y, cols / 2 + 2 };

				vterm_screen_get_cell(vs, pa, &a);
				vterm_screen_get_cell(vs, pb, &b);
				ok = a.chars[0] > ' ' && b.chars[0] > ' ';
			}
			(void)row;
			if (!ok)
				fail("no row shows two columns", NULL);
		} else if (strcmp(line, "notitle") == 0) {
			if (titles > 0)
				fail("the window title was set", NULL);
		} else if (strcmp(line, "sleep") == 0)
			pump(atoi(arg));
		else if (strcmp(line, "screen") == 0)
			print_screen(stdout);
		else
			fail("unknown command", line);
	}
	fclose(f);
	if (child > 0 && status == -1) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}
	vterm_free(vt);
	return 0;
}
