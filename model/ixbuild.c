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

#include <zstd.h>

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
	struct iart rec;	/* its record, once taken */
};

/*
 * The display texts gathered into a block, compressed into the strings
 * once it holds BLOCK_TEXT bytes; the blocks' table kept (for a century of
 * a daily, some ten thousand entries).
 */
#define ZSTD_LEVEL	1	/* measured on the seeds' 10 years: 3% larger
				   than level 3 (2.4x smaller than the
				   text), a fifth of the time */

struct blocks {
	struct buf	 text;		/* the block being filled */
	struct buf	 z;		/* its frame */
	struct buf	 table;		/* struct iblock each */
	uint32_t	 n;
	void		*cctx;		/* ZSTD_CCtx */
};

/*
 * The strings of the index being made: written to its file as they come
 * (they are most of it), the few bytes not yet written kept in b; the
 * texts' blocks among them.
 */
struct strings {
	struct buf	 b;
	uint64_t	 done;		/* bytes written before b */
	struct file_out	*f;
	struct blocks	 bl;
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

/* Writes the block being filled as a frame among the strings. */
static bool
block_flush(struct blocks *bl, struct strings *st)
{
	struct iblock	 b;
	size_t		 cap, n;

	if (bl->text.len == 0)
		return true;
	if (bl->text.len > UINT32_MAX || bl->n == UINT32_MAX)
		return false;
	if (bl->cctx == NULL && ((bl->cctx = ZSTD_createCCtx()) == NULL ||
	    ZSTD_isError(ZSTD_CCtx_setParameter(bl->cctx,
	    ZSTD_c_compressionLevel, ZSTD_LEVEL)) ||
	    ZSTD_isError(ZSTD_CCtx_setParameter(bl->cctx,
	    ZSTD_c_checksumFlag, 1))))
		return false;
	cap = ZSTD_compressBound(bl->text.len);
	bl->z.len = 0;
	if (!buf_reserve(&bl->z, cap))
		return false;
	n = ZSTD_compress2(bl->cctx, bl->z.p, cap, bl->text.p, bl->text.len);
	if (ZSTD_isError(n) || n > UINT32_MAX)
		return false;
	b.off = str_at(st);
	b.clen = (uint32_t)n;
	b.ulen = (uint32_t)bl->text.len;
	buf_add(&st->b, bl->z.p, n);
	buf_add(&bl->table, (const char *)&b, sizeof b);
	bl->n++;
	bl->text.len = 0;
	return !st->b.failed && !bl->table.failed;
}

static void
blocks_free(struct blocks *bl)
{
	buf_free(&bl->text);
	buf_free(&bl->z);
	buf_free(&bl->table);
	ZSTD_freeCCtx(bl->cctx);
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

/*
 * The bigrams gathered, in a hash table; past the budget its postings are
 * written out sorted as a segment (a temporary file) and the table starts
 * again, and the segments are merged into the index at the end.
 */
struct table {
	struct slot	*s;
	size_t		 cap, n;
	size_t		 bytes;		/* of the slots and their postings */
	size_t		 budget;	/* most bytes held, 0: no limit */
	const char	*file;		/* the index: its folder holds the
					   segments */
	FILE		**seg;
	size_t		 nseg;
	text_char	*chars;		/* an article's text, folded */
	uint64_t	*keys;		/* its bigrams, in order */
	size_t		 keycap;	/* of both */
};

#define INDEX_MEMORY	((size_t)128 << 20)	/* the default budget */

/* A segment's or the articles' file beside the index, unnamed. */
static FILE *
tmp_near(const char *file)
{
	FILE	*f = NULL;
	int	 fd;

	if ((fd = file_scratch(file)) != -1 && (f = fdopen(fd, "w+")) == NULL)
		close(fd);
	return f;
}

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
		t->bytes += (cap - t->cap) * sizeof *ns;
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
	t->bytes += 8;
	t->n++;
	return &t->s[i];
}

/*
 * How many bigrams ahead the table's slot is asked for: a large library's
 * table is far larger than the caches, and a slot looked up at random is
 * a wait for memory unless it was asked for in time.
 */
#define PREFETCH	8

static bool
add_bigrams(struct table *t, const char *s, size_t n, uint32_t art)
{
	size_t		 k, m, nk = 0;
	struct slot	*sl;
	unsigned char	*v;
	uint64_t	*kv;
	text_char	*cv;

	/* a character a byte at most, a bigram a character */
	if (n + 1 > t->keycap) {
		if ((kv = realloc(t->keys, (n + 1) * sizeof *kv)) == NULL)
			return false;
		t->keys = kv;
		if ((cv = realloc(t->chars, (n + 1) * sizeof *cv)) == NULL)
			return false;
		t->chars = cv;
		t->keycap = n + 1;
	}
	/* the text folded as a query is, a character at a time */
	m = query_fold_chars(s, n, t->chars);
	for (k = 1; k < m; k++)
		if (t->chars[k - 1] != 0)	/* a NUL starts again */
			t->keys[nk++] = (uint64_t)t->chars[k - 1] << 21 |
			    t->chars[k];
	for (k = 0; k < nk; k++) {
#ifdef __GNUC__
		if (k + PREFETCH < nk && t->cap > 0)
			__builtin_prefetch(&t->s[slot_hash(t->keys[k + PREFETCH],
			    t->cap)]);
#endif
		if ((sl = slot_for(t, t->keys[k])) == NULL)
			return false;
		if (sl->last == art + 1)
			continue;
		/* five bytes at most a posting */
		if (sl->len + 5 > sl->cap) {
			if (sl->cap > UINT32_MAX / 2 ||
			    (v = realloc(sl->v, sl->cap * 2)) == NULL)
				return false;
			sl->v = v;
			t->bytes += sl->cap;
			sl->cap *= 2;
		}
		sl->len = (uint32_t)(put_varint(sl->v + sl->len,
		    sl->last == 0 ? art : art - (sl->last - 1)) - sl->v);
		sl->n++;
		sl->last = art + 1;
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

/* The table's terms sorted, at the front of t->s; how many. */
static size_t
table_sorted(struct table *t)
{
	struct slot	s;
	size_t		i, n = 0;

	/* moved, not copied: each slot's postings are held once */
	for (i = 0; i < t->cap; i++)
		if (t->s[i].cap != 0) {
			s = t->s[i];
			memset(&t->s[i], 0, sizeof t->s[i]);
			t->s[n++] = s;
		}
	qsort(t->s, n, sizeof *t->s, by_key);
	return n;
}

/*
 * A segment's term: its key, count and bytes of postings, and the last
 * article in them (the next segment's first posting is told from it).
 */
struct segterm {
	uint64_t	key;
	uint32_t	n, len, last, pad;
};

/* Writes the table out as a segment and empties it; false on failure. */
static bool
spill(struct table *t)
{
	struct segterm	 st;
	FILE		*f, **v;
	size_t		 i, n = table_sorted(t);
	bool		 ok;

	if ((v = realloc(t->seg, (t->nseg + 1) * sizeof *v)) == NULL)
		return false;
	t->seg = v;
	if ((f = tmp_near(t->file)) == NULL)
		return false;
	t->seg[t->nseg++] = f;
	setvbuf(f, NULL, _IOFBF, 1 << 16);
	for (i = 0, ok = true; i < n; i++) {
		memset(&st, 0, sizeof st);
		st.key = t->s[i].key;
		st.n = t->s[i].n;
		st.len = t->s[i].len;
		st.last = t->s[i].last - 1;
		ok = ok && fwrite(&st, sizeof st, 1, f) == 1 &&
		    fwrite(t->s[i].v, 1, st.len, f) == st.len;
		free(t->s[i].v);
	}
	memset(t->s, 0, t->cap * sizeof *t->s);
	t->n = 0;
	t->bytes = t->cap * sizeof *t->s;
	return ok && fflush(f) == 0;
}

/* A segment being read: its term at hand, its postings in v. */
struct segread {
	FILE		*f;
	struct segterm	 t;
	unsigned char	*v;
	size_t		 cap;
	bool		 has;
};

static bool
seg_next(struct segread *r)
{
	unsigned char	*v;

	r->has = false;
	if (fread(&r->t, sizeof r->t, 1, r->f) != 1)
		return feof(r->f);
	if (r->t.len > r->cap) {
		if ((v = realloc(r->v, r->t.len)) == NULL)
			return false;
		r->v = v;
		r->cap = r->t.len;
	}
	if (fread(r->v, 1, r->t.len, r->f) != r->t.len)
		return false;
	r->has = true;
	return true;
}

/* Reads a varint at p (n bytes); its length, 0 when there is none. */
static size_t
get_varint(const unsigned char *p, size_t n, uint32_t *v)
{
	size_t	i;

	*v = 0;
	for (i = 0; i < n && i < 5; i++) {
		*v |= (uint32_t)(p[i] & 0x7f) << (7 * i);
		if (!(p[i] & 0x80))
			return i + 1;
	}
	return 0;
}

/*
 * Merges the segments, key by key, each key's postings joined in the
 * order of the segments (their articles rise from one to the next), and
 * hands each term to fn; false on a failure.  Read twice by ix_build:
 * once for the terms, once for the postings.
 */
static bool
merge(struct table *t, bool (*fn)(void *, uint64_t, uint32_t,
    const unsigned char *, size_t), void *arg)
{
	struct segread	*r;
	struct buf	 m = { 0 };
	size_t		 i, k;
	uint64_t	 key;
	uint32_t	 n, prev = 0, first;
	bool		 ok = true, any;

	if ((r = calloc(t->nseg, sizeof *r)) == NULL)
		return false;
	for (i = 0; i < t->nseg && ok; i++) {
		r[i].f = t->seg[i];
		ok = fseek(r[i].f, 0, SEEK_SET) == 0 && seg_next(&r[i]);
	}
	while (ok) {
		for (i = 0, any = false, key = 0; i < t->nseg; i++)
			if (r[i].has && (!any || r[i].t.key < key)) {
				key = r[i].t.key;
				any = true;
			}
		if (!any)
			break;
		m.len = 0;
		n = 0;
		for (i = 0; i < t->nseg && ok; i++) {
			if (!r[i].has || r[i].t.key != key)
				continue;
			if (n == 0)
				buf_add(&m, (const char *)r[i].v, r[i].t.len);
			else if ((k = get_varint(r[i].v, r[i].t.len,
			    &first)) == 0 || first <= prev)
				ok = false;
			else {
				/* its first posting: from the last before */
				unsigned char	 d[5];

				buf_add(&m, (const char *)d, (size_t)(put_varint(d,
				    first - prev) - d));
				buf_add(&m, (const char *)r[i].v + k,
				    r[i].t.len - k);
			}
			n += r[i].t.n;
			prev = r[i].t.last;
			ok = ok && seg_next(&r[i]);
		}
		ok = ok && !m.failed && fn(arg, key, n,
		    (const unsigned char *)m.p, m.len);
	}
	for (i = 0; i < t->nseg; i++)
		free(r[i].v);
	free(r);
	buf_free(&m);
	return ok;
}

static void
table_free(struct table *t)
{
	size_t	i;

	for (i = 0; i < t->cap; i++)
		free(t->s[i].v);
	free(t->s);
	for (i = 0; i < t->nseg; i++)
		fclose(t->seg[i]);
	free(t->seg);
	free(t->keys);
	free(t->chars);
	memset(t, 0, sizeof *t);
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
	bool		 ok;

	if (d->headline == NULL || d->text == NULL) {
		free(d->headline);
		free(d->text);
		d->headline = d->text = NULL;
		return false;
	}
	ok = add_bigrams(t, d->text, d->tlen, art);
	memset(&d->rec, 0, sizeof d->rec);
	d->rec.issue = (uint32_t)d->issue;
	d->rec.index = (uint32_t)d->index;
	d->rec.headline = str_add(st, d->headline, d->hlen);
	d->rec.block = st->bl.n;
	d->rec.at = (uint32_t)st->bl.text.len;
	d->rec.len = (uint32_t)d->tlen;
	buf_add(&st->bl.text, d->text, d->tlen + 1);
	if (d->tlen > UINT32_MAX || st->bl.text.len > UINT32_MAX)
		ok = false;
	if (!st->b.failed)
		d->rec.sum = ix_art_sum(&d->rec,
		    st->b.p + (d->rec.headline - st->done), d->hlen + 1);
	if (st->bl.text.len >= BLOCK_TEXT && !block_flush(&st->bl, st))
		ok = false;
	free(d->headline);
	free(d->text);
	d->headline = d->text = NULL;
	return ok && !st->b.failed && !st->bl.text.failed;
}

/* Writes article d's record to the articles' file; false on failure. */
static bool
put_art(FILE *arts, const struct doc *d)
{
	return fwrite(&d->rec, sizeof d->rec, 1, arts) == 1;
}

/*
 * Takes one article into the index being built, its record to arts; and
 * past the memory budget, the table's postings out as a segment.
 */
static bool
take_one(struct doc *one, uint32_t art, struct table *tab,
    struct strings *str, FILE *arts)
{
	return take(one, art, tab, str) && put_art(arts, one) &&
	    (tab->budget == 0 || tab->bytes <= tab->budget || spill(tab));
}

/*
 * Takes issue i of ar, unchanged since the old index was built, from it:
 * its date and its articles' headlines and text, no parsing.  *n counts
 * the articles taken.
 */
static bool
take_old(struct ix_texts *old, const struct archive *ar, size_t i,
    size_t *n, uint32_t *count, char *date, struct table *tab,
    struct strings *str, FILE *arts, bool *oldbad)
{
	const struct index	*ix = old->ix;
	const struct iissue	*oi = &ix->is[ix_find(ix, ar->v[i].path)];
	const struct iart	*oa;
	const char		*text;
	struct doc		 one;
	size_t			 k;
	bool			 ok = true;

	memcpy(date, oi->date, 11);
	date[10] = '\0';
	for (k = 0; k < oi->count && ok; k++) {
		oa = &ix->ar[oi->first + k];
		/* checked by ix_arts_ok(); the text by its block's sum */
		if ((text = ix_text(old, oa, oldbad)) == NULL)
			return false;
		memset(&one, 0, sizeof one);
		one.issue = i;
		one.index = oa->index;
		one.hlen = strlen(ix->str + oa->headline);
		one.tlen = oa->len;
		one.headline = strndup(ix->str + oa->headline, one.hlen);
		one.text = strndup(text, one.tlen);
		ok = take_one(&one, (uint32_t)(*n)++, tab, str, arts);
		count[i]++;
	}
	return ok;
}

/*
 * The issues of ar to parse into todo (their number returned); slot[i]
 * is issue i's place among them, or SIZE_MAX when old has it unchanged.
 */
static size_t
plan(const struct archive *ar, const struct index *old, size_t *todo,
    size_t *slot)
{
	const struct iissue	*oi;
	size_t			 i, ntodo = 0;
	long			 o;

	for (i = 0; i < ar->n; i++) {
		o = ix_find(old, ar->v[i].path);
		oi = o >= 0 ? &old->is[o] : NULL;
		slot[i] = SIZE_MAX;
		if (oi != NULL && oi->size == ar->v[i].size &&
		    oi->mtime == ar->v[i].mtime && oi->ctime == ar->v[i].ctime &&
		    oi->names == ar->v[i].names &&
		    ix_arts_ok(old, oi))
			continue;
		slot[i] = ntodo;
		todo[ntodo++] = i;
	}
	return ntodo;
}

/* Takes the parsed articles r of issue i; *n counts the articles taken. */
static bool
take_parsed(struct parsed *r, size_t i, size_t *n, uint32_t *count,
    struct table *tab, struct strings *str, FILE *arts)
{
	struct doc	one;
	size_t		k;
	bool		ok = !r->oom;

	for (k = 0; k < r->n && ok; k++) {
		one = r->d[k];
		one.issue = i;
		r->d[k].headline = r->d[k].text = NULL;
		ok = take_one(&one, (uint32_t)(*n)++, tab, str, arts);
		count[i]++;
	}
	free_docs(r->d, r->n);
	free(r->d);
	r->d = NULL;
	r->n = 0;
	return ok;
}

/*
 * Every issue of ar taken into the index being built, in order: parsed
 * on the other processors while this thread takes each in turn (it parses
 * too while it waits), or from the old index (read through old) when
 * unchanged there; *oldbad set when the old index proves damaged.
 */
static bool
collect(const struct archive *ar, struct ix_texts *old,
    archive_progress *progress, void *arg, FILE *arts, uint32_t *count,
    size_t *nout, char (*dates)[11], struct table *tab, struct strings *str,
    bool *oldbad)
{
	size_t			 n = 0, i, t, *todo, *slot;
	size_t			 ntodo = 0;
	struct collecting	 c = { ar, NULL, NULL };
	struct pool_ordered	*pool = NULL;
	bool			 ok = false;

	todo = malloc((ar->n + 1) * sizeof *todo);
	slot = malloc((ar->n + 1) * sizeof *slot);
	if (todo == NULL || slot == NULL)
		goto out;
	ntodo = plan(ar, old->ix, todo, slot);
	c.todo = todo;
	if ((c.res = calloc(ntodo + 1, sizeof *c.res)) == NULL ||
	    (pool = pool_start(ntodo, parse_entry, &c)) == NULL)
		goto out;
	for (i = 0, ok = true; i < ar->n && ok; i++) {
		str_flush(str, false);
		if (slot[i] == SIZE_MAX) {
			ok = take_old(old, ar, i, &n, count, dates[i], tab,
			    str, arts, oldbad);
			continue;
		}
		pool_wait(pool, slot[i]);
		memcpy(dates[i], c.res[slot[i]].date, sizeof dates[i]);
		ok = take_parsed(&c.res[slot[i]], i, &n, count, tab, str, arts);
		if (progress != NULL && (slot[i] + 1) % 16 == 0)
			progress(slot[i] + 1, ntodo, arg);
	}
	/* on a failure: no more parsing; what was parsed is let go */
	pool_stop(pool);
	for (t = 0; t < ntodo; t++) {
		free_docs(c.res[t].d, c.res[t].n);
		free(c.res[t].d);
	}
	ok = ok && fflush(arts) == 0;
	if (ok && progress != NULL)
		progress(ntodo, ntodo, arg);
	*nout = n;
out:
	free(c.res);
	free(todo);
	free(slot);
	return ok;
}

static void
pad8(struct buf *b)
{
	while (b->len % 8)
		buf_addc(b, '\0');
}

/* The terms' pass over the merged segments: each term where it goes. */
struct terming {
	struct file_out	*f;
	uint64_t	 npost;
	uint32_t	 nterms;
};

static bool
term_out(void *arg, uint64_t key, uint32_t n, const unsigned char *post,
    size_t len)
{
	struct terming	*w = arg;
	struct iterm	 it = { key, w->npost, n, ix_term_sum(key, w->npost, n,
			    (uint32_t)len, post), (uint32_t)len, 0 };

	if (len > UINT32_MAX || w->nterms == UINT32_MAX)
		return false;
	file_out_write(w->f, &it, sizeof it);
	w->npost += len;
	w->nterms++;
	return !w->f->failed;
}

/* The postings' pass: each term's postings, in the terms' order. */
static bool
post_out(void *arg, uint64_t key, uint32_t n, const unsigned char *post,
    size_t len)
{
	struct file_out	*f = arg;

	(void)key;
	(void)n;
	file_out_write(f, post, len);
	return !f->failed;
}

/* Copies the articles' records from their temporary file into f. */
static bool
copy_arts(FILE *arts, struct file_out *f)
{
	char	b[1 << 16];
	size_t	n;

	if (fseek(arts, 0, SEEK_SET) != 0)
		return false;
	while ((n = fread(b, 1, sizeof b, arts)) > 0)
		file_out_write(f, b, n);
	return !ferror(arts) && !f->failed;
}

/*
 * The issues' table and the path hash table into out (from h's
 * off_issues), their places into h; false when out of memory.
 */
static bool
issues_table(const struct archive *ar, const uint64_t *stroff,
    const uint32_t *count, char (*dates)[11], struct buf *out, struct hdr *h)
{
	struct iissue	 ii;
	uint32_t	*hash;
	uint64_t	 nhash;
	size_t		 i, j, k;

	for (nhash = 16; nhash < 2 * (uint64_t)ar->n; nhash *= 2)
		;
	if ((hash = calloc(nhash, sizeof *hash)) == NULL)
		return false;
	for (i = 0, k = 0; i < ar->n; i++) {
		memset(&ii, 0, sizeof ii);
		ii.path = stroff[i];
		ii.size = ar->v[i].size;
		ii.names = ar->v[i].names;
		ii.mtime = ar->v[i].mtime;
		ii.ctime = ar->v[i].ctime;
		ii.first = (uint32_t)k;
		ii.count = count[i];
		k += count[i];
		ii.hash = ix_path_hash(ar->v[i].path);
		memcpy(ii.date, dates[i], sizeof dates[i]);
		buf_add(out, (const char *)&ii, sizeof ii);
		for (j = (size_t)ii.hash & (nhash - 1); hash[j] != 0;
		    j = (j + 1) & (nhash - 1))
			;
		hash[j] = (uint32_t)i + 1;
	}
	pad8(out);
	h->off_hash = h->off_issues + out->len;
	h->nhash = nhash;
	buf_add(out, (const char *)hash, nhash * sizeof *hash);
	pad8(out);
	free(hash);
	return !out->failed;
}

/*
 * The terms then the postings into f from h->off_terms: from the table
 * (nterms of them, sorted), or merged from its segments; their places
 * and the file's size into h.
 */
static bool
terms_and_postings(struct table *t, size_t nterms, struct file_out *f,
    struct hdr *h)
{
	static const char	 zero[8];
	struct terming		 w = { f, 0, 0 };
	uint64_t		 npost = 0, at;
	size_t			 i;

	if (t->nseg == 0) {
		/* the terms, each where its postings will start */
		for (i = 0; i < nterms; i++) {
			struct iterm	it = { t->s[i].key, npost, t->s[i].n,
			    ix_term_sum(t->s[i].key, npost, t->s[i].n,
			    t->s[i].len, t->s[i].v), t->s[i].len, 0 };

			file_out_write(f, &it, sizeof it);
			npost += t->s[i].len;
		}
	} else {
		if (!merge(t, term_out, &w))
			return false;
		nterms = w.nterms;
		npost = w.npost;
	}
	h->nterms = (uint32_t)nterms;
	at = h->off_terms + nterms * sizeof(struct iterm);
	file_out_write(f, zero, (size_t)((at + 7) / 8 * 8 - at));
	h->off_post = (at + 7) / 8 * 8;
	h->npost = npost;
	h->size = (h->off_post + npost + 7) / 8 * 8;
	/* then the postings, each let go once written */
	if (t->nseg == 0)
		for (i = 0; i < nterms; i++) {
			file_out_write(f, t->s[i].v, t->s[i].len);
			free(t->s[i].v);
			t->s[i].v = NULL;
		}
	else if (!merge(t, post_out, f))
		return false;
	file_out_write(f, zero, (size_t)(h->size - h->off_post - npost));
	return !f->failed;
}

/*
 * Builds the index for ar from its files (and the old index) into file,
 * holding at most ar->index_memory bytes of postings (128 MB when 0):
 * past that they go out as sorted segments, merged into the file at the
 * end, as Lucene and Tantivy do.  The articles' records go to a file of
 * their own as they are made; nothing grows with the library in memory
 * but the issues' table.
 */
/* An index being built: its file, its parts, what it has taken. */
struct building {
	const struct archive	*ar;
	struct table		 t;
	struct strings		 str;
	struct file_out		 f;
	struct hdr		 h;
	uint64_t		*stroff;	/* each issue's path */
	uint32_t		*count;		/* each issue's articles */
	char			(*dates)[11];
	FILE			*arts;		/* the articles' records */
	size_t			 nd;		/* articles */
};

/*
 * The strings: paths, then each article's headline and text (its folded
 * text gives the bigrams and is not kept: a search folds the few
 * candidates), written to the file as soon as its bigrams are counted:
 * the build holds little text.  Returns where the rest of the file goes,
 * 0 on a failure.
 */
static uint64_t
build_strings(struct building *b, struct ix_texts *old,
    archive_progress *progress, void *arg, bool *oldbad)
{
	static const char	 zero[8];
	struct strings		*str = &b->str;
	uint64_t		 base;
	size_t			 i;

	buf_addc(&str->b, '\0');
	for (i = 0; i < b->ar->n; i++)
		b->stroff[i] = str_add(str, b->ar->v[i].path,
		    strlen(b->ar->v[i].path));
	if ((b->arts = tmp_near(b->t.file)) == NULL ||
	    !collect(b->ar, old, progress, arg, b->arts, b->count, &b->nd,
	    b->dates, &b->t, str, oldbad) || !block_flush(&str->bl, str))
		return 0;
	buf_addc(&str->b, '\0');	/* the strings end in one */
	if (str->b.failed)
		return 0;
	str_flush(str, true);
	b->h.off_str = sizeof b->h;
	b->h.nstr = str_at(str);
	base = (b->h.off_str + b->h.nstr + 7) / 8 * 8;
	file_out_write(&b->f, zero, (size_t)(base - b->h.off_str - b->h.nstr));
	return base;
}

/*
 * The rest of the file from base: the issues, the path hash table, the
 * blocks, the articles, the terms and their postings; then the header.
 */
static bool
build_rest(struct building *b, uint64_t base)
{
	static const char	 zero[8];
	struct hdr		*h = &b->h;
	struct buf		 out = { 0 };
	size_t			 nterms = 0;
	uint64_t		 at;
	bool			 ok = false;

	/* segments written: the rest of the table is one more */
	if (b->t.nseg > 0 && b->t.n > 0 && !spill(&b->t))
		return false;
	if (b->t.nseg == 0)
		nterms = table_sorted(&b->t);
	memcpy(h->magic, MAGIC, 8);
	h->version = VERSION;
	h->nissues = (uint32_t)b->ar->n;
	h->narticles = (uint32_t)b->nd;
	h->off_issues = base;
	if (!issues_table(b->ar, b->stroff, b->count, b->dates, &out, h))
		goto out;
	h->off_blocks = h->off_issues + out.len;
	h->nblocks = b->str.bl.n;
	buf_add(&out, b->str.bl.table.p, b->str.bl.table.len);
	pad8(&out);
	if (out.failed)
		goto out;
	h->off_articles = base + out.len;
	file_out_write(&b->f, out.p, out.len);
	if (!copy_arts(b->arts, &b->f))
		goto out;
	at = h->off_articles + b->nd * sizeof(struct iart);
	file_out_write(&b->f, zero, (size_t)((at + 7) / 8 * 8 - at));
	h->off_terms = (at + 7) / 8 * 8;
	if (!terms_and_postings(&b->t, nterms, &b->f, h))
		goto out;
	h->sum = ix_hdr_sum(h, out.p + (h->off_issues - base),
	    out.p + (h->off_hash - base), out.p + (h->off_blocks - base));
	file_out_write_at(&b->f, 0, h, sizeof *h);
	ok = !b->f.failed;
out:
	buf_free(&out);
	return ok;
}

static bool
build(const struct archive *ar, const struct index *old, const char *file,
    archive_progress *progress, void *arg, bool *oldbad)
{
	struct building		 b;
	struct ix_texts		 otexts;
	uint64_t		 base;
	bool			 ok = false;

	memset(&b, 0, sizeof b);
	b.ar = ar;
	b.t.budget = ar->index_memory > 0 ? ar->index_memory : INDEX_MEMORY;
	b.t.file = file;
	if ((b.dates = calloc(ar->n + 1, sizeof *b.dates)) == NULL ||
	    (b.stroff = malloc((ar->n + 1) * sizeof *b.stroff)) == NULL ||
	    (b.count = calloc(ar->n + 1, sizeof *b.count)) == NULL ||
	    !file_out_open(&b.f, file)) {
		free(b.count);
		free(b.stroff);
		free(b.dates);
		return false;
	}
	b.str.f = &b.f;
	file_out_write(&b.f, &b.h, sizeof b.h);	/* its place, for now */
	ix_texts_open(&otexts, old);
	if ((base = build_strings(&b, &otexts, progress, arg, oldbad)) > 0 &&
	    build_rest(&b, base)) {
		ok = true;
		if (progress != NULL)
			progress(ar->n, ar->n, arg);
	}
	/* in its place when whole, else gone */
	b.f.failed |= !ok;
	ok = file_out_close(&b.f, file, false);
	table_free(&b.t);
	if (b.arts != NULL)
		fclose(b.arts);
	free(b.count);
	free(b.stroff);
	free(b.dates);
	buf_free(&b.str.b);
	blocks_free(&b.str.bl);
	ix_texts_close(&otexts);
	return ok;
}

/*
 * Builds the index of ar into file, taking old's unchanged issues; when
 * old proves damaged on the way, again from the files alone.
 */
bool
ix_build(const struct archive *ar, const struct index *old,
    const char *file, archive_progress *progress, void *arg)
{
	struct index	none;
	bool		oldbad = false, ok;

	if ((ok = build(ar, old, file, progress, arg, &oldbad)) || !oldbad)
		return ok;
	memset(&none, 0, sizeof none);
	return build(ar, &none, file, progress, arg, &oldbad);
}
