/*
 * index: bigram postings over folded article text, in one file: a header,
 * the strings (paths, headlines, display text), the issues, a path hash
 * table, the articles, the terms and the postings (delta varints).
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
#include "day.h"

#define MAGIC	"KANBAOI1"
#define VERSION	12

struct hdr {
	char		magic[8];
	uint32_t	version, nissues, narticles, nterms;
	uint64_t	off_issues, off_articles, off_terms, off_post;
	uint64_t	npost;	/* bytes of postings */
	uint64_t	off_str, nstr, size;
	uint64_t	off_hash, nhash;	/* path hash table: issue + 1 */
	uint64_t	sum;	/* of this header (sum 0), issues, hash table */
};

struct iissue {
	uint64_t	path;		/* string offset */
	int64_t		size, mtime, ctime;	/* mtime, ctime in ns */
	uint32_t	first, count;	/* articles */
	uint64_t	hash;		/* of the path */
	char		date[16];	/* YYYY-MM-DD, "" when undated */
};

struct iart {
	uint32_t	issue, index;
	uint64_t	headline;	/* string offset */
	uint64_t	text;		/* string offset of the display text */
	uint64_t	sum;		/* of both strings; the text is folded
					   when a search looks at it */
};

/*
 * A bigram's postings: the articles holding it, ascending, as varints of
 * their differences (a frequent bigram's mostly one byte each).
 */
struct iterm {
	uint64_t	key;
	uint64_t	off;		/* bytes into the postings */
	uint32_t	count, sum;	/* sum: of the postings and the rest */
	uint32_t	bytes, pad;
};

struct index {
	void			*map;
	size_t			 len;
	const struct hdr	*h;
	const struct iissue	*is;
	const struct iart	*ar;
	const struct iterm	*t;
	const unsigned char	*post;
	const uint32_t		*hash;
	const char		*str;
};

static uint64_t
path_hash(const char *s)
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

static uint64_t
hdr_sum(const struct hdr *h, const void *issues, const void *hash)
{
	struct hdr	c = *h;

	c.sum = 0;
	return file_checksum(hash, h->nhash * sizeof(uint32_t),
	    file_checksum(issues, h->nissues * sizeof(struct iissue),
	    file_checksum(&c, sizeof c, 0x6b616e62616f)));
}

/*
 * A term's checksum: the high half over its key, offset and count (checked
 * on every term a lookup passes), the low half over its postings (checked
 * on the term a lookup uses): a search reads no postings it does not need.
 */
static uint32_t
term_head_sum(uint64_t key, uint64_t off, uint32_t count, uint32_t bytes)
{
	uint64_t	k[4] = { key, off, count, bytes };

	return (uint32_t)file_checksum(k, sizeof k, 0x7465726d) & 0xffff0000u;
}

static uint32_t
term_sum(uint64_t key, uint64_t off, uint32_t count, uint32_t bytes,
    const unsigned char *post)
{
	return term_head_sum(key, off, count, bytes) |
	    ((uint32_t)file_checksum(post, bytes, 0x706f7374) & 0xffffu);
}

/* An article's checksum: its fields and its two strings. */
static uint64_t
art_sum(const struct iart *a, const char *strings, size_t n)
{
	uint64_t	f[4] = { a->issue, a->index, a->headline, a->text };

	return file_checksum(strings, n, file_checksum(f, sizeof f, 0));
}

static bool
span_ok(uint64_t off, uint64_t n, uint64_t sz, uint64_t total)
{
	return off <= total && (sz == 0 || n <= (total - off) / sz);
}

static void
index_unload(struct index *ix)
{
	if (ix->map != NULL)
		munmap(ix->map, ix->len);
	memset(ix, 0, sizeof *ix);
}

/* Maps and checks an index file; false when missing, corrupt or foreign. */
static bool
index_load(const char *file, struct index *ix)
{
	struct stat		 st;
	int			 fd;
	const struct hdr	*h;
	uint64_t		 i;

	memset(ix, 0, sizeof *ix);
	if ((fd = open(file, O_RDONLY)) == -1)
		return false;
	if (fstat(fd, &st) == -1 || (size_t)st.st_size < sizeof *h) {
		close(fd);
		return false;
	}
	ix->len = (size_t)st.st_size;
	ix->map = mmap(NULL, ix->len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (ix->map == MAP_FAILED) {
		ix->map = NULL;
		return false;
	}
	h = ix->h = ix->map;
	if (memcmp(h->magic, MAGIC, 8) != 0 || h->version != VERSION ||
	    h->size != ix->len ||
	    !span_ok(h->off_issues, h->nissues, sizeof *ix->is, ix->len) ||
	    !span_ok(h->off_articles, h->narticles, sizeof *ix->ar, ix->len) ||
	    !span_ok(h->off_terms, h->nterms, sizeof *ix->t, ix->len) ||
	    !span_ok(h->off_post, h->npost, 1, ix->len) ||
	    !span_ok(h->off_str, h->nstr, 1, ix->len) ||
	    !span_ok(h->off_hash, h->nhash, sizeof *ix->hash, ix->len) ||
	    h->off_issues % 8 || h->off_articles % 8 || h->off_terms % 8 ||
	    h->off_hash % 4 || h->nhash < h->nissues ||
	    (h->nhash & (h->nhash - 1)) != 0)
		goto bad;
	ix->is = (const void *)((const char *)ix->map + h->off_issues);
	ix->ar = (const void *)((const char *)ix->map + h->off_articles);
	ix->t = (const void *)((const char *)ix->map + h->off_terms);
	ix->post = (const void *)((const char *)ix->map + h->off_post);
	ix->hash = (const void *)((const char *)ix->map + h->off_hash);
	ix->str = (const char *)ix->map + h->off_str;
	if (h->nstr == 0 || ix->str[h->nstr - 1] != '\0' ||
	    hdr_sum(h, ix->is, ix->hash) != h->sum)
		goto bad;
	/*
	 * The issues and the hash table are checked here, articles and
	 * terms where they are used: a search touches few of them.
	 */
	for (i = 0; i < h->nissues; i++)
		if (ix->is[i].first > h->narticles ||
		    ix->is[i].count > h->narticles - ix->is[i].first ||
		    ix->is[i].path >= h->nstr ||
		    memchr(ix->is[i].date, '\0', sizeof ix->is[i].date) == NULL)
			goto bad;
	for (i = 0; i < h->nhash; i++)
		if (ix->hash[i] > h->nissues)
			goto bad;
	return true;
bad:
	index_unload(ix);
	return false;
}

/* The issue of the index for path, or -1. */
static long
index_find(const struct index *ix, const char *path)
{
	uint64_t	h = path_hash(path);
	size_t		i, mask, k;
	uint32_t	v;

	if (ix->map == NULL || ix->h->nhash == 0)
		return -1;
	mask = (size_t)ix->h->nhash - 1;
	for (i = (size_t)h & mask, k = 0; k <= mask; i = (i + 1) & mask, k++) {
		if ((v = ix->hash[i]) == 0)
			break;
		if (ix->is[v - 1].hash == h &&
		    strcmp(ix->str + ix->is[v - 1].path, path) == 0)
			return (long)v - 1;
	}
	return -1;
}

/*
 * Maps the index onto the archive as it is: toar (nissues long) takes each
 * issue to its archive entry, or SIZE_MAX where the file changed or went;
 * stale gets the entries the index lacks or has out of date.  Returns
 * their number.
 */
static size_t
index_map(const struct index *ix, const struct archive *ar, size_t *toar,
    size_t *stale)
{
	size_t	i, n = 0;
	long	k;

	for (i = 0; ix->map != NULL && i < ix->h->nissues; i++)
		toar[i] = SIZE_MAX;
	for (i = 0; i < ar->n; i++) {
		k = index_find(ix, ar->v[i].path);
		if (k < 0 || toar[k] != SIZE_MAX ||
		    ix->is[k].size != ar->v[i].size ||
		    ix->is[k].mtime != ar->v[i].mtime ||
		    ix->is[k].ctime != ar->v[i].ctime)
			stale[n++] = i;
		else
			toar[k] = i;
	}
	return n;
}

/*
 * Whether the index describes exactly the files of the archive, in any
 * order; toar (nissues long) then maps each issue to its archive entry.
 * stale is scratch of ar->n entries.
 */
static bool
index_current(const struct index *ix, const struct archive *ar, size_t *toar,
    size_t *stale)
{
	return ix->map != NULL && ix->h->nissues == ar->n &&
	    index_map(ix, ar, toar, stale) == 0;
}

/* Whether an article's strings are in the file, in order, and intact. */
static bool
art_ok(const struct index *ix, const struct iart *a)
{
	const char	*e;
	uint64_t	 n = ix->h->nstr;

	if (a->headline >= n || a->text >= n || a->headline > a->text ||
	    (e = memchr(ix->str + a->text, '\0', n - a->text)) == NULL)
		return false;
	return art_sum(a, ix->str + a->headline, (size_t)(e + 1 - ix->str) -
	    a->headline) == a->sum;
}

/* Whether every article of an old issue can be reused. */
static bool
arts_ok(const struct index *ix, const struct iissue *oi)
{
	uint32_t	k;

	for (k = 0; k < oi->count; k++)
		if (!art_ok(ix, &ix->ar[oi->first + k]))
			return false;
	return true;
}

/* ---- building ---------------------------------------------------------- */

struct doc {
	size_t	 issue, index;
	char	*headline;	/* until its strings are in the index's */
	char	*text;
	size_t	 hlen, tlen;
	uint64_t hoff, toff;	/* where they are there */
	uint64_t sum;		/* of the article: art_sum() */
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

struct slot {
	uint64_t	 key;
	uint32_t	 last;		/* article + 1 last added */
	uint32_t	 n, cap;
	uint32_t	*v;
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
	t->s[i].cap = 4;
	if ((t->s[i].v = malloc(4 * sizeof *t->s[i].v)) == NULL) {
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
	uint32_t	*v;

	while (i < n) {
		i += text_decode_fast(f + i, n - i, &b);
		if (a != 0) {
			if ((s = slot_for(t, (uint64_t)a << 21 | b)) == NULL)
				return false;
			if (s->last != art + 1) {
				if (s->n == s->cap) {
					if ((v = realloc(s->v, s->cap * 2 *
					    sizeof *v)) == NULL)
						return false;
					s->v = v;
					s->cap *= 2;
				}
				s->v[s->n++] = art;
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
	archive_issue_date(is, path, r->date);
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
		d->sum = art_sum(&ia, st->b.p + (d->hoff - st->done),
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

		o = index_find(old, ar->v[i].path);
		oi = o >= 0 ? &old->is[o] : NULL;
		slot[i] = (size_t)-1;
		if (oi != NULL && oi->size == ar->v[i].size &&
		    oi->mtime == ar->v[i].mtime && oi->ctime == ar->v[i].ctime &&
		    arts_ok(old, oi))
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
			const struct iissue	*oi = &old->is[index_find(old,
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

static void
pad8(struct buf *b)
{
	while (b->len % 8)
		buf_addc(b, '\0');
}

/* Builds the index for ar from its files (and the old index) into file. */
static bool
index_build(const struct archive *ar, const struct index *old,
    const char *file, archive_progress *progress, void *arg)
{
	static const char	 zero[8];
	struct doc		*d = NULL;
	size_t			 nd = 0, i, k, nterms = 0;
	struct table		 t = { 0 };
	struct slot		*terms = NULL;
	struct buf		 out = { 0 }, post = { 0 };
	struct strings		 str = { { 0 }, 0, NULL };
	struct file_out		 f;
	struct hdr		 h;
	uint64_t		*stroff = NULL, nhash, base;
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
	for (i = 0; i < t.cap; i++)
		if (t.s[i].cap != 0)
			terms[nterms++] = t.s[i];
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
		ii.mtime = ar->v[i].mtime;
		ii.ctime = ar->v[i].ctime;
		ii.first = (uint32_t)k;
		ii.hash = path_hash(ar->v[i].path);
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
	/* the postings, encoded first: the terms say where each starts */
	for (i = 0; i < nterms; i++) {
		size_t		 at = post.len;
		unsigned char	*q;

		/* five bytes at most a posting */
		if (!buf_reserve(&post, (size_t)terms[i].n * 5))
			break;
		q = (unsigned char *)post.p + post.len;
		for (k = 0; k < terms[i].n; k++)
			q = put_varint(q, k == 0 ? terms[i].v[0] :
			    terms[i].v[k] - terms[i].v[k - 1]);
		post.len = (size_t)(q - (unsigned char *)post.p);
		terms[i].last = (uint32_t)at;	/* reused: the offset */
		terms[i].cap = (uint32_t)(post.len - at);	/* the bytes */
	}
	if (post.failed)
		goto out;
	for (i = 0; i < nterms; i++) {
		struct iterm	it = { terms[i].key, terms[i].last, terms[i].n,
		    term_sum(terms[i].key, terms[i].last, terms[i].n,
		    terms[i].cap, (const unsigned char *)post.p + terms[i].last),
		    terms[i].cap, 0 };

		buf_add(&out, (const char *)&it, sizeof it);
	}
	pad8(&out);
	h.off_post = base + out.len;
	h.npost = post.len;
	buf_add(&out, post.p, post.len);
	pad8(&out);
	h.size = base + out.len;
	if (out.failed)
		goto out;
	h.sum = hdr_sum(&h, out.p + (h.off_issues - base),
	    out.p + (h.off_hash - base));
	file_out_write(&f, out.p, out.len);
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
	free(terms);
	free(stroff);
	free(hash);
	free(dates);
	free_docs(d, nd);
	free(d);
	buf_free(&out);
	buf_free(&str.b);
	buf_free(&post);
	return ok;
}

/* ---- searching --------------------------------------------------------- */

/* Whether a term's fields are intact; with post, its postings too. */
static bool
term_ok(const struct index *ix, const struct iterm *t, bool post)
{
	if (t->off > ix->h->npost || t->bytes > ix->h->npost - t->off ||
	    t->count > t->bytes || t->count > ix->h->narticles ||
	    term_head_sum(t->key, t->off, t->count, t->bytes) !=
	    (t->sum & 0xffff0000u))
		return false;
	return !post || term_sum(t->key, t->off, t->count, t->bytes,
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
 * Finds the articles of a current index that hold every word of w: the
 * candidates hold every bigram of every word, and each is verified
 * against its text, folded then.
 */
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

static enum lookup
index_lookup(const struct index *ix, const size_t *toar, char *const *w,
    size_t nw, const char *raw, struct query_hit **hits, size_t *nhits)
{
	size_t			 i, k, nc = 0, n = 0, cap = 0;
	uint32_t		*cand = NULL, *pv;
	bool			 filtered = false, bad = false;
	const char		*freed = ix->str;
	struct query_hit	*h = NULL;
	enum lookup		 r = L_OK;

	for (k = 0; k < nw; k++) {
		const char	*s = w[k];
		size_t		 j = 0, m = strlen(s);
		text_char	 a = 0, b;

		while (j < m) {
			const struct iterm	*tm;
			text_char		 prev = a;

			j += text_decode_fast(s + j, m - j, &b);
			a = b;
			if (prev == 0)
				continue;	/* the word's first character */
			tm = term(ix, (uint64_t)prev << 21 | b, &bad);
			if (tm == NULL) {
				r = bad ? L_CORRUPT : L_OK;
				nc = 0;
				goto done;
			}
			if ((pv = postings(ix, tm, &bad)) == NULL) {
				r = bad ? L_CORRUPT : L_OOM;
				nc = 0;
				goto done;
			}
			if (filtered) {
				intersect(cand, &nc, pv, tm->count);
				free(pv);
				continue;
			}
			cand = pv;
			nc = tm->count;
			filtered = true;
		}
	}
	if (!filtered) {
		/* single characters only: every article is a candidate */
		if ((cand = malloc((ix->h->narticles + 1) * sizeof *cand)) == NULL)
			return L_OOM;
		for (nc = 0; nc < ix->h->narticles; nc++)
			cand[nc] = (uint32_t)nc;
	}
	for (i = 0; i < nc; i++) {
		const struct iart	*a;
		const char		*text, *p, *q;
		char			*f = NULL;
		size_t			 tlen, flen;
		bool			 all = true;

		if (cand[i] >= ix->h->narticles ||
		    (a = &ix->ar[cand[i]])->issue >= ix->h->nissues ||
		    !art_ok(ix, a)) {
			r = L_CORRUPT;
			break;
		}
		/* an issue changed since: the newer segment has it */
		if (toar[a->issue] == SIZE_MAX)
			continue;
		text = ix->str + a->text;
		release(ix, text, &freed);
		/*
		 * The first word as typed, found in the display text, is
		 * found in the folded text too (folding goes character by
		 * character): a one-word query needs no folding then.
		 */
		p = NULL;
		q = raw != NULL ? strstr(text, raw) : NULL;
		if (q == NULL || nw > 1) {
			if ((f = query_fold(text, strlen(text), &flen)) == NULL) {
				r = L_OOM;
				break;
			}
			if (q == NULL && (p = strstr(f, w[0])) == NULL)
				all = false;
			for (k = 1; k < nw && all; k++)
				all = strstr(f, w[k]) != NULL;
		}
		if (!all) {
			free(f);
			continue;
		}
		if (!vec_grow(&h, &cap, n, sizeof *h)) {
			free(f);
			r = L_OOM;
			break;
		}
		h[n].entry = toar[a->issue];
		h[n].article = a->index;
		memcpy(h[n].date, ix->is[a->issue].date, sizeof h[n].date);
		h[n].date[10] = '\0';
		h[n].headline = strdup(ix->str + a->headline);
		if (q != NULL)
			tlen = (size_t)(q - text) + strnlen(q, SNIPPET_AFTER + 4);
		else {
			tlen = strlen(text);
			q = text + query_hit_at(text, NULL, f, w[0]);
		}
		free(f);
		h[n].snippet = query_snippet(text, tlen, (size_t)(q - text));
		if (h[n++].headline == NULL || h[n - 1].snippet == NULL) {
			r = L_OOM;
			break;
		}
	}
done:
	free(cand);
	if (r != L_OK) {
		query_free_hits(h, n);
		return r;
	}
	*hits = h;
	*nhits = n;
	return L_OK;
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

/*
 * The issues of ar that the main segment (file) lacks or has out of date,
 * with their own index (dfile), built from them alone and kept while they
 * stay as they are; the main segment is built again when they are many.
 * With force, both are built afresh.
 */
static enum lookup
search_segments(const struct archive *ar, const char *cachedir,
    const char *file, const char *dfile, bool force, char *const *w, size_t nw, const char *raw,
    archive_progress *progress, void *arg, struct query_hit **hits,
    size_t *nhits, const char **err)
{
	struct index		 ix, dx;
	struct archive		 sub = { 0 };
	struct query_hit	*dh = NULL;
	size_t			*toar, *stale, *dtoar = NULL, *dstale = NULL, ns, i;
	size_t			 ndh = 0;
	enum lookup		 r = L_OOM;
	struct stat		 st;

	memset(&ix, 0, sizeof ix);
	memset(&dx, 0, sizeof dx);
	if (!force)
		index_load(file, &ix);
	toar = malloc(((ix.map ? ix.h->nissues : 0) + 1) * sizeof *toar);
	stale = malloc((ar->n + 1) * sizeof *stale);
	if (toar == NULL || stale == NULL)
		goto out;
	ns = index_map(&ix, ar, toar, stale);
	if (ix.map == NULL || ns > delta_max(ar->n)) {
		if (stat(cachedir, &st) != 0)
			mkdir(cachedir, 0700);
		if (!index_build(ar, &ix, file, progress, arg)) {
			*err = "cannot write the search index";
			goto fail;
		}
		index_unload(&ix);
		free(toar);
		toar = NULL;
		if (!index_load(file, &ix)) {
			r = L_RACE;
			goto out;
		}
		if ((toar = malloc((ix.h->nissues + 1) * sizeof *toar)) == NULL)
			goto out;
		/*
		 * Another kanbao's index may stand there now: what it lacks
		 * goes to the second segment, as for one found in place.
		 */
		if ((ns = index_map(&ix, ar, toar, stale)) > delta_max(ar->n)) {
			r = L_RACE;
			goto out;
		}
		/* the main segment has every issue: no second one */
		if (ns == 0)
			unlink(dfile);
	}
	if ((r = index_lookup(&ix, toar, w, nw, raw, hits, nhits)) != L_OK ||
	    ns == 0)
		goto out;
	/* the changed issues: their own segment, as small as they are */
	r = L_OOM;
	sub.n = ns;
	sub.root = ar->root;
	if ((sub.v = malloc(ns * sizeof *sub.v)) == NULL ||
	    (dtoar = malloc((ns + 1) * sizeof *dtoar)) == NULL ||
	    (dstale = malloc((ns + 1) * sizeof *dstale)) == NULL)
		goto out;
	for (i = 0; i < ns; i++)
		sub.v[i] = ar->v[stale[i]];
	if (!force)
		index_load(dfile, &dx);
	if (!index_current(&dx, &sub, dtoar, dstale)) {
		if (!index_build(&sub, &dx, dfile, NULL, NULL)) {
			*err = "cannot write the search index";
			goto fail;
		}
		index_unload(&dx);
		if (!index_load(dfile, &dx) ||
		    !index_current(&dx, &sub, dtoar, dstale)) {
			r = L_RACE;
			goto out;
		}
	}
	if ((r = index_lookup(&dx, dtoar, w, nw, raw, &dh, &ndh)) == L_OK &&
	    !add_hits(hits, nhits, dh, ndh, stale))
		r = L_OOM;
	goto out;
fail:
	r = L_FAIL;
out:
	if (r != L_OK) {
		query_free_hits(*hits, *nhits);
		*hits = NULL;
		*nhits = 0;
	}
	index_unload(&ix);
	index_unload(&dx);
	free(sub.v);
	free(dtoar);
	free(dstale);
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

	*hits = NULL;
	*nhits = 0;
	*err = "out of memory";
	file = archive_cache_path(cachedir, ar->root ? ar->root : ".", "index");
	dfile = archive_cache_path(cachedir, ar->root ? ar->root : ".", "delta");
	if (file != NULL && dfile != NULL) {
		raw = query_first_word(query, w[0]);
		/*
		 * A corrupt segment found while searching: both built again;
		 * one that another kanbao replaced meanwhile: looked at again.
		 */
		for (attempt = 0, races = 0; (attempt < 2 && r == L_CORRUPT) ||
		    (r == L_RACE && races < RACES); attempt++) {
			races += r == L_RACE;
			r = search_segments(ar, cachedir, file, dfile,
			    r == L_CORRUPT && attempt > 0, w, nw,
			    raw, progress, arg, hits, nhits, err);
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
