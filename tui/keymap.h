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

enum cmd {
	CMD_NONE,
	CMD_LINE_DOWN, CMD_LINE_UP, CMD_PAGE_DOWN, CMD_PAGE_UP,
	CMD_COLUMN_NEXT, CMD_COLUMN_PREV, CMD_TOP, CMD_BOTTOM,
	CMD_ARTICLE_NEXT, CMD_ARTICLE_PREV, CMD_ISSUE_NEXT, CMD_ISSUE_PREV,
	CMD_CONTENTS, CMD_OPEN, CMD_BACK, CMD_QUIT,
	CMD_MORE_COLUMNS, CMD_FEWER_COLUMNS, CMD_LINEAR,
	CMD_SEARCH, CMD_SEARCH_NEXT, CMD_SEARCH_PREV,
	CMD_MARK, CMD_MARKS, CMD_HELP, CMD_REDRAW,
	CMD_CALENDAR, CMD_MONTH_PREV, CMD_MONTH_NEXT, CMD_GOTO_DATE,
	CMD_DELETE, CMD_COPY, CMD_COPY_ARTICLE,
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
};

void		keymap_defaults(struct keymap *);
/* Key code for a name: "j", "Space", "PgDn", "Enter", "C-l", "Up"; -1 if none. */
int		keymap_key(const char *name);
/* Key name for a code, into out. */
void		keymap_key_name(int key, char *out, size_t n);
/*
 * Binds the space-separated keys to the named command, replacing its
 * default keys.  Returns false with a message in err when the command or
 * a key name is unknown.
 */
bool		keymap_bind(struct keymap *, const char *command, const char *keys,
		    char *err, size_t errlen);
enum cmd	keymap_lookup(const struct keymap *, int key);
/* The keys bound to c, as "j Down", into out. */
void		keymap_keys_of(const struct keymap *, enum cmd c, char *out,
		    size_t n);
void		keymap_print(const struct keymap *, FILE *);

#endif
