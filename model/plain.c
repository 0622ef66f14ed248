/*
 * plain: the plain-text front-end, which splits the text into blocks at
 * blank lines (or lines, when the converter put one paragraph on each)
 * and strips their markup.  The passes after it are in classify.c,
 * assemble.c, heads.c and finish.c (see parse.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "parse.h"
#include "pool.h"
#include "text.h"

static bool
blank_line(const char *s, size_t n)
{
	size_t	i = 0;

	while (i < n) {
		if (s[i] == ' ')
			i++;
		else if (str_starts(s + i, n - i, PU_IDEO_SPACE))
			i += 3;
		else
			return false;
	}
	return true;
}

/*
 * Whether a line opens a block of its own even without a blank line
 * before it, as in Markdown: a heading (## …) or a list item (1. …, - …).
 */
static bool
opens_block(const char *s, size_t n)
{
	size_t	i = 0, k;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	for (k = i; k < n && k - i < 6 && s[k] == '#'; k++)
		;
	if (k > i && k < n && s[k] == ' ')
		return true;
	for (k = i; k < n && k - i < 2 && s[k] >= '0' && s[k] <= '9'; k++)
		;
	if (k > i && k + 1 < n && s[k] == '.' && s[k + 1] == ' ')
		return true;
	return i + 2 < n && (s[i] == '-' || s[i] == '*' || s[i] == '+') &&
	    s[i + 1] == ' ' && s[i + 2] != ' ' && s[i + 2] != s[i];
}

/*
 * The lines of the block that starts at t[i], up to a blank line, a line
 * that opens a block of its own, or with lines, its own end: appended to
 * joined (when not NULL) as one paragraph.  Returns where the block ends.
 */
static size_t
block_lines(const char *t, size_t n, size_t i, bool lines, struct buf *joined)
{
	size_t	e = text_line_end(t, n, i), next, a, b;
	bool	hard = false;

	for (;;) {
		if (joined != NULL) {
			a = i;
			b = e;
			while (a < b && t[a] == ' ')
				a++;
			while (b > a && t[b - 1] == ' ')
				b--;
			/* a Markdown hard break ("  " at the end): a real space */
			if (hard && joined->len > 0)
				buf_addc(joined, ' ');
			hard = e - b >= 2 && t[e - 1] == ' ' && t[e - 2] == ' ';
			repair_join(joined, t + a, b - a);
		}
		next = e < n ? e + 1 : n;
		if (lines || next >= n)
			return next;
		e = text_line_end(t, n, next);
		if (blank_line(t + next, e - next))
			return next;	/* the caller counts it */
		if (opens_block(t + next, e - next))
			return next;
		i = next;
	}
}

/* What makes a raw block's text, one set a processor. */
struct filler {
	struct parser	*p;
	struct arena	*a;		/* the texts */
	struct buf	 joined, clean;
	size_t		 r0, r1;	/* the raw blocks filled */
	size_t		 markup;	/* blocks that lost markup */
	bool		 lines;
	bool		 failed;
};

/* Makes the text of raw block r, whose lines start at r->src. */
static void
fill(struct filler *f, struct raw *r)
{
	const char	*t = f->p->is->text;
	struct buf	*joined = &f->joined, *clean = &f->clean;
	struct markup	 mk;

	joined->len = clean->len = 0;
	block_lines(t, f->p->is->textlen, r->src, f->lines, joined);
	repair_markup(joined->p ? joined->p : "", joined->len, clean, &mk);
	r->hlevel = (uint8_t)mk.hlevel;	/* 6 at most */
	r->kicker_mark = mk.kicker_mark;
	r->bold_lead = mk.bold_lead;
	r->image = mk.image;
	if (clean->failed || joined->failed) {
		f->failed = true;
		return;
	}
	if (clean->len < joined->len && joined->p != NULL &&
	    (strstr(joined->p, "**") != NULL || strchr(joined->p, '<') ||
	    strstr(joined->p, "](") != NULL || strchr(joined->p, '\\')))
		f->markup++;
	r->text = arena_strndup(f->a, clean->p ? clean->p : "", clean->len);
	if (r->text == NULL) {
		f->failed = true;
		return;
	}
	r->len = (uint32_t)clean->len;	/* text ≤ ISSUE_TEXT_MAX */
	r->chars = (uint32_t)u8_count(r->text, r->len);
	r->by = (uint32_t)line_byline(f->p->lx, r->text, r->len);
}

static void
fill_run(void *arg, size_t k)
{
	struct filler	*f = (struct filler *)arg + k;
	size_t		 i;

	for (i = f->r0; i < f->r1 && !f->failed; i++)
		fill(f, &f->p->raw[i]);
}

/*
 * Fills the raw blocks, in parts on all processors when the text is
 * large: runs of blocks about as long, each with its own memory.
 */
static bool
fill_all(struct parser *p, bool lines)
{
	struct filler	 one = { 0 }, *f = &one;
	size_t		 n = p->is->textlen, want = 0, np = 0, i, k;
	size_t		 start = 0;
	bool		 ok = true;

	if (p->nraw >= 2 && (want = pool_parts(n, p->opts->parallel)) > 0 &&
	    (f = calloc(want, sizeof *f)) == NULL)
		return false;
	/* block i ends where block i + 1 starts */
	for (i = 1; i < p->nraw && np + 1 < want; i++)
		if (pool_part_ends(p->raw[i].src, n, np, want)) {
			f[np].r0 = start;
			f[np++].r1 = start = i;
		}
	f[np].r0 = start;
	f[np++].r1 = p->nraw;
	for (k = 0; k < np; k++) {
		f[k].p = p;
		f[k].lines = lines;
		if ((f[k].a = k == 0 ? p->tmp : arena_new()) == NULL)
			ok = false;
	}
	/* the texts take no more than their lines and a string's slack */
	for (k = 0; k < np && np > 1 && ok; k++)
		ok = arena_reserve(f[k].a, (f[k].r1 < p->nraw ?
		    p->raw[f[k].r1].src : n) - p->raw[f[k].r0].src +
		    (f[k].r1 - f[k].r0) * 2);
	if (ok && np > 1)
		pool_split(np, fill_run, f);
	else if (ok)
		fill_run(f, 0);
	for (k = 0; k < np; k++) {
		if (k > 0)
			arena_adopt(p->tmp, f[k].a);
		p->is->damage.markup += f[k].markup;
		ok &= !f[k].failed;
		buf_free(&f[k].joined);
		buf_free(&f[k].clean);
	}
	if (f != &one)
		free(f);
	return ok;
}

/* Splits the text into blocks at blank lines and strips their markup. */
bool
plain_split(struct parser *p)
{
	const char	*t = p->is->text;
	size_t		 n = p->is->textlen, i = 0, e, cap = 0;
	size_t		 nblank = 0, nfull = 0;
	int		 blanks = 0;
	struct raw	*r;
	bool		 lines;

	/*
	 * Most converters separate paragraphs by blank lines; some put one
	 * paragraph on each line and no blank line at all.
	 */
	for (i = 0; i < n; i = e + 1) {
		e = text_line_end(t, n, i);
		if (blank_line(t + i, e - i))
			nblank++;
		else
			nfull++;
	}
	lines = p->opts->lines || (nfull > 10 && nblank * 10 < nfull);
	/* where the blocks are, then what they say */
	i = 0;
	while (i < n) {
		e = text_line_end(t, n, i);
		if (blank_line(t + i, e - i)) {
			blanks++;
			i = e + 1;
			continue;
		}
		if (!vec_grow(&p->raw, &cap, p->nraw, sizeof *p->raw))
			return false;
		r = &p->raw[p->nraw++];
		memset(r, 0, sizeof *r);
		r->src = i;
		r->gap = lines ? blanks : blanks > 1 ? blanks - 1 : 0;
		blanks = 0;
		i = block_lines(t, n, i, lines, NULL);
	}
	if (!fill_all(p, lines))
		return false;
	if (p->is->format == NULL) {
		bool	md = p->is->damage.markup > 0;

		for (i = 0; i < p->nraw && !md; i++)
			md = p->raw[i].hlevel > 0;
		p->is->format = md ? (lines ? "markdown, a paragraph a line" :
		    "markdown") : lines ? "text, a paragraph a line" : "text";
	}
	return true;
}
