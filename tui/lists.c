/*
 * lists: the views that are lists -- the library (issues newest first),
 * the contents (front page and articles), search results, bookmarks and
 * help.  Each keeps its selection in its frame.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/issue.h"
#include "view.h"

/* ---- library ----------------------------------------------------------- */

static void
library_row(const struct tui *t, size_t i, char *buf, size_t len,
    const char **a, const char **b, const char **c)
{
	const struct archive_entry	*e = &t->ar.v[lib_entry(t, i)];
	const struct readmark		*r = state_find_read(t->reads,
					    t->nreads, e->path);
	char				 how[32];

	/* new, how far (article 2 of 4), or read: in words, not colour */
	if (r == NULL)
		snprintf(how, sizeof how, "new ");
	else if (r->done)
		snprintf(how, sizeof how, "read");
	else
		snprintf(how, sizeof how, "%zu/%zu", r->article + 1,
		    r->narticles);
	snprintf(buf, len, "%-10s %-5s", e->date[0] ? e->date : "undated",
	    how);
	*a = buf;
	*b = e->title;
	*c = e->headline;
}

static void
library_draw(struct tui *t, struct frame *f)
{
	char	left[128];

	/* while it is read, the count of issues read stands first */
	if (t->nread > 0)
		snprintf(left, sizeof left, "Enter: open | ?: help");
	else
		snprintf(left, sizeof left,
		    "library: %zu %s | Enter: open | /: search | ?: help",
		    t->ar.n, plural(t->ar.n, "issue", "issues"));
	draw_list(t, f, "Library: issues, newest first", t->ar.n, library_row,
	    t->nread > 0 ? "Reading the library..." : NULL, left, NULL);
}

/* / in a list of issues searches them all */
static bool
search_library_cmd(struct tui *t)
{
	char	*q;

	if (t->nread > 0) {
		status(t, "the library is still being read");
		return true;
	}
	if (t->job != NULL) {
		status(t, "a search is still running");
		return true;
	}
	if ((q = prompt(t, "/", "search")) == NULL)
		return true;
	free(t->query);
	t->query = q;
	library_search(t);
	return true;
}

static bool
library_command(struct tui *t, struct frame *f, enum cmd c)
{
	switch (c) {
	case CMD_OPEN:
		if (f->sel < t->ar.n)
			issue_enter(t, lib_entry(t, f->sel));
		return true;
	case CMD_SEARCH:
		return search_library_cmd(t);
	case CMD_SEARCH_NEXT:
	case CMD_SEARCH_PREV:
		status(t, "press / to search the library");
		return true;
	default:
		return list_move(f, c, t->ar.n);
	}
}

const struct view view_library = {
	.name = "library",
	.draw = library_draw,
	.command = library_command,
};

/* ---- contents ---------------------------------------------------------- */

static void
contents_draw(struct tui *t, struct frame *f)
{
	const struct issue		*is = t->is;
	const struct archive_entry	*e = t->issue_i < t->ar.n ?
					    &t->ar.v[t->issue_i] : NULL;
	char				 line[512], pages[32];
	int				 y = 0, x = 0, rows, cy = 0;
	size_t				 i;

	attron(A_BOLD | (t->color ? COLOR_PAIR(P_HEAD) : 0));
	/* no masthead: the date the library found (file or folder name) */
	puts_at(y++, 0, is->title ? is->title : e && e->title ? e->title :
	    e && e->date[0] ? e->date : e ? base_name(e->path) : "", COLS);
	attroff(A_BOLD | (t->color ? COLOR_PAIR(P_HEAD) : 0));
	if (is->romanized)
		puts_at(y++, 0, is->romanized, COLS);
	issue_date_line(is, e ? e->date : NULL, line, sizeof line);
	puts_at(y++, 0, line, COLS);
	/* the front page's slogans and banners: a line, or a line each */
	for (i = 0; i < is->nitems && x < COLS - 4; i++) {
		if (is->items[i].banner == NULL)
			continue;
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
	y++;
	rows = LINES - 1 - y;
	list_scroll(f, is->narticles, rows);
	f->row0 = y;
	for (i = f->top; i < is->narticles && y < LINES - 1; i++) {
		const struct article	*a = &is->articles[i];

		snprintf(pages, sizeof pages, "%d版 ", a->page);
		snprintf(line, sizeof line, "%2zu %s%s%s%s", i + 1,
		    a->page > 0 ? pages : "", a->kicker ? a->kicker : "",
		    a->kicker ? t->linear ? "  " : " | " : "",
		    a->headline ? a->headline : "(no headline)");
		if (i == f->sel)
			cy = y;
		draw_row(y++, i == f->sel, t->linear, line, a->deck,
		    a->byline_inline ? NULL : a->byline, NULL);
	}
	f->shown = y - f->row0;
	if (is->narticles == 0)
		puts_at(y, 0, "This issue has no articles.", COLS);
	snprintf(line, sizeof line, "contents: %zu %s | Enter: read | ?: help",
	    is->narticles, plural(is->narticles, "article", "articles"));
	draw_status(t, line);
	move(cy, 0);
}

static bool
contents_command(struct tui *t, struct frame *f, enum cmd c)
{
	switch (c) {
	case CMD_OPEN:
		if (f->sel < t->is->narticles) {
			t->art = f->sel;
			t->ablock = t->aoff = 0;
			t->ahead = true;
			reader_show(t);
		}
		return true;
	case CMD_SAVE:
		save_article(t, f->sel);
		return true;
	default:
		return list_move(f, c, t->is->narticles);
	}
}

/* back from the reader: on the article read */
static void
contents_resume(struct tui *t, struct frame *f, const struct view *from)
{
	if (from == &view_reader)
		f->sel = t->art;
}

const struct view view_contents = {
	.name = "contents",
	.draw = contents_draw,
	.command = contents_command,
	.resume = contents_resume,
};

/* ---- search results ---------------------------------------------------- */

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
results_draw(struct tui *t, struct frame *f)
{
	char	left[256];

	snprintf(left, sizeof left, "%zu %s for %s | Enter: open | q: back",
	    t->nhits, plural(t->nhits, "hit", "hits"), t->query ? t->query : "");
	draw_list(t, f, "Search results", t->nhits, result_row, NULL, left,
	    t->query);
}

/* Opens hit sel in the reader at the query's first word; q comes back. */
static void
open_hit(struct tui *t, size_t sel)
{
	const struct query_hit	*h = &t->hits[sel];
	size_t			 b, at, n;
	char			*first;

	if (!issue_open(t, h->entry) || h->article >= t->is->narticles)
		return;
	t->art = h->article;
	t->ablock = t->aoff = 0;
	t->ahead = false;
	/* at the first word of the query: the others may be further on */
	b = strspn(t->query, " ");
	first = strndup(t->query + b, strcspn(t->query + b, " "));
	for (b = 0; first != NULL && b < t->is->articles[t->art].nblocks; b++) {
		const struct block	*bl = &t->is->articles[t->art].blocks[b];

		if (query_find(bl->text, bl->len, 0, first, &at, &n)) {
			t->ablock = b;
			t->aoff = at;
			break;
		}
	}
	free(first);
	reader_show(t);
}

static bool
results_command(struct tui *t, struct frame *f, enum cmd c)
{
	switch (c) {
	case CMD_OPEN:
		if (f->sel < t->nhits)
			open_hit(t, f->sel);
		return true;
	case CMD_SEARCH:
		return search_library_cmd(t);
	case CMD_SEARCH_NEXT:
		return list_move(f, CMD_LINE_DOWN, t->nhits);
	case CMD_SEARCH_PREV:
		return list_move(f, CMD_LINE_UP, t->nhits);
	default:
		return list_move(f, c, t->nhits);
	}
}

const struct view view_results = {
	.name = "results",
	.draw = results_draw,
	.command = results_command,
};

/* ---- bookmarks --------------------------------------------------------- */

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
marks_draw(struct tui *t, struct frame *f)
{
	char	left[128];

	snprintf(left, sizeof left, "%zu %s | Enter: jump | d: delete | q: back",
	    t->nmarks, plural(t->nmarks, "bookmark", "bookmarks"));
	draw_list(t, f, "Bookmarks", t->nmarks, mark_row,
	    "No bookmarks yet: press m while reading.", left, NULL);
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
	if (i != t->issue_i || t->is == NULL) {
		if (!issue_open(t, i))
			return;
		issue_show(t, false);
	}
	if (m->article >= t->is->narticles)
		return;
	t->art = m->article;
	t->ablock = m->block;
	t->aoff = m->off;
	t->ahead = false;
	reader_show(t);
}

static void
delete_mark(struct tui *t, struct frame *f)
{
	struct bookmark	m;

	if (f->sel >= t->nmarks || t->statedir == NULL)
		return;
	/* a copy: the list is replaced by the merged one */
	m = t->marks[f->sel];
	m.path = strdup(m.path);
	m.label = m.line = NULL;
	if (m.path != NULL && state_change_marks(t->statedir, &m, true,
	    &t->marks, &t->nmarks))
		status(t, "bookmark deleted");
	else
		status(t, "bookmark could not be deleted");
	free(m.path);
}

static bool
marks_command(struct tui *t, struct frame *f, enum cmd c)
{
	switch (c) {
	case CMD_OPEN:
		if (f->sel < t->nmarks) {
			struct bookmark	m = t->marks[f->sel];

			view_pop(t);
			jump_mark(t, &m);
		}
		return true;
	case CMD_DELETE:
		delete_mark(t, f);
		return true;
	default:
		return list_move(f, c, t->nmarks);
	}
}

const struct view view_marks = {
	.name = "marks",
	.draw = marks_draw,
	.command = marks_command,
	.overlay = true,
};

/* ---- help -------------------------------------------------------------- */

static void
help_row(const struct tui *t, size_t i, char *buf, size_t len,
    const char **a, const char **b, const char **c)
{
	char	keys[128];

	(void)b;
	(void)c;
	keymap_keys_of(&t->km, (enum cmd)(i + 1), keys, sizeof keys);
	/* "(none)", never "-": that is the fewer-columns key */
	snprintf(buf, len, "%-14s %-14s %s", keys[0] ? keys : "(none)",
	    keymap_commands[i + 1].name, keymap_commands[i + 1].help);
	*a = buf;
}

static void
help_draw(struct tui *t, struct frame *f)
{
	draw_list(t, f, "kanbao keys (from the live keymap)", NCMD - 1, help_row,
	    NULL, "help | q or Esc: back", NULL);
}

/* The next row of the help from f->sel on (dir 1, -1) that holds q. */
static void
help_find(struct tui *t, struct frame *f, int dir)
{
	char	buf[512];
	size_t	i, k, n = NCMD - 1;

	if (t->help_query == NULL) {
		status(t, "/ first: a word to look for in the help");
		return;
	}
	for (k = 1; k <= n; k++) {
		const char	*a = NULL, *b = NULL, *c = NULL;

		i = (f->sel + (dir > 0 ? k : n - k)) % n;
		help_row(t, i, buf, sizeof buf, &a, &b, &c);
		if (strcasestr(buf, t->help_query) != NULL) {
			f->sel = i;
			return;
		}
	}
	status(t, "not in the help: %s", t->help_query);
}

static bool
help_command(struct tui *t, struct frame *f, enum cmd c)
{
	char	*q;

	switch (c) {
	case CMD_SEARCH:
		/* / in the help looks in the help, n and N go on */
		if ((q = prompt(t, "/", "help")) == NULL)
			return true;
		free(t->help_query);
		t->help_query = q;
		f->sel = f->sel > 0 ? f->sel - 1 : NCMD - 2;
		help_find(t, f, 1);
		return true;
	case CMD_SEARCH_NEXT:
	case CMD_SEARCH_PREV:
		help_find(t, f, c == CMD_SEARCH_NEXT ? 1 : -1);
		return true;
	default:
		return list_move(f, c, NCMD - 1);
	}
}

const struct view view_help = {
	.name = "help",
	.draw = help_draw,
	.command = help_command,
	.overlay = true,
};
