/*
 * query: folding, matching, query words, snippets and hits.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "issue.h"
#include "query.h"
#include "lexicon.h"
#include "text.h"

text_char
query_fold_char(text_char c)
{
	if (c >= U_FW_EXCLAM && c <= 0xff5e)
		c -= 0xfee0;
	switch (c) {
	case U_LIST_COMMA: return ',';
	case U_STOP: return '.';
	case U_LDQUOTE: case U_RDQUOTE: case U_LCORNER: case U_RCORNER: return '"';
	case U_LSQUOTE: case U_RSQUOTE: case U_LWCORNER: case U_RWCORNER: return '\'';
	default: break;
	}
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	return c;
}

/*
 * The character at s[0..n) folded for matching: *c what it becomes, and
 * how many times (0 for spaces and soft hyphens, which do not matter to a
 * search; more than one only for bad input, each a '?', so that folding
 * never makes text longer); *len the bytes it takes.
 */
static inline size_t
fold_step(const char *s, size_t n, size_t *len, text_char *c)
{
	unsigned char	u = (unsigned char)*s;
	char		e[4];

	if (u < 0x80) {
		*len = 1;
		*c = u >= 'A' && u <= 'Z' ? u + ('a' - 'A') : u;
		return u != ' ' && u != '\n' && u != '\t';
	}
	*len = text_decode_fast(s, n, c);
	if (text_is_space(*c) || *c == 0xad)
		return 0;
	*c = query_fold_char(*c);
	if (text_encode(*c, e) <= *len)
		return 1;
	*c = '?';
	return *len;
}

/*
 * Folds s[0..n) into o (n + 1 bytes: folding never makes text longer),
 * NUL-terminated; its length is returned.  With map, map[k] gets the
 * offset in s of the character that folded byte k comes from.
 */
static size_t
fold_into(const char *s, size_t n, char *o, size_t *map)
{
	char		*p = o, e[4];
	size_t		 i = 0, len, k, j, el;
	text_char	 c;

	while (i < n) {
		/* U+5000..U+9FFF: Han, which folds to itself */
		if (text_3byte(s + i, n - i, 0xe5, 0xe9)) {
			if (map == NULL) {
				/* a run of them copied at once */
				k = i + 3;
				while (text_3byte(s + k, n - k, 0xe5, 0xe9))
					k += 3;
				memcpy(p, s + i, k - i);
				p += k - i;
				i = k;
				continue;
			}
			for (k = 0; k < 3; k++) {
				map[p - o] = i;
				*p++ = s[i + k];
			}
			i += 3;
			continue;
		}
		for (k = fold_step(s + i, n - i, &len, &c); k > 0; k--)
			for (el = text_encode(c, e), j = 0; j < el; j++) {
				if (map != NULL)
					map[p - o] = i;
				*p++ = e[j];
			}
		i += len;
	}
	*p = '\0';
	return (size_t)(p - o);
}

size_t
query_fold_chars(const char *s, size_t n, text_char *out)
{
	size_t		 i = 0, len, k, m = 0;
	text_char	 c;

	while (i < n) {
		if (text_3byte(s + i, n - i, 0xe5, 0xe9)) {
			i += text_decode_fast(s + i, 3, &c);
			out[m++] = c;	/* Han folds to itself */
			continue;
		}
		for (k = fold_step(s + i, n - i, &len, &c); k > 0; k--)
			out[m++] = c;
		i += len;
	}
	return m;
}

char *
query_fold(const char *s, size_t n, size_t *outlen)
{
	char	*o;

	if ((o = malloc(n + 1)) == NULL)
		return NULL;
	*outlen = fold_into(s, n, o, NULL);
	return o;
}

bool
query_find(const char *s, size_t n, size_t from, const char *query,
    size_t *at, size_t *len)
{
	char		*q, *f = NULL, *hit;
	size_t		 qlen, flen, k, *map = NULL;
	text_char	 c;
	bool		 found = false;

	if (from >= n || (q = query_fold(query, strlen(query), &qlen)) == NULL)
		return false;
	if (qlen == 0 || (f = malloc(n - from + 1)) == NULL ||
	    (map = malloc((n - from + 1) * sizeof *map)) == NULL)
		goto out;
	flen = fold_into(s + from, n - from, f, map);
	if ((hit = memmem(f, flen, q, qlen)) == NULL)
		goto out;
	k = map[(size_t)(hit - f) + qlen - 1];	/* the last character */
	*at = from + map[hit - f];
	*len = from + k + text_decode_fast(s + from + k, n - from - k, &c) - *at;
	found = true;
out:
	free(q);
	free(f);
	free(map);
	return found;
}

/*
 * Splits the query at spaces into folded words.  A word that repeats one
 * before it, or is inside another word, adds nothing (every word must
 * occur) and is dropped, so a pasted paragraph costs what its words do.
 * More than QUERY_MAX_WORDS words give (size_t)-1 and no words.
 */
size_t
query_words(const char *q, char ***out, const char **err)
{
	char	**w = NULL, *f;
	size_t	  n = 0, cap = 0, k, len, i;

	*out = NULL;
	*err = "out of memory";
	while (*q != '\0') {
		while (*q == ' ' || strncmp(q, PU_IDEO_SPACE, 3) == 0)
			q += *q == ' ' ? 1 : 3;
		if (*q == '\0')
			break;
		for (k = 0; q[k] != '\0' && q[k] != ' ' &&
		    strncmp(q + k, PU_IDEO_SPACE, 3) != 0; k++)
			;
		f = query_fold(q, k, &len);
		q += k;
		if (f == NULL)
			goto fail;
		if (len == 0) {
			free(f);
			continue;
		}
		for (i = 0; i < n && strstr(w[i], f) == NULL; i++)
			;
		if (i < n) {
			free(f);	/* inside a word before it */
			continue;
		}
		/* words inside this one go */
		for (i = 0; i < n; )
			if (strstr(f, w[i]) != NULL) {
				free(w[i]);
				w[i] = w[--n];
			} else
				i++;
		if (n == QUERY_MAX_WORDS)
			*err = "the query has too many words (at most "
			    QUERY_MAX_WORDS_S ")";
		if (n == QUERY_MAX_WORDS || !vec_grow(&w, &cap, n, sizeof *w)) {
			free(f);
			goto fail;
		}
		w[n++] = f;
	}
	if (n == 0)
		*err = "the query has no words";
	*out = w;
	return n;
fail:
	for (i = 0; i < n; i++)
		free(w[i]);
	free(w);
	return 0;
}

char *
query_first_word(const char *query, const char *w0)
{
	size_t	 off = strspn(query, " "), n, flen;
	char	*raw, *f;
	bool	 ok;

	n = strcspn(query + off, " ");
	if (n == 0 || (raw = strndup(query + off, n)) == NULL)
		return NULL;
	if ((f = query_fold(raw, n, &flen)) == NULL) {
		free(raw);
		return NULL;
	}
	ok = strncmp(f, w0, strlen(w0)) == 0;
	free(f);
	if (!ok) {
		free(raw);
		return NULL;
	}
	return raw;
}

size_t
query_hit_at(const char *text, const char *raw, const char *folded,
    const char *w0)
{
	const char	*q = raw != NULL ? strstr(text, raw) : NULL;
	const char	*p;

	if (q != NULL)
		return (size_t)(q - text);
	if (folded == NULL || (p = strstr(folded, w0)) == NULL)
		return 0;
	return query_unfold_offset(text, (size_t)(p - folded));
}

/* A snippet: the block text around byte offset at, on one line. */
char *
query_snippet(const char *s, size_t n, size_t at)
{
	size_t	a = at > SNIPPET_BEFORE ? at - SNIPPET_BEFORE : 0;
	size_t	e = at + SNIPPET_AFTER < n ? at + SNIPPET_AFTER : n;

	while (a > 0 && ((unsigned char)s[a] & 0xc0) == 0x80)
		a--;
	while (e < n && ((unsigned char)s[e] & 0xc0) == 0x80)
		e++;
	return strndup(s + a, e - a);
}

/*
 * Display text of an article: headline, deck and blocks.  The masthead and
 * banners go with the first article, after its own text (so that a
 * snippet shows the article where it can), so that no text of the issue
 * is out of reach of a search.
 */
/* Adds s[0..n-1] (NULL: nothing) and a space to b. */
static void
add_field(struct buf *b, const char *s, size_t n)
{
	if (s == NULL)
		return;
	buf_add(b, s, n);
	buf_addc(b, ' ');
}

char *
query_article_text(const struct issue *is, size_t k, size_t *len)
{
	const struct article	*a = &is->articles[k];
	const struct block	*bl;
	const char		*head[ARTICLE_HEADS];
	struct buf		 b = { 0 };
	size_t			 i;

	article_heads(a, head);
	for (i = 0; i < ARTICLE_HEADS; i++)
		if (head[i] != NULL)
			add_field(&b, head[i], strlen(head[i]));
	for (i = 0; i < a->nblocks; i++) {
		bl = &a->blocks[i];
		add_field(&b, bl->text, bl->len);
		if (bl->extra != NULL)	/* a photo credit */
			add_field(&b, bl->extra, strlen(bl->extra));
	}
	if (k == 0) {
		for (i = 0; i < is->nmast; i++)
			add_field(&b, is->mast[i].text, is->mast[i].len);
		for (i = 0; i < is->nitems; i++)
			if ((bl = is->items[i].banner) != NULL)
				add_field(&b, bl->text, bl->len);
	}
	return buf_take(&b, len);
}

/* Byte offset in the display text where folded offset at falls. */
size_t
query_unfold_offset(const char *s, size_t at)
{
	size_t		 i = 0, f = 0, n = strlen(s), len;
	text_char	 c;

	while (i < n && f < at) {
		if ((unsigned char)s[i] < 0x80) {
			f += s[i] != ' ' && s[i] != '\n' && s[i] != '\t';
			i++;
			continue;
		}
		len = text_decode_fast(s + i, n - i, &c);
		/* folding keeps a character's length or makes it ASCII */
		if (!text_is_space(c) && c != 0xad)
			f += query_fold_char(c) < 0x80 ? 1 : len;
		i += len;
	}
	return i;
}

void
query_free_hits(struct query_hit *h, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(h[i].headline);
		free(h[i].snippet);
	}
	free(h);
}
