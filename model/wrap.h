/*
 * wrap: breaks one paragraph into lines of at most W terminal cells.
 *
 * Break opportunities come from UAX #14 (libunistring) refined by the
 * Chinese rules of GB/T 15834 and W3C clreq: closing punctuation never
 * starts a line, opening punctuation never ends one (spaces after it or
 * not), numbers, Latin words, URLs, domains and paths stay whole when they
 * fit.  Japanese follows jlreq's strict rules: small kana, ー, iteration
 * marks, ・ and 〜 never start a line.  Korean is set word by word (CSS
 * keep-all) unless korean_word is off; a word wider than the line is
 * split.  Laying out a paragraph is a pure
 * function of (text, width, indent, ambiguous width); a struct wrapper only
 * holds scratch memory so that re-layout on every resize allocates nothing.
 */
#ifndef KANBAO_WRAP_H
#define KANBAO_WRAP_H

#include <stdbool.h>
#include <stddef.h>

struct wrap_line {
	size_t	off;		/* byte offset of the line in the paragraph */
	size_t	len;		/* bytes, without the spaces dropped at the break */
	int	cells;		/* terminal cells of those bytes */
	int	indent;		/* cells of indent before the text */
};

struct wrapper {
	int			 ambiguous;	/* width of East Asian ambiguous: 1 or 2 */
	bool			 korean_word;	/* Korean breaks at spaces only */
	char			*brk;		/* scratch: break classes per byte */
	size_t			 brkcap;
	struct wrap_line	*lines;		/* result of the last wrap_paragraph() */
	size_t			 nlines;
	size_t			 linecap;
};

void	wrap_init(struct wrapper *, int ambiguous);
void	wrap_free(struct wrapper *);

/*
 * Lays s[0..n-1] out at `width` cells (>= 1); the first line is indented by
 * `indent` cells when that leaves room.  Results are in w->lines, valid
 * until the next call.  Returns the number of lines (0 for empty text), or
 * -1 when memory runs out.  A newline in s is a forced break.
 */
long	wrap_paragraph(struct wrapper *w, const char *s, size_t n, int width,
	    int indent);

/*
 * The break opportunities wrap_paragraph() uses, one per byte of s: a line
 * may start at byte i when it is UC_BREAK_POSSIBLE or UC_BREAK_MANDATORY
 * (libunistring's <unilbrk.h>).  Valid until the next call; NULL when
 * memory runs out.  For tests against Unicode's LineBreakTest.txt.
 */
const char	*wrap_breaks(struct wrapper *w, const char *s, size_t n);

#endif
