/*
 * caps: terminfo questions.  term.h defines macros (columns, lines, ...)
 * that would clash with ordinary names, so it is included here alone.
 */
#include <curses.h>
#include <stdbool.h>
#include <term.h>

bool	tui_can_address(void);

/* Whether the current terminal can move the cursor (has "cup"). */
bool
tui_can_address(void)
{
	char	*cup = tigetstr("cup");

	return cup != NULL && cup != (char *)-1;
}
