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
#define VERSION	13

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
	uint64_t	names;		/* a day's folder's (archive_entry) */
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

/* ixfile.c: sums, loading, finding an issue's entry, checks */
uint64_t	ix_path_hash(const char *);
uint64_t	ix_hdr_sum(const struct hdr *, const void *issues,
		    const void *hash);
uint32_t	ix_term_head_sum(uint64_t key, uint64_t off, uint32_t count,
		    uint32_t bytes);
uint32_t	ix_term_sum(uint64_t key, uint64_t off, uint32_t count,
		    uint32_t bytes, const unsigned char *post);
uint64_t	ix_art_sum(const struct iart *, const char *strings, size_t n);
void		ix_unload(struct index *);
bool		ix_load(const char *file, struct index *);
long		ix_find(const struct index *, const char *path);
size_t		ix_map(const struct index *, const struct archive *,
		    size_t *toar, size_t *stale);
bool		ix_current(const struct index *, const struct archive *,
		    size_t *toar, size_t *stale);
bool		ix_art_ok(const struct index *, const struct iart *);
bool		ix_arts_ok(const struct index *, const struct iissue *);

/* ixbuild.c: the index of ar into file (old's unchanged issues taken) */
bool		ix_build(const struct archive *ar, const struct index *old,
		    const char *file, archive_progress *progress, void *arg);

#endif
