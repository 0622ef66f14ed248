/*
 * tui: the reader.  One struct tui holds the whole session; views draw from
 * it, commands (tui/keymap.h) change it, the main loop only reads keys and
 * dispatches.  Signal handlers set flags and nothing else.
 */
#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "../model/archive.h"
#include "../model/search.h"
#include "../model/buf.h"
#include "../model/date.h"
#include "../model/file.h"
#include "../model/issue.h"
#include "../model/layout.h"
#include "../model/text.h"
#include "../model/vault.h"
#include "../app/paths.h"
#include "../app/state.h"
#include "keymap.h"
#include "tui.h"

bool	tui_can_address(void);	/* caps.c: term.h kept apart */

enum view { V_LIBRARY, V_CONTENTS, V_READER, V_HELP, V_MARKS, V_RESULTS,
    V_CALENDAR };

enum pair { P_HEAD = 1, P_KICKER, P_STATUS, P_HIT, P_DIM };

struct tui {
	const struct config	*cf;
	struct keymap		 km;
	struct archive		 ar;		/* the library; n == 1 for a file */
	bool			 library;	/* opened on a folder */
	size_t			 issue_i;	/* index in ar.v */
	struct issue		*is;
	const char		*path;		/* of the open issue */
	enum view		 view, back;
	size_t			 sel, top;	/* list views */
	size_t			 art;		/* reader: article */
	size_t			 page;		/* reader: screen page */
	size_t			 line;		/* reader: placed line on the page */
	size_t			 ablock, aoff;	/* reader: anchor of the cursor */
	bool			 ahead;		/* reader: the cursor is in the header */
	int			 columns;	/* 0: automatic */
	bool			 linear;
	struct layout		 lay;
	bool			 laid;
	char			*query;
	struct query_hit	*hits;
	size_t			 nhits;
	size_t			 ndated;	/* issues with a date, first in ar */
	bool			 from_hit;	/* reader: q goes back to hit_sel */
	size_t			 hit_sel;
	struct bookmark		*marks;
	size_t			 nmarks;
	char			*statedir;
	char			*cachedir;
	int			 cy, cm, cd;	/* calendar: the selected day */
	char			 msg[200];
	bool			 color;
	bool			 quit;
};

static volatile sig_atomic_t	got_term;	/* SIGHUP, SIGTERM, SIGINT */
/* cells of an East Asian Ambiguous character, as the layout counts them */
static int			ambiguous = 1;

static void
on_term(int sig)
{
	got_term = sig;
}

/* ---- drawing helpers --------------------------------------------------- */

/*
 * Draws s[0..n-1] from (y, x) clipped to maxw cells; returns cells drawn.
 * Model text is sanitised already; this also guards strings from elsewhere
 * (file names, messages): a control character is drawn as '?'.
 */
/* One line on stderr, kanbao: ..., with nothing the terminal would obey. */
static void
say(const char *fmt, ...)
{
	struct buf	b = { 0 }, o = { 0 };
	va_list		ap;
	int		n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !buf_reserve(&b, (size_t)n + 1))
		return;
	va_start(ap, fmt);
	vsnprintf(b.p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	text_clean_out(&o, b.p, (size_t)n, true);
	fprintf(stderr, "kanbao: %.*s\n", (int)o.len, o.p ? o.p : "");
	buf_free(&b);
	buf_free(&o);
}

static int
put(int y, int x, const char *s, size_t n, int maxw)
{
	size_t		 i = 0, len;
	int		 w = 0, cw, ew = text_char_width(0x2026, ambiguous);
	text_char	 c;
	char		 e[8];
	bool		 cut = text_width(s, n, ambiguous) > (size_t)(maxw > 0 ?
			    maxw : 0);

	/* text cut short ends in "…" where it is cut */
	if (cut && maxw > ew)
		maxw -= ew;
	else
		cut = false;
	move(y, x);
	while (i < n) {
		len = text_decode(s + i, n - i, &c);
		if (c == 0xad) {
			/* a soft hyphen: '-' where the line breaks at it */
			if (i + len < n) {
				i += len;
				continue;
			}
			memcpy(e, "-", 2);
			cw = 1;
		} else if (text_is_unsafe(c, len)) {
			memcpy(e, "?", 2);
			cw = 1;
		} else {
			memcpy(e, s + i, len);
			e[len] = '\0';
			cw = text_char_width(c, ambiguous);
		}
		if (w + cw > maxw)
			break;
		addstr(e);
		w += cw;
		i += len;
	}
	if (cut) {
		addstr("…");
		w += ew;
	}
	return w;
}

static int
puts_at(int y, int x, const char *s, int maxw)
{
	return put(y, x, s ? s : "", s ? strlen(s) : 0, maxw);
}

static attr_t
style_attr(const struct tui *t, enum lstyle st)
{
	attr_t	a = A_NORMAL;

	switch (st) {
	case LS_HEADLINE:
		a = A_BOLD | (t->color ? COLOR_PAIR(P_HEAD) : 0);
		break;
	case LS_KICKER:
	case LS_MAST:
		a = t->color ? COLOR_PAIR(P_KICKER) : A_NORMAL;
		break;
	case LS_SUBHEAD:
	case LS_SECTION:
		a = A_BOLD;
		break;
	case LS_DECK:
	case LS_BYLINE:
	case LS_PHOTO:
		a = t->color ? COLOR_PAIR(P_DIM) : A_NORMAL;
		break;
	default:
		break;
	}
	if (t->cf->theme == THEME_HIGH_CONTRAST && st != LS_TEXT)
		a |= A_BOLD;
	return a;
}

static void
status(struct tui *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
status(struct tui *t, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
}

static void
draw_status(struct tui *t, const char *left)
{
	int		 y = LINES - 1, x = 0;
	const char	*sep = t->linear ? ", " : " | ";
	char		 plain[512];
	size_t		 i, k;

	/* linear mode: fields apart by commas, no '|' to read out */
	if (t->linear) {
		for (i = k = 0; left[i] != '\0' && k + 3 < sizeof plain; i++) {
			if (strncmp(left + i, " | ", 3) == 0) {
				memcpy(plain + k, ", ", 2);
				k += 2;
				i += 2;
			} else
				plain[k++] = left[i];
		}
		plain[k] = '\0';
		left = plain;
	}
	attrset(A_REVERSE | (t->color ? COLOR_PAIR(P_STATUS) : 0));
	move(y, 0);
	hline(' ', COLS);
	/* a message first, then where the reader is */
	if (t->msg[0] != '\0') {
		x = puts_at(y, 0, t->msg, COLS - 1);
		if (*left != '\0')
			x += puts_at(y, x, sep, COLS - 1 - x);
	}
	puts_at(y, x, left, COLS - 1 - x);
	attrset(A_NORMAL);
}

/* ---- issues ------------------------------------------------------------ */

/*
 * The library view lists the dated issues newest first, then the undated
 * ones (the archive has them oldest first, undated last): the entry of a
 * row, and the row of an entry, by the same map.
 */
static size_t
lib_entry(const struct tui *t, size_t i)
{
	return i < t->ndated ? t->ndated - 1 - i : i;
}

static void
save_position(struct tui *t)
{
	struct position	p;

	if (t->is == NULL || t->statedir == NULL)
		return;
	p.article = t->art;
	p.block = t->ahead ? (size_t)-1 : t->ablock;
	p.off = t->aoff;
	p.reading = t->view == V_READER;
	p.columns = t->columns;
	p.linear = t->linear;
	state_save_position(t->statedir, t->path, &p);
}

static bool
open_issue(struct tui *t, size_t i)
{
	struct issue_opts	 o = { .keep_punct = t->cf->keep_punct };
	struct issue		*is;
	struct position		 p;
	const char		*err;
	char			*s;
	size_t			 n;

	if (i >= t->ar.n)
		return false;
	t->from_hit = false;
	if ((s = vault_read(t->ar.v[i].path, &n, &err)) == NULL) {
		status(t, "%s: %s", t->ar.v[i].path, err);
		return false;
	}
	is = issue_parse(s, n, &o, &err);
	free(s);
	if (is == NULL) {
		status(t, "%s: %s", t->ar.v[i].path, err);
		return false;
	}
	save_position(t);
	issue_free(t->is);
	t->is = is;
	t->issue_i = i;
	t->path = t->ar.v[i].path;
	t->art = t->ablock = t->aoff = 0;
	t->ahead = true;
	t->page = t->line = 0;
	t->sel = t->top = 0;
	t->view = V_CONTENTS;
	t->laid = false;
	if (t->statedir && state_load_position(t->statedir, t->path, &p) &&
	    p.article < is->narticles) {
		t->art = p.article;
		t->ahead = p.block == (size_t)-1;
		t->ablock = t->ahead ? 0 : p.block;
		t->aoff = p.off;
		t->columns = p.columns;
		t->linear = p.linear || t->linear;
		t->sel = p.article;
		if (p.reading)
			t->view = V_READER;
	}
	return true;
}

/* ---- the reader -------------------------------------------------------- */

static int
auto_columns(struct tui *t, int width)
{
	int	g = 2, cw = t->cf->column_width;

	if (t->columns > 0)
		return t->columns;
	if (t->cf->columns > 0)
		return t->cf->columns;
	return (width + g + cw + g - 1) / (cw + g);
}

static const struct lline *
placed_line(const struct tui *t, size_t page, size_t k, const struct placed **pl)
{
	const struct lpage	*pg;

	if (page >= t->lay.npages)
		return NULL;
	pg = &t->lay.pages[page];
	if (k >= pg->n)
		return NULL;
	*pl = &t->lay.placed[pg->first + k];
	return &t->lay.lines[(*pl)->line];
}

/* Sets the anchor from the cursor line. */
static void
anchor(struct tui *t)
{
	const struct placed	*pl;
	const struct lline	*ln = placed_line(t, t->page, t->line, &pl);

	if (ln != NULL && ln->article == t->art) {
		t->ahead = ln->head;
		t->ablock = ln->block;
		t->aoff = ln->off;
	}
}

/* Lays the current article out for the screen and finds the anchor. */
static void
relayout(struct tui *t)
{
	struct layout_opts	 o;
	const struct placed	*pl;
	const struct lline	*ln;
	size_t			 k;

	memset(&o, 0, sizeof o);
	o.width = COLS - 2;
	o.height = LINES - 1;
	o.columns = t->linear ? 1 : auto_columns(t, o.width);
	o.gutter = 2;
	o.indent = t->linear ? 0 : t->cf->indent;
	o.ambiguous = t->cf->ambiguous;
	o.korean_syllable = t->cf->korean_syllable;
	o.linear = t->linear;
	o.guessed = true;
	if (o.width < 1 || o.height < 1 || t->is == NULL ||
	    t->is->narticles == 0) {
		t->laid = false;
		return;
	}
	if (!layout_issue(&t->lay, t->is, &o, t->art, 1)) {
		status(t, "out of memory");
		t->laid = false;
		return;
	}
	t->laid = true;
	t->line = 0;
	if (t->ahead) {
		t->page = 0;
		return;
	}
	t->page = layout_find(&t->lay, t->art, t->ablock, t->aoff);
	/* the cursor on the first line at or after the anchor */
	for (k = 0; (ln = placed_line(t, t->page, k, &pl)) != NULL; k++) {
		if (ln->style == LS_BLANK || ln->head)
			continue;
		if (ln->block > t->ablock || (ln->block == t->ablock &&
		    ln->off + ln->len > t->aoff)) {
			t->line = k;
			break;
		}
	}
}

static void
mark_hits(const struct tui *t, const struct lline *ln, int y, int x)
{
	const char	*s = ln->s;
	size_t		 from = 0, at, n;

	if (t->query == NULL)
		return;
	while (query_find(s, ln->len, from, t->query, &at, &n)) {
		int	before = (int)text_width(s, at, ambiguous);

		attron(A_REVERSE | A_UNDERLINE);
		put(y, x + ln->indent * 2 + before, s + at, n, COLS - x);
		attroff(A_REVERSE | A_UNDERLINE);
		from = at + n;
	}
}

static void
draw_reader(struct tui *t)
{
	const struct placed		*pl;
	const struct lline		*ln;
	const struct article		*a;
	const struct archive_entry	*e;
	char				 left[256];
	size_t				 k;
	int				 cy = 0, cx = 1, i, m;

	if (!t->laid)
		relayout(t);
	if (!t->laid || t->is->narticles == 0) {
		puts_at(0, 0, "This issue has no articles. q: back", COLS);
		draw_status(t, "");
		move(0, 0);
		return;
	}
	/* linear mode: no margin cell, the text at the line's start */
	m = t->linear ? 0 : 1;
	for (k = 0; (ln = placed_line(t, t->page, k, &pl)) != NULL; k++) {
		attrset(style_attr(t, ln->style));
		move(pl->row, m + pl->col);
		for (i = 0; i < ln->indent; i++)
			addstr("\xe3\x80\x80");
		put(pl->row, m + pl->col + ln->indent * 2, ln->s, ln->len,
		    COLS - m - pl->col - ln->indent * 2);
		attrset(A_NORMAL);
		mark_hits(t, ln, pl->row, m + pl->col);
		if (k == t->line) {
			cy = pl->row;
			cx = m + pl->col;
		}
	}
	a = &t->is->articles[t->art];
	/* an inner page has no masthead: the library knows its date */
	e = t->issue_i < t->ar.n ? &t->ar.v[t->issue_i] : NULL;
	/* where the reader is first: a narrow window cuts the rest */
	{
		char	pg[16] = "";

		if (a->page > 0)
			snprintf(pg, sizeof pg, " p%d", a->page);
		const char	*title = t->is->title ? t->is->title :
				    e && e->title ? e->title : "";

		snprintf(left, sizeof left, "article %zu/%zu | page %zu/%zu | "
		    "%s%s%s%s%s | ?:help", t->art + 1, t->is->narticles,
		    t->page + 1, t->lay.npages, title, *title ? " " : "",
		    t->is->date[0] ? t->is->date : e ? e->date : "", pg,
		    t->linear ? " | linear" : "");
	}
	draw_status(t, left);
	move(cy, cx);
}

static size_t
lines_on(const struct tui *t, size_t page)
{
	return page < t->lay.npages ? t->lay.pages[page].n : 0;
}

static void
goto_article(struct tui *t, size_t a, bool at_end)
{
	t->art = a;
	t->ablock = t->aoff = 0;
	t->ahead = true;
	relayout(t);
	if (at_end && t->lay.npages > 0) {
		t->page = t->lay.npages - 1;
		t->line = 0;
	}
	anchor(t);
}

/*
 * The reading line on the page at hand: its last line with text, or the
 * first line of its last column (where h lands coming back, undoing l).
 */
static void
to_page_end(struct tui *t, bool column)
{
	const struct placed	*pl;
	const struct lline	*ln;
	size_t			 k, n = lines_on(t, t->page), best = 0;
	int			 col = -1;

	for (k = 0; k < n; k++) {
		if ((ln = placed_line(t, t->page, k, &pl)) == NULL ||
		    ln->style == LS_BLANK)
			continue;
		if (!column)
			best = k;
		else if (pl->col > col) {
			col = pl->col;
			best = k;
		}
	}
	t->line = best;
	anchor(t);
}

/* ---- copying (OSC 52) ------------------------------------------------- */

#define COPY_MAX	74994	/* bytes: 100,000 in base64, what terminals take */

/* An article's text as plain lines: heads, then blocks a blank line apart. */
static void
article_text(const struct article *a, struct buf *b)
{
	const char	*head[4] = { a->kicker, a->guessed ? NULL : a->headline,
			    a->deck, a->byline_inline ? NULL : a->byline };
	size_t		 i;

	for (i = 0; i < 4; i++)
		if (head[i] != NULL && *head[i] != '\0') {
			buf_adds(b, head[i]);
			buf_addc(b, '\n');
		}
	for (i = 0; i < a->nblocks; i++) {
		if (b->len > 0)
			buf_addc(b, '\n');
		buf_add(b, a->blocks[i].text, a->blocks[i].len);
		if (a->blocks[i].extra != NULL) {
			buf_adds(b, a->blocks[i].len > 0 ? " — " : "");
			buf_adds(b, a->blocks[i].extra);
		}
		buf_addc(b, '\n');
	}
}

/*
 * Copies the reading line's paragraph (or with whole, its article) to the
 * terminal's clipboard: OSC 52 with the text in base64, so no byte of it
 * reaches the terminal as a control.  Works over ssh, and through tmux
 * with set-clipboard on.
 */
static void
copy(struct tui *t, bool whole)
{
	static const char	 b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const struct placed	*pl;
	const struct lline	*ln = placed_line(t, t->page, t->line, &pl);
	const struct article	*a;
	struct buf		 raw = { 0 }, clean = { 0 }, out = { 0 };
	const unsigned char	*s;
	size_t			 i, n, chars = 0;
	unsigned		 v;

	if (t->cf->no_clipboard) {
		status(t, "copying is off (clipboard = off)");
		return;
	}
	if (ln == NULL || t->art >= t->is->narticles) {
		status(t, "nothing to copy here");
		return;
	}
	a = &t->is->articles[ln->article < t->is->narticles ? ln->article :
	    t->art];
	if (whole)
		article_text(a, &raw);
	else if (!ln->head && ln->article < t->is->narticles &&
	    ln->block < a->nblocks) {
		buf_add(&raw, a->blocks[ln->block].text, a->blocks[ln->block].len);
		if (a->blocks[ln->block].extra != NULL) {
			buf_adds(&raw, " — ");
			buf_adds(&raw, a->blocks[ln->block].extra);
		}
	} else
		buf_add(&raw, ln->s, ln->len);
	/* line by line: the newlines stay, any other control goes */
	for (i = 0; i < raw.len; i = n + 1) {
		const char	*e = memchr(raw.p + i, '\n', raw.len - i);

		n = e != NULL ? (size_t)(e - raw.p) : raw.len;
		text_clean_out(&clean, raw.p + i, n - i, false);
		if (e != NULL)
			buf_addc(&clean, '\n');
	}
	n = clean.len;
	if (n > COPY_MAX) {
		status(t, "too long to copy: %zu bytes (at most %d)", n, COPY_MAX);
		goto out;
	}
	s = (const unsigned char *)(clean.p ? clean.p : "");
	buf_adds(&out, "\033]52;c;");
	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 | s[i + 2];
		buf_addc(&out, b64[v >> 18 & 63]);
		buf_addc(&out, b64[v >> 12 & 63]);
		buf_addc(&out, b64[v >> 6 & 63]);
		buf_addc(&out, b64[v & 63]);
	}
	if (i < n) {
		v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0);
		buf_addc(&out, b64[v >> 18 & 63]);
		buf_addc(&out, b64[v >> 12 & 63]);
		buf_addc(&out, i + 1 < n ? b64[v >> 6 & 63] : '=');
		buf_addc(&out, '=');
	}
	buf_adds(&out, "\033\\");
	if (out.failed) {
		status(t, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++)
		chars += (s[i] & 0xc0) != 0x80;
	refresh();
	fflush(stdout);
	if (write(STDOUT_FILENO, out.p, out.len) != (ssize_t)out.len)
		status(t, "could not copy: %s", strerror(errno));
	else
		status(t, "copied %s: %zu characters", whole ? "the article" :
		    "the paragraph", chars);
out:
	buf_free(&raw);
	buf_free(&clean);
	buf_free(&out);
}

/*
 * Read on: past the end of an issue, the next one of the library (the
 * next day's), at its first article, its date said.
 */
static void
read_on(struct tui *t)
{
	const struct archive_entry	*e = &t->ar.v[t->issue_i + 1];

	if (!open_issue(t, t->issue_i + 1))
		return;
	t->view = V_READER;
	goto_article(t, 0, false);
	status(t, "read on: %s%s%s", e->date[0] ? e->date : "undated",
	    e->title ? " " : "", e->title ? e->title : "");
}

static void
page_move(struct tui *t, int dir)
{
	if (dir > 0) {
		if (t->page + 1 < t->lay.npages) {
			t->page++;
			t->line = 0;
		} else if (t->art + 1 < t->is->narticles)
			goto_article(t, t->art + 1, false);
		else if (t->issue_i + 1 < t->ar.n) {
			read_on(t);
			return;
		} else
			status(t, "end of the issue");
	} else {
		if (t->page > 0) {
			t->page--;
			t->line = 0;
		} else if (t->art > 0)
			goto_article(t, t->art - 1, true);
		else
			status(t, "start of the issue");
	}
	anchor(t);
}

static void
line_move(struct tui *t, int dir)
{
	const struct placed	*pl;
	const struct lline	*ln;
	size_t			 k = t->line;

	for (;;) {
		if (dir > 0) {
			if (k + 1 >= lines_on(t, t->page)) {
				if (t->page + 1 < t->lay.npages ||
				    t->art + 1 < t->is->narticles)
					page_move(t, 1);
				else
					status(t, "end of the issue");
				return;
			}
			k++;
		} else {
			if (k == 0) {
				if (t->page > 0) {
					t->page--;
					to_page_end(t, false);
				} else if (t->art > 0) {
					goto_article(t, t->art - 1, true);
					to_page_end(t, false);
				}
				return;
			}
			k--;
		}
		ln = placed_line(t, t->page, k, &pl);
		if (ln != NULL && ln->style != LS_BLANK)
			break;
	}
	t->line = k;
	anchor(t);
}

static void
column_move(struct tui *t, int dir)
{
	const struct placed	*pl = NULL, *cur;
	size_t			 k, n = lines_on(t, t->page);
	int			 col;

	if (placed_line(t, t->page, t->line, &cur) == NULL)
		return;
	col = cur->col;
	if (dir > 0) {
		for (k = t->line; k < n; k++) {
			placed_line(t, t->page, k, &pl);
			if (pl->col > col) {
				t->line = k;
				anchor(t);
				return;
			}
		}
		page_move(t, 1);
		return;
	}
	/* the first line of the previous column */
	for (k = t->line; k-- > 0; ) {
		if (placed_line(t, t->page, k, &pl) == NULL)
			break;
		if (pl->col < col) {
			col = pl->col;
			while (k > 0 && placed_line(t, t->page, k - 1, &pl) != NULL &&
			    pl->col == col)
				k--;
			t->line = k;
			anchor(t);
			return;
		}
	}
	/* back over a page: its last column, as l left it */
	if (t->page > 0) {
		t->page--;
		to_page_end(t, true);
	} else if (t->art > 0) {
		goto_article(t, t->art - 1, true);
		to_page_end(t, true);
	} else
		status(t, "start of the issue");
}

/* A place in an issue: article, part (0 its head, 1 + block), offset. */
struct spot {
	size_t	art, part, off;
};

static int
spot_cmp(const struct spot *x, const struct spot *y)
{
	if (x->art != y->art)
		return x->art < y->art ? -1 : 1;
	if (x->part != y->part)
		return x->part < y->part ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

static bool
add_spot(struct spot **v, size_t *n, size_t *cap, size_t a, size_t part,
    size_t off)
{
	if (!vec_grow(v, cap, *n, sizeof **v))
		return false;
	(*v)[*n].art = a;
	(*v)[*n].part = part;
	(*v)[*n].off = off;
	(*n)++;
	return true;
}

/*
 * Every hit of the query in the issue, in reading order: an article's
 * kicker, headline, deck and byline (its head), then its blocks and photo
 * credits, matched as the library search matches.
 */
static struct spot *
find_all(const struct tui *t, size_t *n)
{
	struct spot	*v = NULL;
	size_t		 cap = 0, a, b, k, from, at, len;

	*n = 0;
	for (a = 0; a < t->is->narticles; a++) {
		const struct article	*ar = &t->is->articles[a];
		const char		*head[4] = { ar->kicker, ar->headline,
					    ar->deck, ar->byline };

		for (k = 0; k < 4; k++)
			if (head[k] != NULL && (k != 1 || !ar->guessed) &&
			    query_find(head[k], strlen(head[k]), 0, t->query,
			    &at, &len)) {
				if (!add_spot(&v, n, &cap, a, 0, 0))
					return v;
				break;
			}
		for (b = 0; b < ar->nblocks; b++) {
			const struct block	*bl = &ar->blocks[b];

			for (from = 0; query_find(bl->text, bl->len, from,
			    t->query, &at, &len); from = at + len)
				if (!add_spot(&v, n, &cap, a, 1 + b, at))
					return v;
			if (bl->extra != NULL && query_find(bl->extra,
			    strlen(bl->extra), 0, t->query, &at, &len) &&
			    !add_spot(&v, n, &cap, a, 1 + b, bl->len))
				return v;
		}
	}
	return v;
}

/*
 * Goes to the next (dir > 0) or previous hit from the reading place,
 * round the issue; says which of how many it is, and when it wrapped.
 */
static void
search_step(struct tui *t, int dir)
{
	struct spot	*v, here;
	size_t		 n, i, k;
	bool		 wrapped = false;

	if (t->query == NULL || t->query[strspn(t->query, " ")] == '\0') {
		status(t, "no search yet: press /");
		return;
	}
	if (t->is->narticles == 0) {
		status(t, "nothing to search: this issue has no articles");
		return;
	}
	v = find_all(t, &n);
	if (n == 0) {
		free(v);
		status(t, "not found: %s", t->query);
		return;
	}
	here.art = t->art;
	here.part = t->ahead ? 0 : 1 + t->ablock;
	here.off = t->ahead ? 0 : t->aoff;
	if (dir > 0) {
		for (i = 0; i < n && spot_cmp(&v[i], &here) <= 0; i++)
			;
		if (i == n)
			i = 0, wrapped = true;
	} else {
		for (k = n; k > 0 && spot_cmp(&v[k - 1], &here) >= 0; k--)
			;
		if (k == 0)
			i = n - 1, wrapped = true;
		else
			i = k - 1;
	}
	t->art = v[i].art;
	t->ahead = v[i].part == 0;
	t->ablock = t->ahead ? 0 : v[i].part - 1;
	t->aoff = v[i].off;
	t->view = V_READER;
	relayout(t);
	status(t, "/%s  %zu/%zu%s", t->query, i + 1, n,
	    wrapped ? (dir > 0 ? "  search hit the end, went on from the top" :
	    "  search hit the top, went on from the end") : "");
	free(v);
}

/* Reads a line at the bottom of the screen; NULL when cancelled. */
static char *
prompt(const char *what)
{
	struct buf	 b = { 0 };
	wint_t		 ch;
	int		 r;
	char		 e[8];
	mbstate_t	 ms;
	size_t		 k;

	for (;;) {
		attrset(A_NORMAL);
		move(LINES - 1, 0);
		clrtoeol();
		puts_at(LINES - 1, 0, what, COLS - 1);
		put(LINES - 1, (int)strlen(what), b.p ? b.p : "", b.len,
		    COLS - 1 - (int)strlen(what));
		refresh();
		r = get_wch(&ch);
		if (got_term)
			break;
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES) {
			if (ch == KEY_BACKSPACE && b.len > 0)
				goto backspace;
			if (ch == KEY_ENTER)
				goto done;
			continue;
		}
		if (ch == 27) {
			buf_free(&b);
			return NULL;
		}
		if (ch == '\n' || ch == '\r')
			goto done;
		if (ch == 127 || ch == 8) {
backspace:
			while (b.len > 0 && ((unsigned char)b.p[--b.len] & 0xc0) == 0x80)
				;
			if (b.p)
				b.p[b.len] = '\0';
			continue;
		}
		if (ch < 0x20 || b.len > 200)
			continue;
		memset(&ms, 0, sizeof ms);
		if ((k = wcrtomb(e, (wchar_t)ch, &ms)) != (size_t)-1)
			buf_add(&b, e, k);
	}
	buf_free(&b);
	return NULL;
done:
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b, NULL);
}

/* ---- list views -------------------------------------------------------- */

static void
list_scroll(struct tui *t, size_t n, int rows)
{
	if (n == 0) {
		t->sel = t->top = 0;
		return;
	}
	if (t->sel >= n)
		t->sel = n - 1;
	if (t->sel < t->top)
		t->top = t->sel;
	if (rows > 0 && t->sel >= t->top + (size_t)rows)
		t->top = t->sel - (size_t)rows + 1;
}

static void
draw_row(int y, bool selected, bool linear, const char *a, const char *b,
    const char *c)
{
	int	x = 0;

	if (selected)
		attron(A_REVERSE);
	move(y, 0);
	hline(' ', COLS);
	/* the '>' marker, not in linear mode: the cursor is on the row */
	if (!linear)
		x = puts_at(y, 0, selected ? "> " : "  ", COLS);
	x += puts_at(y, x, a, COLS - x);
	/* with a third field (a snippet), the second leaves it room */
	if (b && *b && x < COLS - 2)
		x += puts_at(y, x, "  ", COLS - x) +
		    puts_at(y, x + 2, b, c && *c ? (COLS - x - 2) * 2 / 5 :
		    COLS - x - 2);
	if (c && *c && x < COLS - 2) {
		x += puts_at(y, x, "  ", COLS - x);
		puts_at(y, x, c, COLS - x);
	}
	if (selected)
		attroff(A_REVERSE);
}

static void
draw_contents(struct tui *t)
{
	const struct issue	*is = t->is;
	char			 line[512], pages[32];
	int			 y = 0, rows, cy = 0;
	size_t			 i;

	attron(A_BOLD | (t->color ? COLOR_PAIR(P_HEAD) : 0));
	/* no masthead: the date the library found (file or folder name) */
	puts_at(y++, 0, is->title ? is->title : t->issue_i < t->ar.n &&
	    t->ar.v[t->issue_i].title ? t->ar.v[t->issue_i].title :
	    t->issue_i < t->ar.n && t->ar.v[t->issue_i].date[0] ?
	    t->ar.v[t->issue_i].date : "(untitled issue)", COLS);
	attroff(A_BOLD | (t->color ? COLOR_PAIR(P_HEAD) : 0));
	if (is->romanized)
		puts_at(y++, 0, is->romanized, COLS);
	issue_date_line(is, t->issue_i < t->ar.n ? t->ar.v[t->issue_i].date :
	    NULL, line, sizeof line);
	puts_at(y++, 0, line, COLS);
	/* the front page's slogans and banners, on one line */
	{
		int	x = 0;

		for (i = 0; i < is->nitems && x < COLS - 4; i++) {
			if (is->items[i].banner == NULL)
				continue;
			/* linear mode: a line each, no '·' between them */
			if (x > 0 && t->linear) {
				y++;
				x = 0;
			} else if (x > 0)
				x += puts_at(y, x, " · ", COLS - x);
			x += put(y, x, is->items[i].banner->text,
			    is->items[i].banner->len, COLS - x);
		}
		if (x > 0)
			y++;
	}
	y++;
	rows = LINES - 1 - y;
	list_scroll(t, is->narticles, rows);
	for (i = t->top; i < is->narticles && y < LINES - 1; i++) {
		const struct article	*a = &is->articles[i];

		snprintf(pages, sizeof pages, "%d版 ", a->page);
		snprintf(line, sizeof line, "%2zu %s%s%s%s", i + 1,
		    a->page > 0 ? pages : "", a->kicker ? a->kicker : "",
		    a->kicker ? t->linear ? "  " : " | " : "",
		    a->headline ? a->headline : "(no headline)");
		if (i == t->sel)
			cy = y;
		draw_row(y++, i == t->sel, t->linear, line, a->deck,
		    a->byline_inline ? NULL : a->byline);
	}
	if (is->narticles == 0)
		puts_at(y, 0, "This issue has no articles.", COLS);
	snprintf(line, sizeof line, "contents: %zu articles | Enter: read | ?: help",
	    is->narticles);
	draw_status(t, line);
	move(cy, 0);
}

/* Entry i of a list view, as up to three columns (buf is scratch). */
typedef void list_row(const struct tui *, size_t i, char *buf, size_t len,
    const char **a, const char **b, const char **c);

/*
 * A list view: a bold title, n entries scrolled to keep the selection on
 * screen (reverse video and '>', the cursor on it), a status line.
 */
static void
draw_list(struct tui *t, const char *title, size_t n, list_row *row,
    const char *empty, const char *left)
{
	char		 buf[512];
	const char	*a, *b, *c;
	int		 y = 0, cy = 0;
	size_t		 i;

	attron(A_BOLD);
	puts_at(y++, 0, title, COLS);
	attroff(A_BOLD);
	list_scroll(t, n, LINES - 2);
	for (i = t->top; i < n && y < LINES - 1; i++) {
		a = b = c = NULL;
		row(t, i, buf, sizeof buf, &a, &b, &c);
		if (i == t->sel)
			cy = y;
		draw_row(y++, i == t->sel, t->linear, a, b, c);
	}
	if (n == 0 && empty != NULL)
		puts_at(y, 0, empty, COLS);
	draw_status(t, left);
	move(cy, 0);
}

static void
library_row(const struct tui *t, size_t i, char *buf, size_t len,
    const char **a, const char **b, const char **c)
{
	const struct archive_entry	*e = &t->ar.v[lib_entry(t, i)];

	(void)buf;
	(void)len;
	*a = e->date[0] ? e->date : "undated";
	*b = e->title;
	*c = e->headline;
}

static void
result_row(const struct tui *t, size_t i, char *buf, size_t len,
    const char **a, const char **b, const char **c)
{
	const struct query_hit	*h = &t->hits[i];
	const char		*s = h->snippet;
	size_t			 at, n, k;

	*a = h->date[0] ? h->date : "undated";
	*b = h->headline;
	*c = s;
	/* the hit near the start: a few characters before it, then "…" */
	if (s == NULL || t->query == NULL ||
	    !query_find(s, strlen(s), 0, t->query, &at, &n))
		return;
	for (k = 0; at > 0 && k < 6; k++)
		do
			at--;
		while (at > 0 && ((unsigned char)s[at] & 0xc0) == 0x80);
	if (at > 0 && strlen(s + at) + 4 < len) {
		snprintf(buf, len, "…%s", s + at);
		*c = buf;
	}
}

static void
mark_row(const struct tui *t, size_t i, char *buf, size_t len,
    const char **a, const char **b, const char **c)
{
	(void)buf;
	(void)len;
	*a = t->marks[i].label;
	*b = t->marks[i].line != NULL ? t->marks[i].line : "";
	*c = t->marks[i].path;
}

static void
help_row(const struct tui *t, size_t i, char *buf, size_t len,
    const char **a, const char **b, const char **c)
{
	char	keys[128];

	(void)b;
	(void)c;
	keymap_keys_of(&t->km, (enum cmd)(i + 1), keys, sizeof keys);
	snprintf(buf, len, "%-14s %-14s %s", keys[0] ? keys : "-",
	    keymap_commands[i + 1].name, keymap_commands[i + 1].help);
	*a = buf;
}

static void
draw_library(struct tui *t)
{
	char	left[128];

	snprintf(left, sizeof left,
	    "library: %zu issues | Enter: open | /: search | ?: help", t->ar.n);
	draw_list(t, "Library: issues, newest first", t->ar.n, library_row,
	    NULL, left);
}

static void
draw_results(struct tui *t)
{
	char	left[256];

	snprintf(left, sizeof left, "%zu hits for %s | Enter: open | q: back",
	    t->nhits, t->query ? t->query : "");
	draw_list(t, "Search results", t->nhits, result_row, NULL, left);
}

static void
draw_marks(struct tui *t)
{
	char	left[128];

	snprintf(left, sizeof left, "%zu bookmarks | Enter: jump | d: delete | q: back",
	    t->nmarks);
	draw_list(t, "Bookmarks", t->nmarks, mark_row,
	    "No bookmarks yet: press m while reading.", left);
}

static void
draw_help(struct tui *t)
{
	draw_list(t, "kanbao keys (from the live keymap)", NCMD - 1, help_row,
	    NULL, "help | q or Esc: back");
}

/* ---- calendar ---------------------------------------------------------- */

/* The library entry of a date, or (size_t)-1. */
static size_t
issue_on(const struct tui *t, int y, int m, int d)
{
	char	date[48];
	size_t	i;

	snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
	for (i = 0; i < t->ar.n; i++)
		if (strcmp(t->ar.v[i].date, date) == 0)
			return i;
	return (size_t)-1;
}

static void
cal_set(struct tui *t, const char *date)
{
	int	y, m, d;

	if (date != NULL && sscanf(date, "%d-%d-%d", &y, &m, &d) == 3 &&
	    m >= 1 && m <= 12 && d >= 1 && d <= date_days_in(y, m)) {
		t->cy = y;
		t->cm = m;
		t->cd = d;
	}
}

static void
cal_move(struct tui *t, int days)
{
	t->cd += days;
	while (t->cd < 1) {
		if (--t->cm < 1) {
			t->cm = 12;
			t->cy--;
		}
		t->cd += date_days_in(t->cy, t->cm);
	}
	while (t->cd > date_days_in(t->cy, t->cm)) {
		t->cd -= date_days_in(t->cy, t->cm);
		if (++t->cm > 12) {
			t->cm = 1;
			t->cy++;
		}
	}
}

static void
cal_month(struct tui *t, int dir)
{
	t->cm += dir;
	if (t->cm < 1) {
		t->cm = 12;
		t->cy--;
	} else if (t->cm > 12) {
		t->cm = 1;
		t->cy++;
	}
	if (t->cd > date_days_in(t->cy, t->cm))
		t->cd = date_days_in(t->cy, t->cm);
}

static void
draw_calendar(struct tui *t)
{
	static const char	*wd[] = { "一", "二", "三", "四", "五", "六", "日" };
	char			 cell[16], line[160];
	int			 y = 0, x, d, col, row, cury = 0, curx = 0, n = 0;

	snprintf(line, sizeof line, "%d年%d月  (%04d-%02d)", t->cy, t->cm, t->cy, t->cm);
	attron(A_BOLD);
	puts_at(y++, 0, line, COLS);
	attroff(A_BOLD);
	y++;
	for (col = 0; col < 7; col++)
		puts_at(y, col * 6 + 1, wd[col], COLS - col * 6 - 1);
	y++;
	col = date_weekday(t->cy, t->cm, 1);
	row = y;
	for (d = 1; d <= date_days_in(t->cy, t->cm); d++) {
		bool	has = issue_on(t, t->cy, t->cm, d) != (size_t)-1;

		n += has;
		/* an issue day is bracketed: [12]; not colour alone */
		snprintf(cell, sizeof cell, has ? "[%2d]" : " %2d ", d);
		x = col * 6;
		if (d == t->cd) {
			attron(A_REVERSE);
			cury = row;
			curx = x;
		}
		if (has)
			attron(A_BOLD);
		puts_at(row, x, cell, COLS - x);
		attroff(A_REVERSE | A_BOLD);
		if (++col == 7) {
			col = 0;
			row++;
		}
	}
	snprintf(line, sizeof line, "calendar: %d issues this month, [n] has an issue | "
	    "Enter: open | { }: month | q: back", n);
	draw_status(t, line);
	move(cury, curx);
}

static void
draw(struct tui *t)
{
	erase();
	if (LINES < 3 || COLS < 12) {
		puts_at(0, 0, "too small", COLS);
		move(0, 0);
		refresh();
		return;
	}
	switch (t->view) {
	case V_LIBRARY: draw_library(t); break;
	case V_CONTENTS: draw_contents(t); break;
	case V_READER: draw_reader(t); break;
	case V_HELP: draw_help(t); break;
	case V_MARKS: draw_marks(t); break;
	case V_RESULTS: draw_results(t); break;
	case V_CALENDAR: draw_calendar(t); break;
	}
	refresh();
}

/* ---- commands ---------------------------------------------------------- */

static size_t
list_len(const struct tui *t)
{
	switch (t->view) {
	case V_LIBRARY: return t->ar.n;
	case V_CONTENTS: return t->is ? t->is->narticles : 0;
	case V_HELP: return NCMD - 1;
	case V_MARKS: return t->nmarks;
	case V_RESULTS: return t->nhits;
	default: return 0;
	}
}

static void
open_reader(struct tui *t, size_t art)
{
	if (t->is == NULL || art >= t->is->narticles)
		return;
	t->from_hit = false;
	t->art = art;
	t->ablock = t->aoff = 0;
	t->ahead = true;
	t->view = V_READER;
	relayout(t);
}

static void
add_mark(struct tui *t)
{
	const struct article	*a = &t->is->articles[t->art];
	struct bookmark		 m;
	char			 label[160], line[128];
	const char		*h;
	size_t			 k = 0;
	bool			 ok;

	if (t->statedir == NULL) {
		status(t, "no state folder: bookmark not saved");
		return;
	}
	h = a->headline;
	snprintf(label, sizeof label, "%s %s", t->is->date[0] ? t->is->date :
	    t->issue_i < t->ar.n ? t->ar.v[t->issue_i].date : "", h ? h : "");
	/* the marked line: the text from the reading place on */
	line[0] = '\0';
	if (!t->ahead && t->ablock < a->nblocks) {
		const struct block	*b = &a->blocks[t->ablock];
		size_t			 from = t->aoff < b->len ? t->aoff : 0;

		k = b->len - from < sizeof line - 1 ? b->len - from :
		    sizeof line - 1;
		while (k > 0 && from + k < b->len &&
		    ((unsigned char)b->text[from + k] & 0xc0) == 0x80)
			k--;
		memcpy(line, b->text + from, k);
		line[k] = '\0';
	}
	if ((m.path = strdup(t->path)) == NULL)
		return;
	m.label = label;
	m.line = line[0] != '\0' ? line : NULL;
	m.article = t->art;
	m.block = t->ablock;
	m.off = t->aoff;
	/* merged with the marks on disk: another reader's are kept */
	ok = state_change_marks(t->statedir, &m, false, &t->marks, &t->nmarks);
	free(m.path);
	status(t, ok ? "bookmarked" : "bookmark could not be saved");
}

static void
jump_mark(struct tui *t, const struct bookmark *m)
{
	size_t	i;

	for (i = 0; i < t->ar.n; i++)
		if (strcmp(t->ar.v[i].path, m->path) == 0)
			break;
	if (i == t->ar.n) {
		status(t, "%s is not in this library", m->path);
		return;
	}
	if (i != t->issue_i || t->is == NULL)
		if (!open_issue(t, i))
			return;
	if (m->article >= t->is->narticles)
		return;
	t->art = m->article;
	t->ablock = m->block;
	t->aoff = m->off;
	t->ahead = false;
	t->view = V_READER;
	relayout(t);
}

/* Says once, on the status line, that the index is being built. */
static void
index_progress(size_t done, size_t total, void *arg)
{
	struct tui	*t = arg;

	if (done != 0)
		return;
	status(t, "building the search index of %zu issues...", total);
	draw_status(t, "");
	move(LINES - 1, 0);
	refresh();
}

static void
library_search(struct tui *t)
{
	const char	*err, *warn;

	query_free_hits(t->hits, t->nhits);
	t->hits = NULL;
	t->nhits = 0;
	if (!search_library(&t->ar, t->query, t->cachedir, index_progress, t,
	    &t->hits, &t->nhits, &err, &warn)) {
		status(t, "search: %s", err);
		return;
	}
	t->msg[0] = '\0';
	if (warn != NULL)
		status(t, "%s: searched the files without it", warn);
	t->view = V_RESULTS;
	t->sel = t->top = 0;
}

static void
open_hit(struct tui *t)
{
	const struct query_hit	*h;
	size_t				 b, sel = t->sel;
	char				*first;

	if (t->sel >= t->nhits)
		return;
	h = &t->hits[t->sel];
	if (!open_issue(t, h->entry) || h->article >= t->is->narticles)
		return;
	t->art = h->article;
	t->ablock = t->aoff = 0;
	t->ahead = false;
	/* at the first word of the query: the others may be further on */
	b = strspn(t->query, " ");
	first = strndup(t->query + b, strcspn(t->query + b, " "));
	for (b = 0; b < t->is->articles[t->art].nblocks; b++) {
		const struct block	*bl = &t->is->articles[t->art].blocks[b];
		size_t			 at, n;

		if (first != NULL &&
		    query_find(bl->text, bl->len, 0, first, &at, &n)) {
			t->ablock = b;
			t->aoff = at;
			break;
		}
	}
	free(first);
	t->view = V_READER;
	t->from_hit = true;
	t->hit_sel = sel;
	relayout(t);
}

static void
back(struct tui *t)
{
	switch (t->view) {
	case V_HELP:
	case V_MARKS:
		t->view = t->back;
		t->sel = t->view == V_CONTENTS ? t->art : 0;
		break;
	case V_RESULTS:
	case V_CALENDAR:
		t->view = t->is != NULL && t->back == V_CONTENTS ? V_CONTENTS :
		    V_LIBRARY;
		t->sel = t->view == V_CONTENTS ? t->art : 0;
		break;
	case V_READER:
		if (t->from_hit) {
			/* back to the search results, as mutt does */
			save_position(t);
			t->from_hit = false;
			t->view = V_RESULTS;
			t->sel = t->hit_sel < t->nhits ? t->hit_sel : 0;
			break;
		}
		t->view = V_CONTENTS;
		t->sel = t->art;
		break;
	case V_CONTENTS:
		if (t->library) {
			save_position(t);
			t->view = V_LIBRARY;
			t->sel = lib_entry(t, t->issue_i);
		} else
			t->quit = true;
		break;
	case V_LIBRARY:
		t->quit = true;
		break;
	}
}

static void
run(struct tui *t, enum cmd c)
{
	size_t	n = list_len(t);
	char	*q;

	t->msg[0] = '\0';
	switch (c) {
	case CMD_QUIT:
		t->quit = true;
		return;
	case CMD_BACK:
		back(t);
		return;
	case CMD_HELP:
		if (t->view != V_HELP) {
			t->back = t->view == V_MARKS ? t->back : t->view;
			t->view = V_HELP;
			t->sel = t->top = 0;
		}
		return;
	case CMD_REDRAW:
		clearok(curscr, TRUE);
		return;
	case CMD_CONTENTS:
		if (t->is != NULL) {
			t->from_hit = false;
			t->view = V_CONTENTS;
			t->sel = t->art;
		}
		return;
	case CMD_MARKS:
		if (t->view != V_MARKS) {
			t->back = t->view == V_HELP ? t->back : t->view;
			t->view = V_MARKS;
			t->sel = t->top = 0;
		}
		return;
	case CMD_LINEAR:
		t->linear = !t->linear;
		status(t, t->linear ? "linear mode" : "columns");
		relayout(t);
		return;
	case CMD_MORE_COLUMNS:
	case CMD_FEWER_COLUMNS:
		t->columns = auto_columns(t, COLS - 2) +
		    (c == CMD_MORE_COLUMNS ? 1 : -1);
		if (t->columns < 1)
			t->columns = 1;
		if (t->columns > 8)
			t->columns = 8;
		t->linear = false;
		relayout(t);
		status(t, "%d columns", t->columns);
		return;
	case CMD_ISSUE_NEXT:
	case CMD_ISSUE_PREV:
		if (t->ar.n < 2 && t->view != V_CALENDAR)
			status(t, "no other issue");
		else if (t->view != V_CALENDAR && c == CMD_ISSUE_NEXT &&
		    t->issue_i + 1 >= t->ar.n)
			status(t, "this is the newest issue");
		else if (t->view != V_CALENDAR && c == CMD_ISSUE_PREV &&
		    t->issue_i == 0)
			status(t, "this is the oldest issue");
		else if (t->view == V_CALENDAR) {
			/* the next or previous day that has an issue */
			size_t	i = issue_on(t, t->cy, t->cm, t->cd);

			if (i == (size_t)-1)
				i = t->issue_i;
			i = c == CMD_ISSUE_NEXT ? (i + 1 < t->ar.n ? i + 1 : i) :
			    (i > 0 ? i - 1 : 0);
			cal_set(t, t->ar.v[i].date);
		} else
			open_issue(t, c == CMD_ISSUE_NEXT ? t->issue_i + 1 :
			    t->issue_i - 1);
		return;
	case CMD_SEARCH:
		if ((q = prompt("/")) == NULL)
			return;
		free(t->query);
		t->query = q;
		if (t->view == V_LIBRARY || t->view == V_RESULTS)
			library_search(t);
		else if (t->is != NULL) {
			search_step(t, 1);
		}
		return;
	case CMD_SEARCH_NEXT:
	case CMD_SEARCH_PREV:
		if (t->is != NULL && t->view != V_LIBRARY)
			search_step(t, c == CMD_SEARCH_NEXT ? 1 : -1);
		return;
	case CMD_MARK:
		if (t->view == V_READER)
			add_mark(t);
		return;
	case CMD_COPY:
	case CMD_COPY_ARTICLE:
		if (t->view == V_READER)
			copy(t, c == CMD_COPY_ARTICLE);
		return;
	case CMD_CALENDAR:
		if (t->view != V_CALENDAR) {
			t->back = t->view == V_LIBRARY ? V_LIBRARY : V_CONTENTS;
			if (t->cy == 0) {
				size_t	newest = t->ndated;

				/* the open issue's month, else the newest issue's */
				cal_set(t, "2000-01-01");
				if (newest > 0)
					cal_set(t, t->ar.v[newest - 1].date);
				if (t->is != NULL)
					cal_set(t, t->ar.v[t->issue_i].date);
			}
			t->view = V_CALENDAR;
		}
		return;
	case CMD_DELETE:
		if (t->view == V_MARKS && t->sel < t->nmarks &&
		    t->statedir != NULL) {
			struct bookmark	m = t->marks[t->sel];

			/* a copy: the list is replaced by the merged one */
			m.path = strdup(m.path);
			m.label = m.line = NULL;
			if (m.path != NULL && state_change_marks(t->statedir, &m,
			    true, &t->marks, &t->nmarks))
				status(t, "bookmark deleted");
			else
				status(t, "bookmark could not be deleted");
			free(m.path);
			if (t->sel >= t->nmarks && t->sel > 0)
				t->sel = t->nmarks - 1;
		}
		return;
	case CMD_GOTO_DATE:
		if ((q = prompt("date (YYYY-MM-DD): ")) != NULL) {
			char	d[48];
			int	y, m, dd;
			size_t	e;

			if (sscanf(q, "%4d-%2d-%2d", &y, &m, &dd) == 3 ||
			    sscanf(q, "%4d%2d%2d", &y, &m, &dd) == 3) {
				snprintf(d, sizeof d, "%04d-%02d-%02d", y, m, dd);
				cal_set(t, d);
				if ((e = issue_on(t, y, m, dd)) != (size_t)-1)
					open_issue(t, e);
				else {
					t->back = t->view == V_LIBRARY ?
					    V_LIBRARY : V_CONTENTS;
					t->view = V_CALENDAR;
					status(t, "no issue on %s", d);
				}
			} else
				status(t, "not a date: %s (want YYYY-MM-DD)", q);
			free(q);
		}
		return;
	default:
		break;
	}

	if (t->view == V_CALENDAR) {
		size_t	e;

		if (t->cy == 0)
			cal_set(t, "2000-01-01");
		switch (c) {
		case CMD_COLUMN_NEXT: cal_move(t, 1); break;
		case CMD_COLUMN_PREV: cal_move(t, -1); break;
		case CMD_LINE_DOWN: cal_move(t, 7); break;
		case CMD_LINE_UP: cal_move(t, -7); break;
		case CMD_MONTH_NEXT: case CMD_PAGE_DOWN: cal_month(t, 1); break;
		case CMD_MONTH_PREV: case CMD_PAGE_UP: cal_month(t, -1); break;
		case CMD_OPEN:
			if ((e = issue_on(t, t->cy, t->cm, t->cd)) != (size_t)-1)
				open_issue(t, e);
			else
				status(t, "no issue on this day");
			break;
		default:
			break;
		}
		return;
	}

	if (t->view == V_READER) {
		if (!t->laid)
			return;
		switch (c) {
		case CMD_LINE_DOWN: line_move(t, 1); break;
		case CMD_LINE_UP: line_move(t, -1); break;
		case CMD_PAGE_DOWN: page_move(t, 1); break;
		case CMD_PAGE_UP: page_move(t, -1); break;
		case CMD_COLUMN_NEXT: column_move(t, 1); break;
		case CMD_COLUMN_PREV: column_move(t, -1); break;
		case CMD_TOP: t->page = t->line = 0; anchor(t); break;
		case CMD_BOTTOM:
			/* the last line, not the last page's top */
			t->page = t->lay.npages ? t->lay.npages - 1 : 0;
			to_page_end(t, false);
			break;
		case CMD_ARTICLE_NEXT:
			if (t->art + 1 < t->is->narticles)
				goto_article(t, t->art + 1, false);
			else
				status(t, "last article");
			break;
		case CMD_ARTICLE_PREV:
			if (t->art > 0)
				goto_article(t, t->art - 1, false);
			else
				status(t, "first article");
			break;
		default:
			break;
		}
		return;
	}
	/* list views */
	switch (c) {
	case CMD_LINE_DOWN:
	case CMD_ARTICLE_NEXT:
	case CMD_COLUMN_NEXT:
		if (t->sel + 1 < n)
			t->sel++;
		break;
	case CMD_LINE_UP:
	case CMD_ARTICLE_PREV:
	case CMD_COLUMN_PREV:
		if (t->sel > 0)
			t->sel--;
		break;
	case CMD_PAGE_DOWN:
		t->sel = t->sel + (size_t)(LINES / 2) < n ? t->sel +
		    (size_t)(LINES / 2) : n ? n - 1 : 0;
		break;
	case CMD_PAGE_UP:
		t->sel = t->sel > (size_t)(LINES / 2) ? t->sel - (size_t)(LINES / 2) : 0;
		break;
	case CMD_TOP:
		t->sel = 0;
		break;
	case CMD_BOTTOM:
		t->sel = n ? n - 1 : 0;
		break;
	case CMD_OPEN:
		if (t->view == V_LIBRARY && n > 0)
			open_issue(t, lib_entry(t, t->sel));
		else if (t->view == V_CONTENTS)
			open_reader(t, t->sel);
		else if (t->view == V_MARKS && t->sel < t->nmarks)
			jump_mark(t, &t->marks[t->sel]);
		else if (t->view == V_RESULTS)
			open_hit(t);
		break;
	default:
		break;
	}
}

/* ---- set-up ------------------------------------------------------------ */

static SCREEN *
start_curses(void)
{
	const char	*term = getenv("TERM");
	SCREEN		*sc;

	if ((sc = newterm(NULL, stdout, stdin)) != NULL) {
		/* a terminal that cannot move the cursor cannot show pages */
		if (!tui_can_address()) {
			endwin();
			delscreen(sc);
			sc = NULL;
		}
	}
	if (sc == NULL) {
		say("TERM=%s: unknown or too basic terminal "
		    "type; using vt100", term ? term : "");
		setenv("TERM", "vt100", 1);
		if ((sc = newterm(NULL, stdout, stdin)) == NULL) {
			setenv("TERM", "dumb", 1);
			if ((sc = newterm(NULL, stdout, stdin)) == NULL)
				return NULL;
		}
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	leaveok(stdscr, FALSE);
	curs_set(1);
	set_escdelay(50);
	mousemask(BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
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

int
tui_main(const char *target, const struct config *cf, bool linear,
    const char *warnings)
{
	struct tui	 t;
	struct stat	 st;
	const char	*err, *why;
	size_t		 i;
	int		 r;
	wint_t		 ch;
	char		 msg[256];
	SCREEN		*screen;
	int		 rc = 1;

	memset(&t, 0, sizeof t);
	t.cf = cf;
	t.linear = linear;
	keymap_defaults(&t.km);
	for (i = 0; i < cf->nkeys; i++)
		if (!keymap_bind(&t.km, cf->keys[i].command, cf->keys[i].keys,
		    msg, sizeof msg))
			say("%s:%d: [keys] %s",
			    cf->path ? cf->path : "config", cf->keys[i].line, msg);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		say("the reader needs a terminal; "
		    "use --dump or --toc for plain text");
		return 1;
	}
	if (stat(target, &st) != 0) {
		say("%s: %s", target, strerror(errno));
		return 1;
	}
	ambiguous = cf->ambiguous;
	t.cachedir = paths_dir(PATHS_CACHE, &why);
	if (why != NULL)
		say("cache folder: %s; working without a cache", why);
	t.statedir = paths_dir(PATHS_STATE, &why);
	if (why != NULL)
		say("state folder: %s; positions and bookmarks are not kept",
		    why);
	if (!archive_open(&t.ar, target, t.cachedir, &err)) {
		say("%s: %s", target, err);
		goto fail;
	}
	if (t.ar.n == 0) {
		say("%s: no issues (*.txt, *.md) in this folder",
		    target);
		goto fail;
	}
	while (t.ndated < t.ar.n && t.ar.v[t.ndated].date[0] != '\0')
		t.ndated++;
	t.library = S_ISDIR(st.st_mode) && !vault_is_day(target);
	/* an issue file is read before the screen changes: errors stay plain */
	if (!t.library && !open_issue(&t, 0)) {
		say("%s", t.msg);
		goto fail;
	}
	if (warnings != NULL && *warnings != '\0') {
		/* shown before the screen takes over, and on the status line */
		const char	*p = warnings, *nl;

		while ((nl = strchr(p, '\n')) != NULL) {
			say("%.*s", (int)(nl - p), p);
			p = nl + 1;
		}
	}
	if (t.statedir != NULL)
		state_load_marks(t.statedir, &t.marks, &t.nmarks);
	signals();
	if ((screen = start_curses()) == NULL) {
		say("cannot start the terminal");
		goto fail;
	}
	colours(&t);
	layout_init(&t.lay);
	if (t.library)
		t.view = V_LIBRARY;
	if (warnings != NULL && *warnings != '\0')
		status(&t, "%.*s", (int)strcspn(warnings, "\n"), warnings);

	while (!t.quit && !got_term) {
		draw(&t);
		r = get_wch(&ch);
		if (got_term)
			break;
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			if (t.view == V_READER)
				relayout(&t);
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
			MEVENT	ev;

			if (getmouse(&ev) == OK) {
				if (ev.bstate & BUTTON4_PRESSED)
					run(&t, CMD_LINE_UP);
				else if (ev.bstate & BUTTON5_PRESSED)
					run(&t, CMD_LINE_DOWN);
			}
			continue;
		}
		if (r == OK && ch >= KEYMAP_SIZE)
			continue;	/* a wide character: not a key */
		run(&t, keymap_lookup(&t.km, (int)ch));
	}
	save_position(&t);
	/*
	 * A terminal without an alternate screen (vt100) keeps what was
	 * drawn: clear it, so that no status line stays under the prompt.
	 */
	{
		char	*rmcup = tigetstr("rmcup");

		if (rmcup == NULL || rmcup == (char *)-1 || *rmcup == '\0') {
			clear();
			refresh();
		}
	}
	endwin();
	delscreen(screen);
	rc = 0;
fail:
	layout_free(&t.lay);
	issue_free(t.is);
	archive_close(&t.ar);
	query_free_hits(t.hits, t.nhits);
	state_free_marks(t.marks, t.nmarks);
	free(t.query);
	free(t.statedir);
	free(t.cachedir);
	return rc;
}

void
tui_print_keys(FILE *f)
{
	struct keymap	km;

	keymap_defaults(&km);
	keymap_print(&km, f);
}
