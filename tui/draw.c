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
char *
prompt(struct tui *t, const char *what, const char *name)
{
	struct buf	 b = { 0 };
	wint_t		 ch;
	int		 r;
	char		 e[8], **hist = NULL;
	mbstate_t	 ms;
	size_t		 k, at = 0, nhist = 0, hi;
	char		*typed = NULL;	/* the line before Up was pressed */

	state_load_history(t->statedir, name, &hist, &nhist);
	hi = nhist;
	buf_adds(&b, "");
	for (;;) {
		prompt_draw(what, &b, at);
		r = get_wch(&ch);
		if (tui_got_term == SIGINT) {
			tui_got_term = 0;	/* ^C cancels, never quits */
			goto cancel;
		}
		if (tui_got_term)
			goto cancel;
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES) {
			switch (ch) {
			case KEY_RESIZE:
				tui_redraw(t);
				break;
			case KEY_ENTER:
				goto done;
			case KEY_BACKSPACE:
				if (at > 0) {
					k = char_step(&b, at, -1);
					line_cut(&b, k, at);
					at = k;
				}
				break;
			case KEY_DC:
				if (at < b.len)
					line_cut(&b, at, char_step(&b, at, 1));
				break;
			case KEY_LEFT:
				at = char_step(&b, at, -1);
				break;
			case KEY_RIGHT:
				at = char_step(&b, at, 1);
				break;
			case KEY_HOME:
				at = 0;
				break;
			case KEY_END:
				at = b.len;
				break;
			case KEY_UP:
			case KEY_DOWN:
				if (ch == KEY_UP && hi > 0) {
					if (hi == nhist) {
						free(typed);
						typed = strdup(b.p);
					}
					line_set(&b, &at, hist[--hi]);
				} else if (ch == KEY_DOWN && hi < nhist)
					line_set(&b, &at, ++hi < nhist ?
					    hist[hi] : typed);
				break;
			}
			continue;
		}
		if (ch == 27 && escape_sequence())
			continue;	/* a key this terminal's entry lacks */
		switch (ch) {
		case 27:		/* Esc */
		case 3:			/* ^C, where it comes as a key */
		case 7:			/* ^G */
			goto cancel;
		case '\n':
		case '\r':
			goto done;
		case 127:
		case 8:			/* ^H */
			if (at > 0) {
				k = char_step(&b, at, -1);
				line_cut(&b, k, at);
				at = k;
			}
			continue;
		case 4:			/* ^D */
			if (at < b.len)
				line_cut(&b, at, char_step(&b, at, 1));
			continue;
		case 1:			/* ^A */
			at = 0;
			continue;
		case 5:			/* ^E */
			at = b.len;
			continue;
		case 2:			/* ^B */
			at = char_step(&b, at, -1);
			continue;
		case 6:			/* ^F */
			at = char_step(&b, at, 1);
			continue;
		case 21:		/* ^U */
			line_cut(&b, 0, at);
			at = 0;
			continue;
		case 11:		/* ^K */
			line_cut(&b, at, b.len);
			continue;
		case 23:		/* ^W: the spaces, then the word */
			k = at;
			while (k > 0 && b.p[k - 1] == ' ')
				k--;
			while (k > 0 && b.p[k - 1] != ' ')
				k = char_step(&b, k, -1);
			line_cut(&b, k, at);
			at = k;
			continue;
		}
		if (ch < 0x20 || b.len > 400)
			continue;
		memset(&ms, 0, sizeof ms);
		if ((k = wcrtomb(e, (wchar_t)ch, &ms)) != (size_t)-1 &&
		    buf_reserve(&b, b.len + k + 1)) {
			memmove(b.p + at + k, b.p + at, b.len - at + 1);
			memcpy(b.p + at, e, k);
			b.len += k;
			at += k;
		}
	}
done:
	if (b.failed || b.len == 0)
		goto cancel;
	state_add_history(t->statedir, name, b.p, &hist, &nhist);
	state_free_history(hist, nhist);
	free(typed);
	return buf_take(&b, NULL);
cancel:
	state_free_history(hist, nhist);
	free(typed);
	buf_free(&b);
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
