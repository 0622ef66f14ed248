/* layout: sections of header + columns, paginated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "layout.h"
#include "lexicon.h"
#include "pool.h"
#include "text.h"

#define MIN_COLUMN	10	/* narrowest column worth splitting into */

void
layout_init(struct layout *l)
{
	memset(l, 0, sizeof *l);
	l->lead = LAYOUT_NONE;
	wrap_init(&l->w, 1);
}

void
layout_free(struct layout *l)
{
	free(l->lines);
	free(l->placed);
	free(l->pages);
	wrap_free(&l->w);
	arena_free(l->gen);
	memset(l, 0, sizeof *l);
}

static void
push(struct layout *l, const struct lline *ln)
{
	if (l->nlines >= LAYOUT_NONE || !vec_grow(&l->lines, &l->linecap,
	    l->nlines, sizeof *l->lines)) {
		l->failed = true;
		return;
	}
	l->lines[l->nlines++] = *ln;
}

static void
blank(struct layout *l, size_t art)
{
	struct lline	ln = { 0 };

	if (l->nlines == 0 && l->lead == LAYOUT_NONE)
		l->lead = (uint32_t)art;	/* a part: see join() */
	if (l->nlines == 0 || l->lines[l->nlines - 1].style == LS_BLANK)
		return;
	ln.s = "";
	ln.style = LS_BLANK;
	ln.article = (uint32_t)art;
	ln.block = l->lines[l->nlines - 1].block;
	ln.off = l->lines[l->nlines - 1].off;
	push(l, &ln);
}

/* Wraps s[0..n-1] at width and appends its lines. */
static void
text(struct layout *l, const char *s, size_t n, int width, int indent,
    enum lstyle st, size_t art, size_t block)
{
	struct lline	 ln;
	long		 k, i;

	if (s == NULL)
		return;
	k = wrap_paragraph(&l->w, s, n, width, indent * 2);
	if (k < 0) {
		l->failed = true;
		return;
	}
	for (i = 0; i < k; i++) {
		const struct wrap_line	*w = &l->w.lines[i];

		memset(&ln, 0, sizeof ln);
		ln.s = s + w->off;
		ln.len = (uint32_t)w->len;	/* text ≤ ISSUE_TEXT_MAX */
		ln.cells = w->cells;
		ln.indent = (int16_t)(w->indent / 2);
		ln.style = (uint8_t)st;
		ln.head = st == LS_MAST || st == LS_BANNER || st == LS_KICKER ||
		    st == LS_HEADLINE || st == LS_DECK || st == LS_BYLINE;
		ln.article = (uint32_t)art;
		ln.block = (uint32_t)block;
		ln.off = (uint32_t)w->off;
		push(l, &ln);
	}
}

/*
 * Lines of generated text (label, text, separator, extra) from line
 * `first` on get offsets in the block's own terms, as a search or a
 * saved place counts them: the text from 0, the extra from the text's
 * length, the label and separator at the place after them.
 */
static void
reoffset(struct layout *l, size_t first, size_t label, size_t len,
    size_t sep)
{
	size_t	i, g;

	for (i = first; i < l->nlines; i++) {
		g = l->lines[i].off;
		if (g < label)
			g = 0;
		else if (g - label < len)
			g -= label;
		else if (g - label < len + sep)
			g = len;
		else
			g -= label + sep;
		l->lines[i].off = (uint32_t)g;
	}
}

/* Joins the pieces into text owned by the layout. */
static const char *
gen(struct layout *l, size_t *n, const char *a, const char *b, const char *c,
    const char *d)
{
	const char	*v[4] = { a, b, c, d };
	size_t		 len[4], total = 0, i;
	char		*p, *q;

	for (i = 0; i < 4; i++)
		total += len[i] = v[i] ? strlen(v[i]) : 0;
	if ((p = q = arena_alloc(l->gen, total + 1)) == NULL) {
		l->failed = true;
		*n = 0;
		return NULL;
	}
	for (i = 0; i < 4; i++) {
		memcpy(q, v[i] ? v[i] : "", len[i]);
		q += len[i];
	}
	*q = '\0';
	*n = total;
	return p;
}

static void
heading(struct layout *l, const char *s, int width, enum lstyle st,
    size_t art, const char *mark)
{
	size_t	n;

	if (s == NULL || *s == '\0')
		return;
	if (l->o.linear && mark != NULL)
		s = gen(l, &n, mark, " ", s, NULL);
	else
		n = strlen(s);
	text(l, s, n, width, 0, st, art, 0);
}

static void
place(struct layout *l, int row, int col, size_t line)
{
	if (!vec_grow(&l->placed, &l->placedcap, l->nplaced, sizeof *l->placed)) {
		l->failed = true;
		return;
	}
	l->placed[l->nplaced].row = row;
	l->placed[l->nplaced].col = col;
	l->placed[l->nplaced++].line = (uint32_t)line;
	if (l->npages > 0) {
		struct lpage	*p = &l->pages[l->npages - 1];

		p->n++;
		if (row + 1 > p->rows)
			p->rows = row + 1;
	}
}

static void
new_page(struct layout *l)
{
	if (!vec_grow(&l->pages, &l->pagecap, l->npages, sizeof *l->pages)) {
		l->failed = true;
		return;
	}
	l->pages[l->npages].first = l->nplaced;
	l->pages[l->npages].n = 0;
	l->pages[l->npages++].rows = 0;
}

/*
 * The row where columns end on a page starting with line i: the page's
 * bottom, or higher when the rest of the text fits, so that a short last
 * page has balanced columns as in a newspaper.
 */
/* Whether lines [i, be) fill columns of heights h[0..cols), as placed. */
static bool
fits(const struct layout *l, size_t i, size_t be, const int *h, int cols)
{
	int	c = 0, r = 0;

	for (; i < be; i++) {
		while (c < cols && r >= h[c]) {
			r = 0;
			c++;
		}
		if (c >= cols)
			return false;
		if (r == 0 && l->lines[i].style == LS_BLANK)
			continue;
		r++;
	}
	return true;
}

/*
 * The heights of the columns of a page starting with line i, into h: the
 * page's, or, where the rest of the text fits, as even as newspapers set
 * a last page -- 3, 2 and 2 lines, not 3, 3 and 1 (a widow) -- with the
 * blank lines skipped at column tops as paginate() skips them.
 */
static void
balanced(const struct layout *l, size_t i, size_t be, int top, int H,
    int cols, int *h)
{
	size_t	n = be - i, per, j;
	int	c;

	for (c = 0; c < cols; c++)
		h[c] = H - top;
	if (cols < 2 || n > (size_t)(H - top) * (size_t)cols)
		return;
	/* from the fewest rows the text lines alone could take */
	for (per = 0, j = i; j < be; j++)
		per += l->lines[j].style != LS_BLANK;
	for (per = per / (size_t)cols; top + (int)per <= H; per++) {
		/* the first columns a line longer, as many as it takes */
		int	longer;

		for (longer = 0; longer <= cols; longer++) {
			for (c = 0; c < cols; c++)
				h[c] = (int)per + (c < longer);
			if (h[0] > 0 && top + h[0] <= H && fits(l, i, be, h, cols))
				return;
		}
	}
	for (c = 0; c < cols; c++)
		h[c] = H - top;
}

/* Places header lines [hs, he) and body lines [bs, be) on new pages. */
static void
paginate(struct layout *l, size_t hs, size_t he, size_t bs, size_t be)
{
	int	H = l->o.height, cols = l->o.columns, step, row = 0, top, c, r;
	int	h[LAYOUT_MAX_COLUMNS];
	size_t	i, n, per;

	step = l->colwidth + l->o.gutter;
	while (bs < be && l->lines[bs].style == LS_BLANK)
		bs++;
	while (be > bs && l->lines[be - 1].style == LS_BLANK)
		be--;
	if (hs == he && bs == be)
		return;
	new_page(l);
	for (i = hs; i < he; i++) {
		if (H > 0 && row >= H) {
			new_page(l);
			row = 0;
		}
		place(l, row++, 0, i);
	}
	if (he > hs && bs < be)
		row++;
	if (H > 0 && row > 0 && H - row < 2) {
		new_page(l);
		row = 0;
	}
	top = row;
	if (H == 0) {
		n = be - bs;
		per = cols > 1 ? (n + (size_t)cols - 1) / (size_t)cols : n;
		if (per == 0)
			per = 1;
		for (c = 0, i = bs; c < cols && i < be; c++) {
			size_t	k = 0;

			while (i < be && l->lines[i].style == LS_BLANK && c > 0)
				i++;
			for (; k < per && i < be; k++, i++)
				place(l, top + (int)k, c * step, i);
		}
		/* anything left from skipped blanks goes below the last column */
		for (r = top + (int)per; i < be; i++)
			place(l, r++, (cols - 1) * step, i);
		return;
	}
	c = 0;
	r = top;
	balanced(l, bs, be, top, H, cols, h);
	for (i = bs; i < be; i++) {
		while (r >= top + h[c]) {
			r = top;
			if (++c >= cols) {
				new_page(l);
				c = 0;
				r = top = 0;
				balanced(l, i, be, top, H, cols, h);
			}
		}
		if (r == top && l->lines[i].style == LS_BLANK)
			continue;
		place(l, r++, c * step, i);
	}
}

/*
 * The masthead: its lines as printed, or in linear mode as the front page
 * says it -- the title, the romanized name, the fields on one line.
 */
static void
masthead(struct layout *l, const struct issue *is, size_t ai)
{
	char		 line[512];
	const char	*s;
	size_t		 i, n;

	if (!l->o.linear) {
		for (i = 0; i < is->nmast; i++)
			text(l, is->mast[i].text, is->mast[i].len, l->o.width, 0,
			    LS_MAST, ai, 0);
		return;
	}
	if (is->nmast == 0 && is->title == NULL)
		return;
	if (is->title != NULL)
		text(l, is->title, strlen(is->title), l->o.width, 0, LS_MAST,
		    ai, 0);
	if (is->romanized != NULL)
		text(l, is->romanized, strlen(is->romanized), l->o.width, 0,
		    LS_MAST, ai, 0);
	issue_date_line(is, NULL, line, sizeof line);
	if (line[0] != '\0' && (s = gen(l, &n, line, NULL, NULL, NULL)) != NULL)
		text(l, s, n, l->o.width, 0, LS_MAST, ai, 0);
}

static void
article(struct layout *l, const struct issue *is, size_t ai,
    const struct block *const *banners, size_t nban, bool mast)
{
	const struct article	*a = &is->articles[ai];
	const struct block	*b;
	size_t			 hs = l->nlines, he, bs, i, n, first;
	int			 W = l->o.width, cw = l->colwidth;
	const char		*s, *sep;
	char			 label[32];

	snprintf(label, sizeof label, "%s ", lexicon_photo_label(is->profile));
	if (mast) {
		masthead(l, is, ai);
		if (is->nmast > 0)
			blank(l, ai);
	}
	for (i = 0; i < nban; i++)
		text(l, banners[i]->text, banners[i]->len, W, 0, LS_BANNER, ai, 0);
	heading(l, a->kicker, W, LS_KICKER, ai, NULL);
	if (!a->guessed || l->o.guessed)
		heading(l, a->headline, W, LS_HEADLINE, ai, "==");
	heading(l, a->deck, W, LS_DECK, ai, NULL);
	if (!a->byline_inline)
		heading(l, a->byline, W, LS_BYLINE, ai, NULL);
	he = bs = l->nlines;
	for (i = 0; i < a->nblocks; i++) {
		b = &a->blocks[i];
		blank(l, ai);
		switch (b->kind) {
		case BLOCK_PARA:
			text(l, b->text, b->len, cw, l->o.indent, LS_TEXT, ai, i);
			break;
		case BLOCK_SUBHEAD:
		case BLOCK_SECTION:
			s = b->text;
			n = b->len;
			if (l->o.linear)
				s = gen(l, &n, "-- ", b->text, NULL, NULL);
			first = l->nlines;
			text(l, s, n, cw, 0, b->kind == BLOCK_SUBHEAD ?
			    LS_SUBHEAD : LS_SECTION, ai, i);
			if (l->o.linear)
				reoffset(l, first, strlen("-- "), b->len, 0);
			break;
		case BLOCK_PHOTO:
			/* the script's label: [图], [写真], [사진] */
			sep = b->extra != NULL && b->len > 0 ?
			    " " PU_EM_DASH " " : "";
			s = gen(l, &n, label, b->text, sep, b->extra);
			first = l->nlines;
			text(l, s, n, cw, 0, LS_PHOTO, ai, i);
			reoffset(l, first, strlen(label), b->len, strlen(sep));
			break;
		case BLOCK_NOTE:
			text(l, b->text, b->len, cw, 0, LS_NOTE, ai, i);
			break;
		case BLOCK_CONT:
			text(l, b->text, b->len, cw, 0, LS_CONT, ai, i);
			break;
		default:
			text(l, b->text, b->len, cw, 0, LS_TEXT, ai, i);
			break;
		}
	}
	paginate(l, hs, he, bs, l->nlines);
	/* a blank line between sections when pages are unbounded */
	if (l->o.height == 0)
		blank(l, ai);
}

/*
 * Lays out the articles of items [i0, i1) that are in [first, first+count),
 * with the masthead before the first when mast, and after the last any
 * banners or masthead left over when tail.
 */
static void
items(struct layout *l, const struct issue *is, size_t first, size_t count,
    size_t i0, size_t i1, bool mast, bool tail)
{
	const struct block	**ban;
	size_t			  nban = 0, i, ai;

	if ((ban = calloc(i1 - i0 + 1, sizeof *ban)) == NULL) {
		l->failed = true;
		return;
	}
	for (i = i0; i < i1; i++) {
		if (is->items[i].banner != NULL) {
			if (l->o.banners)
				ban[nban++] = is->items[i].banner;
			continue;
		}
		ai = (size_t)(is->items[i].article - is->articles);
		if (ai < first || ai >= first + count) {
			nban = 0;
			continue;
		}
		article(l, is, ai, ban, nban, mast);
		mast = false;
		nban = 0;
	}
	/* banners or a masthead with no article after them */
	if (tail && (nban > 0 || (mast && is->nmast > 0)) && first + count >=
	    is->narticles) {
		size_t	hs = l->nlines;

		if (mast)
			masthead(l, is, (size_t)-1);
		for (i = 0; i < nban; i++)
			text(l, ban[i]->text, ban[i]->len, l->o.width, 0,
			    LS_BANNER, (size_t)-1, 0);
		paginate(l, hs, l->nlines, l->nlines, l->nlines);
	}
	free(ban);
}

/* A run of items laid out on its own, to be joined after the others. */
struct part {
	const struct issue	*is;
	size_t			 first, count, i0, i1;
	bool			 mast, tail;
	struct layout		 l;
};

static void
part_run(void *arg, size_t k)
{
	struct part	*pt = (struct part *)arg + k;

	if ((pt->l.gen = arena_new()) == NULL) {
		pt->l.failed = true;
		return;
	}
	items(&pt->l, pt->is, pt->first, pt->count, pt->i0, pt->i1, pt->mast,
	    pt->tail);
}

/* Makes *v, holding *cap elements of size sz, hold n. */
static bool
reserve(void *vp, size_t *cap, size_t n, size_t sz)
{
	void	**v = vp;
	void	 *p;

	if (n <= *cap)
		return true;
	if ((p = realloc(*v, n * sz)) == NULL)
		return false;
	*v = p;
	*cap = n;
	return true;
}

/*
 * Adds part pt's layout to l's (which has room for it), as if l had gone
 * on: the blank line the part could not make at its start, blank() making
 * none at a layout's start, comes first when the line before is not blank.
 */
static void
join(struct layout *l, struct layout *q)
{
	size_t		 i;
	struct lline	*ln;

	if (q->lead != LAYOUT_NONE && l->nlines > 0 &&
	    l->lines[l->nlines - 1].style != LS_BLANK) {
		ln = &l->lines[l->nlines];
		*ln = l->lines[l->nlines - 1];
		ln->s = "";
		ln->len = 0;
		ln->cells = 0;
		ln->indent = 0;
		ln->style = LS_BLANK;
		ln->head = false;
		ln->article = q->lead;
		l->nlines++;
	}
	memcpy(l->lines + l->nlines, q->lines, q->nlines * sizeof *q->lines);
	memcpy(l->placed + l->nplaced, q->placed, q->nplaced *
	    sizeof *q->placed);
	memcpy(l->pages + l->npages, q->pages, q->npages * sizeof *q->pages);
	for (i = l->nplaced; i < l->nplaced + q->nplaced; i++)
		l->placed[i].line += (uint32_t)l->nlines;
	for (i = l->npages; i < l->npages + q->npages; i++)
		l->pages[i].first += l->nplaced;
	l->nlines += q->nlines;
	l->nplaced += q->nplaced;
	l->npages += q->npages;
}

/* The text of article a in bytes, what laying it out takes time after. */
static size_t
article_bytes(const struct article *a)
{
	size_t	n = 64, k;

	for (k = 0; k < a->nblocks; k++)
		n += a->blocks[k].len;
	return n;
}

/*
 * Lays out a large issue in parts on all processors: runs of items that
 * begin with an article (banners stay with the article after them), about
 * as long each, joined in order.  False when it is too small for that.
 */
static bool
in_parts(struct layout *l, const struct issue *is, size_t first,
    size_t count)
{
	const struct article	*a;
	struct part		*pt;
	size_t			 total = 0, done, want, i, np = 0, k, start;
	size_t			 nl, npl, npg;
	bool			 some = false;

	for (i = 0; i < is->nitems; i++)
		if ((a = is->items[i].article) != NULL &&
		    (size_t)(a - is->articles) - first < count)
			total += article_bytes(a);
	if ((want = pool_parts(total, l->o.parallel)) == 0)
		return false;
	if ((pt = calloc(want + 1, sizeof *pt)) == NULL) {
		l->failed = true;
		return true;	/* out of memory: no second try */
	}
	for (i = 0, start = 0, done = 0; i < is->nitems; i++) {
		if ((a = is->items[i].article) == NULL ||
		    (size_t)(a - is->articles) - first >= count)
			continue;
		/* a part ends before an article once it has its share */
		if (some && pool_part_ends(done, total, np, want) &&
		    is->items[i - 1].banner == NULL) {
			pt[np].i0 = start;
			pt[np++].i1 = start = i;
		}
		done += article_bytes(a);
		some = true;
	}
	pt[np].i0 = start;
	pt[np++].i1 = is->nitems;
	if (np < 2) {
		/* one long article: nothing to share out */
		free(pt);
		return false;
	}
	for (k = 0; k < np; k++) {
		layout_init(&pt[k].l);
		pt[k].l.o = l->o;
		pt[k].l.colwidth = l->colwidth;
		pt[k].l.w.ambiguous = l->w.ambiguous;
		pt[k].l.w.korean_word = l->w.korean_word;
		pt[k].is = is;
		pt[k].first = first;
		pt[k].count = count;
		pt[k].mast = k == 0 && l->o.masthead;
		pt[k].tail = k + 1 == np;
	}
	pool_split(np, part_run, pt);
	for (k = 0, nl = np, npl = 0, npg = 0; k < np; k++) {
		nl += pt[k].l.nlines;
		npl += pt[k].l.nplaced;
		npg += pt[k].l.npages;
		arena_adopt(l->gen, pt[k].l.gen);
		pt[k].l.gen = NULL;
		l->failed |= pt[k].l.failed;
	}
	if (nl >= LAYOUT_NONE ||
	    !reserve(&l->lines, &l->linecap, nl, sizeof *l->lines) ||
	    !reserve(&l->placed, &l->placedcap, npl, sizeof *l->placed) ||
	    !reserve(&l->pages, &l->pagecap, npg, sizeof *l->pages))
		l->failed = true;
	for (k = 0; k < np; k++) {
		if (!l->failed)
			join(l, &pt[k].l);
		layout_free(&pt[k].l);
	}
	free(pt);
	return true;
}

bool
layout_issue(struct layout *l, const struct issue *is,
    const struct layout_opts *o, size_t first, size_t count)
{
	int	cols;

	l->nlines = l->nplaced = l->npages = 0;
	l->lead = LAYOUT_NONE;
	l->failed = false;
	arena_free(l->gen);
	if ((l->gen = arena_new()) == NULL)
		return false;
	l->o = *o;
	if (l->o.width < 1)
		l->o.width = 1;
	if (l->o.height < 0)
		l->o.height = 0;
	if (l->o.gutter < 1)
		l->o.gutter = 2;
	cols = l->o.linear || l->o.columns < 1 ? 1 : l->o.columns;
	if (cols > LAYOUT_MAX_COLUMNS)
		cols = LAYOUT_MAX_COLUMNS;
	while (cols > 1 && (l->o.width - l->o.gutter * (cols - 1)) / cols <
	    MIN_COLUMN)
		cols--;
	l->o.columns = cols;
	l->colwidth = (l->o.width - l->o.gutter * (cols - 1)) / cols;
	if (l->colwidth < 1)
		l->colwidth = 1;
	l->w.ambiguous = o->ambiguous == 2 ? 2 : 1;
	l->w.korean_word = !o->korean_syllable;

	if (!in_parts(l, is, first, count))
		items(l, is, first, count, 0, is->nitems, o->masthead, true);
	return !l->failed;
}

size_t
layout_find(const struct layout *l, size_t art, size_t block, size_t off)
{
	size_t			 p, i;
	const struct lline	*ln;

	for (p = 0; p < l->npages; p++)
		for (i = 0; i < l->pages[p].n; i++) {
			ln = &l->lines[l->placed[l->pages[p].first + i].line];
			if (ln->article == LAYOUT_NONE || ln->style == LS_BLANK ||
			    ln->head)
				continue;
			if (ln->article > art || (ln->article == art &&
			    (ln->block > block || (ln->block == block &&
			    layout_line_end(l, ln) > off))))
				return p;
		}
	return l->npages > 0 ? l->npages - 1 : 0;
}

bool
layout_page_rows(const struct layout *l, size_t p, size_t *order)
{
	const struct lpage	*pg = &l->pages[p];
	const struct placed	*v = &l->placed[pg->first];
	size_t			*start, i;
	int			 r;
	bool			 sorted = true;

	/* one column: its lines are placed in row order already */
	for (i = 1; i < pg->n && sorted; i++)
		sorted = v[i].row > v[i - 1].row || (v[i].row == v[i - 1].row &&
		    v[i].col >= v[i - 1].col);
	if (sorted) {
		for (i = 0; i < pg->n; i++)
			order[i] = pg->first + i;
		return true;
	}
	/*
	 * Else counted out by row (columns come one by one, so within a
	 * row the lines stand left to right already): stable, linear.
	 */
	if ((start = calloc((size_t)pg->rows + 2, sizeof *start)) == NULL)
		return false;
	for (i = 0; i < pg->n; i++)
		start[v[i].row + 2]++;
	for (r = 0; r < pg->rows; r++)
		start[r + 2] += start[r + 1];
	for (i = 0; i < pg->n; i++)
		order[start[v[i].row + 1]++] = pg->first + i;
	free(start);
	return true;
}

/*
 * Where a line's part of its block ends, in the block's terms: where
 * the next line of the block starts (the break's space is this line's),
 * or the block's end.  Generated labels make a line longer than its
 * part, so len alone cannot say.
 */
size_t
layout_line_end(const struct layout *l, const struct lline *ln)
{
	size_t			 i = (size_t)(ln - l->lines);
	const struct lline	*nx = i + 1 < l->nlines ? ln + 1 : NULL;

	if (nx != NULL && nx->article == ln->article &&
	    nx->block == ln->block && nx->style == ln->style && !nx->head)
		return nx->off;
	return SIZE_MAX;
}

const struct lline *
layout_page_anchor(const struct layout *l, size_t p)
{
	size_t	i;

	if (p >= l->npages)
		return NULL;
	for (i = 0; i < l->pages[p].n; i++) {
		const struct lline	*ln =
		    &l->lines[l->placed[l->pages[p].first + i].line];

		if (ln->style != LS_BLANK && ln->article != LAYOUT_NONE)
			return ln;
	}
	return NULL;
}
