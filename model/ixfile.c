/*
 * ixfile: the index file loaded (mapped) and checked -- header, issues,
 * path hash table, articles, terms and postings, each with its sum, so
 * that a damaged file is built again rather than believed.
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

uint64_t
ix_path_hash(const char *s)
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

uint64_t
ix_hdr_sum(const struct hdr *h, const void *issues, const void *hash,
    const void *blocks)
{
	struct hdr	c = *h;

	c.sum = 0;
	return file_checksum(blocks, h->nblocks * sizeof(struct iblock),
	    file_checksum(hash, h->nhash * sizeof(uint32_t),
	    file_checksum(issues, h->nissues * sizeof(struct iissue),
	    file_checksum(&c, sizeof c, 0x6b616e62616f))));
}

/*
 * A term's checksum: the high half over its key, offset and count (checked
 * on every term a lookup passes), the low half over its postings (checked
 * on the term a lookup uses): a search reads no postings it does not need.
 */
uint32_t
ix_term_head_sum(uint64_t key, uint64_t off, uint32_t count, uint32_t bytes)
{
	uint64_t	k[4] = { key, off, count, bytes };

	return (uint32_t)file_checksum(k, sizeof k, 0x7465726d) & 0xffff0000u;
}

uint32_t
ix_term_sum(uint64_t key, uint64_t off, uint32_t count, uint32_t bytes,
    const unsigned char *post)
{
	return ix_term_head_sum(key, off, count, bytes) |
	    ((uint32_t)file_checksum(post, bytes, 0x706f7374) & 0xffffu);
}

/* An article's checksum: its fields and its headline (n bytes, NUL too). */
uint64_t
ix_art_sum(const struct iart *a, const char *headline, size_t n)
{
	uint64_t	f[6] = { a->issue, a->index, a->headline, a->block,
			    a->at, a->len };

	return file_checksum(headline, n, file_checksum(f, sizeof f, 0));
}

static bool
span_ok(uint64_t off, uint64_t n, uint64_t sz, uint64_t total)
{
	return off <= total && (sz == 0 || n <= (total - off) / sz);
}

void
ix_unload(struct index *ix)
{
	if (ix->map != NULL)
		munmap(ix->map, ix->len);
	memset(ix, 0, sizeof *ix);
}

/* Maps and checks an index file; false when missing, corrupt or foreign. */
bool
ix_load(const char *file, struct index *ix)
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
	    !span_ok(h->off_blocks, h->nblocks, sizeof *ix->bl, ix->len) ||
	    h->off_issues % 8 || h->off_articles % 8 || h->off_terms % 8 ||
	    h->off_hash % 4 || h->off_blocks % 8 || h->nhash < h->nissues ||
	    (h->nhash & (h->nhash - 1)) != 0)
		goto bad;
	ix->is = (const void *)((const char *)ix->map + h->off_issues);
	ix->ar = (const void *)((const char *)ix->map + h->off_articles);
	ix->t = (const void *)((const char *)ix->map + h->off_terms);
	ix->post = (const void *)((const char *)ix->map + h->off_post);
	ix->hash = (const void *)((const char *)ix->map + h->off_hash);
	ix->bl = (const void *)((const char *)ix->map + h->off_blocks);
	ix->str = (const char *)ix->map + h->off_str;
	if (h->nstr == 0 || ix->str[h->nstr - 1] != '\0' ||
	    ix_hdr_sum(h, ix->is, ix->hash, ix->bl) != h->sum)
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
	for (i = 0; i < h->nblocks; i++)
		if (ix->bl[i].off > h->nstr ||
		    ix->bl[i].clen > h->nstr - ix->bl[i].off ||
		    ix->bl[i].ulen == 0)
			goto bad;
	return true;
bad:
	ix_unload(ix);
	return false;
}

/* The issue of the index for path, or -1. */
long
ix_find(const struct index *ix, const char *path)
{
	uint64_t	h = ix_path_hash(path);
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
size_t
ix_map(const struct index *ix, const struct archive *ar, size_t *toar,
    size_t *stale)
{
	size_t	i, n = 0;
	long	k;

	for (i = 0; ix->map != NULL && i < ix->h->nissues; i++)
		toar[i] = SIZE_MAX;
	for (i = 0; i < ar->n; i++) {
		k = ix_find(ix, ar->v[i].path);
		if (k < 0 || toar[k] != SIZE_MAX ||
		    ix->is[k].size != ar->v[i].size ||
		    ix->is[k].mtime != ar->v[i].mtime ||
		    ix->is[k].ctime != ar->v[i].ctime ||
		    ix->is[k].names != ar->v[i].names)
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
bool
ix_current(const struct index *ix, const struct archive *ar, size_t *toar,
    size_t *stale)
{
	return ix->map != NULL && ix->h->nissues == ar->n &&
	    ix_map(ix, ar, toar, stale) == 0;
}

/*
 * Whether an article's headline is in the file and intact, and its text
 * within its block (which its frame's sum checks when decompressed).
 */
bool
ix_art_ok(const struct index *ix, const struct iart *a)
{
	const char	*e;
	uint64_t	 n = ix->h->nstr;

	if (a->headline >= n || a->block >= ix->h->nblocks ||
	    a->at > ix->bl[a->block].ulen ||
	    a->len >= ix->bl[a->block].ulen - a->at ||
	    (e = memchr(ix->str + a->headline, '\0', n - a->headline)) == NULL)
		return false;
	return ix_art_sum(a, ix->str + a->headline,
	    (size_t)(e + 1 - (ix->str + a->headline))) == a->sum;
}

/* Whether every article of an old issue can be reused. */
bool
ix_arts_ok(const struct index *ix, const struct iissue *oi)
{
	uint32_t	k;

	for (k = 0; k < oi->count; k++)
		if (!ix_art_ok(ix, &ix->ar[oi->first + k]))
			return false;
	return true;
}

void
ix_texts_open(struct ix_texts *t, const struct index *ix)
{
	memset(t, 0, sizeof *t);
	t->ix = ix;
	t->block = UINT64_MAX;
}

/*
 * Article a's display text (a checked with ix_art_ok()), valid until the
 * next call; NULL with *bad set when its block does not decompress to
 * what the index says (damage), NULL alone when memory runs out.
 */
const char *
ix_text(struct ix_texts *t, const struct iart *a, bool *bad)
{
	const struct iblock	*b = &t->ix->bl[a->block];
	size_t			 n;
	char			*p;

	if (t->block != a->block) {
		t->block = UINT64_MAX;
		if (t->dctx == NULL && (t->dctx = ZSTD_createDCtx()) == NULL)
			return NULL;
		if (b->ulen > t->cap) {
			if ((p = realloc(t->buf, b->ulen)) == NULL)
				return NULL;
			t->buf = p;
			t->cap = b->ulen;
		}
		n = ZSTD_decompressDCtx(t->dctx, t->buf, b->ulen,
		    t->ix->str + b->off, b->clen);
		if (ZSTD_isError(n) || n != b->ulen ||
		    t->buf[b->ulen - 1] != '\0') {
			*bad = true;
			return NULL;
		}
		t->block = a->block;
	}
	if (t->buf[a->at + a->len] != '\0') {
		*bad = true;
		return NULL;
	}
	return t->buf + a->at;
}

void
ix_texts_close(struct ix_texts *t)
{
	ZSTD_freeDCtx(t->dctx);
	free(t->buf);
	memset(t, 0, sizeof *t);
}
