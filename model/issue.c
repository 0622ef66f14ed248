/*
 * issue: the model -- an issue, its articles and blocks, their kinds --
 * and what is said of it; parsing is in dispatch.c and the passes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "issue.h"

void
issue_free(struct issue *is)
{
	size_t	i;

	if (is == NULL)
		return;
	for (i = 0; i < sizeof is->owned / sizeof is->owned[0]; i++)
		free(is->owned[i]);
	arena_free(is->arena);
	free(is->text);
	free(is);
}

const char *
issue_kind_name(enum article_kind k)
{
	switch (k) {
	case ARTICLE_PHOTO:
		return "photo";
	case ARTICLE_COMMENTARY:
		return "commentary";
	case ARTICLE_SIDEBAR:
		return "sidebar";
	default:
		return "story";
	}
}

void
issue_date_line(const struct issue *is, const char *date, char *buf,
    size_t len)
{
	char	pages[32];
	size_t	n;

	snprintf(pages, sizeof pages, "%d", is->pages);
	snprintf(buf, len, "%s %s %s%s%s%s%s",
	    is->date[0] ? is->date : date ? date : "",
	    is->weekday ? is->weekday : "", is->lunar ? is->lunar : "",
	    is->number ? "  No. " : "", is->number ? is->number : "",
	    is->pages ? "  pages: " : "", is->pages ? pages : "");
	/* no field: no line of spaces */
	for (n = strlen(buf); n > 0 && buf[n - 1] == ' '; n--)
		buf[n - 1] = '\0';
	if (strspn(buf, " ") == strlen(buf))
		buf[0] = '\0';
}

void
article_heads(const struct article *a, const char *out[ARTICLE_HEADS])
{
	size_t	i;

	out[0] = a->kicker;
	out[1] = a->guessed ? NULL : a->headline;
	out[2] = a->deck;
	out[3] = a->byline_inline ? NULL : a->byline;
	for (i = 0; i < ARTICLE_HEADS; i++)
		if (out[i] != NULL && *out[i] == '\0')
			out[i] = NULL;
}

void
issue_date_of(const struct issue *is, const char *path, char *out)
{
	const char	*base = strrchr(path, '/');

	out[0] = '\0';
	if (is != NULL && is->date[0] != '\0')
		memcpy(out, is->date, 11);
	else
		date_from_name(base ? base + 1 : path, out);
}
