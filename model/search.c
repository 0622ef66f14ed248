/*
 * search: the choice between the index and a scan of the files, and the
 * ranking of hits (newest issue first).
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "index.h"
#include "issue.h"
#include "search.h"
#include "day.h"

static bool	scan_search(const struct archive *, const char *, char *const *,
		    size_t, struct query_hit **, size_t *);
static void	search_sort(const struct archive *, struct query_hit *, size_t);

/*
 * Whether article k holds every word: 1 (and *snip a snippet of the
 * hit), 0, or -1 when out of memory.
 */
static int
article_matches(const struct issue *is, size_t k, char *const *w, size_t nw,
    const char *raw, char **snip)
{
	char	*t, *f;
	size_t	 flen, tlen, i;
	bool	 ok = true;

	*snip = NULL;
	if ((t = query_article_text(is, k, &tlen)) == NULL)
		return -1;
	if ((f = query_fold(t, tlen, &flen)) == NULL) {
		free(t);
		return -1;
	}
	for (i = 0; i < nw && ok; i++)
		ok = strstr(f, w[i]) != NULL;
	if (ok && (*snip = query_snippet(t, tlen,
	    query_hit_at(t, raw, f, w[0]))) == NULL) {
		free(f);
		free(t);
		return -1;
	}
	free(f);
	free(t);
	return ok;
}

bool
search_library(const struct archive *ar, const char *query,
    const char *cachedir, archive_progress *progress, void *arg,
    struct query_hit **hits, size_t *nhits, const char **err,
    const char **warn)
{
	char	**w;
	size_t	  nw, k;
	bool	  ok = false;

	*hits = NULL;
	*nhits = 0;
	if (warn != NULL)
		*warn = NULL;
	/* a query no search can take is said once, here */
	if ((nw = query_words(query, &w, err)) == 0) {
		free(w);
		return false;
	}
	if (cachedir != NULL && index_search(ar, query, w, nw, cachedir,
	    progress, arg, hits, nhits, err))
		ok = true;
	else {
		/* no cache, or an index that cannot be written or read */
		if (cachedir != NULL && warn != NULL)
			*warn = *err;
		char	*raw = query_first_word(query, w[0]);

		*err = "out of memory";
		ok = scan_search(ar, raw, w, nw, hits, nhits);
		free(raw);
	}
	for (k = 0; k < nw; k++)
		free(w[k]);
	free(w);
	if (ok)
		search_sort(ar, *hits, *nhits);
	return ok;
}

static bool
scan_search(const struct archive *ar, const char *raw, char *const *w,
    size_t nw, struct query_hit **hits, size_t *nhits)
{
	size_t			  i, j, n = 0, cap = 0, len;
	struct query_hit	 *h = NULL;
	struct issue		 *is;
	char			 *s, *snip, date[11];
	const char		 *e;
	int			  m;
	bool			  oom = false;

	/*
	 * An issue that cannot be read or parsed has no hits (as the index
	 * has it); out of memory fails the search: no partial answer.
	 */
	for (i = 0; i < ar->n && !oom; i++) {
		if ((s = day_read(ar->v[i].path, &len, &e, NULL)) == NULL) {
			oom = strcmp(e, "out of memory") == 0;
			continue;
		}
		if ((is = issue_parse_free(s, len, NULL, &e)) == NULL) {
			oom = strcmp(e, "out of memory") == 0;
			continue;
		}
		if (ar->v[i].date[0] != '\0')
			memcpy(date, ar->v[i].date, sizeof date);
		else
			issue_date_of(is, ar->v[i].path, date);
		for (j = 0; j < is->narticles && !oom; j++) {
			if ((m = article_matches(is, j, w, nw, raw, &snip)) <= 0) {
				oom = m < 0;
				continue;
			}
			if (!vec_grow(&h, &cap, n, sizeof *h)) {
				free(snip);
				oom = true;
				break;
			}
			h[n].entry = i;
			h[n].article = j;
			memcpy(h[n].date, date, sizeof date);
			h[n].headline = strdup(is->articles[j].headline ?
			    is->articles[j].headline : "");
			h[n].snippet = snip;
			if (h[n++].headline == NULL)
				oom = true;
		}
		issue_free(is);
	}
	if (oom) {
		query_free_hits(h, n);
		return false;
	}
	*hits = h;
	*nhits = n;
	return true;
}

static int
hit_order(const void *a, const void *b, void *arp)
{
	const struct query_hit	*x = a, *y = b;
	const struct archive		*ar = arp;
	int				 c;

	if ((x->date[0] == '\0') != (y->date[0] == '\0'))
		return x->date[0] == '\0' ? 1 : -1;
	if ((c = strcmp(y->date, x->date)) != 0)
		return c;
	if (x->entry != y->entry)
		return strcmp(ar->v[x->entry].path, ar->v[y->entry].path);
	return x->article < y->article ? -1 : x->article > y->article;
}

/* Puts hits newest first, undated last; by path and article in a day. */
static void
search_sort(const struct archive *ar, struct query_hit *h, size_t n)
{
	if (n > 1)
		qsort_r(h, n, sizeof *h, hit_order, (void *)ar);
}

