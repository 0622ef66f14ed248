/*
 * index: a search through the index -- bigram postings over folded
 * article text, in one file (ixfile.h: a header, the strings, the issues,
 * a path hash table, the articles, the terms and the postings), built by
 * ixbuild.c -- its candidates checked against the articles' text.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "file.h"
#include "index.h"
#include "issue.h"
#include "pool.h"
#include "text.h"
#include "ixfile.h"
#include "day.h"


/* Whether a term's fields are intact; with post, its postings too. */
static bool
term_ok(const struct index *ix, const struct iterm *t, bool post)
{
	if (t->off > ix->h->npost || t->bytes > ix->h->npost - t->off ||
	    t->count > t->bytes || t->count > ix->h->narticles ||
	    ix_term_head_sum(t->key, t->off, t->count, t->bytes) !=
	    (t->sum & 0xffff0000u))
		return false;
	return !post || ix_term_sum(t->key, t->off, t->count, t->bytes,
	    ix->post + t->off) == t->sum;
}

/*
 * A term's postings decoded into a new array of t->count articles; NULL
 * with *bad set when they do not decode to as many ascending articles of
 * the index, NULL alone when memory runs out.
 */
static uint32_t *
postings(const struct index *ix, const struct iterm *t, bool *bad)
{
	const unsigned char	*p = ix->post + t->off, *e = p + t->bytes;
	uint32_t		*v;
	uint64_t		 id = 0, d;
	size_t			 i;
	int			 sh;

	if ((v = malloc(((size_t)t->count + 1) * sizeof *v)) == NULL)
		return NULL;
	for (i = 0; i < t->count; i++) {
		for (d = 0, sh = 0; p < e && sh < 35; sh += 7) {
			d |= (uint64_t)(*p & 0x7f) << sh;
			if ((*p++ & 0x80) == 0)
				break;
		}
		if (sh >= 35 || (i > 0 && d == 0) || (id += d) >=
		    ix->h->narticles || (p == e && i + 1 < t->count))
			goto bad;
		v[i] = (uint32_t)id;
	}
	if (p != e)
		goto bad;
	return v;
bad:
	free(v);
	*bad = true;
	return NULL;
}


/*
 * The postings of a bigram; NULL when absent, bad set when corrupt.  Each
 * term the search passes is checked, and when the key is not found, the
 * terms where it would be: a damaged key cannot hide a word.
 */
static const struct iterm *
term(const struct index *ix, uint64_t key, bool *bad)
{
	size_t			 lo = 0, hi = ix->h->nterms, m;
	const struct iterm	*t;

	while (lo < hi) {
		m = (lo + hi) / 2;
		t = &ix->t[m];
		if (!term_ok(ix, t, t->key == key)) {
			*bad = true;
			return NULL;
		}
		if (t->key == key)
			return t;
		if (t->key < key)
			lo = m + 1;
		else
			hi = m;
	}
	for (m = lo > 0 ? lo - 1 : 0; m <= lo + 1 && m < ix->h->nterms; m++)
		if (!term_ok(ix, &ix->t[m], false) || (m > 0 &&
		    ix->t[m - 1].key >= ix->t[m].key)) {
			*bad = true;
			break;
		}
	return NULL;
}

/* Keeps in cand[0..*n) only the articles also in the term's postings. */
static void
intersect(uint32_t *cand, size_t *n, const uint32_t *p, size_t pn)
{
	size_t	i = 0, j = 0, k = 0;

	while (i < *n && j < pn) {
		if (cand[i] < p[j])
			i++;
		else if (cand[i] > p[j])
			j++;
		else {
			cand[k++] = cand[i];
			i++;
			j++;
		}
	}
	*n = k;
}


/*
 * L_RACE: the segment in place is not the one just written (another
 * kanbao renamed its own into place meanwhile): look again at what is
 * there.
 */
enum lookup { L_OK, L_OOM, L_CORRUPT, L_FAIL, L_RACE };


/*
 * The candidates' texts are read in file order: the pages of the strings
 * left behind are given back (a file's pages, read again if need be), so
 * that a search of a large library holds a few MiB of them, not all it
 * read.
 */
#define RELEASE_BYTES	(4 << 20)

static void
release(const struct index *ix, const char *at, const char **freed)
{
	long		 pg = sysconf(_SC_PAGESIZE);
	uintptr_t	 from, to;

	if (pg <= 0 || at < *freed || (size_t)(at - *freed) < RELEASE_BYTES)
		return;
	from = ((uintptr_t)*freed + (uintptr_t)pg - 1) & ~((uintptr_t)pg - 1);
	to = (uintptr_t)at & ~((uintptr_t)pg - 1);
	if (to > from && from >= (uintptr_t)ix->map)
		madvise((void *)from, to - from, MADV_DONTNEED);
	*freed = at;
}

/*
 * The articles holding every bigram of the words, ascending, into *cand
 * (every article when the words are single characters): the postings of
 * each bigram intersected in turn.
 */
static enum lookup
candidates(const struct index *ix, char *const *w, size_t nw,
    uint32_t **cand, size_t *nc)
{
	const struct iterm	*tm;
	uint32_t		*pv;
	size_t			 k, j, m;
	text_char		 a, b, prev;
	bool			 filtered = false, bad = false;

	*cand = NULL;
	*nc = 0;
	for (k = 0; k < nw; k++)
		for (j = 0, m = strlen(w[k]), a = 0; j < m; ) {
			prev = a;
			j += text_decode_fast(w[k] + j, m - j, &b);
			a = b;
			if (prev == 0)
				continue;	/* the word's first character */
			if ((tm = term(ix, (uint64_t)prev << 21 | b,
			    &bad)) == NULL || (pv = postings(ix, tm,
			    &bad)) == NULL) {
				free(*cand);
				*cand = NULL;
				*nc = 0;
				/* a bigram no article has: no hit at all */
				return bad ? L_CORRUPT : tm == NULL ? L_OK :
				    L_OOM;
			}
			if (filtered) {
				intersect(*cand, nc, pv, tm->count);
				free(pv);
				continue;
			}
			*cand = pv;
			*nc = tm->count;
			filtered = true;
		}
	if (!filtered) {
		/* single characters only: every article is a candidate */
		if ((*cand = malloc((ix->h->narticles + 1) *
		    sizeof **cand)) == NULL)
			return L_OOM;
		for (*nc = 0; *nc < ix->h->narticles; (*nc)++)
			(*cand)[*nc] = (uint32_t)*nc;
	}
	return L_OK;
}

/* What a search looks for, and where (the index and its issues' entries). */
struct looking {
	const struct index	*ix;
	const size_t		*toar;
	char *const		*w;
	size_t			 nw;
	const char		*raw;	/* the first word as typed, or NULL */
	const uint32_t		*cand;
};

/*
 * Whether article a's text holds every word; *at is then where the first
 * is (the snippet's place) and *tlen how much of the text a snippet needs.
 */
static enum lookup
holds(const struct looking *l, const struct iart *a, const char *text,
    size_t *at, size_t *tlen, bool *all)
{
	const char	*q;
	char		*f = NULL;
	size_t		 flen, k;

	*all = true;
	/*
	 * The first word as typed, found in the display text, is found in
	 * the folded text too (folding goes character by character): a
	 * one-word query needs no folding then.
	 */
	q = l->raw != NULL ? strstr(text, l->raw) : NULL;
	if (q == NULL || l->nw > 1) {
		if ((f = query_fold(text, a->len, &flen)) == NULL)
			return L_OOM;
		if (q == NULL && strstr(f, l->w[0]) == NULL)
			*all = false;
		for (k = 1; k < l->nw && *all; k++)
			*all = strstr(f, l->w[k]) != NULL;
	}
	if (*all && q != NULL) {
		*at = (size_t)(q - text);
		*tlen = *at + strnlen(q, SNIPPET_AFTER + 4);
	} else if (*all) {
		*at = query_hit_at(text, NULL, f, l->w[0]);
		*tlen = a->len;
	}
	free(f);
	return L_OK;
}

/* A hit in article a, its snippet at at of text; false when out of memory. */
static bool
hit(const struct looking *l, const struct iart *a, const char *text,
    size_t at, size_t tlen, struct query_hit *h)
{
	h->entry = l->toar[a->issue];
	h->article = a->index;
	memcpy(h->date, l->ix->is[a->issue].date, sizeof h->date);
	h->date[10] = '\0';
	h->headline = strdup(l->ix->str + a->headline);
	h->snippet = query_snippet(text, tlen, at);
	return h->headline != NULL && h->snippet != NULL;
}

/* The hits among the candidates from .. to, found by one thread. */
struct range {
	const struct looking	*l;
	size_t			 from, to;
	struct query_hit	*h;
	size_t			 n;
	enum lookup		 r;
};

static void
lookup_range(struct range *g)
{
	const struct looking	*l = g->l;
	const struct index	*ix = l->ix;
	const struct iart	*a;
	const char		*freed = NULL, *text, *at_block;
	struct ix_texts		 texts;
	size_t			 i, cap = 0, at = 0, tlen = 0;
	bool			 bad = false, all;

	ix_texts_open(&texts, ix);
	for (i = g->from, g->r = L_OK; i < g->to && g->r == L_OK; i++) {
		if (l->cand[i] >= ix->h->narticles ||
		    (a = &ix->ar[l->cand[i]])->issue >= ix->h->nissues ||
		    !ix_art_ok(ix, a)) {
			g->r = L_CORRUPT;
			break;
		}
		/* an issue changed since: the newer segment has it */
		if (l->toar[a->issue] == SIZE_MAX)
			continue;
		/* from where this part starts: the part before is another's */
		at_block = ix->str + ix->bl[a->block].off;
		if (freed == NULL)
			freed = at_block;
		release(ix, at_block, &freed);
		if ((text = ix_text(&texts, a, &bad)) == NULL)
			g->r = bad ? L_CORRUPT : L_OOM;
		else if ((g->r = holds(l, a, text, &at, &tlen, &all)) != L_OK ||
		    !all)
			continue;
		else if (!vec_grow(&g->h, &cap, g->n, sizeof *g->h))
			g->r = L_OOM;
		else if (!hit(l, a, text, at, tlen, &g->h[g->n++]))
			g->r = L_OOM;
	}
	ix_texts_close(&texts);
}

static void
lookup_part(void *arg, size_t i)
{
	lookup_range((struct range *)arg + i);
}

/*
 * Candidates from which their texts are read on every processor, in parts
 * of whole blocks: a word of most articles decompresses most of them.
 */
#define PARALLEL_CANDIDATES	256

/*
 * The articles of a current index that hold every word of w: the
 * candidates hold every bigram of every word, and each is verified
 * against its text, folded then; the hits in the candidates' order.
 */
static enum lookup
index_lookup(const struct index *ix, const size_t *toar, char *const *w,
    size_t nw, const char *raw, struct query_hit **hits, size_t *nhits)
{
	struct looking	 l = { ix, toar, w, nw, raw, NULL };
	struct range	 g[POOL_MAX];
	uint32_t	*cand = NULL;
	size_t		 nc = 0, np = 1, k, n = 0, at;
	enum lookup	 r;

	if ((r = candidates(ix, w, nw, &cand, &nc)) != L_OK)
		return r;
	l.cand = cand;
	if (nc >= PARALLEL_CANDIDATES)
		np = pool_threads();
	/* parts end where a block does, so none is decompressed twice */
	for (k = 0, at = 0; k < np; k++) {
		g[k] = (struct range){ &l, at, nc, NULL, 0, L_OK };
		if (k + 1 < np) {
			for (at = nc * (k + 1) / np; at > g[k].from && at < nc &&
			    cand[at] < ix->h->narticles &&
			    cand[at - 1] < ix->h->narticles &&
			    ix->ar[cand[at]].block == ix->ar[cand[at - 1]].block;
			    at++)
				;
			g[k].to = at;
		}
	}
	if (np > 1)
		pool_split(np, lookup_part, g);
	else
		lookup_range(&g[0]);
	free(cand);
	for (k = 0; k < np; k++) {
		if (g[k].r != L_OK && r == L_OK)
			r = g[k].r;
		n += g[k].n;
	}
	/* the parts' hits in order, in the first part's array grown */
	*hits = NULL;
	if (r == L_OK && (*hits = realloc(g[0].h, (n + 1) *
	    sizeof **hits)) == NULL)
		r = L_OOM;
	for (k = 0, n = 0; k < np; k++) {
		if (r != L_OK) {
			query_free_hits(g[k].h, g[k].n);
			continue;
		}
		if (k > 0 && g[k].n > 0)
			memcpy(*hits + n, g[k].h, g[k].n * sizeof **hits);
		if (k > 0)
			free(g[k].h);
		n += g[k].n;
	}
	*nhits = r == L_OK ? n : 0;
	return r;
}

/*
 * Issues changed since the main segment was built, at most this many,
 * go into a small second segment; more, and the main one is built again.
 */
#define RACES	8	/* times a search looks again at segments replaced */

static size_t
delta_max(size_t n)
{
	return 32 + n / 16;
}

/* Appends the hits of b to a (b's entries through map); b is taken. */
static bool
add_hits(struct query_hit **a, size_t *na, struct query_hit *b, size_t nb,
    const size_t *map)
{
	struct query_hit	*v;
	size_t			 i;

	if (nb == 0) {
		free(b);
		return true;
	}
	if ((v = realloc(*a, (*na + nb) * sizeof *v)) == NULL) {
		query_free_hits(b, nb);
		return false;
	}
	for (i = 0; i < nb; i++) {
		v[*na + i] = b[i];
		v[*na + i].entry = map[b[i].entry];
	}
	free(b);
	*a = v;
	*na += nb;
	return true;
}

/* A search through the segments: what for, where, and what it says. */
struct searching {
	const struct archive	*ar;
	const char		*cachedir, *file, *dfile;
	bool			 force;		/* both built afresh */
	char *const		*w;
	size_t			 nw;
	const char		*raw;
	archive_progress	*progress;
	void			*arg;
	const char		**err;
};

/*
 * The main segment in ix, loaded, or built when missing or when the
 * issues it lacks (stale[0..*ns), *toar its issues' entries) are many.
 */
static enum lookup
main_segment(const struct searching *q, struct index *ix, size_t **toar,
    size_t *stale, size_t *ns)
{
	const struct archive	*ar = q->ar;
	struct stat		 st;

	if (!q->force)
		ix_load(q->file, ix);
	if ((*toar = malloc(((ix->map ? ix->h->nissues : 0) + 1) *
	    sizeof **toar)) == NULL)
		return L_OOM;
	*ns = ix_map(ix, ar, *toar, stale);
	if (ix->map != NULL && *ns <= delta_max(ar->n))
		return L_OK;
	if (stat(q->cachedir, &st) != 0)
		mkdir(q->cachedir, 0700);
	if (!ix_build(ar, ix, q->file, q->progress, q->arg)) {
		*q->err = "cannot write the search index";
		return L_FAIL;
	}
	ix_unload(ix);
	free(*toar);
	*toar = NULL;
	if (!ix_load(q->file, ix))
		return L_RACE;
	if ((*toar = malloc((ix->h->nissues + 1) * sizeof **toar)) == NULL)
		return L_OOM;
	/*
	 * Another kanbao's index may stand there now: what it lacks goes to
	 * the second segment, as for one found in place.
	 */
	if ((*ns = ix_map(ix, ar, *toar, stale)) > delta_max(ar->n))
		return L_RACE;
	/* the main segment has every issue: no second one */
	if (*ns == 0)
		unlink(q->dfile);
	return L_OK;
}

/*
 * The hits among the issues stale[0..ns) of ar that the main segment
 * lacks, through their own segment (dfile), built from them alone and
 * kept while they stay as they are; added to *hits.
 */
static enum lookup
delta_hits(const struct searching *q, const size_t *stale, size_t ns,
    struct query_hit **hits, size_t *nhits)
{
	struct index		 dx;
	struct archive		 sub = { 0 };
	struct query_hit	*dh = NULL;
	size_t			*dtoar, *dstale, i, ndh = 0;
	enum lookup		 r = L_OOM;

	memset(&dx, 0, sizeof dx);
	sub.n = ns;
	sub.root = q->ar->root;
	sub.v = malloc(ns * sizeof *sub.v);
	dtoar = malloc((ns + 1) * sizeof *dtoar);
	dstale = malloc((ns + 1) * sizeof *dstale);
	if (sub.v == NULL || dtoar == NULL || dstale == NULL)
		goto out;
	for (i = 0; i < ns; i++)
		sub.v[i] = q->ar->v[stale[i]];
	if (!q->force)
		ix_load(q->dfile, &dx);
	if (!ix_current(&dx, &sub, dtoar, dstale)) {
		if (!ix_build(&sub, &dx, q->dfile, NULL, NULL)) {
			*q->err = "cannot write the search index";
			r = L_FAIL;
			goto out;
		}
		ix_unload(&dx);
		if (!ix_load(q->dfile, &dx) ||
		    !ix_current(&dx, &sub, dtoar, dstale)) {
			r = L_RACE;
			goto out;
		}
	}
	if ((r = index_lookup(&dx, dtoar, q->w, q->nw, q->raw, &dh,
	    &ndh)) == L_OK && !add_hits(hits, nhits, dh, ndh, stale))
		r = L_OOM;
out:
	ix_unload(&dx);
	free(sub.v);
	free(dtoar);
	free(dstale);
	return r;
}

/*
 * The hits of a search through the main segment and, for the issues it
 * lacks or has out of date, the second; the main segment is built again
 * when they are many.
 */
static enum lookup
search_segments(const struct searching *q, struct query_hit **hits,
    size_t *nhits)
{
	struct index	 ix;
	size_t		*toar = NULL, *stale, ns = 0;
	enum lookup	 r = L_OOM;

	memset(&ix, 0, sizeof ix);
	if ((stale = malloc((q->ar->n + 1) * sizeof *stale)) != NULL &&
	    (r = main_segment(q, &ix, &toar, stale, &ns)) == L_OK &&
	    (r = index_lookup(&ix, toar, q->w, q->nw, q->raw, hits,
	    nhits)) == L_OK && ns > 0)
		r = delta_hits(q, stale, ns, hits, nhits);
	if (r != L_OK) {
		query_free_hits(*hits, *nhits);
		*hits = NULL;
		*nhits = 0;
	}
	ix_unload(&ix);
	free(toar);
	free(stale);
	return r;
}

bool
index_search(const struct archive *ar, const char *query, char *const *w,
    size_t nw, const char *cachedir, archive_progress *progress, void *arg,
    struct query_hit **hits, size_t *nhits, const char **err)
{
	char		*file, *dfile, *raw = NULL;
	enum lookup	 r = L_CORRUPT;
	int		 attempt, races;
	struct searching q = { ar, cachedir, NULL, NULL, false, w, nw, NULL,
			    progress, arg, err };

	*hits = NULL;
	*nhits = 0;
	*err = "out of memory";
	file = file_cache_path(cachedir, ar->root ? ar->root : ".", "index");
	dfile = file_cache_path(cachedir, ar->root ? ar->root : ".", "delta");
	if (file != NULL && dfile != NULL) {
		q.raw = raw = query_first_word(query, w[0]);
		q.file = file;
		q.dfile = dfile;
		/*
		 * A corrupt segment found while searching: both built again;
		 * one that another kanbao replaced meanwhile: looked at again.
		 */
		for (attempt = 0, races = 0; (attempt < 2 && r == L_CORRUPT) ||
		    (r == L_RACE && races < RACES); attempt++) {
			races += r == L_RACE;
			q.force = r == L_CORRUPT && attempt > 0;
			r = search_segments(&q, hits, nhits);
		}
	}
	/* the hits unsorted: search.c ranks them */
	if (r == L_CORRUPT)
		*err = "the search index is corrupt";
	else if (r == L_RACE)
		*err = "the search index keeps changing under this search";
	else if (r == L_OOM)
		*err = "out of memory";
	free(raw);
	free(file);
	free(dfile);
	return r == L_OK;
}
