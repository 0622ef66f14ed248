/*
 * calendar: a month of the library, days with an issue bracketed ([12],
 * not colour alone); arrows move by day and week, { } by month, > < to
 * the next or previous day with an issue.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "../model/date.h"
#include "view.h"

size_t
calendar_issue_on(const struct tui *t, int y, int m, int d)
{
	char	date[48];
	size_t	i;

	snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
	for (i = 0; i < t->ar.n; i++)
		if (strcmp(t->ar.v[i].date, date) == 0)
			return i;
	return (size_t)-1;
}

/* How many issues are dated y-m-d. */
static int
issues_on(const struct tui *t, int y, int m, int d)
{
	char	date[48];
	size_t	i;
	int	n = 0;

	snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
	for (i = 0; i < t->ar.n; i++)
		n += strcmp(t->ar.v[i].date, date) == 0;
	return n;
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

/*
 * Shows the calendar on date, else where it was, else on the open
 * issue's month, else on the newest issue's.
 */
void
calendar_show(struct tui *t, const char *date)
{
	if (t->cy == 0) {
		cal_set(t, "2000-01-01");
		if (t->ndated > 0)
			cal_set(t, t->ar.v[t->ndated - 1].date);
		if (t->is != NULL && t->issue_i < t->ar.n)
			cal_set(t, t->ar.v[t->issue_i].date);
	}
	cal_set(t, date);
	view_show(t, &view_calendar);
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

/* The weekdays by date_weekday(), as the status line says them. */
static const char *const day_names[] = { "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday" };

/* What the selected day has: no issue, 1 issue and how far it was read. */
static const char *
day_says(const struct tui *t, char *buf, size_t len)
{
	const struct readmark	*r;
	size_t			 e;
	int			 k = issues_on(t, t->cy, t->cm, t->cd);

	if (k == 0)
		return "no issue";
	if (k > 1) {
		snprintf(buf, len, "%d issues", k);
		return buf;
	}
	e = calendar_issue_on(t, t->cy, t->cm, t->cd);
	r = state_find_read(t->reads, t->nreads, t->ar.v[e].path);
	if (r == NULL)
		return "1 issue, unread";
	if (r->done)
		return "1 issue, read";
	snprintf(buf, len, "1 issue, read to article %zu of %zu",
	    r->article + 1, r->narticles);
	return buf;
}

/*
 * Linear mode: the month as a list, a day a line with what is on it, the
 * cursor on the day -- what a screen reader can read out, not a grid.
 */
static void
calendar_list(struct tui *t)
{
	char			 line[160], what[64];
	int			 d, y = 0, top, rows = LINES - 2, cy = 0, cd = t->cd;

	snprintf(line, sizeof line, "%04d-%02d, a day a line", t->cy, t->cm);
	puts_at(y++, 0, line, COLS);
	top = cd > rows ? cd - rows : 0;
	for (d = top + 1; d <= date_days_in(t->cy, t->cm) && y <= rows; d++) {
		t->cd = d;
		snprintf(line, sizeof line, "%04d-%02d-%02d %s: %s", t->cy,
		    t->cm, d, day_names[date_weekday(t->cy, t->cm, d)],
		    day_says(t, what, sizeof what));
		if (d == cd) {
			attron(A_REVERSE);
			cy = y;
		}
		puts_at(y++, 0, line, COLS);
		attroff(A_REVERSE);
	}
	t->cd = cd;
	draw_status(t, "calendar, Enter: open, { }: month, q: back");
	move(cy, 0);
}

/* The grid's sign for day d's one issue: "*" new, "~" begun, "" read. */
static const char *
read_sign(const struct tui *t, int d)
{
	const struct readmark	*r;
	size_t			 e = calendar_issue_on(t, t->cy, t->cm, d);

	if (e == (size_t)-1)
		return "";
	r = state_find_read(t->reads, t->nreads, t->ar.v[e].path);
	return r == NULL ? "*" : r->done ? "" : "~";
}

static void
calendar_draw(struct tui *t, struct frame *f)
{
	static const char	*wd[] = { "一", "二", "三", "四", "五", "六", "日" };
	char			 cell[16], line[360], what[64];
	int			 y = 0, x, d, col, row, cury = 0, curx = 0, n = 0;

	(void)f;
	if (t->linear) {
		calendar_list(t);
		return;
	}
	/* the signs explained where they are, over the grid */
	snprintf(line, sizeof line, "%d年%d月  (%04d-%02d)    [n]: an issue, "
	    "*: new, ~: begun, [n]2: two papers", t->cy, t->cm, t->cy, t->cm);
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
		int	k = issues_on(t, t->cy, t->cm, d);
		bool	has = k > 0;

		/*
		 * Two papers of one day: both counted, the cell says 2; one
		 * says how far it was read, in a sign, not a colour: * new,
		 * ~ begun, nothing when read.
		 */
		n += k;
		if (k > 1)
			snprintf(cell, sizeof cell, "[%2d]%d", d, k < 10 ? k : 9);
		else if (has)
			snprintf(cell, sizeof cell, "[%2d]%s", d,
			    read_sign(t, d));
		else
			snprintf(cell, sizeof cell, " %2d ", d);
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
	/*
	 * The day at the cursor first, and what is on it, for a screen
	 * reader or a braille display that follows the cursor's line.
	 */
	snprintf(line, sizeof line, "%04d-%02d-%02d %s: %s | calendar: %d %s "
	    "this month | Enter: open | { }: month | q: back",
	    t->cy, t->cm, t->cd, day_names[date_weekday(t->cy, t->cm, t->cd)],
	    day_says(t, what, sizeof what), n,
	    plural((size_t)n, "issue", "issues"));
	draw_status(t, line);
	move(cury, curx);
}

/* The next or previous day that has an issue. */
static void
cal_issue_day(struct tui *t, int dir)
{
	size_t	i = calendar_issue_on(t, t->cy, t->cm, t->cd);

	if (t->ar.n == 0)
		return;
	if (i == (size_t)-1)
		i = t->issue_i < t->ar.n ? t->issue_i : 0;
	if (dir > 0)
		i = i + 1 < t->ndated ? i + 1 : i;
	else
		i = i > 0 ? i - 1 : 0;
	if (t->ar.v[i].date[0] == '\0')
		status(t, "no dated issue %s", dir > 0 ? "after" : "before");
	else
		cal_set(t, t->ar.v[i].date);
}

static bool
calendar_command(struct tui *t, struct frame *f, enum cmd c)
{
	size_t	e;

	(void)f;
	switch (c) {
	case CMD_COLUMN_NEXT: cal_move(t, 1); break;
	case CMD_COLUMN_PREV: cal_move(t, -1); break;
	/* a week down the grid; a day down the list of linear mode */
	case CMD_LINE_DOWN: cal_move(t, t->linear ? 1 : 7); break;
	case CMD_LINE_UP: cal_move(t, t->linear ? -1 : -7); break;
	case CMD_MONTH_NEXT: case CMD_PAGE_DOWN: cal_month(t, 1); break;
	case CMD_MONTH_PREV: case CMD_PAGE_UP: cal_month(t, -1); break;
	case CMD_ISSUE_NEXT: cal_issue_day(t, 1); break;
	case CMD_ISSUE_PREV: cal_issue_day(t, -1); break;
	case CMD_TOP: t->cd = 1; break;
	case CMD_BOTTOM: t->cd = date_days_in(t->cy, t->cm); break;
	case CMD_OPEN:
		if ((e = calendar_issue_on(t, t->cy, t->cm, t->cd)) == (size_t)-1)
			status(t, "no issue on this day");
		else
			issue_enter(t, e);
		break;
	default:
		return false;
	}
	return true;
}

const struct view view_calendar = {
	.name = "calendar",
	.draw = calendar_draw,
	.command = calendar_command,
	.overlay = true,
};
