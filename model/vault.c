/*
 * vault: the web edition kept as Markdown files, one an article, each
 * opening with YAML front matter (---, title:, date:, section:, author:,
 * ---), whether concatenated into one file or stored as a day's folder
 * with page folders (2025-01-02/05-评论/, .md files).  Each article is parsed on
 * its own, its front matter giving what its text lacks (headline, byline,
 * page, the issue's date), and the parts make one issue.  Front matter is
 * metadata, never text: it is not shown.  A day's folder is read by
 * day.c; nothing here reads a file.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "buf.h"
#include "issue.h"
#include "parse.h"
#include "text.h"
#include "vault.h"

#define MAX_META_LINES	40	/* a front matter block is short */

static bool
is_rule(const char *s, size_t n, size_t i)
{
	size_t	e = text_line_end(s, n, i);

	while (e > i && s[e - 1] == ' ')
		e--;
	return e - i == 3 && memcmp(s + i, "---", 3) == 0;
}

/* Whether s[i..e) is `key: value` with a key front matter uses. */
static bool
meta_line(const char *s, size_t i, size_t e)
{
	size_t	k = i;

	while (k < e && (isalnum((unsigned char)s[k]) || s[k] == '_' ||
	    s[k] == '-'))
		k++;
	return k > i && k < e && s[k] == ':';
}

/*
 * A front matter block at line i: `---`, key: value lines (the first of
 * them one of title, date, section, author), `---`.  Returns the offset
 * after its closing line, or 0.
 */
size_t
vault_front_matter(const char *s, size_t n, size_t i)
{
	size_t	e, lines = 0, first;

	if (!is_rule(s, n, i))
		return 0;
	first = text_line_end(s, n, i) + 1;
	if (first >= n)
		return 0;
	e = text_line_end(s, n, first);
	if (!(str_starts(s + first, e - first, "title:") ||
	    str_starts(s + first, e - first, "date:") ||
	    str_starts(s + first, e - first, "section:") ||
	    str_starts(s + first, e - first, "author:")))
		return 0;
	for (i = first; i < n && lines < MAX_META_LINES; lines++) {
		e = text_line_end(s, n, i);
		if (is_rule(s, n, i))
			return e < n ? e + 1 : n;
		/* key: value, or a YAML list item or continuation */
		if (!meta_line(s, i, e) && !(e > i && (s[i] == ' ' ||
		    s[i] == '-')) && e > i)
			return 0;
		i = e + 1;
	}
	return 0;
}

bool
vault_has_front_matter(const char *s, size_t n)
{
	size_t	i = 0;

	while (i < n && (s[i] == '\n' || s[i] == ' '))
		i++;
	return vault_front_matter(s, n, i) > 0;
}

/* Where key's line in the block s[a..b) starts, or (size_t)-1. */
size_t
vault_value_at(const char *s, size_t a, size_t b, const char *key)
{
	size_t	i, e, k = strlen(key);

	for (i = a; i < b; i = e + 1) {
		e = text_line_end(s, b, i);
		if (e - i > k && memcmp(s + i, key, k) == 0 && s[i + k] == ':')
			return i;
	}
	return (size_t)-1;
}

/* A page folder's name as a front matter line, one line whatever it holds. */
void
vault_add_section(struct buf *b, const char *page)
{
	size_t	k0 = b->len, k;

	if (page == NULL)
		return;
	buf_addf(b, "section: %s", page);
	for (k = k0; k < b->len && !b->failed; k++)
		if ((unsigned char)b->p[k] < ' ')
			b->p[k] = ' ';
	buf_addc(b, '\n');
}

/* The value of key in the block s[a..b), unquoted, into the arena. */
static const char *
value(struct arena *ar, const char *s, size_t a, size_t b, const char *key)
{
	size_t	i, e, k = strlen(key);

	if ((i = vault_value_at(s, a, b, key)) == (size_t)-1)
		return NULL;
	e = text_line_end(s, b, i);
	i += k + 1;
	while (i < e && s[i] == ' ')
		i++;
	while (e > i && s[e - 1] == ' ')
		e--;
	if (e - i >= 2 && (s[i] == '"' || s[i] == '\'') && s[e - 1] == s[i]) {
		i++;
		e--;
	}
	return e > i ? arena_strndup(ar, s + i, e - i) : NULL;
}

struct issue *
vault_parse(char *text, size_t len, const struct issue_opts *opts,
    const char **err)
{
	struct issue		*is;
	struct part_meta	*m = NULL, *r;
	size_t			 nm = 0, mcap = 0, i, e;

	*err = "out of memory";
	if ((is = parts_new(text, len, "markdown+yaml")) == NULL)
		return NULL;
	/* the front matter blocks, each opening at a line start */
	for (i = 0; i < len; i = text_line_end(text, len, i) + 1) {
		if ((e = vault_front_matter(text, len, i)) == 0)
			continue;
		if ((r = parts_add(&m, &mcap, &nm)) == NULL) {
			free(m);
			issue_free(is);
			return NULL;
		}
		r->title = value(is->arena, text, i, e, "title");
		r->date = value(is->arena, text, i, e, "date");
		r->section = value(is->arena, text, i, e, "section");
		r->author = value(is->arena, text, i, e, "author");
		r->start = i;
		r->body = e;
		if (nm > 1)
			m[nm - 2].end = i;
		i = e - 1;
	}
	return parts_done(is, m, nm, opts, false, err);
}

/* ---- a day's folder ------------------------------------------------- */
