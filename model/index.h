/*
 * index: a library's search index -- character bigrams to the articles
 * holding them -- kept in one versioned file in the cache folder, built on
 * first use, brought up to date when files change (only changed files are
 * parsed again), and rebuilt rather than trusted when it is corrupt or
 * foreign.  Candidates from the bigrams are always verified against the
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
