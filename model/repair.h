/*
 * repair: the text-level passes that undo conversion damage.  Each takes a
 * string and appends the repaired text to a buf; none drops content.
 */
#ifndef KANBAO_REPAIR_H
#define KANBAO_REPAIR_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

struct markup {
	int	hlevel;		/* number of leading '#', 0 if none */
	bool	kicker_mark;	/* led by » or › */
	bool	bold_lead;	/* began with **bold** */
	bool	image;		/* was an image alone: ![description](…) */
};

/*
 * Strips Markdown and HTML residue from one block: leading '#' levels and
 * '>' quote marks, **bold**, <sub>/<sup> and other ASCII-named tags,
 * <http://...> autolinks, [text](url) links, ![description](url) images
 * (the description stays), backslash escapes.
 */
void	repair_markup(const char *s, size_t n, struct buf *out, struct markup *);

/*
 * Turns half-width , : ; ( ) ? ! " and <...> into their full-width forms
 * where they stand in Chinese text; decimals, times, URLs and Latin text
 * keep theirs.
 */
void	repair_punct(const char *s, size_t n, struct buf *out);
/* Whether s holds a mark repair_punct() could change. */
bool	repair_punct_wanted(const char *s, size_t n);

/*
 * Removes the spaces a converter left between CJK characters and between
 * CJK and digits, when `damaged` (the issue shows that damage throughout)
 * or the paragraph itself has three or more; otherwise spaces are real
 * (本报讯 记者, 《中共中央 国务院…》) and stay.
 */
void	repair_spaces(const char *s, size_t n, struct buf *out, bool damaged);

/* Spaces between two CJK characters in s: the converter's damage count. */
size_t	repair_count_cjk_spaces(const char *s, size_t n);

/* Appends b to a, with a space between them unless CJK meets CJK. */
void	repair_join(struct buf *a, const char *b, size_t n);

/*
 * The length of the HTML tag at s[0] == '<' (<p>, </p>, <br/>,
 * <span style="…">), else 0: only HTML element names count.
 */
size_t	repair_tag(const char *s, size_t n);

#endif
