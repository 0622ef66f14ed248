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
#include "text.h"

/* The query's folded words w[0..nw) (archive_words()) through the index. */
bool	index_search(const struct archive *, const char *query,
	    char *const *w, size_t nw, const char *cachedir,
	    archive_progress *progress, void *arg,
	    struct archive_hit **hits, size_t *nhits, const char **err);

/* Shared with archive.c. */
#define ARCHIVE_MAX_WORDS	32
#define ARCHIVE_MAX_WORDS_S	"32"
size_t	archive_words(const char *q, char ***out);
/* A snippet: up to SNIPPET_BEFORE bytes before at, SNIPPET_AFTER (+ 3) after. */
#define SNIPPET_BEFORE	60
#define SNIPPET_AFTER	90
char	*archive_snippet(const char *s, size_t n, size_t at);
text_char archive_fold_char(text_char);
struct issue;
char	*archive_article_text(const struct issue *, size_t article);
size_t	archive_unfold_offset(const char *display, size_t folded_at);
void	archive_sort_hits(const struct archive *, struct archive_hit *, size_t);

#endif
