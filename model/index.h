/*
 * index: a library's search index -- character bigrams to the articles
 * holding them -- kept in versioned files in the cache folder: a main
 * segment built on first use, and a small second one of the issues edited,
 * added or removed since (only they are parsed again; the main segment is
 * built again once they are more than 32 + 1/16 of the library).  A
 * corrupt or foreign segment is rebuilt rather than trusted.  Candidates from the bigrams are always verified against the
 * folded text, so results are never stale and never guessed.
 */
#ifndef KANBAO_INDEX_H
#define KANBAO_INDEX_H

#include "archive.h"
#include "query.h"

/*
 * The query's folded words w[0..nw) (query_words()) through the index;
 * the hits unsorted.
 */
bool	index_search(const struct archive *, const char *query,
	    char *const *w, size_t nw, const char *cachedir,
	    archive_progress *progress, void *arg,
	    struct query_hit **hits, size_t *nhits, const char **err);

#endif
