/* config: INI settings, validated against a table. */
#include <ctype.h>
#include <errno.h>
#include <iniparser.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"

enum type { T_INT, T_AUTO_INT, T_ENUM, T_STRING };

struct setting {
	const char	*name;
	enum type	 type;
	int		 min, max;
	const char	*values;	/* T_ENUM: space-separated */
	const char	*def;
	const char	*help;
};

static const struct setting settings[] = {
	{ "columns", T_AUTO_INT, 1, 8, NULL, "auto",
	  "columns of text in the reader: auto (from the width) or 1-8" },
	{ "column-width", T_INT, 16, 200, NULL, "40",
	  "widest column in cells when columns = auto" },
	{ "indent", T_INT, 0, 4, NULL, "2",
	  "ideographic spaces before each body paragraph" },
	{ "ambiguous-width", T_INT, 1, 2, NULL, "1",
	  "cells of East Asian ambiguous characters such as \xe2\x80\x9c \xe2\x80\xa6 \xe2\x80\x94" },
	{ "punctuation", T_ENUM, 0, 0, "fix keep", "fix",
	  "fix: full-width punctuation in Chinese text; keep: as converted" },
	{ "theme", T_ENUM, 0, 0, "default mono high-contrast", "default",
	  "colours; NO_COLOR in the environment means mono" },
	{ "library", T_STRING, 0, 0, NULL, "",
	  "folder of issues opened when kanbao is started without a file" },
};

void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->columns = 0;
	c->column_width = 40;
	c->indent = 2;
	c->ambiguous = 1;
	c->theme = THEME_DEFAULT;
}

void
config_free(struct config *c)
{
	size_t	i;

	free(c->library);
	free(c->path);
	for (i = 0; i < c->nkeys; i++) {
		free(c->keys[i].command);
		free(c->keys[i].keys);
	}
	free(c->keys);
	config_defaults(c);
}

static int
quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

/* The line of key in section of the file's text, or 0. */
static int
line_of(const char *text, const char *section, const char *key)
{
	const char	*p = text, *e;
	int		 line = 1;
	char		 cur[128] = "";
	size_t		 n, k = strlen(key);

	while (*p != '\0') {
		e = strchr(p, '\n');
		n = e ? (size_t)(e - p) : strlen(p);
		while (n > 0 && isspace((unsigned char)*p))
			p++, n--;
		if (n > 1 && *p == '[') {
			const char	*q = memchr(p, ']', n);

			if (q != NULL && (size_t)(q - p - 1) < sizeof cur) {
				size_t	i;

				for (i = 0; i < (size_t)(q - p - 1); i++)
					cur[i] = (char)tolower((unsigned char)p[1 + i]);
				cur[i] = '\0';
			}
		} else if (strcmp(cur, section) == 0 && n > k &&
		    strncasecmp(p, key, k) == 0 &&
		    (isspace((unsigned char)p[k]) || p[k] == '=' || p[k] == ':'))
			return line;
		if (e == NULL)
			break;
		p = e + 1;
		line++;
	}
	return 0;
}

/* The line of [sec] in the file's text, or 0. */
static int
section_line(const char *text, const char *sec)
{
	const char	*p = text;
	int		 line = 1;
	size_t		 k = strlen(sec);

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '[' && strncasecmp(p + 1, sec, k) == 0 && p[1 + k] == ']')
			return line;
		if ((p = strchr(p, '\n')) == NULL)
			return 0;
		p++;
		line++;
	}
}

/* Checks the raw lines: iniparser rejects a file for one bad line. */
static bool
check_syntax(const char *path, const char *text, size_t len, struct buf *warn)
{
	const char	*p = text, *e, *end = text + len;
	int		 line = 1;
	size_t		 n;
	bool		 ok = true;

	if (memchr(text, '\0', len) != NULL) {
		buf_addf(warn, "%s: not a text file; using defaults\n", path);
		return false;
	}
	while (p < end) {
		e = memchr(p, '\n', (size_t)(end - p));
		n = e ? (size_t)(e - p) : (size_t)(end - p);
		while (n > 0 && isspace((unsigned char)*p))
			p++, n--;
		while (n > 0 && isspace((unsigned char)p[n - 1]))
			n--;
		if (n > 1000) {
			buf_addf(warn, "%s:%d: line too long; using defaults\n",
			    path, line);
			return false;
		}
		if (n > 0 && *p != ';' && *p != '#' &&
		    !(*p == '[' && p[n - 1] == ']') && memchr(p, '=', n) == NULL) {
			buf_addf(warn, "%s:%d: not a [section] or key = value "
			    "line; using defaults\n", path, line);
			ok = false;
		}
		if (e == NULL)
			break;
		p = e + 1;
		line++;
	}
	return ok;
}

static char *
read_all(const char *path, size_t *len)
{
	FILE		*f;
	char		*s;
	struct stat	 st;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > 1 << 20) {
		fclose(f);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EFBIG;
		return NULL;
	}
	if ((s = malloc((size_t)st.st_size + 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	*len = fread(s, 1, (size_t)st.st_size, f);
	s[*len] = '\0';
	fclose(f);
	return s;
}

static bool
enum_index(const char *values, const char *v, int *idx)
{
	const char	*p = values;
	size_t		 k = strlen(v);
	int		 i = 0;

	while (*p != '\0') {
		size_t	n = strcspn(p, " ");

		if (n == k && strncasecmp(p, v, k) == 0) {
			*idx = i;
			return true;
		}
		p += n;
		while (*p == ' ')
			p++;
		i++;
	}
	return false;
}

static void
apply(struct config *c, const struct setting *s, const char *v, const char *path,
    int line, struct buf *warn)
{
	char	*end;
	long	 n;
	int	 idx;

	switch (s->type) {
	case T_AUTO_INT:
		if (strcasecmp(v, "auto") == 0) {
			c->columns = 0;
			return;
		}
		/* FALLTHROUGH */
	case T_INT:
		errno = 0;
		n = strtol(v, &end, 10);
		if (*v == '\0' || *end != '\0' || errno != 0 || n < s->min ||
		    n > s->max) {
			buf_addf(warn, "%s:%d: %s = %s: want %s%d to %d; using %s\n",
			    path, line, s->name, v, s->type == T_AUTO_INT ?
			    "auto or " : "", s->min, s->max, s->def);
			return;
		}
		if (strcmp(s->name, "columns") == 0)
			c->columns = (int)n;
		else if (strcmp(s->name, "column-width") == 0)
			c->column_width = (int)n;
		else if (strcmp(s->name, "indent") == 0)
			c->indent = (int)n;
		else if (strcmp(s->name, "ambiguous-width") == 0)
			c->ambiguous = (int)n;
		return;
	case T_ENUM:
		if (!enum_index(s->values, v, &idx)) {
			buf_addf(warn, "%s:%d: %s = %s: want one of %s; using %s\n",
			    path, line, s->name, v, s->values, s->def);
			return;
		}
		if (strcmp(s->name, "punctuation") == 0)
			c->keep_punct = idx == 1;
		else if (strcmp(s->name, "theme") == 0)
			c->theme = (enum theme)idx;
		return;
	case T_STRING:
		free(c->library);
		c->library = *v ? strdup(v) : NULL;
		return;
	}
}

static void
read_section(struct config *c, dictionary *d, const char *sec,
    const char *path, const char *text, struct buf *warn)
{
	const char	**keys;
	int		  n, i;
	size_t		  j, pre = strlen(sec) + 1;

	n = iniparser_getsecnkeys(d, sec);
	if (n <= 0 || (keys = calloc((size_t)n, sizeof *keys)) == NULL)
		return;
	iniparser_getseckeys(d, sec, keys);
	for (i = 0; i < n; i++) {
		const char	*key = keys[i] + pre;
		const char	*v = iniparser_getstring(d, keys[i], "");
		int		 line = line_of(text, sec, key);

		if (v == NULL)
			v = "";	/* iniparser gives NULL for a key with no value */
		if (strcmp(sec, "keys") == 0) {
			struct binding_spec	*b;

			b = realloc(c->keys, (c->nkeys + 1) * sizeof *b);
			if (b == NULL)
				break;
			c->keys = b;
			b = &c->keys[c->nkeys];
			b->command = strdup(key);
			b->keys = strdup(v);
			b->line = line;
			if (b->command == NULL || b->keys == NULL) {
				free(b->command);
				free(b->keys);
				break;
			}
			c->nkeys++;
			continue;
		}
		for (j = 0; j < sizeof settings / sizeof settings[0]; j++)
			if (strcmp(settings[j].name, key) == 0)
				break;
		if (j == sizeof settings / sizeof settings[0]) {
			buf_addf(warn, "%s:%d: [%s] %s: unknown setting; "
			    "ignored\n", path, line, sec, key);
			continue;
		}
		apply(c, &settings[j], v, path, line, warn);
	}
	free(keys);
}

bool
config_load(struct config *c, const char *path, struct buf *warn)
{
	char		*def = NULL, *text;
	const char	*home, *sec;
	dictionary	*d;
	size_t		 len = 0;
	int		 i, nsec;
	bool		 explicit = path != NULL;

	if (path == NULL) {
		if ((home = getenv("XDG_CONFIG_HOME")) != NULL && *home == '/') {
			struct buf	b = { 0 };

			buf_addf(&b, "%s/kanbao/config.ini", home);
			def = buf_take(&b, NULL);
		} else if ((home = getenv("HOME")) != NULL && *home != '\0') {
			struct buf	b = { 0 };

			buf_addf(&b, "%s/.config/kanbao/config.ini", home);
			def = buf_take(&b, NULL);
		}
		if (def == NULL)
			return true;
		path = def;
	}
	if ((text = read_all(path, &len)) == NULL) {
		if (!explicit && errno == ENOENT) {
			free(def);
			return true;
		}
		buf_addf(warn, "%s: %s; using defaults\n", path, strerror(errno));
		free(def);
		return !explicit;
	}
	free(c->path);
	c->path = strdup(path);
	if (!check_syntax(path, text, len, warn)) {
		free(text);
		free(def);
		return true;
	}
	iniparser_set_error_callback(quiet);
	if ((d = iniparser_load(path)) == NULL) {
		buf_addf(warn, "%s: cannot be parsed; using defaults\n", path);
		free(text);
		free(def);
		return true;
	}
	nsec = iniparser_getnsec(d);
	for (i = 0; i < nsec; i++) {
		sec = iniparser_getsecname(d, i);
		if (sec == NULL)
			continue;
		if (strcmp(sec, "reader") == 0 || strcmp(sec, "keys") == 0)
			read_section(c, d, sec, path, text, warn);
		else
			buf_addf(warn, "%s:%d: [%s]: unknown section; ignored\n",
			    path, section_line(text, sec), sec);
	}
	iniparser_freedict(d);
	free(text);
	free(def);
	return true;
}

void
config_print_help(FILE *f)
{
	size_t	i;

	fprintf(f, "[reader]\n");
	for (i = 0; i < sizeof settings / sizeof settings[0]; i++)
		fprintf(f, "  %-16s %s (default: %s)\n", settings[i].name,
		    settings[i].help, *settings[i].def ? settings[i].def : "none");
}
