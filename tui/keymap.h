/*
 * keymap: keys are data.  One table names every command of the reader
 * with its help text, one lists the default bindings; the user's [keys]
 * section rebinds by command name through the same code path, and the
 * help screen, --help and the man page are printed from the same tables.
 */
#ifndef KANBAO_KEYMAP_H
#define KANBAO_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Every command once: its enum name, the function of the reader that runs
 * it (tui/commands.c; "view" ones are the open view's to interpret), the
 * name the [keys] section and the help use, and its help text.
 */
#define KEYMAP_COMMANDS \
	X(NONE,		cmd_nothing,	"none",		"do nothing") \
	X(LINE_DOWN,	cmd_view,	"line-down",	"next line") \
	X(LINE_UP,	cmd_view,	"line-up",	"previous line") \
	X(PAGE_DOWN,	cmd_view,	"next-page",	"next screen page, article, then issue") \
	X(PAGE_UP,	cmd_view,	"prev-page",	"previous screen page") \
	X(COLUMN_NEXT,	cmd_view,	"next-column",	"next column") \
	X(COLUMN_PREV,	cmd_view,	"prev-column",	"previous column") \
	X(TOP,		cmd_view,	"top",		"start of the article or list") \
	X(BOTTOM,	cmd_view,	"bottom",	"last line of the article, end of a list") \
	X(ARTICLE_NEXT,	cmd_view,	"next-article",	"next article") \
	X(ARTICLE_PREV,	cmd_view,	"prev-article",	"previous article") \
	X(ISSUE_NEXT,	cmd_issue,	"next-issue",	"next issue in the library") \
	X(ISSUE_PREV,	cmd_issue,	"prev-issue",	"previous issue in the library") \
	X(CONTENTS,	cmd_contents,	"contents",	"front page and contents") \
	X(OPEN,		cmd_view,	"open",		"open the selected entry") \
	X(BACK,		cmd_back,	"back",		"back to the view before; at the first, quit") \
	X(QUIT,		cmd_quit,	"quit",		"quit at once") \
	X(MORE_COLUMNS,	cmd_columns,	"more-columns",	"one more column") \
	X(FEWER_COLUMNS, cmd_columns,	"fewer-columns", "one column fewer") \
	X(LINEAR,	cmd_linear,	"linear",	"toggle linear (screen reader) mode") \
	X(SEARCH,	cmd_search,	"search",	"search this issue (the library in its list)") \
	X(SEARCH_NEXT,	cmd_search_step, "search-next",	"next search hit") \
	X(SEARCH_PREV,	cmd_search_step, "search-prev",	"previous search hit") \
	X(MARK,		cmd_view,	"mark",		"bookmark this place") \
	X(MARKS,	cmd_marks,	"marks",	"list bookmarks") \
	X(HELP,		cmd_help,	"help",		"this help") \
	X(REDRAW,	cmd_redraw,	"redraw",	"redraw the screen") \
	X(CALENDAR,	cmd_calendar,	"calendar",	"calendar of the library's issues") \
	X(MONTH_PREV,	cmd_view,	"prev-month",	"previous month (calendar)") \
	X(MONTH_NEXT,	cmd_view,	"next-month",	"next month (calendar)") \
	X(GOTO_DATE,	cmd_goto_date,	"goto-date",	"open a day's issue: 2025-03-27, 03-27, 27") \
	X(DELETE,	cmd_view,	"delete",	"delete the selected bookmark") \
	X(COPY,		cmd_view,	"copy",		"copy the paragraph to the terminal's clipboard") \
	X(COPY_ARTICLE,	cmd_view,	"copy-article",	"copy the article to the terminal's clipboard") \
	X(SAVE,		cmd_view,	"save",		"save the article as a text file")

enum cmd {
#define X(id, fn, name, help)	CMD_##id,
	KEYMAP_COMMANDS
#undef X
	NCMD
};

struct command {
	const char	*name;		/* as in the [keys] section */
	const char	*help;
};

extern const struct command keymap_commands[NCMD];

#define KEYMAP_SIZE	1024	/* ASCII, and curses KEY_* codes */

struct keymap {
	unsigned char	cmd[KEYMAP_SIZE];	/* enum cmd per key code */
	bool		user[NCMD];		/* bound by the config file */
};

void		keymap_defaults(struct keymap *);
/* Key code for a name: "j", "Space", "PgDn", "Enter", "C-l", "Up"; -1 if none. */
int		keymap_key(const char *name);
/* Key name for a code, into out. */
void		keymap_key_name(int key, char *out, size_t n);
/*
 * Binds the space-separated keys to the named command, replacing its
 * default keys.  Returns false with a message in err when the command or
 * a key name is unknown; true with a warning in err (else "") when the
 * value is empty (the command has no key now) or takes a key the config
 * gave another command.
 */
bool		keymap_bind(struct keymap *, const char *command, const char *keys,
		    char *err, size_t errlen);
enum cmd	keymap_lookup(const struct keymap *, int key);
/* The keys bound to c, as "j Down", into out. */
void		keymap_keys_of(const struct keymap *, enum cmd c, char *out,
		    size_t n);
void		keymap_print(const struct keymap *, FILE *);

#endif
