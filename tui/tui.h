/*
 * tui: the ncurses reader over model/: library, contents, article reader
 * in columns, help, search and bookmarks.
 */
#ifndef KANBAO_TUI_H
#define KANBAO_TUI_H

#include <stdbool.h>
#include <stdio.h>

#include "../app/config.h"

/*
 * Runs the reader on target (an issue file or a folder of issues) until
 * the user quits.  warnings (may be NULL) are config problems to show.
 * Returns the exit status.
 */
int	tui_main(const char *target, const struct config *, bool linear,
	    const char *warnings);

/*
 * Whether the terminal cannot move the cursor (TERM unset, empty or dumb,
 * or a known type without cursor addressing): the reader then runs in
 * line mode, without escape sequences.
 */
bool	tui_line_terminal(void);

struct buf;
/* An issue as text, laid out width cells wide (the --dump formatter's). */
typedef int	pager_render(const char *path, int width, void *arg,
		    struct buf *out);
/*
 * The reader where the terminal cannot move the cursor: the issue at
 * target, or the library there, a screenful at a time (pager.c).
 */
int	pager_main(const char *target, pager_render *, void *arg);

/* Prints the default key bindings, as --help and the man page show them. */
void	tui_print_keys(FILE *);

#endif
