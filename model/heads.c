/*
 * heads: which runs of title-like lines open an article, and their roles
 * (banners, kicker, headline, deck).
 */
#include <string.h>

#include "arena.h"
#include "parse.h"

#define LEN_CLAUSE	12	/* each half of "headline deck" on one line
				   split at a space: a clause at least */
#define LEN_LABEL	4	/* a label over a heading (社论, 专栏) */
#define LEN_DECK	20	/* a deck without a dash: long, and half as
				   long again as the line above it */
#define LEN_KICKER	10	/* a kicker above a headline: a few words */

/* Whether the run of title-like blocks [i, j) opens an article. */
bool
heads_opens(struct parser *p, size_t i, size_t j, bool strong)
{
	struct raw	*r;
	size_t		 k;
	bool		 photo = false;

	if (p->opts->one_article && p->nart > 0)
		return false;
	for (k = i; k < j; k++)
		if (p->raw[k].hlevel == 1 || p->raw[k].hlevel == 2 ||
		    p->raw[k].kicker_mark)
			return true;
	/* where stories are marked headings, an unmarked line is text */
	if (p->outline)
		return false;
	k = raw_next(p, j);
	while (k < p->nraw && (p->raw[k].kind == R_CAPTION ||
	    p->raw[k].kind == R_CREDIT)) {
		photo = true;
		k = raw_next(p, k + 1);
	}
	if (k >= p->nraw)
		return photo;
	r = &p->raw[k];
	switch (r->kind) {
	case R_BYLINE:
	case R_SIGN:
	case R_SECTION:
		return true;
	case R_BODY:
		if (r->by > 0)
			return true;
		if (strong)
			return false;
		if (p->nart == 0 || p->raw[i].gap > 0)
			return true;
		/*
		 * Where no blank lines set stories apart, a title over a
		 * text and a photo is a photo story of its own.
		 */
		if (p->gapless && !p->raw[i].hlevel) {
			size_t	n = raw_next(p, k + 1);

			if (n < p->nraw && (p->raw[n].kind == R_CAPTION ||
			    p->raw[n].kind == R_CREDIT))
				return true;
		}
		/* kicker and headline, not a subhead and a broken line */
		return j - i >= 2 &&
		    !text_has(p->raw[j - 1].text, p->raw[j - 1].len,
		    PU_LIST_COMMA) &&
		    !text_has(p->raw[j - 1].text, p->raw[j - 1].len, PU_COMMA);
	case R_TITLE:
		return photo;
	default:
		return photo || (!strong && p->raw[i].gap > 0 && j - i >= 2);
	}
}

static bool
deck_marked(const struct raw *r)
{
	return str_starts(r->text, r->len, PU_EM_DASH) ||
	    str_starts(r->text, r->len, PU_FW_HYPHEN PU_FW_HYPHEN) ||
	    str_starts(r->text, r->len, "--");
}

const char *
parse_dup_punct(struct parser *p, const char *s, size_t n)
{
	struct buf	b = { 0 };
	const char	*r;

	if (p->opts->keep_punct)
		return arena_strndup(p->a, s, n);
	repair_punct(s, n, &b);
	r = b.failed ? NULL : arena_strndup(p->a, b.p ? b.p : "", b.len);
	if (b.failed)
		p->failed = true;
	buf_free(&b);
	return r;
}

/*
 * Splits "headline deck" given on one line: at " ——", or at a space when
 * both sides are long (a two-line headline keeps its space).
 */
static void
split_deck(struct parser *p, struct bart *a, const char *s, size_t n)
{
	size_t	i, best = 0;
	int	depth = 0;	/* inside 【…】, 《…》, （…）, “…” */

	for (i = 0; i + 1 < n && !p->outline; i++) {
		unsigned char	b = (unsigned char)s[i];

		/* the brackets' first bytes are E2, E3 or EF */
		if (b != 0xe2 && b != 0xe3 && b != 0xef)
			;
		else if (str_starts(s + i, n - i, PU_LLENTIL) || str_starts(s + i, n - i,
		    PU_LBOOK) || str_starts(s + i, n - i, PU_LPAREN) ||
		    str_starts(s + i, n - i, PU_LQUOTE))
			depth++;
		else if (depth > 0 && (str_starts(s + i, n - i, PU_RLENTIL) ||
		    str_starts(s + i, n - i, PU_RBOOK) || str_starts(s + i, n - i,
		    PU_RPAREN) || str_starts(s + i, n - i, PU_RQUOTE)))
			depth--;
		if (i == 0 || s[i] != ' ' || depth > 0)
			continue;
		if (str_starts(s + i + 1, n - i - 1, PU_EM_DASH) ||
		    str_starts(s + i + 1, n - i - 1, PU_FW_HYPHEN PU_FW_HYPHEN)) {
			best = i;
			break;
		}
		if (best == 0 && u8_count(s, i) >= LEN_CLAUSE &&
		    u8_count(s + i + 1, n - i - 1) >= LEN_CLAUSE &&
		    text_is_cjk(u8_last(s, i)) &&
		    text_is_cjk(u8_first(s + i + 1, n - i - 1)))
			best = i;
	}
	if (best == 0) {
		a->a.headline = parse_dup_punct(p, s, n);
		return;
	}
	a->a.headline = parse_dup_punct(p, s, best);
	a->a.deck = parse_dup_punct(p, s + best + 1, n - best - 1);
}

/*
 * Whether a title line cannot end there: it stops on a particle,
 * preposition or conjunction, or an opening bracket or quote -- the first
 * half of a headline the converter split, not a kicker.  (A line ending
 * in a comma is not a title line at all: see is_title.)
 */
static bool
title_continues(const struct lexicon *lx, const struct raw *r)
{
	return r->len > 0 && lex_in(u8_last(r->text, r->len), lx->joiners);
}

/*
 * A series line held for the article after it: the kicker, or a banner
 * when the article has one.
 */
void
heads_series(struct parser *p, struct bart *a)
{
	const struct raw	*r = p->series;

	if (r == NULL)
		return;
	p->series = NULL;
	/* the series line whole, its label too: 系列：走进… */
	if (a != NULL && a->a.kicker == NULL && a->nbody == 0)
		a->a.kicker = parse_dup_punct(p, r->text, r->len);
	else if (a != NULL)
		art_block(p, a, BLOCK_PARA, r->text, r->len, r->src);
	else
		art_banner(p, r);
}

/*
 * Where the headline of the title-like run [i, j) is, *level the level of
 * its marks (0: none) and *lines the lines it takes.
 */
static size_t
headline_at(struct parser *p, size_t i, size_t j, int *level, size_t *lines)
{
	const struct raw	*r = p->raw;
	size_t			 h, k;

	*level = 0;
	*lines = 1;
	for (k = i; k < j; k++)
		if ((r[k].hlevel == 1 || r[k].hlevel == 2) &&
		    !deck_marked(&r[k]) && (*level == 0 || r[k].hlevel < *level))
			*level = r[k].hlevel;
	if (*level > 0) {
		for (h = i; r[h].hlevel != *level || deck_marked(&r[h]); h++)
			;
		/*
		 * A column's name over a longer title (## 短评, ### 让…):
		 * the name is the kicker, the title the headline.
		 */
		if (h + 1 < j && r[h].chars <= LEN_LABEL &&
		    r[h + 1].hlevel > *level &&
		    !deck_marked(&r[h + 1]) && r[h + 1].chars > r[h].chars &&
		    (h == i || r[h - 1].hlevel != *level)) {
			h++;
			*level = r[h].hlevel;
		}
		/*
		 * Stacked headings of one level: a slogan or campaign line
		 * over the headline is its kicker (引题), unless it cannot
		 * end there (one headline the converter split).
		 */
		else if (h == i && h + 1 < j && r[h + 1].hlevel == *level &&
		    !deck_marked(&r[h + 1]) && !title_continues(p->lx, &r[h]))
			h++;
		return h;
	}
	/* the headline stands last, before any deck ... */
	h = j - 1;
	while (h > i && deck_marked(&r[h]))
		h--;
	/* ... unless the last line is a long deck without a dash */
	if (h > i && h == j - 1 && !r[h - 1].kicker_mark &&
	    r[h].chars >= LEN_DECK && r[h].chars * 2 >= r[h - 1].chars * 3 &&
	    !(r[h - 1].chars <= LEN_KICKER && h - 1 == i))
		h--;
	/* a headline split over two lines is one headline */
	if (h > i && !r[h - 1].kicker_mark &&
	    r[h - 1].hlevel == 0 && r[h].hlevel == 0 &&
	    title_continues(p->lx, &r[h - 1])) {
		h--;
		*lines = 2;
	}
	return h;
}

/*
 * Short lines in a row after an article's text, before a marked
 * headline h, unmarked or marked as its subheads, are that text's last
 * lines (a poem's, a list's), not banners and a kicker: given to it.
 * Returns where the run of heads now starts.
 */
static size_t
text_tail(struct parser *p, size_t i, size_t h, int level)
{
	const struct raw	*r = p->raw;
	struct bart		*a;
	size_t			 k;

	if (level == 0 || h - i < 2 || (a = art_cur(p)) == NULL ||
	    (a->nb == 0 && a->a.byline == NULL))
		return i;
	for (k = i; k < h && (r[k].hlevel == 0 ||
	    r[k].hlevel > level) && !r[k].kicker_mark; k++)
		;
	if (k != h)
		return i;
	for (k = i; k < h; k++)
		art_block(p, a, r[k].hlevel > 0 ? BLOCK_SUBHEAD : BLOCK_PARA,
		    r[k].text, r[k].len, r[k].src);
	return h;
}

/*
 * The headline from line h (lines of it, and any more of its level that
 * follow) and the deck after it, up to j, into a; returns the line after.
 */
static size_t
head_and_deck(struct parser *p, struct bart *a, size_t h, size_t j,
    int level, size_t lines)
{
	const struct raw	*r = p->raw;
	struct buf		 head = { 0 }, deck = { 0 };
	size_t			 k;

	buf_add(&head, r[h].text, r[h].len);
	for (k = h + 1; k < h + lines; k++)
		repair_join(&head, r[k].text, r[k].len);
	for (; k < j && level > 0 && r[k].hlevel == level &&
	    !deck_marked(&r[k]); k++)
		repair_join(&head, r[k].text, r[k].len);
	for (; k < j; k++) {
		/* one article's text: a plain line is its first paragraph */
		if ((p->opts->one_article || level > 0) &&
		    r[k].hlevel == 0 && !deck_marked(&r[k]))
			break;
		if (deck.len > 0)
			buf_addc(&deck, ' ');
		buf_add(&deck, r[k].text, r[k].len);
	}
	if (deck.len == 0 && head.p != NULL)
		split_deck(p, a, head.p, head.len);
	else {
		a->a.headline = parse_dup_punct(p, head.p ? head.p : "", head.len);
		a->a.deck = parse_dup_punct(p, deck.p, deck.len);
	}
	if (head.failed || deck.failed)
		p->failed = true;
	buf_free(&head);
	buf_free(&deck);
	return k;
}

/*
 * Gives the run [i, j) its roles: banners, kicker, headline, deck.  Returns
 * where the run ended: in one article's text, lines after the headline
 * that are not marked as a deck are its text.
 */
size_t
heads_open(struct parser *p, size_t i, size_t j)
{
	struct raw	*r = p->raw;
	struct bart	*a;
	size_t		 h, k, lines;
	int		 level;

	art_flush_photos(p, art_cur(p));
	h = headline_at(p, i, j, &level, &lines);
	i = text_tail(p, i, h, level);
	for (k = i; k + 1 < h; k++)
		art_banner(p, &r[k]);
	if ((a = art_new(p, r[h > i ? h - 1 : h].src)) == NULL)
		return j;
	if (h > i)
		a->a.kicker = parse_dup_punct(p, r[h - 1].text, r[h - 1].len);
	a->marked = level > 0;
	heads_series(p, a);
	if (p->upcont != NULL) {
		art_block(p, a, BLOCK_CONT, p->upcont->text, p->upcont->len,
		    p->upcont->src);
		p->upcont = NULL;
	}
	return head_and_deck(p, a, h, j, level, lines);
}

/* A byline, tidied and with full-width punctuation, in the arena. */
const char *
parse_dup_byline(struct parser *p, const char *s, size_t n)
{
	struct buf	 b = { 0 };
	const char	*r;

	line_tidy_byline(p->lx, s, n, &b);
	r = b.failed ? NULL : parse_dup_punct(p, b.p ? b.p : "", b.len);
	if (b.failed)
		p->failed = true;
	buf_free(&b);
	return r;
}

