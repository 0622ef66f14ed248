/*
 * ixfile: the search index's file, as index.c (lookup), ixbuild.c (the
 * build) and ixfile.c (loading and checking) share it -- private to the
 * three.
 */
#ifndef KANBAO_IXFILE_H
#define KANBAO_IXFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "archive.h"

#define MAGIC	"KANBAOI1"
#define VERSION	14

struct hdr {
	char		magic[8];
	uint32_t	version, nissues, narticles, nterms;
	uint64_t	off_issues, off_articles, off_terms, off_post;
	uint64_t	npost;	/* bytes of postings */
	uint64_t	off_str, nstr, size;
	uint64_t	off_hash, nhash;	/* path hash table: issue + 1 */
	uint64_t	off_blocks, nblocks;	/* the text's blocks */
	uint64_t	sum;	/* of this header (sum 0), issues, hash table,
				   blocks */
};

struct iissue {
	uint64_t	path;		/* string offset */
	int64_t		size, mtime, ctime;	/* mtime, ctime in ns */
	uint32_t	first, count;	/* articles */
	uint64_t	hash;		/* of the path */
	uint64_t	names;		/* a day's folder's (archive_entry) */
	char		date[16];	/* YYYY-MM-DD, "" when undated */
};

/*
 * An article: its headline a string, its display text in a block (the
 * text is folded when a search looks at it).
 */
struct iart {
	uint32_t	issue, index;
	uint64_t	headline;	/* string offset */
	uint32_t	block;		/* of the text */
	uint32_t	at, len;	/* the text in the block: at .. at+len,
					   then a NUL */
	uint32_t	pad;
	uint64_t	sum;		/* of the fields and the headline; the
					   block's frame sums the text */
};

/*
 * The display text, most of the index, compressed with zstd in blocks of
 * a few articles (BLOCK_TEXT bytes or so), each a frame among the strings
 * with the sum of its content: a search decompresses the blocks of its
 * candidates only.  The texts in a block are each followed by a NUL.
 */
#define BLOCK_TEXT	(64 << 10)

struct iblock {
	uint64_t	off;		/* string offset of the frame */
	uint32_t	clen, ulen;	/* its bytes, and its content's */
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
	const struct iblock	*bl;
	const char		*str;
};

/*
 * A reader of the texts: the last block decompressed kept, so that
 * articles read in order decompress each block once.
 */
struct ix_texts {
	const struct index	*ix;
	void			*dctx;		/* ZSTD_DCtx */
	uint64_t		 block;		/* in buf, or UINT64_MAX */
	char			*buf;
	size_t			 cap;
};

/* ixfile.c: sums, loading, finding an issue's entry, checks */
uint64_t	ix_path_hash(const char *);
uint64_t	ix_hdr_sum(const struct hdr *, const void *issues,
		    const void *hash, const void *blocks);
uint32_t	ix_term_head_sum(uint64_t key, uint64_t off, uint32_t count,
		    uint32_t bytes);
uint32_t	ix_term_sum(uint64_t key, uint64_t off, uint32_t count,
		    uint32_t bytes, const unsigned char *post);
uint64_t	ix_art_sum(const struct iart *, const char *headline, size_t n);
void		ix_unload(struct index *);
bool		ix_load(const char *file, struct index *);
long		ix_find(const struct index *, const char *path);
size_t		ix_map(const struct index *, const struct archive *,
		    size_t *toar, size_t *stale);
bool		ix_current(const struct index *, const struct archive *,
		    size_t *toar, size_t *stale);
bool		ix_art_ok(const struct index *, const struct iart *);
bool		ix_arts_ok(const struct index *, const struct iissue *);
void		ix_texts_open(struct ix_texts *, const struct index *);
const char	*ix_text(struct ix_texts *, const struct iart *, bool *bad);
void		ix_texts_close(struct ix_texts *);

/* ixbuild.c: the index of ar into file (old's unchanged issues taken) */
bool		ix_build(const struct archive *ar, const struct index *old,
		    const char *file, archive_progress *progress, void *arg);

#endif
