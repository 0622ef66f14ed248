/* config: INI settings, validated against a table. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <iniparser.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "../model/layout.h"
#include "paths.h"

/*
 * A setting's kind: a number in an int (auto: 0), one of its values in
 * an int (its index) or a bool (the second value: true), a path.
 */
enum type { T_INT, T_AUTO_INT, T_ENUM, T_FLAG, T_STRING };

struct setting {
	const char	*name;
	enum type	 type;
	size_t		 off;		/* of its field in struct config */
	int		 min, max;
	const char	*values;	/* T_ENUM, T_FLAG: space-separated */
	const char	*def;		/* the default, as the file would say it */
	const char	*help;
};

#define AT(field)	offsetof(struct config, field)

/* Each setting tied to its field: defaults and the file read by one table. */
static const struct setting settings[] = {
	{ "columns", T_AUTO_INT, AT(columns), 1, 8, NULL, "auto",
	  "columns of text in the reader: auto (from the width) or 1-8" },
	{ "column-width", T_INT, AT(column_width), 16, 200, NULL, "40",
	  "widest column in cells when columns = auto" },
	{ "indent", T_INT, AT(indent), 0, 4, NULL, "2",
	  "ideographic spaces before each body paragraph" },
	{ "ambiguous-width", T_INT, AT(ambiguous), 1, 2, NULL, "1",
	  "cells of East Asian ambiguous characters such as \xe2\x80\x9c \xe2\x80\xa6 \xe2\x80\x94" },
	{ "korean-break", T_FLAG, AT(korean_syllable), 0, 0, "word syllable",
	  "word",
	  "Korean lines break between words (word) or anywhere (syllable)" },
	{ "punctuation", T_FLAG, AT(keep_punct), 0, 0, "fix keep", "fix",
	  "fix: full-width punctuation in Chinese text; keep: as converted" },
	{ "theme", T_ENUM, AT(theme), 0, 0, "default mono high-contrast",
	  "default", "colours; NO_COLOR in the environment means mono" },
	{ "clipboard", T_FLAG, AT(no_clipboard), 0, 0, "osc52 off", "osc52",
	  "y and Y copy to the terminal's clipboard (OSC 52, also over ssh)" },
	{ "mouse", T_FLAG, AT(no_mouse), 0, 0, "on off", "on",
	  "the wheel scrolls, a click selects; off: the terminal selects text" },
	{ "index-memory", T_INT, AT(index_memory), 8, 65536, NULL, "128",
	  "megabytes a search index's build may hold (then it writes segments)" },
	{ "library", T_STRING, AT(library), 0, 0, NULL, "",
	  "folder of issues opened when kanbao is started without a file" },
	{ "save-folder", T_STRING, AT(save_dir), 0, 0, NULL, "~/kanbao",
	  "s saves the article as a text file in this folder (~/ is home)" },
};

static void	apply(struct config *, const struct setting *, const char *,
		    const char *, int, struct buf *);

/* Every setting at its default, from the table (paths: none, NULL). */
void
config_defaults(struct config *c)
{
	size_t	i;

	memset(c, 0, sizeof *c);
	for (i = 0; i < sizeof settings / sizeof settings[0]; i++)
		if (settings[i].type != T_STRING)
			apply(c, &settings[i], settings[i].def, "(defaults)", 0,
			    NULL);
}

void
config_free(struct config *c)
{
	size_t	i;

	free(c->library);
	free(c->save_dir);
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

/*
 * Where each key of the file is: one pass over the text, so that a long
 * file costs its length once, not once per key.
 */
struct keyline {
	char		 section[64];	/* lower case */
	const char	*key;		/* in the text, not terminated */
	size_t		 len;
	int		 line;
};

struct keylines {
	struct keyline	*v;
	size_t		 n, cap;
};

static void
index_keys(const char *text, struct keylines *kl)
{
	const char	*p = text, *e;
	int		 line = 1;
	char		 cur[64] = "";
	size_t		 n, k;

	while (*p != '\0') {
		e = strchr(p, '\n');
		n = e ? (size_t)(e - p) : strlen(p);
		while (n > 0 && isspace((unsigned char)*p)) {
			p++;
			n--;
		}
		if (n > 1 && *p == '[') {
			const char	*q = memchr(p, ']', n);

			if (q != NULL && (size_t)(q - p - 1) < sizeof cur) {
				for (k = 0; k < (size_t)(q - p - 1); k++)
					cur[k] = (char)tolower((unsigned char)p[1 + k]);
				cur[k] = '\0';
			}
		} else if (n > 0 && *p != ';' && *p != '#' &&
		    vec_grow(&kl->v, &kl->cap, kl->n, sizeof *kl->v)) {
			struct keyline	*l = &kl->v[kl->n++];

			memcpy(l->section, cur, sizeof cur);
			for (k = 0; k < n && p[k] != '=' && p[k] != ':' &&
			    !isspace((unsigned char)p[k]); k++)
				;
			l->key = p;
			l->len = k;
			l->line = line;
		}
		if (e == NULL)
			break;
		p = e + 1;
		line++;
	}
}

/* The line of key in section, or 0. */
static int
line_of(const struct keylines *kl, const char *section, const char *key)
{
	size_t	i, k = strlen(key);

	for (i = 0; i < kl->n; i++)
		if (kl->v[i].len == k && strcmp(kl->v[i].section, section) == 0 &&
		    strncasecmp(kl->v[i].key, key, k) == 0)
			return kl->v[i].line;
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
		while (n > 0 && isspace((unsigned char)*p)) {
			p++;
			n--;
		}
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

#define MAX_CONFIG	(1 << 20)
#define MAX_KEYS	1000

/*
 * The whole file, or NULL with errno set.  A character device is read as
 * far as it goes (`--config /dev/null` is an empty file); a FIFO or a
 * socket is refused rather than waited on.
 */
static char *
read_all(const char *path, size_t *len, bool *regular)
{
	struct stat	 st;
	char		*s;
	ssize_t		 r;
	int		 fd, e;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return NULL;
	if (fstat(fd, &st) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	if (!S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode)) {
		e = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		close(fd);
		errno = e;
		return NULL;
	}
	*regular = S_ISREG(st.st_mode);
	if ((s = malloc(MAX_CONFIG + 2)) == NULL) {
		close(fd);
		errno = ENOMEM;
		return NULL;
	}
	*len = 0;
	while (*len <= MAX_CONFIG) {
		r = read(fd, s + *len, MAX_CONFIG + 1 - *len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;	/* EAGAIN from a device: what it had */
		*len += (size_t)r;
	}
	close(fd);
	if (*len > MAX_CONFIG) {
		free(s);
		errno = EFBIG;
		return NULL;
	}
	s[*len] = '\0';
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
			*(int *)(void *)((char *)c + s->off) = 0;
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
		*(int *)(void *)((char *)c + s->off) = (int)n;
		return;
	case T_ENUM:
	case T_FLAG:
		if (!enum_index(s->values, v, &idx)) {
			buf_addf(warn, "%s:%d: %s = %s: want one of %s; using %s\n",
			    path, line, s->name, v, s->values, s->def);
			return;
		}
		if (s->type == T_FLAG)
			*(bool *)(void *)((char *)c + s->off) = idx == 1;
		else
			*(int *)(void *)((char *)c + s->off) = idx;
		return;
	case T_STRING:
		if (strcmp(s->name, "library") == 0) {
			const char	*err;

			/* ~/papers as save-folder takes it; else as written */
			free(c->library);
			c->library = *v ? paths_expand(v, &err) : NULL;
			if (c->library == NULL && *v)
				c->library = strdup(v);
			if (c->library == NULL && *v)
				buf_addf(warn, "%s:%d: %s: out of memory\n",
				    path, line, s->name);
		} else {
			free(c->save_dir);
			c->save_dir = *v ? strdup(v) : NULL;
			if (c->save_dir == NULL && *v)
				buf_addf(warn, "%s:%d: %s: out of memory\n",
				    path, line, s->name);
		}
		return;
	}
}

static void
read_section(struct config *c, dictionary *d, const char *sec,
    const char *path, const struct keylines *kl, struct buf *warn)
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
		int		 line = line_of(kl, sec, key);

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

/* text in a new private temporary file for iniparser; its path or NULL. */
static char *
text_file(const char *text, size_t len)
{
	const char	*tmpdir = getenv("TMPDIR");
	struct buf	 b = { 0 };
	char		*p;
	int		 fd;
	bool		 ok;

	buf_addf(&b, "%s/kanbao-config.XXXXXX", tmpdir && *tmpdir == '/' ?
	    tmpdir : "/tmp");
	if ((p = buf_take(&b, NULL)) == NULL)
		return NULL;
	if ((fd = mkstemp(p)) == -1) {
		free(p);
		return NULL;
	}
	ok = write(fd, text, len) == (ssize_t)len;
	if (close(fd) != 0 || !ok) {
		unlink(p);
		free(p);
		return NULL;
	}
	return p;
}

bool
config_load(struct config *c, const char *path, struct buf *warn)
{
	char		*def = NULL, *text, *body, *tmp = NULL;
	const char	*sec;
	dictionary	*d;
	size_t		 len = 0;
	int		 i, nsec;
	bool		 explicit = path != NULL, regular = true;
	struct keylines	 kl = { 0 };

	if (path == NULL) {
		if ((def = paths_config_file()) == NULL)
			return true;
		path = def;
	}
	if ((text = read_all(path, &len, &regular)) == NULL) {
		if (!explicit && errno == ENOENT) {
			free(def);
			return true;
		}
		buf_addf(warn, "%s: %s; using defaults\n", path,
		    errno == EFBIG ? "too large for a config file (over 1 MiB)" :
		    errno == EINVAL ? "not a regular file" : strerror(errno));
		free(def);
		return !explicit;
	}
	free(c->path);
	c->path = strdup(path);
	/* a BOM, as some editors write, is not part of the first line */
	body = text;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		body += 3;
		len -= 3;
	}
	if (len == 0 || !check_syntax(path, body, len, warn)) {
		free(text);
		free(def);
		return true;
	}
	index_keys(body, &kl);
	if (kl.n > MAX_KEYS) {
		buf_addf(warn, "%s: over %d settings, not a config file; using "
		    "defaults\n", path, MAX_KEYS);
		goto done;
	}
	iniparser_set_error_callback(quiet);
	/* iniparser reads a path: give it the checked text when it differs */
	if ((body != text || !regular) && (tmp = text_file(body, len)) != NULL)
		d = iniparser_load(tmp);
	else
		d = regular ? iniparser_load(path) : NULL;
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
	if (d == NULL) {
		buf_addf(warn, "%s: cannot be parsed; using defaults\n", path);
		goto done;
	}
	nsec = iniparser_getnsec(d);
	for (i = 0; i < nsec; i++) {
		sec = iniparser_getsecname(d, i);
		if (sec == NULL)
			continue;
		if (strcmp(sec, "reader") == 0 || strcmp(sec, "keys") == 0)
			read_section(c, d, sec, path, &kl, warn);
		else
			buf_addf(warn, "%s:%d: [%s]: unknown section; ignored\n",
			    path, section_line(body, sec), sec);
	}
	iniparser_freedict(d);
done:
	free(kl.v);
	free(text);
	free(def);
	return true;
}

#define HELP_INDENT	19	/* "  name            " */
#define HELP_WIDTH	80

static void	print_wrapped(FILE *, const char *, int, int);

void
config_print_help(FILE *f)
{
	size_t	i;

	char	text[512];

	fprintf(f, "[reader]\n");
	for (i = 0; i < sizeof settings / sizeof settings[0]; i++) {
		snprintf(text, sizeof text, "%s (%s%s%sdefault: %s)",
		    settings[i].help, settings[i].type == T_ENUM ? "one of: " :
		    "", settings[i].type == T_ENUM ? settings[i].values : "",
		    settings[i].type == T_ENUM ? "; " : "",
		    *settings[i].def ? settings[i].def : "none");
		fprintf(f, "  %-16s ", settings[i].name);
		print_wrapped(f, text, HELP_INDENT, HELP_WIDTH);
	}
}

/*
 * text from column indent, broken at spaces before width (ASCII help
 * text: a byte a cell), further lines indented as far.
 */
static void
print_wrapped(FILE *f, const char *text, int indent, int width)
{
	const char	*s = text, *brk;
	int		 room = width - indent, n;

	while ((int)strlen(s) > room) {
		for (brk = s + room; brk > s && *brk != ' '; brk--)
			;
		if (brk == s)
			break;		/* one word longer than the line */
		n = (int)(brk - s);
		fprintf(f, "%.*s\n%*s", n, s, indent, "");
		s = brk + 1;
	}
	fprintf(f, "%s\n", s);
}

void
config_layout_opts(const struct config *cf, bool linear, struct layout_opts *o)
{
	memset(o, 0, sizeof *o);
	o->gutter = 2;
	o->indent = linear ? 0 : cf->indent;
	o->ambiguous = cf->ambiguous;
	o->korean_syllable = cf->korean_syllable;
	o->linear = linear;
}
