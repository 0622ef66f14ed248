/*
 * assemble: articles from classified blocks, with a small state machine
 * that rejoins broken paragraphs (also across photos), gives photos a
 * home and keeps banners between articles.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "parse.h"

#define HEAD_RUN	16	/* title lines looked at together */
/*
 * Characters from which a lone unmarked title line inside an article is
 * a paragraph cut short rather than a subhead: subheads are phrases of a
 * few words, a dozen characters is already a clause.
 */
#define SHORT_LINE	12

static void
add_photo(struct parser *p, const char *cap, size_t n, const char *credit,
    size_t src)
{
	struct bblock	*b;
	struct bart	*a = art_cur(p);

	if (!vec_grow(&p->pend, &p->pendcap, p->npend, sizeof *p->pend)) {
		p->failed = true;
		return;
	}
	b = &p->pend[p->npend++];
	memset(b, 0, sizeof *b);
	b->kind = BLOCK_PHOTO;
	b->src = src;
	b->text = cap;
	b->len = n;
	b->credit = credit;
	/* between a headline and its text: the article's own photo */
	if (a != NULL && a->nbody == 0 && a->a.headline != NULL)
		art_flush_photos(p, a);
}

static struct bblock *
last_para(struct bart *a)
{
	if (a == NULL || a->nb == 0 || a->b[a->nb - 1].kind != BLOCK_PARA)
		return NULL;
	return &a->b[a->nb - 1];
}

/*
 * A 上接 note held for the headline after it, when no article opens
 * there after all: it goes to the article at hand, or is a banner.
 */
void
art_flush_upcont(struct parser *p, struct bart *a)
{
	const struct raw	*r = p->upcont;

	if (r == NULL)
		return;
	p->upcont = NULL;
	if (a != NULL)
		art_block(p, a, BLOCK_CONT, r->text, r->len, r->src);
	else
		art_banner(p, r);
}

static void
set_byline(struct parser *p, struct bart *a, const char *s, size_t n)
{
	s = skip_box(s, &n);
	a->a.byline = parse_dup_byline(p, s, n);
}

/* Body text: a rejoined half, a new paragraph, or a new article. */
static void
body(struct parser *p, const struct raw *r)
{
	struct bart	*a = art_cur(p);
	struct bblock	*last = last_para(a);
	size_t		 by = r->by, cont;

	if (by > 0 && (a == NULL || a->nbody > 0 || a->a.headline == NULL)) {
		/* an article whose headline the converter lost */
		if ((a = art_new(p, r->src)) == NULL)
			return;
		art_flush_photos(p, a);
		last = NULL;
	} else if (a == NULL) {
		if ((a = art_new(p, r->src)) == NULL)
			return;
		last = NULL;
	}
	if (by > 0 && a->a.byline == NULL) {
		a->a.byline = parse_dup_byline(p, r->text, by);
		a->a.byline_inline = true;
	}
	if (last != NULL && by == 0 && !p->opts->whole && p->broken &&
	    !ends_sentence(last->text, last->len)) {
		bb_join(p, last, r->text, r->len);
		p->is->damage.rejoined++;
		art_flush_photos(p, a);
		return;
	}
	art_flush_photos(p, a);
	cont = line_trailing_cont(p->lx, r->text, r->len);
	if ((last = art_block(p, a, BLOCK_PARA, r->text, cont, r->src)) != NULL &&
	    cont == r->len)
		last->by = r->by;
	if (cont < r->len) {
		size_t	c = cont;

		while (c < r->len && r->text[c] == ' ')
			c++;
		art_block(p, a, BLOCK_CONT, r->text + c, r->len - c,
		    r->src + c);
	}
}

/*
 * The block kinds' handlers: each takes block i (and what goes with it)
 * into the issue being built, and says where the next one starts.
 */
typedef size_t	handler(struct parser *, size_t);

/*
 * A section over text of its own (## 摘要, a list), or where stories are
 * marked headings, what stands before the first (the day's contents):
 * banners, up to the next marked heading.  0 when block i is no such.
 */
static size_t
on_banners(struct parser *p, size_t i)
{
	const struct raw	*r = &p->raw[i];
	struct bart		*a = art_cur(p);

	if (!((r->kind == R_TITLE && r->section) || (p->outline && a == NULL &&
	    r->kind != R_EMPTY && r->kind != R_MAST && !(r->kind == R_TITLE &&
	    (r->hlevel > 0 || r->kicker_mark)))))
		return 0;
	art_flush_photos(p, a);
	art_banner(p, r);
	for (i++; i < p->nraw; i++) {
		r = &p->raw[i];
		if (r->kind == R_TITLE && (r->hlevel > 0 || r->kicker_mark))
			break;
		if (r->kind != R_EMPTY)
			art_banner(p, r);
	}
	return i;
}

static size_t
on_empty(struct parser *p, size_t i)
{
	(void)p;
	return i + 1;
}

static size_t
on_mast(struct parser *p, size_t i)
{
	const struct raw	*r = &p->raw[i];
	struct bblock		*b;

	if (!vec_grow(&p->mastb, &p->mastcap, p->nmastb, sizeof *p->mastb)) {
		p->failed = true;
		return i + 1;
	}
	b = &p->mastb[p->nmastb++];
	memset(b, 0, sizeof *b);
	b->kind = BLOCK_MAST;
	b->src = r->src;
	b->text = r->text;
	b->len = r->len;
	if (mast_is_contact(r->text, r->len) && p->is->contact == NULL)
		p->is->contact = arena_strndup(p->a, r->text, r->len);
	return i + 1;
}

/* A page's name or its credits: a banner (the page number kept). */
static size_t
on_page(struct parser *p, size_t i)
{
	const struct raw	*r = &p->raw[i];

	if (r->kind == R_PAGE)
		p->page = r->page;
	art_flush_photos(p, art_cur(p));
	art_banner(p, r);
	return i + 1;
}

static size_t
on_photo(struct parser *p, size_t i)
{
	const struct raw	*r = &p->raw[i];

	if (r->kind == R_CREDIT)
		add_photo(p, "", 0, r->text, r->src);
	else
		add_photo(p, r->text, r->len, r->credit, r->src);
	return i + 1;
}

/* Title lines [i, j) that open no article: subheads or short paragraphs. */
static void
titles_in(struct parser *p, struct bart *a, size_t i, size_t j)
{
	const struct raw	*r;
	size_t			 k;

	art_flush_photos(p, a);
	for (k = i; k < j; k++) {
		r = &p->raw[k];
		/*
		 * A web edition marks its subheads: an unmarked short line
		 * is a paragraph.
		 */
		if (r->hlevel == 0 && ((r->chars >= SHORT_LINE &&
		    memchr(r->text, ' ', r->len) == NULL && k + 1 == j) ||
		    ((p->opts->whole || a->marked) && !r->kicker_mark)))
			body(p, r);
		else
			art_block(p, a, BLOCK_SUBHEAD, r->text, r->len, r->src);
	}
}

static size_t
on_title(struct parser *p, size_t i)
{
	const struct raw	*r = &p->raw[i];
	struct bart		*a = art_cur(p);
	struct bblock		*last;
	size_t			 j, k;
	bool			 sub, opens;

	/*
	 * A run of title lines, at most HEAD_RUN of them: a headline's
	 * kicker, decks and the lines before it are fewer, and each step
	 * looks at the run again.
	 */
	for (j = i + 1; j < p->nraw && j - i < HEAD_RUN &&
	    p->raw[j].kind == R_TITLE && p->raw[j].gap == 0; j++)
		;
	sub = a != NULL && a->nbody > 0 && r->hlevel >= 3 &&
	    !heads_opens(p, i, j, true);
	opens = !sub && heads_opens(p, i, j, false);
	/* a pending 上接 note goes with a new article, else here */
	if (!opens) {
		art_flush_upcont(p, a);	/* may move a's blocks */
		heads_series(p, a);
	}
	last = last_para(a);
	if (sub) {
		/* a subhead; what follows it is text */
		art_flush_photos(p, a);
		art_block(p, a, BLOCK_SUBHEAD, r->text, r->len, r->src);
		return i + 1;
	}
	if (a != NULL && j == i + 1 && r->hlevel == 0 &&
	    ((a->nb > 0 && a->b[a->nb - 1].kind == BLOCK_SUBHEAD) ||
	    (last != NULL && !ends_sentence(last->text, last->len))) &&
	    !opens) {
		body(p, r);
		return j;
	}
	if (opens)
		return heads_open(p, i, j);
	if (a == NULL) {
		for (k = i; k < j; k++)
			art_banner(p, &p->raw[k]);
		return j;
	}
	titles_in(p, a, i, j);
	return j;
}

static size_t
on_byline(struct parser *p, size_t i)
{
	const struct raw	*r = &p->raw[i];
	struct bart		*a = art_cur(p);

	if (a == NULL || a->nbody > 0 || a->a.byline != NULL) {
		/* where the name leads (홍길동 기자), it follows the text */
		if (a != NULL && a->nbody > 0 && a->a.byline == NULL &&
		    p->lx->name_first && r->kind == R_BYLINE) {
			art_flush_photos(p, a);
			set_byline(p, a, r->text, r->len);
			return i + 1;
		}
		if (a != NULL && (a->nbody > 0 || p->opts->one_article)) {
			/* a signature after the text */
			art_flush_photos(p, a);
			art_block(p, a, BLOCK_PARA, r->text, r->len, r->src);
			return i + 1;
		}
		if ((a = art_new(p, r->src)) == NULL)
			return i + 1;
	}
	art_flush_photos(p, a);
	set_byline(p, a, r->text, r->len);
	a->sign = r->kind == R_SIGN;
	return i + 1;
}

static size_t
on_series(struct parser *p, size_t i)
{
	size_t	k = raw_next(p, i + 1);

	p->series = &p->raw[i];
	if (p->opts->one_article || k >= p->nraw || p->raw[k].kind != R_TITLE)
		heads_series(p, art_cur(p));
	return i + 1;
}

/* A numbered section's head or an editor's note: a block of its own. */
static size_t
on_marked(struct parser *p, size_t i)
{
	const struct raw	*r = &p->raw[i];
	struct bart		*a = art_cur(p);

	if (a == NULL && (a = art_new(p, r->src)) == NULL)
		return i + 1;
	art_flush_photos(p, a);
	art_block(p, a, r->kind == R_SECTION ? BLOCK_SECTION : BLOCK_NOTE,
	    r->text, r->len, r->src);
	return i + 1;
}

static size_t
on_cont(struct parser *p, size_t i)
{
	struct raw	*r = &p->raw[i];
	struct bart	*a = art_cur(p);
	size_t		 k = raw_next(p, i + 1);

	/* 上接 before a headline: held for the article it opens */
	if (r->up && k < p->nraw && p->raw[k].kind == R_TITLE) {
		p->upcont = r;
		return i + 1;
	}
	if (a == NULL && (a = art_new(p, r->src)) == NULL)
		return i + 1;
	art_flush_photos(p, a);
	art_block(p, a, BLOCK_CONT, r->text, r->len, r->src);
	return i + 1;
}

static size_t
on_body(struct parser *p, size_t i)
{
	body(p, &p->raw[i]);
	return i + 1;
}

/* A footer after every article: its lines, one block, the article's. */
static size_t
on_repeat(struct parser *p, size_t i)
{
	const struct raw	*r = &p->raw[i];
	struct bart		*a = art_cur(p);
	struct bblock		*last;

	if (a == NULL) {
		art_banner(p, r);
		return i + 1;
	}
	art_flush_photos(p, a);
	if ((last = art_block(p, a, BLOCK_SOURCE, r->text, r->len,
	    r->src)) == NULL)
		return i + 1;
	for (i++; i < p->nraw && (p->raw[i].kind == R_REPEAT ||
	    p->raw[i].kind == R_EMPTY); i++)
		if (p->raw[i].kind == R_REPEAT)
			bb_join(p, last, p->raw[i].text, p->raw[i].len);
	return i;
}

static handler *const	handlers[] = {
	[R_EMPTY] = on_empty,
	[R_MAST] = on_mast,
	[R_TITLE] = on_title,
	[R_BODY] = on_body,
	[R_BYLINE] = on_byline,
	[R_SIGN] = on_byline,
	[R_CREDIT] = on_photo,
	[R_CAPTION] = on_photo,
	[R_SECTION] = on_marked,
	[R_NOTE] = on_marked,
	[R_CONT] = on_cont,
	[R_PAGE] = on_page,
	[R_META] = on_page,
	[R_SERIES] = on_series,
	[R_REPEAT] = on_repeat,
};

void
parse_assemble(struct parser *p)
{
	size_t		 i, next;
	struct bart	*first;

	/* the front-end has the heads: one article, all of it body */
	if (p->opts->known && p->opts->one_article && p->nraw > 0)
		art_new(p, p->raw[0].src);
	for (i = 0; i < p->nraw && !p->failed; i = next)
		if ((next = on_banners(p, i)) == 0)
			next = handlers[p->raw[i].kind](p, i);
	art_flush_upcont(p, art_cur(p));
	heads_series(p, art_cur(p));
	art_flush_photos(p, art_cur(p));
	/* the blocks point into the raw arena, not at the raw blocks */
	free(p->raw);
	p->raw = NULL;
	p->nraw = 0;
	p->upcont = p->series = NULL;
	/*
	 * Short lines only, none of which opened an article: rather than hide
	 * them as banners, make them an article, the first as its headline.
	 * The banners' array goes as the article's is made (a file of a
	 * million one-character lines held both, and the raw blocks).
	 */
	if (p->nart == 0 && p->nban > 0 && !p->failed) {
		p->nitems = 0;
		if ((first = art_new(p, p->ban[0].src)) == NULL)
			return;
		first->a.headline = parse_dup_punct(p, p->ban[0].text,
		    p->ban[0].len);
		if ((first->b = malloc(p->nban * sizeof *first->b)) == NULL) {
			p->failed = true;
			return;
		}
		first->cap = p->nban;
		for (i = 1; i < p->nban; i++)
			art_block(p, first, BLOCK_PARA, p->ban[i].text,
			    p->ban[i].len, p->ban[i].src);
		free(p->ban);	/* a banner's text is never its own buffer */
		p->ban = NULL;
		p->nban = p->bancap = 0;
	}
}

