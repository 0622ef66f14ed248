/*
 * find: / n N in the open issue.  Every hit in reading order -- an
 * article's head (kicker, headline, deck, byline), then its blocks and
 * photo credits -- matched as the library search matches.
 */
#include <stdlib.h>
#include <string.h>

#include "../model/buf.h"
#include "../model/issue.h"
#include "view.h"

/* A place in an issue: article, part (0 its head, 1 + block), offset. */
struct spot {
	size_t	art, part, off;
};

static int
spot_cmp(const struct spot *x, const struct spot *y)
{
	if (x->art != y->art)
		return x->art < y->art ? -1 : 1;
	if (x->part != y->part)
		return x->part < y->part ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

static bool
add_spot(struct spot **v, size_t *n, size_t *cap, size_t a, size_t part,
    size_t off)
{
	if (!vec_grow(v, cap, *n, sizeof **v))
		return false;
	(*v)[*n].art = a;
	(*v)[*n].part = part;
	(*v)[*n].off = off;
	(*n)++;
	return true;
}

static struct spot *
find_all(const struct tui *t, size_t *n)
{
	struct spot	*v = NULL;
	size_t		 cap = 0, a, b, k, from, at, len;

	*n = 0;
	for (a = 0; a < t->is->narticles; a++) {
		const struct article	*ar = &t->is->articles[a];
		const char		*head[ARTICLE_HEADS];

		/* the head as shown: a byline inside the text is found there */
		article_heads(ar, head);
		for (k = 0; k < ARTICLE_HEADS; k++)
			if (head[k] != NULL && query_find(head[k],
			    strlen(head[k]), 0, t->query, &at, &len)) {
				if (!add_spot(&v, n, &cap, a, 0, 0))
					return v;
				break;
			}
		for (b = 0; b < ar->nblocks; b++) {
			const struct block	*bl = &ar->blocks[b];

			for (from = 0; query_find(bl->text, bl->len, from,
			    t->query, &at, &len); from = at + len)
				if (!add_spot(&v, n, &cap, a, 1 + b, at))
					return v;
			if (bl->extra != NULL && query_find(bl->extra,
			    strlen(bl->extra), 0, t->query, &at, &len) &&
			    !add_spot(&v, n, &cap, a, 1 + b, bl->len))
				return v;
		}
	}
	return v;
}

/*
 * Goes to the next (dir > 0) or previous hit from the reading place,
 * round the issue; says which of how many it is, and when it wrapped.
 */
void
find_step(struct tui *t, int dir)
{
	struct spot	*v, here;
	size_t		 n, i, k;
	bool		 wrapped = false;

	if (t->query == NULL || t->query[strspn(t->query, " ")] == '\0') {
		status(t, "no search yet: press /");
		return;
	}
	if (t->is == NULL || t->is->narticles == 0) {
		status(t, "nothing to search: this issue has no articles");
		return;
	}
	v = find_all(t, &n);
	if (n == 0) {
		free(v);
		status(t, "not found: %s", t->query);
		return;
	}
	here.art = t->art;
	here.part = t->ahead ? 0 : 1 + t->ablock;
	here.off = t->ahead ? 0 : t->aoff;
	if (dir > 0) {
		for (i = 0; i < n && spot_cmp(&v[i], &here) <= 0; i++)
			;
		if (i == n) {
			i = 0;
			wrapped = true;
		}
	} else {
		for (k = n; k > 0 && spot_cmp(&v[k - 1], &here) >= 0; k--)
			;
		if (k == 0) {
			i = n - 1;
			wrapped = true;
		} else
			i = k - 1;
	}
	t->art = v[i].art;
	t->ahead = v[i].part == 0;
	t->ablock = t->ahead ? 0 : v[i].part - 1;
	t->aoff = v[i].off;
	reader_show(t);
	status(t, "/%s  %zu/%zu%s", t->query, i + 1, n,
	    wrapped ? (dir > 0 ? "  search hit the end, went on from the top" :
	    "  search hit the top, went on from the end") : "");
	free(v);
}
