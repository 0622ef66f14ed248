/*
 * layout: lays an issue's articles out into pages of N columns for a
 * W x H screen (or an unbounded one), the same for the reader and --dump.
 *
 * A section is an article: its header (kicker, headline, deck, byline)
 * across the full width, then its body flowing down column after column,
 * page after page.  Masthead lines and banners go into the header of the
 * section that follows them.  Every line remembers the block and byte
 * offset it starts at, so a reading position survives any re-layout.
 */
#ifndef KANBAO_LAYOUT_H
#define KANBAO_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "issue.h"
#include "wrap.h"

enum lstyle {
	LS_BLANK, LS_TEXT, LS_MAST, LS_BANNER, LS_KICKER, LS_HEADLINE,
	LS_DECK, LS_BYLINE, LS_SUBHEAD, LS_SECTION, LS_NOTE, LS_PHOTO, LS_CONT
};

#define LAYOUT_NONE	UINT32_MAX	/* a line of no article */

/*
 * One line of the layout: 32 bytes, as there are many (a 4 GiB cap on
 * lines, articles, blocks and block sizes: a file is at most 1 GiB).
 */
struct lline {
	const char	*s;		/* text, not NUL-terminated */
	uint32_t	 article;	/* index in the issue, or LAYOUT_NONE */
	uint32_t	 block;		/* index in the article's blocks */
	uint32_t	 len;
	uint32_t	 off;		/* byte offset of s in the block text */
	int32_t		 cells;		/* width of s */
	int16_t		 indent;	/* ideographic spaces before s */
	uint8_t		 style;		/* enum lstyle */
	bool		 head;		/* masthead, banner or article header */
};

#define LAYOUT_MAX_COLUMNS	16	/* more are set as this many */

struct placed {
	int		 row, col;	/* cell position on the page */
	uint32_t	 line;		/* index in layout.lines */
};

struct lpage {
	size_t		 first, n;	/* range in layout.placed */
	int		 rows;		/* rows used */
};

struct layout_opts {
	int	width;		/* cells, >= 1 */
	int	height;		/* rows per page; 0: one unbounded page per section */
	int	columns;	/* >= 1; fewer when the width is too narrow */
	int	gutter;		/* cells between columns */
	int	indent;		/* ideographic spaces before a body paragraph */
	int	ambiguous;	/* 1 or 2 */
	bool	linear;		/* one column, headings marked with == and -- */
	bool	guessed;	/* show headlines made from the first words */
	bool	masthead;	/* lay out the masthead before the first article */
	bool	banners;	/* lay out banners before the article they precede */
	bool	korean_syllable; /* Korean lines may break inside words */
	/*
	 * Bytes of text from which the articles are laid out in parts, one
	 * processor a part, and joined (0: POOL_PARALLEL; the result is the same).
	 */
	size_t	parallel;
};

struct layout {
	struct layout_opts	 o;
	int			 colwidth;
	struct lline		*lines;
	size_t			 nlines, linecap;
	struct placed		*placed;
	size_t			 nplaced, placedcap;
	struct lpage		*pages;
	size_t			 npages, pagecap;
	struct wrapper		 w;
	struct arena		*gen;		/* text made here: [图] ... */
	uint32_t		 lead;		/* article of a blank line not
						   made, there being no line
						   before it, or LAYOUT_NONE */
	bool			 failed;
};

void	layout_init(struct layout *);
void	layout_free(struct layout *);

/*
 * Lays out the whole issue (first == 0, count == narticles) or the articles
 * [first, first+count) of it, replacing what l held.  Returns false when
 * memory runs out.
 */
bool	layout_issue(struct layout *, const struct issue *,
	    const struct layout_opts *, size_t first, size_t count);

/* The page holding the first line at or after (article, block, off). */
size_t	layout_find(const struct layout *, size_t article, size_t block,
	    size_t off);

/* The line at the top of the first column of page p, or NULL. */
size_t	layout_line_end(const struct layout *, const struct lline *);
/*
 * Page p's placed lines in the order a screen or a text dump shows them:
 * row by row, left to right -- indexes into l->placed, into order (room
 * for the page's n).  False when out of memory.
 */
bool	layout_page_rows(const struct layout *, size_t p, size_t *order);
const struct lline *layout_page_anchor(const struct layout *, size_t p);

#endif
