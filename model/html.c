/*
 * html: HTML inside a text (a transcript's or a web page's bodies: <p>,
 * <br>, <strong>, &nbsp;) made plain before the text is parsed.  Block
 * elements end paragraphs, headings become Markdown headings, inline
 * elements go, entities are decoded.  Nothing else changes, so a text
 * without HTML is left as it is.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse.h"

#define EVIDENCE	3	/* block tags or entities that make a text HTML */

static const struct entity {
	const char	*name;
	text_char	 c;
} entities[] = {
	{ "amp", '&' }, { "apos", '\'' }, { "bull", 0x2022 },
	{ "copy", 0xa9 }, { "emsp", 0x2003 }, { "ensp", 0x2002 },
	{ "gt", '>' }, { "hellip", U_ELLIPSIS }, { "laquo", 0xab },
	{ "ldquo", U_LDQUOTE }, { "lsquo", U_LSQUOTE }, { "lt", '<' },
	{ "mdash", 0x2014 }, { "middot", 0xb7 }, { "nbsp", ' ' },
	{ "ndash", 0x2013 }, { "quot", '"' }, { "raquo", 0xbb },
	{ "rdquo", U_RDQUOTE }, { "reg", 0xae }, { "rsquo", U_RSQUOTE },
	{ "thinsp", 0x2009 }, { "times", 0xd7 }, { "yen", 0xa5 },
};

/* Elements that end a paragraph. */
static const char *const blocks[] = {
	"address", "article", "aside", "blockquote", "br", "dd", "div", "dl",
	"dt", "figcaption", "figure", "footer", "header", "hr", "li", "main",
	"nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
};

/* The entity at s[0] == '&': its length and character, or 0. */
static size_t
entity(const char *s, size_t n, text_char *c)
{
	size_t		i = 1, k;
	unsigned long	v = 0;

	if (i < n && s[i] == '#') {
		bool	hex = ++i < n && (s[i] == 'x' || s[i] == 'X');

		i += hex;
		for (k = 0; i < n && k < 7 && (hex ? isxdigit((unsigned char)s[i]) :
		    isdigit((unsigned char)s[i])); i++, k++)
			v = v * (hex ? 16 : 10) + (unsigned long)(isdigit(
			    (unsigned char)s[i]) ? s[i] - '0' :
			    (tolower((unsigned char)s[i]) - 'a' + 10));
		if (k == 0 || i >= n || s[i] != ';' || v > 0x10ffff ||
		    (v >= 0xd800 && v <= 0xdfff))
			return 0;
		*c = (text_char)v;
		return i + 1;
	}
	for (k = 0; k < sizeof entities / sizeof entities[0]; k++) {
		size_t	m = strlen(entities[k].name);

		if (n > m + 1 && memcmp(s + 1, entities[k].name, m) == 0 &&
		    s[m + 1] == ';') {
			*c = entities[k].c;
			return m + 2;
		}
	}
	return 0;
}

/* The element's name in the tag s[0..len): into name, lowercased. */
static void
tag_name(const char *s, size_t len, char *name, size_t cap, bool *closing)
{
	size_t	i = 1, k = 0;

	*closing = i < len && s[i] == '/';
	i += *closing;
	while (i < len && isalnum((unsigned char)s[i]) && k + 1 < cap)
		name[k++] = (char)tolower((unsigned char)s[i++]);
	name[k] = '\0';
}

static bool
is_block(const char *name)
{
	size_t	k;

	for (k = 0; k < sizeof blocks / sizeof blocks[0]; k++)
		if (strcmp(blocks[k], name) == 0)
			return true;
	return false;
}

/*
 * Ends the paragraph at hand: exactly one blank line, however many
 * block tags and newlines stand in a row (a gap of more would read as a
 * new section).
 */
static void
para_break(struct buf *b)
{
	while (b->len > 0 && (b->p[b->len - 1] == '\n' ||
	    b->p[b->len - 1] == ' '))
		b->len--;
	if (b->len > 0)
		buf_adds(b, "\n\n");
}

static bool
broken(const struct buf *b)
{
	return b->len >= 2 && b->p[b->len - 1] == '\n' &&
	    b->p[b->len - 2] == '\n';
}

static size_t
next_byte(const char *s, size_t n, size_t i, char c)
{
	const char	*p = memchr(s + i, c, n - i);

	return p != NULL ? (size_t)(p - s) : n;
}

bool
html_is(const char *s, size_t n)
{
	size_t		i, len, seen = 0, lt, amp;
	text_char	c;
	char		name[16];
	bool		closing;

	/* the next '<' and '&' from i on (n: none), found by memchr(3) */
	lt = next_byte(s, n, 0, '<');
	amp = next_byte(s, n, 0, '&');
	for (i = 0; i < n && seen < EVIDENCE; i++) {
		if (lt < i)
			lt = next_byte(s, n, i, '<');
		if (amp < i)
			amp = next_byte(s, n, i, '&');
		if ((i = lt < amp ? lt : amp) >= n)
			break;
		if (s[i] == '<' && (len = repair_tag(s + i, n - i)) > 0) {
			tag_name(s + i, len, name, sizeof name, &closing);
			seen += is_block(name);
			i += len - 1;
		} else if (s[i] == '&' && entity(s + i, n - i, &c) > 0)
			seen++;
	}
	return seen >= EVIDENCE;
}

/* Where </name> starts in s, or NULL. */
static const char *
end_tag(const char *s, size_t n, const char *name)
{
	size_t	k = strlen(name), i;

	for (i = 0; i + k + 2 < n; i++)
		if (s[i] == '<' && s[i + 1] == '/' &&
		    strncasecmp(s + i + 2, name, k) == 0 &&
		    (s[i + k + 2] == '>' || s[i + k + 2] == ' '))
			return s + i;
	return NULL;
}

char *
html_flatten(const char *s, size_t n, size_t *outlen)
{
	struct buf	 b = { 0 };
	size_t		 i = 0, len, k;
	text_char	 c;
	char		 name[16], u[4];
	bool		 closing;

	buf_reserve(&b, n + 1);
	while (i < n) {
		if (s[i] == '<' && (len = repair_tag(s + i, n - i)) > 0) {
			tag_name(s + i, len, name, sizeof name, &closing);
			if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
			    name[2] == '\0') {
				para_break(&b);
				if (!closing)
					for (k = 0; k < (size_t)(name[1] - '0');
					    k++)
						buf_addc(&b, '#');
				buf_adds(&b, closing ? "" : " ");
			} else if (is_block(name))
				para_break(&b);
			i += len;
			/* a style sheet or a script is no text: to its end */
			if (!closing && (strcmp(name, "style") == 0 ||
			    strcmp(name, "script") == 0)) {
				const char	*e = end_tag(s + i, n - i, name);

				i = e != NULL ? (size_t)(e - s) : n;
			}
		} else if (s[i] == '&' && (len = entity(s + i, n - i, &c)) > 0) {
			/* a control character stays an entity, as text */
			if (c < 0x20 || (c >= 0x7f && c < 0xa0))
				buf_add(&b, s + i, len);
			else
				buf_add(&b, u, text_encode(c, u));
			i += len;
		} else if (s[i] == '\n' && broken(&b))
			i++;	/* a newline after a block: no gap */
		else
			buf_addc(&b, s[i++]);
	}
	if (b.failed) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b, outlen);
}
