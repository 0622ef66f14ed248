/*
 * query: matching as a search does it -- text folded for widths, Latin
 * case and spaces; a query's words; finding them in display text; the
 * snippet around a hit; the hits themselves.  No files, no index.
 */
#ifndef KANBAO_QUERY_H
#define KANBAO_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "text.h"

#define QUERY_MAX_WORDS		32
#define QUERY_MAX_WORDS_S	"32"
/* A snippet: up to SNIPPET_BEFORE bytes before a hit, SNIPPET_AFTER after. */
#define SNIPPET_BEFORE	60
#define SNIPPET_AFTER	90

struct issue;

/* An article that holds every word of a query. */
struct query_hit {
	size_t	 entry;		/* index in archive.v */
	size_t	 article;	/* index in the issue */
	char	 date[11];	/* of the issue, "" when undated */
	char	*headline;
	char	*snippet;	/* a line of text around the hit */
};

void		 query_free_hits(struct query_hit *, size_t);

/* Folds s for matching: NFKC-like width folding, no spaces, lower case. */
char		*query_fold(const char *s, size_t n, size_t *outlen);
text_char	 query_fold_char(text_char);
/*
 * The characters of query_fold(s) into out (n of them at most), without
 * the folded text made; how many.  The index's bigrams come this way.
 */
size_t		 query_fold_chars(const char *s, size_t n, text_char *out);
/* Where folded byte folded_at comes from in the display text. */
size_t		 query_unfold_offset(const char *display, size_t folded_at);

/*
 * Finds query in s[from..n) as a search matches it (widths, Latin case,
 * spaces and line breaks folded; the query's spaces too).  *at and *len
 * get the bytes of s that match; false when nothing does.
 */
bool		 query_find(const char *s, size_t n, size_t from,
		    const char *query, size_t *at, size_t *len);

/*
 * The query's folded words, deduplicated (a word inside another goes),
 * into *out (free each and the array); how many, or 0 with *err saying
 * why: no words, more than QUERY_MAX_WORDS, or out of memory.
 */
size_t		 query_words(const char *q, char ***out, const char **err);
/* A line of s around byte at, for a hit; free it. */
char		*query_snippet(const char *s, size_t n, size_t at);
/*
 * The query's first word as typed when it folds to w0 (the first folded
 * word), else NULL; free with free().
 */
char		*query_first_word(const char *query, const char *w0);
/*
 * Where a hit is shown in an article's display text: the first word as
 * typed (raw), else where its folded form w0 is in the folded text.  The
 * index and the scan both place their snippets so.
 */
size_t		 query_hit_at(const char *text, const char *raw,
		    const char *folded, const char *w0);
/*
 * An article's searchable text: its heads and blocks; free it.  *len (when
 * not NULL) gets its length.
 */
char		*query_article_text(const struct issue *, size_t article,
		    size_t *len);

#endif
