/*
 * reader: an article laid out in columns for the screen, read a line at
 * a time.  The reading place is an anchor (block and byte offset), so it
 * survives a relayout at another size, column count or mode; the
 * hardware cursor sits on the reading line.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/buf.h"
#include "../model/issue.h"
#include "../model/text.h"
#include "view.h"

int
reader_columns(const struct tui *t)
{
	int	g = 2, cw = t->cf->column_width, width = COLS - 2;

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

static size_t
lines_on(const struct tui *t, size_t page)
{
	return page < t->lay.npages ? t->lay.pages[page].n : 0;
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
void
reader_layout(struct tui *t)
{
	struct layout_opts	 o;
	const struct placed	*pl;
	const struct lline	*ln;
	size_t			 k;

	config_layout_opts(t->cf, t->linear, &o);
	o.width = COLS - 2;
	o.height = LINES - 1;
	o.columns = t->linear ? 1 : reader_columns(t);
	o.guessed = true;
	t->laid = false;
	if (o.width < 1 || o.height < 1 || t->is == NULL ||
	    t->is->narticles == 0)
		return;
	if (!layout_issue(&t->lay, t->is, &o, t->art, 1)) {
		status(t, "out of memory");
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
		    layout_line_end(&t->lay, ln) > t->aoff)) {
			t->line = k;
			break;
		}
	}
}

/* Shows the reader at the anchor set, over the contents. */
void
reader_show(struct tui *t)
{
	struct frame	*f;

	while ((f = view_top(t)) != NULL && f->v->overlay)
		view_pop(t);
	view_show(t, &view_reader);
	reader_layout(t);
}

void
reader_goto(struct tui *t, size_t a, bool at_end)
{
	t->art = a;
	t->ablock = t->aoff = 0;
	t->ahead = true;
	reader_layout(t);
	if (at_end && t->lay.npages > 0) {
		t->page = t->lay.npages - 1;
		t->line = 0;
	}
	anchor(t);
}

void
reader_click(struct tui *t, int y, int x)
{
	const struct placed	*pl;
	const struct lline	*ln;
	size_t			 k;
	int			 m = t->linear ? 0 : 1;

	if (!t->laid)
		return;
	for (k = 0; (ln = placed_line(t, t->page, k, &pl)) != NULL; k++)
		if (pl->row == y && x >= m + pl->col &&
		    x < m + pl->col + t->lay.colwidth && ln->style != LS_BLANK) {
			t->line = k;
			anchor(t);
			return;
		}
}

/* The search hits on a line: reverse and underlined, not colour alone. */
static void
mark_hits(const struct tui *t, const struct lline *ln, int y, int x)
{
	size_t	from = 0, at, n;

	if (t->query == NULL)
		return;
	while (query_find(ln->s, ln->len, from, t->query, &at, &n)) {
		int	before = (int)text_width(ln->s, at, draw_ambiguous());

		attron(A_REVERSE | A_UNDERLINE);
		put(y, x + ln->indent * 2 + before, ln->s + at, n, COLS - x);
		attroff(A_REVERSE | A_UNDERLINE);
		from = at + n;
	}
}

static void
reader_draw(struct tui *t, struct frame *f)
{
	const struct placed		*pl;
	const struct lline		*ln;
	const struct article		*a;
	const struct archive_entry	*e;
	const char			*title, *date;
	char				 left[256], pg[16] = "";
	size_t				 k;
	int				 cy = 0, cx = 1, i, m;

	(void)f;
	if (!t->laid)
		reader_layout(t);
	if (!t->laid) {
		puts_at(0, 0, "This issue has no articles. q: back", COLS);
		draw_status(t, "");
		move(0, 0);
		return;
	}
	/* linear mode: no margin cell, the text at the line's start */
	m = t->linear ? 0 : 1;
	for (k = 0; (ln = placed_line(t, t->page, k, &pl)) != NULL; k++) {
		attrset((int)style_attr(t, ln->style));
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
	title = t->is->title ? t->is->title : e && e->title ? e->title : "";
	/* an issue with neither title nor date: its file's name */
	if (*title == '\0' && t->is->date[0] == '\0' && (e == NULL ||
	    e->date[0] == '\0'))
		title = e != NULL ? base_name(e->path) : "";
	if (a->page > 0)
		snprintf(pg, sizeof pg, " p%d", a->page);
	date = t->is->date[0] ? t->is->date : e ? e->date : "";
	/* where the reader is first: a narrow window cuts the rest */
	snprintf(left, sizeof left, "article %zu/%zu | page %zu/%zu | "
	    "%s%s%s%s%s | ?: help", t->art + 1, t->is->narticles,
	    t->page + 1, t->lay.npages, title, *title && *date ? " " : "",
	    date, pg, t->linear && strstr(t->msg, "linear") == NULL ?
	    " | linear" : "");	/* said once, when the message says it */
	draw_status(t, left);
	move(cy, cx);
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

/*
 * Back over a page, or into the previous article: its last line, or with
 * column the first line of its last column.
 */
static void
back_a_page(struct tui *t, bool column)
{
	if (t->page > 0) {
		t->page--;
		to_page_end(t, column);
	} else if (t->art > 0) {
		reader_goto(t, t->art - 1, true);
		to_page_end(t, column);
	} else
		status(t, "start of the issue");
}

/*
 * Read on: past the end of an issue, the next one of the library (the
 * next day's), at its first article, its date said.
 */
static void
read_on(struct tui *t)
{
	const struct archive_entry	*e = &t->ar.v[t->issue_i + 1];

	if (!issue_open(t, t->issue_i + 1))
		return;
	issue_show(t, true);
	reader_goto(t, 0, false);
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
			reader_goto(t, t->art + 1, false);
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
			reader_goto(t, t->art - 1, true);
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
				back_a_page(t, false);
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
	back_a_page(t, true);
}

/* Bookmarks the reading place with its date, headline and line. */
static void
add_mark(struct tui *t)
{
	const struct article	*a = &t->is->articles[t->art];
	struct bookmark		 m;
	char			 label[160], line[128];
	size_t			 k = 0;
	bool			 ok;

	if (t->statedir == NULL) {
		status(t, "no state folder: bookmark not saved");
		return;
	}
	snprintf(label, sizeof label, "%s %s", t->is->date[0] ? t->is->date :
	    t->issue_i < t->ar.n ? t->ar.v[t->issue_i].date : "",
	    a->headline ? a->headline : "");
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

/*
 * Copies the reading line's paragraph (with whole, its article) to the
 * terminal's clipboard.
 */
static void
copy_reading(struct tui *t, bool whole)
{
	const struct placed	*pl;
	const struct lline	*ln = placed_line(t, t->page, t->line, &pl);
	const struct article	*a;
	struct buf		 b = { 0 };

	if (ln == NULL) {
		status(t, "nothing to copy here");
		return;
	}
	a = &t->is->articles[ln->article < t->is->narticles ? ln->article :
	    t->art];
	if (whole)
		article_text(a, &b);
	else if (!ln->head && ln->block < a->nblocks) {
		buf_add(&b, a->blocks[ln->block].text, a->blocks[ln->block].len);
		if (a->blocks[ln->block].extra != NULL) {
			buf_adds(&b, " — ");
			buf_adds(&b, a->blocks[ln->block].extra);
		}
	} else
		buf_add(&b, ln->s, ln->len);
	copy_text(t, whole ? "the article" : "the paragraph", &b);
	buf_free(&b);
}

static bool
reader_command(struct tui *t, struct frame *f, enum cmd c)
{
	bool	laid = t->laid;

	(void)f;
	switch (c) {
	case CMD_LINE_DOWN:
	case CMD_OPEN:	/* Enter: a line on, as in less */
		if (laid)
			line_move(t, 1);
		break;
	case CMD_LINE_UP: if (laid) line_move(t, -1); break;
	case CMD_PAGE_DOWN: if (laid) page_move(t, 1); break;
	case CMD_PAGE_UP: if (laid) page_move(t, -1); break;
	case CMD_COLUMN_NEXT: if (laid) column_move(t, 1); break;
	case CMD_COLUMN_PREV: if (laid) column_move(t, -1); break;
	case CMD_TOP:
		t->page = t->line = 0;
		anchor(t);
		break;
	case CMD_BOTTOM:
		/* the last line, not the last page's top */
		t->page = t->lay.npages ? t->lay.npages - 1 : 0;
		to_page_end(t, false);
		break;
	case CMD_ARTICLE_NEXT:
		if (laid && t->art + 1 < t->is->narticles)
			reader_goto(t, t->art + 1, false);
		else if (laid)
			status(t, "last article");
		break;
	case CMD_ARTICLE_PREV:
		if (laid && t->art > 0)
			reader_goto(t, t->art - 1, false);
		else if (laid)
			status(t, "first article");
		break;
	case CMD_MARK: if (laid) add_mark(t); break;
	case CMD_COPY: if (laid) copy_reading(t, false); break;
	case CMD_COPY_ARTICLE: if (laid) copy_reading(t, true); break;
	case CMD_SAVE: if (laid) save_article(t, t->art); break;
	default:
		return false;
	}
	if (!laid)
		status(t, "this issue has no articles");
	return true;
}

const struct view view_reader = {
	.name = "reader",
	.draw = reader_draw,
	.command = reader_command,
};
