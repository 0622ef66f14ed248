/* keymap: command and default binding tables. */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "keymap.h"

const struct command keymap_commands[NCMD] = {
#define X(id, fn, name, help)	[CMD_##id] = { name, help },
	KEYMAP_COMMANDS
#undef X
};

static const struct {
	const char	*key;
	enum cmd	 cmd;
} defaults[] = {
	{ "j", CMD_LINE_DOWN }, { "Down", CMD_LINE_DOWN },
	{ "k", CMD_LINE_UP }, { "Up", CMD_LINE_UP },
	{ "Space", CMD_PAGE_DOWN }, { "PgDn", CMD_PAGE_DOWN }, { "f", CMD_PAGE_DOWN },
	{ "b", CMD_PAGE_UP }, { "PgUp", CMD_PAGE_UP },
	{ "l", CMD_COLUMN_NEXT }, { "Right", CMD_COLUMN_NEXT },
	{ "h", CMD_COLUMN_PREV }, { "Left", CMD_COLUMN_PREV },
	{ "g", CMD_TOP }, { "Home", CMD_TOP },
	{ "G", CMD_BOTTOM }, { "End", CMD_BOTTOM },
	{ "]", CMD_ARTICLE_NEXT }, { "[", CMD_ARTICLE_PREV },
	{ ">", CMD_ISSUE_NEXT }, { "<", CMD_ISSUE_PREV },
	{ "t", CMD_CONTENTS }, { "Enter", CMD_OPEN },
	{ "q", CMD_BACK }, { "Esc", CMD_BACK }, { "Q", CMD_QUIT },
	{ "+", CMD_MORE_COLUMNS }, { "-", CMD_FEWER_COLUMNS },
	{ "a", CMD_LINEAR },
	{ "/", CMD_SEARCH }, { "n", CMD_SEARCH_NEXT }, { "N", CMD_SEARCH_PREV },
	{ "m", CMD_MARK }, { "'", CMD_MARKS },
	{ "?", CMD_HELP }, { "C-l", CMD_REDRAW },
	{ "c", CMD_CALENDAR }, { "{", CMD_MONTH_PREV }, { "}", CMD_MONTH_NEXT },
	{ ":", CMD_GOTO_DATE },
	{ "d", CMD_DELETE },
	{ "y", CMD_COPY }, { "Y", CMD_COPY_ARTICLE }, { "s", CMD_SAVE },
};

static const struct {
	const char	*name;
	int		 key;
} names[] = {
	{ "Space", ' ' }, { "Enter", '\n' }, { "Return", '\r' }, { "Tab", '\t' },
	{ "Esc", 27 }, { "Backspace", KEY_BACKSPACE }, { "Up", KEY_UP },
	{ "Down", KEY_DOWN }, { "Left", KEY_LEFT }, { "Right", KEY_RIGHT },
	{ "PgUp", KEY_PPAGE }, { "PgDn", KEY_NPAGE }, { "Home", KEY_HOME },
	{ "End", KEY_END }, { "KEnter", KEY_ENTER },
};

int
keymap_key(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(name, names[i].name) == 0)
			return names[i].key;
	if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
	    name[2] != '\0' && name[3] == '\0' &&
	    ((name[2] >= 'a' && name[2] <= 'z') || (name[2] >= 'A' && name[2] <= 'Z')))
		return (name[2] | 0x20) - 'a' + 1;
	if (name[0] > ' ' && (unsigned char)name[0] < 0x7f && name[1] == '\0')
		return (unsigned char)name[0];
	return -1;
}

void
keymap_key_name(int key, char *out, size_t n)
{
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].key == key) {
			snprintf(out, n, "%s", names[i].name);
			return;
		}
	if (key >= 1 && key <= 26)
		snprintf(out, n, "C-%c", 'a' + key - 1);
	else if (key > ' ' && key < 0x7f)
		snprintf(out, n, "%c", key);
	else
		snprintf(out, n, "#%d", key);
}

void
keymap_defaults(struct keymap *km)
{
	size_t	i;
	int	k;

	memset(km, 0, sizeof *km);
	for (i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
		if ((k = keymap_key(defaults[i].key)) >= 0 && k < KEYMAP_SIZE)
			km->cmd[k] = (unsigned char)defaults[i].cmd;
	km->cmd['\r'] = CMD_OPEN;
	km->cmd[KEY_ENTER] = CMD_OPEN;
}

bool
keymap_bind(struct keymap *km, const char *command, const char *keys,
    char *err, size_t errlen)
{
	char		 word[32];
	const char	*p = keys;
	int		 c, k, codes[32], n = 0, i;
	size_t		 len;

	for (c = 0; c < NCMD; c++)
		if (strcmp(keymap_commands[c].name, command) == 0)
			break;
	if (c == NCMD) {
		snprintf(err, errlen, "%s: unknown command", command);
		return false;
	}
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		len = strcspn(p, " \t");
		if (len >= sizeof word || n == 32) {
			snprintf(err, errlen, "%s: key name too long", command);
			return false;
		}
		memcpy(word, p, len);
		word[len] = '\0';
		p += len;
		if ((k = keymap_key(word)) < 0 || k >= KEYMAP_SIZE) {
			snprintf(err, errlen, "%s = %s: unknown key '%s'", command,
			    keys, word);
			return false;
		}
		codes[n++] = k;
	}
	err[0] = '\0';
	if (n == 0)
		snprintf(err, errlen, "%s = (nothing): the command has no key "
		    "now", command);
	for (k = 0; k < KEYMAP_SIZE; k++)
		if (km->cmd[k] == c)
			km->cmd[k] = CMD_NONE;
	for (i = 0; i < n; i++) {
		int	was = km->cmd[codes[i]];

		/* a key the file gave another command: the last one wins */
		if (was != CMD_NONE && was != c && km->user[was]) {
			keymap_key_name(codes[i], word, sizeof word);
			snprintf(err, errlen, "%s: key %s was bound to %s too; "
			    "it is %s's now", command, word,
			    keymap_commands[was].name, command);
		}
		km->cmd[codes[i]] = (unsigned char)c;
	}
	km->user[c] = true;
	return true;
}

enum cmd
keymap_lookup(const struct keymap *km, int key)
{
	if (key < 0 || key >= KEYMAP_SIZE)
		return CMD_NONE;
	return (enum cmd)km->cmd[key];
}

void
keymap_keys_of(const struct keymap *km, enum cmd c, char *out, size_t n)
{
	char	name[16];
	size_t	used = 0;
	int	k;

	out[0] = '\0';
	for (k = 0; k < KEYMAP_SIZE && used + 1 < n; k++) {
		if (km->cmd[k] != c || k == '\r' || k == KEY_ENTER)
			continue;
		keymap_key_name(k, name, sizeof name);
		used += (size_t)snprintf(out + used, n - used, "%s%s",
		    used ? " " : "", name);
	}
	if (used >= n && n > 0)
		out[n - 1] = '\0';
}

void
keymap_print(const struct keymap *km, FILE *f)
{
	char	keys[128];
	int	c;

	for (c = 1; c < NCMD; c++) {
		keymap_keys_of(km, (enum cmd)c, keys, sizeof keys);
		fprintf(f, "  %-14s  %-14s  %s\n", keys[0] ? keys : "(none)",
		    keymap_commands[c].name, keymap_commands[c].help);
	}
}
