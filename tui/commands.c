/*
 * commands: the reader's commands as a table, from the one list in
 * keymap.h -- name, help and the function that runs it.  The open view
 * takes a command first (a list moves its selection, the reader its
 * reading line); the table's function runs otherwise.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../model/issue.h"
#include "../model/date.h"
#include "../app/state.h"
#include "view.h"

typedef void cmd_fn(struct tui *, enum cmd);

static cmd_fn cmd_nothing, cmd_view, cmd_issue, cmd_contents, cmd_back,
    cmd_quit, cmd_columns, cmd_linear, cmd_search, cmd_search_step,
    cmd_marks, cmd_help, cmd_redraw, cmd_calendar, cmd_goto_date;

static const struct {
	const char	*name;
	const char	*help;
	cmd_fn		*exec;
} commands[NCMD] = {
#define X(id, fn, name, help)	[CMD_##id] = { name, help, fn },
	KEYMAP_COMMANDS
#undef X
};

static void
cmd_nothing(struct tui *t, enum cmd c)
{
	(void)t;
	(void)c;
}

/* A command only some views have: say so where it does nothing. */
static void
cmd_view(struct tui *t, enum cmd c)
{
	status(t, "%s: not in the %s", commands[c].name, view_top(t)->v->name);
}

static void
cmd_issue(struct tui *t, enum cmd c)
{
	bool	next = c == CMD_ISSUE_NEXT;

	if (t->ar.n < 2)
		status(t, "no other issue");
	else if (t->is == NULL)
		status(t, "no issue open: Enter opens one");
	else if (next && t->issue_i + 1 >= t->ar.n)
		status(t, "this is the newest issue");
	else if (!next && t->issue_i == 0)
		status(t, "this is the oldest issue");
	else
		issue_enter(t, next ? t->issue_i + 1 : t->issue_i - 1);
}

static void
cmd_contents(struct tui *t, enum cmd c)
{
	struct frame	*f;

	(void)c;
	if (t->is == NULL) {
		status(t, "no issue open: Enter opens one");
		return;
	}
	/* the contents it came from, or over the list it came from */
	if (!view_on(t, &view_contents))
		while ((f = view_top(t)) != NULL && (f->v->overlay ||
		    f->v == &view_reader))
			view_pop(t);
	view_show(t, &view_contents);
	view_top(t)->sel = t->art;
}

static void
cmd_back(struct tui *t, enum cmd c)
{
	(void)c;
	view_pop(t);
}

static void
cmd_quit(struct tui *t, enum cmd c)
{
	(void)c;
	t->quit = true;
}

static void
cmd_columns(struct tui *t, enum cmd c)
{
	int	n = reader_columns(t) + (c == CMD_MORE_COLUMNS ? 1 : -1);

	t->columns = n < 1 ? 1 : n > 8 ? 8 : n;
	t->linear = false;
	state_save_prefs(t->statedir, t->columns, t->linear);
	reader_layout(t);
	status(t, "%d column%s", t->columns, t->columns > 1 ? "s" : "");
}

static void
cmd_linear(struct tui *t, enum cmd c)
{
	(void)c;
	t->linear = !t->linear;
	state_save_prefs(t->statedir, t->columns, t->linear);
	status(t, t->linear ? "linear mode" : "columns");
	reader_layout(t);
}

/* / in an issue: the next hit from the reading place */
static void
cmd_search(struct tui *t, enum cmd c)
{
	char	*q;

	(void)c;
	if (t->is == NULL) {
		status(t, "no issue open: Enter opens one");
		return;
	}
	if ((q = prompt(t, "/", "find")) == NULL)
		return;
	free(t->query);
	t->query = q;
	find_step(t, 1);
}

static void
cmd_search_step(struct tui *t, enum cmd c)
{
	find_step(t, c == CMD_SEARCH_NEXT ? 1 : -1);
}

static void
cmd_marks(struct tui *t, enum cmd c)
{
	(void)c;
	view_show(t, &view_marks);
}

static void
cmd_help(struct tui *t, enum cmd c)
{
	(void)c;
	view_show(t, &view_help);
}

static void
cmd_redraw(struct tui *t, enum cmd c)
{
	(void)t;
	(void)c;
	clearok(curscr, TRUE);
}

static void
cmd_calendar(struct tui *t, enum cmd c)
{
	(void)c;
	/* the issue open is marked begun (or read) on the grid at once */
	if (t->is != NULL)
		issue_save_position(t);
	calendar_show(t, NULL);
}

static void
cmd_goto_date(struct tui *t, enum cmd c)
{
	char		*q, d[11];
	int		 y, m, dd, r;
	size_t		 e, i, n = 0;
	time_t		 now = time(NULL);
	struct tm	 tm;

	(void)c;
	if ((q = prompt(t, "date (2025-03-27, 03-27, 27): ", "date")) == NULL)
		return;
	localtime_r(&now, &tm);
	if ((r = date_parse_typed(q, tm.tm_year + 1900, tm.tm_mon + 1,
	    d)) <= 0) {
		status(t, r < 0 ? "no such day: %s" :
		    "not a date: %s (2025-03-27, 20250327, 03-27, 27)", q);
		free(q);
		return;
	}
	free(q);
	sscanf(d, "%d-%d-%d", &y, &m, &dd);
	for (i = 0; i < t->ar.n; i++)
		n += strcmp(t->ar.v[i].date, d) == 0;
	if ((e = calendar_issue_on(t, y, m, dd)) == (size_t)-1) {
		calendar_show(t, d);
		status(t, "no issue on %s", d);
	} else if (n == 1)
		issue_enter(t, e);
	else {
		/* two papers of one day: the library, on the first of them */
		library_select(t, e);
		status(t, "%zu issues on %s: Enter opens the one chosen", n, d);
	}
}

/* Whether c moves, so that a count repeats it: 5j, 3]. */
static bool
repeats(enum cmd c)
{
	switch (c) {
	case CMD_LINE_DOWN: case CMD_LINE_UP: case CMD_PAGE_DOWN:
	case CMD_PAGE_UP: case CMD_COLUMN_NEXT: case CMD_COLUMN_PREV:
	case CMD_ARTICLE_NEXT: case CMD_ARTICLE_PREV: case CMD_SEARCH_NEXT:
	case CMD_SEARCH_PREV:
		return true;
	default:
		return false;
	}
}

/*
 * A count before a key (less, vi, mutt): a move made so many times; with
 * g, G or Enter, a list's entry of that number (3G, 3 Enter: the third)
 * or the reader's article of that number.
 */
static bool
counted(struct tui *t, struct frame *f, enum cmd c, size_t n)
{
	size_t	k;

	if (c == CMD_TOP || c == CMD_BOTTOM || c == CMD_OPEN) {
		if (f->v == &view_reader) {
			if (c == CMD_OPEN || t->is == NULL)
				return false;
			reader_goto(t, n <= t->is->narticles ? n - 1 :
			    t->is->narticles - 1, false);
			return true;
		}
		if (f->v == &view_calendar)
			return false;
		f->sel = n - 1;
		tui_redraw(t);		/* a list keeps its selection in it */
		if (c == CMD_OPEN)
			commands_run(t, CMD_OPEN);
		return true;
	}
	if (!repeats(c))
		return false;
	for (k = 0; k < n && view_top(t) == f; k++)
		commands_run(t, c);
	return true;
}

void
commands_run(struct tui *t, enum cmd c)
{
	struct frame	*f = view_top(t);
	size_t		 n = t->count;

	t->count = 0;
	if (f == NULL || c <= CMD_NONE || c >= NCMD)
		return;
	t->msg[0] = '\0';
	if (n > 0 && counted(t, f, c, n))
		return;
	if (t->trace != NULL) {
		fprintf(t->trace, "%s %s\n", f->v->name, commands[c].name);
		fflush(t->trace);
	}
	if (f->v->command == NULL || !f->v->command(t, f, c))
		commands[c].exec(t, c);
}
