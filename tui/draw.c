/*
 * draw: the reader's drawing helpers.  Model text is sanitised already;
 * these also guard strings from elsewhere (file names, messages): a
 * control character is drawn as '?', and text cut short ends in "…".
 */
#include <curses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../model/buf.h"
#include "../model/query.h"
#include "../model/text.h"
#include "../app/state.h"
#include "view.h"

/* cells of an East Asian Ambiguous character, as the layout counts them */
static int	ambiguous = 1;

void
draw_set_ambiguous(int cells)
{
	ambiguous = cells;
}

int
draw_ambiguous(void)
{
	return ambiguous;
}

/* One line on stderr, kanbao: ..., with nothing the terminal would obey. */
void
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

/* Draws s[0..n-1] from (y, x) in at most maxw cells; returns cells drawn. */
int
put(int y, int x, const char *s, size_t n, int maxw)
{
	size_t		 i = 0, len;
	int		 w = 0, cw, ew = text_char_width(U_ELLIPSIS, ambiguous);
	text_char	 c;
	char		 e[8];
	bool		 cut = text_width(s, n, ambiguous) > (size_t)(maxw > 0 ?
			    maxw : 0);

	if (cut && maxw > ew)
		maxw -= ew;
	else
		cut = false;
	move(y, x);
	while (i < n) {
		/* a soft hyphen '-' or nothing, an unsafe character '?' */
		c = text_shown(s, n, i, &len, e);
		if (e[0] == '\0') {
			i += len;
			continue;
		}
		cw = c == 0xad || (e[0] == '?' && e[1] == '\0') ? 1 :
		    text_char_width(c, ambiguous);
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

int
puts_at(int y, int x, const char *s, int maxw)
{
	return put(y, x, s ? s : "", s ? strlen(s) : 0, maxw);
}

/* Bold for heads, colour only on top of it: nothing told by colour alone. */
unsigned long
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

void
status(struct tui *t, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
}

void
draw_status(struct tui *t, const char *left)
{
	int		 y = LINES - 1, x = 0;
	const char	*sep = t->linear ? ", " : " | ";
	char		 plain[512], reading[64];
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
	/* a message first, then a library still being read, then the place */
	if (t->msg[0] != '\0') {
		x = puts_at(y, 0, t->msg, COLS - 1);
		if (*left != '\0' || t->nread > 0 || t->job != NULL)
			x += puts_at(y, x, sep, COLS - 1 - x);
	}
	if (t->nread > 0) {
		snprintf(reading, sizeof reading, "reading %zu/%zu%s",
		    t->reading, t->nread, *left ? sep : "");
		x += puts_at(y, x, reading, COLS - 1 - x);
	}
	if (t->job != NULL) {
		if (t->nindex > 0)
			snprintf(reading, sizeof reading, "indexing %zu/%zu%s",
			    t->indexed, t->nindex, *left ? sep : "");
		else
			snprintf(reading, sizeof reading, "searching%s",
			    *left ? sep : "");
		x += puts_at(y, x, reading, COLS - 1 - x);
	}
	puts_at(y, x, left, COLS - 1 - x);
	attrset(A_NORMAL);
}

/*
 * The query's matches in s (drawn at y, x in maxw cells) again,
 * underlined and bold: a hit is told by more than colour.
 */
static void
mark_query(int y, int x, const char *s, int maxw, const char *q)
{
	size_t	from = 0, at, n, len, before, limit;

	if (q == NULL || maxw <= 0)
		return;
	len = strlen(s);
	limit = (size_t)maxw;
	if (text_width(s, len, ambiguous) > limit)
		limit -= (size_t)text_char_width(U_ELLIPSIS, ambiguous);
	while (query_find(s, len, from, q, &at, &n)) {
		before = text_width(s, at, ambiguous);
		if (before + text_width(s + at, n, ambiguous) > limit)
			break;		/* cut off where the "…" stands */
		attron(A_UNDERLINE | A_BOLD);
		put(y, x + (int)before, s + at, n, maxw - (int)before);
		attroff(A_UNDERLINE | A_BOLD);
		from = at + n;
	}
}

/* Cells of s up to the end of the query's first match, or 0. */
static int
cells_to_hit(const char *s, const char *q)
{
	size_t	at, n;

	if (s == NULL || q == NULL || !query_find(s, strlen(s), 0, q, &at, &n))
		return 0;
	return (int)text_width(s, at + n, ambiguous);
}

void
draw_row(int y, bool selected, bool linear, const char *a, const char *b,
    const char *c, const char *mark)
{
	int	x = 0, bw, need, w;

	if (selected)
		attron(A_REVERSE);
	move(y, 0);
	hline(' ', COLS);
	/* the '>' marker, not in linear mode: the cursor is on the row */
	if (!linear)
		x = puts_at(y, 0, selected ? "> " : "  ", COLS);
	x += puts_at(y, x, a, COLS - x);
	/*
	 * With a third field (a snippet), the second leaves it room: two
	 * fifths, less when the snippet's hit would not show, none when
	 * what is left is too narrow to read.
	 */
	if (b && *b && x < COLS - 2) {
		bw = COLS - x - 2;
		if (c && *c) {
			bw = bw * 2 / 5;
			/* the hit and the "…" that may follow it */
			need = cells_to_hit(c, mark) + 1;
			if (need > 1 && COLS - x - 2 - bw - 2 < need)
				bw = COLS - x - 4 - need;
		}
		if (bw >= 4) {
			x += puts_at(y, x, "  ", COLS - x);
			w = puts_at(y, x, b, bw);
			mark_query(y, x, b, bw, mark);
			x += w;
		}
	}
	if (c && *c && x < COLS - 2) {
		x += puts_at(y, x, "  ", COLS - x);
		puts_at(y, x, c, COLS - x);
		mark_query(y, x, c, COLS - x, mark);
	}
	if (selected)
		attroff(A_REVERSE);
}

void
list_scroll(struct frame *f, size_t n, int rows)
{
	if (n == 0) {
		f->sel = f->top = 0;
		return;
	}
	if (f->sel >= n)
		f->sel = n - 1;
	if (f->sel < f->top)
		f->top = f->sel;
	if (rows > 0 && f->sel >= f->top + (size_t)rows)
		f->top = f->sel - (size_t)rows + 1;
}

void
list_click(struct tui *t, struct frame *f, int y)
{
	size_t	i;

	if (f->shown <= 0 || y < f->row0 || y >= f->row0 + f->shown)
		return;
	i = f->top + (size_t)(y - f->row0);
	if (i == f->sel)
		commands_run(t, CMD_OPEN);
	else
		f->sel = i;
}

bool
list_move(struct frame *f, enum cmd c, size_t n)
{
	size_t	half = LINES > 2 ? (size_t)(LINES / 2) : 1;

	switch (c) {
	case CMD_LINE_DOWN:
	case CMD_ARTICLE_NEXT:
	case CMD_COLUMN_NEXT:
		if (f->sel + 1 < n)
			f->sel++;
		return true;
	case CMD_LINE_UP:
	case CMD_ARTICLE_PREV:
	case CMD_COLUMN_PREV:
		if (f->sel > 0)
			f->sel--;
		return true;
	case CMD_PAGE_DOWN:
		f->sel = f->sel + half < n ? f->sel + half : n ? n - 1 : 0;
		return true;
	case CMD_PAGE_UP:
		f->sel = f->sel > half ? f->sel - half : 0;
		return true;
	case CMD_TOP:
		f->sel = 0;
		return true;
	case CMD_BOTTOM:
		f->sel = n ? n - 1 : 0;
		return true;
	default:
		return false;
	}
}

/*
 * A list view: a bold title, n entries scrolled to keep the selection on
 * screen (reverse video and '>', the cursor on it), a status line.
 */
void
draw_list(struct tui *t, struct frame *f, const char *title, size_t n,
    list_row *row, const char *empty, const char *left, const char *mark)
{
	char		 buf[512];
	const char	*a, *b, *c;
	int		 y = 0, cy = 0;
	size_t		 i;

	attron(A_BOLD);
	puts_at(y++, 0, title, COLS);
	attroff(A_BOLD);
	list_scroll(f, n, LINES - 2);
	f->row0 = y;
	for (i = f->top; i < n && y < LINES - 1; i++) {
		a = b = c = NULL;
		row(t, i, buf, sizeof buf, &a, &b, &c);
		if (i == f->sel)
			cy = y;
		draw_row(y++, i == f->sel, t->linear, a, b, c, mark);
	}
	f->shown = y - f->row0;
	if (n == 0 && empty != NULL)
		puts_at(y, 0, empty, COLS);
	draw_status(t, left);
	move(cy, 0);
}

bool
escape_sequence(void)
{
	wint_t	ch;
	int	r, n = 0;

	/* a sequence's bytes come together: only what is there already */
	timeout(0);
	r = get_wch(&ch);
	if (r != OK || (ch != '[' && ch != 'O')) {
		if (r != ERR)
			unget_wch((wchar_t)ch);	/* Alt+key, or Esc then a key */
		timeout(-1);
		return false;
	}
	if (ch == 'O') {		/* SS3: one more byte */
		get_wch(&ch);
		timeout(-1);
		return true;
	}
	/* CSI: parameters and intermediates up to a final byte */
	while ((r = get_wch(&ch)) == OK && n++ < 64 &&
	    !(ch >= 0x40 && ch <= 0x7e))
		;
	timeout(-1);
	return true;
}

/* The byte where the character before (dir < 0) or after b[at] starts. */
static size_t
char_step(const struct buf *b, size_t at, int dir)
{
	if (dir < 0) {
		while (at > 0 && ((unsigned char)b->p[--at] & 0xc0) == 0x80)
			;
		return at;
	}
	if (at < b->len)
		at++;
	while (at < b->len && ((unsigned char)b->p[at] & 0xc0) == 0x80)
		at++;
	return at;
}

/* Replaces the line with s. */
static void
line_set(struct buf *b, size_t *at, const char *s)
{
	b->len = 0;
	buf_adds(b, s != NULL ? s : "");
	*at = b->len;
}

/* Removes b[from..to). */
static void
line_cut(struct buf *b, size_t from, size_t to)
{
	memmove(b->p + from, b->p + to, b->len - to);
	b->len -= to - from;
	b->p[b->len] = '\0';
}

/*
 * Draws the prompt on the last line, what is typed scrolled so that the
 * cursor shows, and puts the cursor there.
 */
static void
prompt_draw(const char *what, const struct buf *b, size_t at)
{
	int	w = (int)text_width(what, strlen(what), ambiguous);
	int	room = COLS - 1 - w, before;
	size_t	from = 0;

	if (room < 4)
		room = 4;
	/* from the start, or late enough that the cursor fits */
	while (from < at && (int)text_width(b->p + from, at - from,
	    ambiguous) >= room)
		from = char_step(b, from, 1);
	before = (int)text_width(b->p + from, at - from, ambiguous);
	attrset(A_NORMAL);
	move(LINES - 1, 0);
	clrtoeol();
	puts_at(LINES - 1, 0, what, COLS - 1);
	put(LINES - 1, w, b->p + from, b->len - from, room);
	move(LINES - 1, w + before < COLS ? w + before : COLS - 1);
	refresh();
}

/*
 * A line typed on the last line, edited as in a shell: Left, Right, Home,
 * End (and ^B ^F ^A ^E), Backspace, Delete (^D), ^U and ^K (to the start,
 * to the end), ^W (a word back), Up and Down through the prompt's history
 * (kept per name in the state folder, across sessions).  Enter takes it;
 * Esc, ^C and ^G cancel (NULL).  A resize redraws the screen under it.
 */
/* A prompt's line being edited, and its history. */
struct edit {
	struct buf	  b;
	size_t		  at;		/* the cursor, a byte of b */
	char		**hist, *typed;	/* typed: the line before Up */
	size_t		  nhist, hi;
};

enum edit_op { E_NONE, E_DONE, E_CANCEL, E_BACK, E_DEL, E_LEFT, E_RIGHT,
	E_HOME, E_END, E_UP, E_DOWN, E_CUT_START, E_CUT_END, E_WORD, E_TEXT };

/* What a key does in a prompt, as shells and readline have it. */
static enum edit_op
edit_op(int r, wint_t ch)
{
	if (r == KEY_CODE_YES)
		switch (ch) {
		case KEY_ENTER:		return E_DONE;
		case KEY_BACKSPACE:	return E_BACK;
		case KEY_DC:		return E_DEL;
		case KEY_LEFT:		return E_LEFT;
		case KEY_RIGHT:		return E_RIGHT;
		case KEY_HOME:		return E_HOME;
		case KEY_END:		return E_END;
		case KEY_UP:		return E_UP;
		case KEY_DOWN:		return E_DOWN;
		default:		return E_NONE;
		}
	switch (ch) {
	case 27:		/* Esc */
	case 3:			/* ^C, where it comes as a key */
	case 7:			/* ^G */
		return E_CANCEL;
	case '\n':
	case '\r':
		return E_DONE;
	case 127:
	case 8:			/* ^H */
		return E_BACK;
	case 4:	return E_DEL;		/* ^D */
	case 1:	return E_HOME;		/* ^A */
	case 5:	return E_END;		/* ^E */
	case 2:	return E_LEFT;		/* ^B */
	case 6:	return E_RIGHT;		/* ^F */
	case 21: return E_CUT_START;	/* ^U */
	case 11: return E_CUT_END;	/* ^K */
	case 23: return E_WORD;		/* ^W */
	default:
		return ch < 0x20 ? E_NONE : E_TEXT;
	}
}

/* Does op (a character ch for E_TEXT) to the line. */
static void
edit_do(struct edit *e, enum edit_op op, wint_t ch)
{
	struct buf	*b = &e->b;
	mbstate_t	 ms;
	char		 c[8];
	size_t		 k;

	switch (op) {
	case E_BACK:
		if (e->at > 0) {
			k = char_step(b, e->at, -1);
			line_cut(b, k, e->at);
			e->at = k;
		}
		break;
	case E_DEL:
		if (e->at < b->len)
			line_cut(b, e->at, char_step(b, e->at, 1));
		break;
	case E_LEFT:	e->at = char_step(b, e->at, -1); break;
	case E_RIGHT:	e->at = char_step(b, e->at, 1); break;
	case E_HOME:	e->at = 0; break;
	case E_END:	e->at = b->len; break;
	case E_UP:
		if (e->hi > 0) {
			if (e->hi == e->nhist) {
				free(e->typed);
				e->typed = strdup(b->p);
			}
			line_set(b, &e->at, e->hist[--e->hi]);
		}
		break;
	case E_DOWN:
		if (e->hi < e->nhist) {
			e->hi++;
			line_set(b, &e->at, e->hi < e->nhist ?
			    e->hist[e->hi] : e->typed);
		}
		break;
	case E_CUT_START:
		line_cut(b, 0, e->at);
		e->at = 0;
		break;
	case E_CUT_END:
		line_cut(b, e->at, b->len);
		break;
	case E_WORD:		/* the spaces, then the word */
		k = e->at;
		while (k > 0 && b->p[k - 1] == ' ')
			k--;
		while (k > 0 && b->p[k - 1] != ' ')
			k = char_step(b, k, -1);
		line_cut(b, k, e->at);
		e->at = k;
		break;
	case E_TEXT:
		memset(&ms, 0, sizeof ms);
		if (b->len <= 400 &&
		    (k = wcrtomb(c, (wchar_t)ch, &ms)) != (size_t)-1 &&
		    buf_reserve(b, b->len + k + 1)) {
			memmove(b->p + e->at + k, b->p + e->at,
			    b->len - e->at + 1);
			memcpy(b->p + e->at, c, k);
			b->len += k;
			e->at += k;
		}
		break;
	default:
		break;
	}
}

char *
prompt(struct tui *t, const char *what, const char *name)
{
	struct edit	 e;
	enum edit_op	 op;
	wint_t		 ch;
	int		 r;

	memset(&e, 0, sizeof e);
	state_load_history(t->statedir, name, &e.hist, &e.nhist);
	e.hi = e.nhist;
	buf_adds(&e.b, "");
	for (;;) {
		prompt_draw(what, &e.b, e.at);
		r = get_wch(&ch);
		if (tui_got_term == SIGINT) {
			tui_got_term = 0;	/* ^C cancels, never quits */
			break;
		}
		if (tui_got_term)
			break;
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			tui_redraw(t);
			continue;
		}
		if (r != KEY_CODE_YES && ch == 27 && escape_sequence())
			continue;	/* a key this terminal's entry lacks */
		if ((op = edit_op(r, ch)) == E_CANCEL)
			break;
		if (op == E_DONE) {
			if (e.b.failed || e.b.len == 0)
				break;
			state_add_history(t->statedir, name, e.b.p, &e.hist,
			    &e.nhist);
			state_free_history(e.hist, e.nhist);
			free(e.typed);
			return buf_take(&e.b, NULL);
		}
		edit_do(&e, op, ch);
	}
	state_free_history(e.hist, e.nhist);
	free(e.typed);
	buf_free(&e.b);
	return NULL;
}

const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

const char *
base_name(const char *path)
{
	const char	*s = strrchr(path, '/');

	return s != NULL && s[1] != '\0' ? s + 1 : path;
}
