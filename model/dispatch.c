/*
 * dispatch: the parser's entry -- sanitise the bytes, flatten HTML, and
 * hand the text to the front-end its form asks for: a feed, a web
 * edition's articles with front matter, records, stacked head lines, or
 * plain text.
 */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "vault.h"

/* False (text freed) when sanitised text is over what a model may hold. */
static bool
small_enough(char **text, size_t len, const char **err)
{
	if (len <= ISSUE_TEXT_MAX)
		return true;
	free(*text);
	*text = NULL;
	*err = "too large once tabs and bad bytes are replaced (over 3 GiB)";
	return false;
}

/* Parses in[0..n-1], freeing owned (NULL or in) once it is sanitised. */
static struct issue *
parse(const char *in, size_t n, char *owned, const struct issue_opts *opts,
    const char **err)
{
	struct issue	*is;
	char		*text, *flat;
	size_t		 len, flen;
	bool		 html;

	*err = "out of memory";
	text = text_sanitise(in, n, &len);
	free(owned);
	if (text == NULL || !small_enough(&text, len, err))
		return NULL;
	/* a saved RSS or Atom feed: XML, read as such */
	if (feed_is(text, len))
		return feed_parse(text, len, opts, err);
	/* HTML paragraphs and entities: plain text, sanitised again */
	if ((html = html_is(text, len))) {
		flat = html_flatten(text, len, &flen);
		free(text);
		if (flat == NULL)
			return NULL;
		text = text_sanitise(flat, flen, &len);
		free(flat);
		if (text == NULL || !small_enough(&text, len, err))
			return NULL;
	}
	/* a web edition's articles with front matter: the vault front-end */
	if (vault_has_front_matter(text, len) ||
	    memmem(text, len, "\n---\ntitle:", 11) != NULL)
		is = vault_parse(text, len, opts, err);
	else if (record_is(text, len))
		is = record_parse(text, len, opts, err);
	else if (stack_is(text, len))
		is = stack_parse(text, len, opts, err);
	else
		is = issue_parse_text(text, len, opts, NULL, NULL, err);
	if (is != NULL)
		is->damage.html = html;
	return is;
}

struct issue *
issue_parse(const char *in, size_t n, const struct issue_opts *opts,
    const char **err)
{
	return parse(in, n, NULL, opts, err);
}

struct issue *
issue_parse_free(char *in, size_t n, const struct issue_opts *opts,
    const char **err)
{
	return parse(in, n, in, opts, err);
}
