/*
 * stack: a web edition's articles as plain text, joined like cat -- each
 * article three lines of heads at fixed places (the kicker, the headline,
 * the deck; a line left empty where the article has none), then its
 * paragraphs a line each, indented (two U+3000 or spaces).  Nothing marks
 * an article but where its heads stand: every run of unindented lines
 * between the texts is three lines, or three for each article without
 * text (an advertisement's place), the middle one never empty.  Such a
 * file is read by those places, not by the shape of its lines.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "parse.h"

#define HEADS		3	/* kicker, headline, deck */
#define HEAD_MAX	80	/* characters a head line has at most */

/*
 * The number of articles when the text has the shape: runs of unindented
 * lines three lines long (or a multiple of three), the middle of each
 * three with words, the first before any text; else 0.  Empty lines at
 * the end do not count.
 */
static size_t
count_articles(const char *t, size_t len)
{
	struct tline	l;
	size_t		i, run = 0, n = 0, texts = 0, empty = 0;

	for (i = 0; i < len; i = l.next) {
		tline_at(t, len, i, &l);
		if (l.indent == 0) {
			/* a headline with words, heads short and unmarked */
			if ((run % HEADS == 1 && l.n == 0) ||
			    u8_over(l.s, l.n, HEAD_MAX) || (l.n > 0 && l.s[0] == '#'))
				return 0;
			empty = l.n == 0 ? empty + 1 : 0;
			run++;
			continue;
		}
		if (run % HEADS != 0 || (i == 0 && run == 0))
			return 0;
		n += run / HEADS;
		texts += run > 0;
		run = 0;
	}
	/* at the end, an empty deck's line may be cut off, or more added */
	run -= empty;
	n += (run + HEADS - 1) / HEADS;
	return texts > 0 ? n : 0;
}

bool
stack_is(const char *t, size_t len)
{
	return count_articles(t, len) > 0;
}

static const char *
field(struct arena *ar, const struct tline *l)
{
	return l->n > 0 ? arena_strndup(ar, l->s, l->n) : NULL;
}

struct issue *
stack_parse(char *text, size_t len, const struct issue_opts *opts,
    const char **err)
{
	struct issue		*is;
	struct part_meta	*m = NULL, *r;
	struct tline		 l, h[HEADS];
	size_t			 nm = 0, mcap = 0, i, k;

	*err = "out of memory";
	if ((is = parts_new(text, len, "text, heads at fixed places")) == NULL)
		return NULL;
	for (i = 0; i < len; ) {
		tline_at(text, len, i, &l);
		if (l.indent > 0) {
			i = l.next;
			continue;
		}
		/* three lines of heads; the text, if any, after them */
		h[0] = l;
		for (k = 1; k < HEADS; k++)
			if (h[k - 1].next < len)
				tline_at(text, len, h[k - 1].next, &h[k]);
			else
				h[k] = (struct tline){ text + len, 0, len, len, 0 };
		if ((r = parts_add(&m, &mcap, &nm)) == NULL) {
			free(m);
			issue_free(is);
			return NULL;
		}
		r->kicker = field(is->arena, &h[0]);
		r->title = field(is->arena, &h[1]);
		r->deck = field(is->arena, &h[2]);
		r->known = true;
		r->start = i;
		r->body = h[HEADS - 1].next;
		if (nm > 1)
			m[nm - 2].end = i;
		i = r->body;
	}
	return parts_done(is, m, nm, opts, true, err);
}
