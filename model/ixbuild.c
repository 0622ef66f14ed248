/*
 * ixbuild: the index built -- issues parsed on every processor, their
 * folded text's bigrams gathered in a table, then written with the
 * strings, issues, articles, terms and postings (delta varints); an old
 * index's unchanged issues are taken over, not parsed again.
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
#include "day.h"
#include "file.h"
#include "index.h"
#include "issue.h"
#include "ixfile.h"
#include "pool.h"
#include "text.h"

struct doc {
	size_t	 issue, index;
	char	*headline;	/* until its strings are in the index's */
	char	*text;
	size_t	 hlen, tlen;
	uint64_t hoff, toff;	/* where they are there */
	uint64_t sum;		/* of the article: ix_art_sum() */
};

/*
 * The strings of the index being made: written to its file as they come
 * (they are most of it), the few bytes not yet written kept in b.
 */
struct strings {
	struct buf	 b;
	uint64_t	 done;		/* bytes written before b */
	struct file_out	*f;
};

/* Where the next string goes: its offset among the strings. */
static uint64_t
str_at(const struct strings *st)
{
	return st->done + st->b.len;
}

/* Adds s[0..n-1] and its NUL; returns its offset. */
static uint64_t
str_add(struct strings *st, const char *s, size_t n)
{
	uint64_t	at = str_at(st);

	buf_add(&st->b, s, n + 1);
	return at;
}

/* Writes what is kept once there is enough of it, or with all, all. */
static void
str_flush(struct strings *st, bool all)
{
	if (st->b.len == 0 || (!all && st->b.len < (1 << 20)))
		return;
	file_out_write(st->f, st->b.p, st->b.len);
	st->done += st->b.len;
	st->b.len = 0;
}

/* Writes v at q, 7 bits a byte, low bits first; returns the end. */
static unsigned char *
put_varint(unsigned char *q, uint32_t v)
{
	while (v >= 0x80) {
		*q++ = (unsigned char)((v & 0x7f) | 0x80);
		v >>= 7;
	}
	*q++ = (unsigned char)v;
	return q;
}

/*
 * A bigram's postings as they are gathered: already as the file keeps
 * them, varints of the differences between articles (the first its
 * number), a byte or two a posting rather than four.
 */
struct slot {
	uint64_t	 key;
	uint32_t	 last;		/* article + 1 last added */
	uint32_t	 n;		/* postings */
	uint32_t	 len, cap;	/* bytes of v */
	unsigned char	*v;
};

struct table {
	struct slot	*s;
	size_t		 cap, n;
};

/*
 * A key's first slot among cap (a power of two): the high half of a
 * Fibonacci product, as its low bits are only the key's low bits -- the
 * second character of a bigram, all of whose bigrams would share a run.
 */
static size_t
slot_hash(uint64_t key, size_t cap)
{
	return (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 32) & (cap - 1);
}

static struct slot *
slot_for(struct table *t, uint64_t key)
{
	size_t		 i, j;
	struct slot	*ns;

	if (t->n * 2 >= t->cap) {
		size_t	cap = t->cap ? t->cap * 2 : 1 << 16;

		if ((ns = calloc(cap, sizeof *ns)) == NULL)
			return NULL;
		for (i = 0; i < t->cap; i++) {
			if (t->s[i].cap == 0)
				continue;
			for (j = slot_hash(t->s[i].key, cap); ns[j].cap != 0;
			    j = (j + 1) & (cap - 1))
				;
			ns[j] = t->s[i];
		}
		free(t->s);
		t->s = ns;
		t->cap = cap;
	}
	for (i = slot_hash(key, t->cap); t->s[i].cap != 0;
	    i = (i + 1) & (t->cap - 1))
		if (t->s[i].key == key)
			return &t->s[i];
	t->s[i].key = key;
	t->s[i].cap = 8;
	if ((t->s[i].v = malloc(8)) == NULL) {
		t->s[i].cap = 0;
		return NULL;
	}
	t->n++;
	return &t->s[i];
}

static bool
add_bigrams(struct table *t, const char *f, size_t n, uint32_t art)
{
	size_t		 i = 0;
	text_char	 a = 0, b;
	struct slot	*s;
	unsigned char	*v;

	while (i < n) {
		i += text_decode_fast(f + i, n - i, &b);
		if (a != 0) {
			if ((s = slot_for(t, (uint64_t)a << 21 | b)) == NULL)
				return false;
			if (s->last != art + 1) {
				/* five bytes at most a posting */
				if (s->len + 5 > s->cap) {
					if (s->cap > UINT32_MAX / 2 ||
					    (v = realloc(s->v, s->cap * 2)) ==
					    NULL)
						return false;
					s->v = v;
					s->cap *= 2;
				}
				s->len = (uint32_t)(put_varint(s->v + s->len,
				    s->last == 0 ? art : art - (s->last - 1)) -
				    s->v);
				s->n++;
				s->last = art + 1;
			}
		}
		a = b;
	}
	return true;
}

static int
by_key(const void *a, const void *b)
{
	uint64_t	x = ((const struct slot *)a)->key,
			y = ((const struct slot *)b)->key;

	return x < y ? -1 : x > y;
}


/* Issues parsed on every processor, each into its own docs. */
struct parsed {
	struct doc	*d;
	size_t		 n;
	char		 date[11];
	bool		 oom;
};

struct collecting {
	const struct archive	*ar;
	const size_t		*todo;		/* entries to parse */
	struct parsed		*res;
};

static bool
is_oom(const char *err)
{
	return err != NULL && strcmp(err, "out of memory") == 0;
}

static void
parse_entry(void *arg, size_t t)
{
	struct collecting	*c = arg;
	struct parsed		*r = &c->res[t];
	const char		*path = c->ar->v[c->todo[t]].path, *err;
	/* one issue a processor already: no pool inside a pool's thread */
	struct issue_opts	 o = { .parallel = SIZE_MAX };
	struct issue		*is;
	char			*s;
	size_t			 len, k;

	r->date[0] = '\0';
	/*
	 * An issue that cannot be read is indexed as having no articles
	 * until its file changes; out of memory is no such answer: the
	 * build fails (and nothing of it is kept) rather than remember it.
	 */
	if ((s = day_read(path, &len, &err, NULL)) == NULL) {
		r->oom = is_oom(err);
		return;
	}
	is = issue_parse_free(s, len, &o, &err);
	issue_date_of(is, path, r->date);
	if (is == NULL) {
		r->oom = is_oom(err);
		return;
	}
	if ((r->d = calloc(is->narticles + 1, sizeof *r->d)) == NULL) {
		r->oom = true;
		issue_free(is);
		return;
	}
	for (k = 0; k < is->narticles; k++, r->n++) {
		r->d[k].index = k;
		r->d[k].headline = strdup(is->articles[k].headline ?
		    is->articles[k].headline : "");
		r->d[k].hlen = r->d[k].headline ? strlen(r->d[k].headline) : 0;
		r->d[k].text = query_article_text(is, k, &r->d[k].tlen);
	}
	issue_free(is);
}

static void
free_docs(struct doc *d, size_t n)
{
	size_t	i;

	for (i = 0; d != NULL && i < n; i++) {
		free(d[i].headline);
		free(d[i].text);
	}
}

/*
 * Takes article d into the index being built: its bigrams into t, its
 * headline and text into the strings (then let go).  False when out of
 * memory.
 */
static bool
take(struct doc *d, uint32_t art, struct table *t, struct strings *st)
{
	struct iart	 ia;
	char		*f;
	size_t		 flen;
	bool		 ok;

	if (d->headline == NULL || d->text == NULL ||
	    (f = query_fold(d->text, d->tlen, &flen)) == NULL)
		return false;
	ok = add_bigrams(t, f, flen, art);
	free(f);
	d->hoff = str_add(st, d->headline, d->hlen);
	d->toff = str_add(st, d->text, d->tlen);
	if (!st->b.failed) {
		ia.issue = (uint32_t)d->issue;
		ia.index = (uint32_t)d->index;
		ia.headline = d->hoff;
		ia.text = d->toff;
		d->sum = ix_art_sum(&ia, st->b.p + (d->hoff - st->done),
		    (size_t)(str_at(st) - d->hoff));
	}
	free(d->headline);
	free(d->text);
	d->headline = d->text = NULL;
	return ok && !st->b.failed;
}

/*
 * The articles of every issue of ar, in the archive's order: from the old
 * index where the file is unchanged, else parsed.  The issues are parsed
 * on the other processors while this thread takes each in turn (it
 * parses too while it waits): the bigrams and strings of the index are
 * made as the parsing goes on, not after it.
 */
static bool
collect(const struct archive *ar, const struct index *old,
    archive_progress *progress, void *arg, struct doc **out, size_t *nout,
    char (*dates)[11], struct table *tab, struct strings *str)
{
	struct doc		*d = NULL;
	size_t			 n = 0, cap = 0, i, k, t, *todo, *slot;
	size_t			 ntodo = 0;
	struct collecting	 c = { ar, NULL, NULL };
	struct pool_ordered	*pool;
	bool			 ok = true;
	long			 o;

	todo = malloc((ar->n + 1) * sizeof *todo);
	slot = malloc((ar->n + 1) * sizeof *slot);
	if (todo == NULL || slot == NULL) {
		free(todo);
		free(slot);
		return false;
	}
	for (i = 0; i < ar->n; i++) {
		const struct iissue	*oi;

		o = ix_find(old, ar->v[i].path);
		oi = o >= 0 ? &old->is[o] : NULL;
		slot[i] = (size_t)-1;
		if (oi != NULL && oi->size == ar->v[i].size &&
		    oi->mtime == ar->v[i].mtime && oi->ctime == ar->v[i].ctime &&
		    oi->names == ar->v[i].names &&
		    ix_arts_ok(old, oi))
			continue;
		slot[i] = ntodo;
		todo[ntodo++] = i;
	}
	c.todo = todo;
	if ((c.res = calloc(ntodo + 1, sizeof *c.res)) == NULL ||
	    (pool = pool_start(ntodo, parse_entry, &c)) == NULL) {
		free(c.res);
		free(todo);
		free(slot);
		return false;
	}
	for (i = 0; i < ar->n && ok; i++) {
		str_flush(str, false);
		if (slot[i] != (size_t)-1) {
			struct parsed	*r = &c.res[slot[i]];

			pool_wait(pool, slot[i]);
			memcpy(dates[i], r->date, sizeof dates[i]);
			ok = !r->oom;
			for (k = 0; k < r->n && ok; k++) {
				if (!vec_grow(&d, &cap, n, sizeof *d)) {
					ok = false;
					break;
				}
				d[n] = r->d[k];
				d[n].issue = i;
				r->d[k].headline = r->d[k].text = NULL;
				ok = take(&d[n], (uint32_t)n, tab, str);
				n++;
			}
			free_docs(r->d, r->n);
			free(r->d);
			r->d = NULL;
			r->n = 0;
			if (progress != NULL && (slot[i] + 1) % 16 == 0)
				progress(slot[i] + 1, ntodo, arg);
			continue;
		}
		{
			const struct iissue	*oi = &old->is[ix_find(old,
						    ar->v[i].path)];

			memcpy(dates[i], oi->date, sizeof dates[i]);
			dates[i][10] = '\0';
			for (k = 0; k < oi->count && ok; k++) {
				const struct iart	*oa = &old->ar[oi->first + k];

				if (oa->headline >= old->h->nstr ||
				    oa->text >= old->h->nstr)
					continue;
				if (!vec_grow(&d, &cap, n, sizeof *d)) {
					ok = false;
					break;
				}
				memset(&d[n], 0, sizeof d[n]);
				d[n].issue = i;
				d[n].index = oa->index;
				d[n].hlen = strlen(old->str + oa->headline);
				d[n].tlen = strlen(old->str + oa->text);
				d[n].headline = strndup(old->str + oa->headline,
				    d[n].hlen);
				d[n].text = strndup(old->str + oa->text, d[n].tlen);
				ok = take(&d[n], (uint32_t)n, tab, str);
				n++;
			}
		}
	}
	/* on a failure: no more parsing; what was parsed is let go */
	pool_stop(pool);
	for (t = 0; t < ntodo; t++) {
		free_docs(c.res[t].d, c.res[t].n);
		free(c.res[t].d);
	}
	free(c.res);
	free(todo);
	free(slot);
	if (!ok) {
		free_docs(d, n);
		free(d);
		return false;
	}
	if (progress != NULL)
		progress(ntodo, ntodo, arg);
	*out = d;
	*nout = n;
	return true;
}


static void
pad8(struct buf *b)
{
	while (b->len % 8)
		buf_addc(b, '\0');
}

/* Builds the index for ar from its files (and the old index) into file. */
bool
ix_build(const struct archive *ar, const struct index *old,
    const char *file, archive_progress *progress, void *arg)
{
	static const char	 zero[8];
	struct doc		*d = NULL;
	size_t			 nd = 0, i, k, nterms = 0;
	struct table		 t = { 0 };
	struct slot		*terms = NULL;
	struct buf		 out = { 0 };
	struct strings		 str = { { 0 }, 0, NULL };
	struct file_out		 f;
	struct hdr		 h;
	uint64_t		*stroff = NULL, nhash, base, npost;
	uint32_t		*hash = NULL;
	char			(*dates)[11];
	bool			 ok = false;

	/*
	 * The file: the header, the strings, then the rest, which the
	 * strings' size places.  Strings: paths, then each article's
	 * headline and text (its folded text gives the bigrams and is not
	 * kept: a search folds the few candidates), written to the file as
	 * soon as its bigrams are counted: the build holds little text.
	 */
	if ((dates = calloc(ar->n + 1, sizeof *dates)) == NULL ||
	    (stroff = malloc((ar->n + 1) * sizeof *stroff)) == NULL) {
		free(dates);
		return false;
	}
	if (!file_out_open(&f, file)) {
		free(stroff);
		free(dates);
		return false;
	}
	str.f = &f;
	memset(&h, 0, sizeof h);
	file_out_write(&f, &h, sizeof h);	/* its place, for now */
	buf_addc(&str.b, '\0');
	for (i = 0; i < ar->n; i++)
		stroff[i] = str_add(&str, ar->v[i].path,
		    strlen(ar->v[i].path));
	if (!collect(ar, old, progress, arg, &d, &nd, dates, &t, &str) ||
	    str.b.failed)
		goto out;
	str_flush(&str, true);
	h.off_str = sizeof h;
	h.nstr = str_at(&str);
	base = (h.off_str + h.nstr + 7) / 8 * 8;
	file_out_write(&f, zero, (size_t)(base - h.off_str - h.nstr));
	if ((terms = malloc((t.n ? t.n : 1) * sizeof *terms)) == NULL)
		goto out;
	/* the terms take the postings over from the table */
	for (i = 0; i < t.cap; i++)
		if (t.s[i].cap != 0) {
			terms[nterms++] = t.s[i];
			t.s[i].v = NULL;
		}
	qsort(terms, nterms, sizeof *terms, by_key);

	memcpy(h.magic, MAGIC, 8);
	h.version = VERSION;
	h.nissues = (uint32_t)ar->n;
	h.narticles = (uint32_t)nd;
	h.nterms = (uint32_t)nterms;
	h.off_issues = base + out.len;
	for (nhash = 16; nhash < 2 * (uint64_t)ar->n; nhash *= 2)
		;
	if ((hash = calloc(nhash, sizeof *hash)) == NULL)
		goto out;
	for (i = 0, k = 0; i < ar->n; i++) {
		struct iissue	ii;
		size_t		j;

		memset(&ii, 0, sizeof ii);
		ii.path = stroff[i];
		ii.size = ar->v[i].size;
		ii.names = ar->v[i].names;
		ii.mtime = ar->v[i].mtime;
		ii.ctime = ar->v[i].ctime;
		ii.first = (uint32_t)k;
		ii.hash = ix_path_hash(ar->v[i].path);
		memcpy(ii.date, dates[i], sizeof dates[i]);
		while (k < nd && d[k].issue == i) {
			k++;
			ii.count++;
		}
		buf_add(&out, (const char *)&ii, sizeof ii);
		for (j = (size_t)ii.hash & (nhash - 1); hash[j] != 0;
		    j = (j + 1) & (nhash - 1))
			;
		hash[j] = (uint32_t)i + 1;
	}
	pad8(&out);
	h.off_hash = base + out.len;
	h.nhash = nhash;
	buf_add(&out, (const char *)hash, nhash * sizeof *hash);
	pad8(&out);
	h.off_articles = base + out.len;
	for (i = 0; i < nd; i++) {
		struct iart	ia = { (uint32_t)d[i].issue, (uint32_t)d[i].index,
		    d[i].hoff, d[i].toff, d[i].sum };

		buf_add(&out, (const char *)&ia, sizeof ia);
	}
	pad8(&out);
	h.off_terms = base + out.len;
	/* the terms, each where its postings will start */
	for (i = 0, npost = 0; i < nterms; i++) {
		struct iterm	it = { terms[i].key, npost, terms[i].n,
		    ix_term_sum(terms[i].key, npost, terms[i].n,
		    terms[i].len, terms[i].v), terms[i].len, 0 };

		buf_add(&out, (const char *)&it, sizeof it);
		npost += terms[i].len;
	}
	pad8(&out);
	h.off_post = base + out.len;
	h.npost = npost;
	h.size = (h.off_post + npost + 7) / 8 * 8;
	if (out.failed)
		goto out;
	h.sum = ix_hdr_sum(&h, out.p + (h.off_issues - base),
	    out.p + (h.off_hash - base));
	file_out_write(&f, out.p, out.len);
	/* then the postings as gathered, each let go once written */
	for (i = 0; i < nterms; i++) {
		file_out_write(&f, terms[i].v, terms[i].len);
		free(terms[i].v);
		terms[i].v = NULL;
	}
	file_out_write(&f, zero, (size_t)(h.size - h.off_post - npost));
	file_out_write_at(&f, 0, &h, sizeof h);
	ok = true;
	if (progress != NULL)
		progress(ar->n, ar->n, arg);
out:
	/* in its place when whole, else gone */
	f.failed |= !ok;
	ok = file_out_close(&f, file, false);
	for (i = 0; i < t.cap; i++)
		free(t.s[i].v);
	free(t.s);
	for (i = 0; terms != NULL && i < nterms; i++)
		free(terms[i].v);
	free(terms);
	free(stroff);
	free(hash);
	free(dates);
	free_docs(d, nd);
	free(d);
	buf_free(&out);
	buf_free(&str.b);
	return ok;
}
