/*
 * caps: terminfo questions.  term.h defines macros (columns, lines, ...)
 * that would clash with ordinary names, so it is included here alone.
 */
#include <curses.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>

/* declared in tui.h, which term.h's macros (columns, lines) would break */
bool	tui_can_address(void);
bool	tui_line_terminal(void);

/* Whether the current terminal can move the cursor (has "cup"). */
bool
tui_can_address(void)
{
	char	*cup = tigetstr("cup");

	return cup != NULL && cup != (char *)-1;
}

bool
tui_line_terminal(void)
{
	const char	*term = getenv("TERM");
	int		 err;
	bool		 line;

	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0)
		return true;
	/* an unknown type is a real terminal without its entry: vt100 */
	if (setupterm((char *)term, 1, &err) != OK)
		return false;
	line = !tui_can_address();
	del_curterm(cur_term);
	return line;
}
