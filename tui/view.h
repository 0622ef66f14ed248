/*
 * view: what the reader's files share.  One struct tui holds the session;
 * the screen is a stack of views (library, contents, reader, search
 * results, bookmarks, help, calendar), each a struct view with its own
 * drawing and commands and a frame of its own state (selection, scroll),
 * so back returns to where the reader was.  Commands are a table
 * (keymap.h, commands.c): the open view takes a command first, the
 * table's function otherwise.
 */
#ifndef KANBAO_VIEW_H
#define KANBAO_VIEW_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "../app/config.h"
#include "../app/state.h"
#include "../model/archive.h"
#include "../model/layout.h"
#include "../model/query.h"
#include "keymap.h"

struct tui;
struct frame;

struct view {
	const char	*name;
	void		(*draw)(struct tui *, struct frame *);
	/* runs c in this view; false when the view has no use for it */
	bool		(*command)(struct tui *, struct frame *, enum cmd c);
	/* on top again after the view from closed over it (may be NULL) */
	void		(*resume)(struct tui *, struct frame *,
			    const struct view *from);
	bool		 overlay;	/* help, bookmarks, calendar */
};

struct frame {
	const struct view	*v;
	size_t			 sel, top;	/* list views */
	int			 row0, shown;	/* screen rows of entries top
						   on, as drawn: for a click */
};

extern const struct view view_library, view_contents, view_reader,
	view_results, view_marks, view_help, view_calendar;

#define STACK_MAX	8	/* more than there are views: each is once */

enum pair { P_HEAD = 1, P_KICKER, P_STATUS, P_HIT, P_DIM };

struct tui {
	const struct config	*cf;
	size_t			 count;		/* digits typed before a key: 5j */
	char			*help_query;	/* / in the help */
	struct keymap		 km;
	struct archive		 ar;		/* the library; n == 1 for a file */
	size_t			 ndated;	/* issues with a date, first in ar */
	bool			 library;	/* opened on a folder */
	size_t			 reading, nread; /* a library being read */
	struct search_job	*job;		/* a library search running */
	size_t			 indexed, nindex; /* its index being built */
	size_t			 issue_i;	/* index in ar.v */
	struct issue		*is;
	char			*path;		/* of the open issue, a copy */
	bool			 was_reading;	/* its saved place is in the reader */
	struct frame		 stack[STACK_MAX];
	size_t			 depth;
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
	struct bookmark		*marks;
	size_t			 nmarks;
	struct readmark		*reads;		/* how far each issue was read */
	size_t			 nreads;
	char			*statedir;
	char			*cachedir;
	int			 cy, cm, cd;	/* calendar: the selected day */
	char			 msg[200];
	bool			 color;
	bool			 quit;
	FILE			*trace;		/* KANBAO_TRACE: commands run */
};

/* SIGHUP, SIGTERM or SIGINT came: the loop ends (tui.c) */
extern volatile sig_atomic_t	tui_got_term;

/* draw.c: drawing helpers, over model text or any string */
void	draw_set_ambiguous(int cells);
int	draw_ambiguous(void);
void	say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int	put(int y, int x, const char *s, size_t n, int maxw);
int	puts_at(int y, int x, const char *s, int maxw);
unsigned long style_attr(const struct tui *, enum lstyle);
void	status(struct tui *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	draw_status(struct tui *, const char *left);
/* A row of up to three fields; mark's matches underlined in b and c. */
void	draw_row(int y, bool selected, bool linear, const char *a,
	    const char *b, const char *c, const char *mark);
/* Entry i of a list view, as up to three columns (buf is scratch). */
typedef void list_row(const struct tui *, size_t i, char *buf, size_t len,
	    const char **a, const char **b, const char **c);
void	draw_list(struct tui *, struct frame *, const char *title, size_t n,
	    list_row *, const char *empty, const char *left, const char *mark);
void	list_scroll(struct frame *, size_t n, int rows);
/* Tests: sleeps the milliseconds the environment variable name holds. */
void	test_delay(const char *name);
/* Index of path in the library, or (size_t)-1. */
size_t	entry_of(const struct archive *, const char *path);
/*
 * Search results name issues by their place in a library: hits of from
 * made to name the same issues in to (a hit on an issue to lacks goes).
 */
void	hits_remap(struct query_hit *, size_t *n, const struct archive *from,
	    const struct archive *to);
/* A click at screen row y: selects that entry, or opens it if selected. */
void	list_click(struct tui *, struct frame *, int y);
/* A click in the reader: the reading line goes to that line. */
void	reader_click(struct tui *, int y, int x);
/* Moves a list's selection for c; false when c is no list movement. */
bool	list_move(struct frame *, enum cmd c, size_t n);
/* Reads a line at the bottom of the screen; NULL when cancelled. */
char	*prompt(struct tui *, const char *what, const char *history);
void	tui_redraw(struct tui *);	/* tui.c: the view on top, now */
/*
 * After an Esc: whether an escape sequence followed, read whole and
 * dropped (a key the terminal's entry does not name: never Esc and
 * stray keys); else what followed is put back.
 */
bool	escape_sequence(void);
/* one when n is 1, else many: 1 hit, 2 hits */
const char *plural(size_t n, const char *one, const char *many);
/* The last part of a path: an undated issue's name where it has no title. */
const char *base_name(const char *path);

/* session.c: the view stack and the open issue */
struct frame	*view_top(struct tui *);
bool	view_on(const struct tui *, const struct view *);
/* Shows v: back to it when it is on the stack, else on top. */
void	view_show(struct tui *, const struct view *);
void	view_pop(struct tui *);
/* Reads library entry i into the session (not shown); false on error. */
bool	issue_open(struct tui *, size_t i);
/* Shows the open issue: its contents, with the reader over them. */
void	issue_show(struct tui *, bool reading);
/* issue_open, then issue_show where its saved place is */
bool	issue_enter(struct tui *, size_t i);
void	library_select(struct tui *, size_t i);	/* the library, on entry i */
void	issue_save_position(struct tui *);
/* The library row of entry i and back (newest first, undated last). */
size_t	lib_entry(const struct tui *, size_t row);
/* Starts a search of the library for t->query on its own thread. */
void	library_search(struct tui *);
/*
 * Shows the search's results when it is done (with wait, once it is);
 * true while it is still running.
 */
bool	library_search_poll(struct tui *, bool wait);

/* reader.c */
/* Columns for the window: set by + and -, else the config's, else fitted. */
int	reader_columns(const struct tui *);
void	reader_show(struct tui *);
void	reader_layout(struct tui *);
void	reader_goto(struct tui *, size_t article, bool at_end);
/* find.c: / n N in the open issue */
void	find_step(struct tui *, int dir);
/* copy.c: an article's text out of the reader */
struct buf;
struct article;
/* An article's text as plain lines: heads, then blocks a blank line apart. */
void	article_text(const struct article *, struct buf *);
/* Sends text to the terminal's clipboard (OSC 52); what names it. */
void	copy_text(struct tui *, const char *what, const struct buf *text);
/* Writes article i as text under the save folder and says where. */
void	save_article(struct tui *, size_t article);
/* calendar.c */
void	calendar_show(struct tui *, const char *date);
size_t	calendar_issue_on(const struct tui *, int y, int m, int d);

/* commands.c */
void	commands_run(struct tui *, enum cmd);

#endif
