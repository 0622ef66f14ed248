/*
 * search: a library searched for a query -- through its index when there
 * is one (index.c), else file by file -- and the hits ranked.
 */
#ifndef KANBAO_SEARCH_H
#define KANBAO_SEARCH_H

#include "archive.h"
#include "query.h"

/*
 * Finds the articles holding every word of query, newest issue first
 * (undated issues last).  The archive may come from archive_scan().
 * *hits is a new array (free with query_free_hits()).  With a cache
 * folder, a bigram index is built there on first use and brought up to
 * date when files change; progress (may be NULL) is told how a build goes.
 * When the index cannot be written or read, the files are searched
 * without it and *warn (when not NULL) says why.
 */
bool	search_library(const struct archive *, const char *query,
	    const char *cachedir, archive_progress *progress, void *arg,
	    struct query_hit **hits, size_t *nhits, const char **err,
	    const char **warn);

#endif
