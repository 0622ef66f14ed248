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

void
parse_assemble(struct parser *p)
{
	struct raw	*r;
	struct bart	*a;
	struct bblock	*last;
	size_t		 i, j, k;
	bool		 sub, opens;

	/* the front-end has the heads: one article, all of it body */
	if (p->opts->known && p->opts->one_article && p->nraw > 0)
		art_new(p, p->raw[0].src);
	for (i = 0; i < p->nraw && !p->failed; ) {
		r = &p->raw[i];
		a = art_cur(p);
		/*
		 * A section over text of its own (## 摘要, a list), or where
		 * stories are marked headings, what stands before the first
		 * (the day's contents): banners.
		 */
		if ((r->kind == R_TITLE && r->section) || (p->outline &&
		    a == NULL && r->kind != R_EMPTY && r->kind != R_MAST &&
		    !(r->kind == R_TITLE && (r->hlevel > 0 ||
		    r->kicker_mark)))) {
			art_flush_photos(p, a);
			art_banner(p, r);
			for (i++; i < p->nraw; i++) {
				r = &p->raw[i];
				if (r->kind == R_TITLE && (r->hlevel > 0 ||
				    r->kicker_mark))
					break;
				if (r->kind != R_EMPTY)
					art_banner(p, r);
			}
			continue;
		}
		switch (r->kind) {
		case R_EMPTY:
			i++;
			continue;
		case R_MAST:
			if (!vec_grow(&p->mastb, &p->mastcap, p->nmastb,
			    sizeof *p->mastb)) {
				p->failed = true;
				break;
			}
			memset(&p->mastb[p->nmastb], 0, sizeof *p->mastb);
			p->mastb[p->nmastb].kind = BLOCK_MAST;
			p->mastb[p->nmastb].src = r->src;
			p->mastb[p->nmastb].text = r->text;
			p->mastb[p->nmastb++].len = r->len;
			if (mast_is_contact(r->text, r->len) &&
			    p->is->contact == NULL)
				p->is->contact = arena_strndup(p->a,
				    r->text, r->len);
			i++;
			continue;
		case R_PAGE:
			p->page = r->page;
			/* FALLTHROUGH */
		case R_META:
			art_flush_photos(p, a);
			art_banner(p, r);
			i++;
			continue;
		case R_CAPTION:
		case R_CREDIT:
			if (r->kind == R_CREDIT)
				add_photo(p, "", 0, r->text, r->src);
			else
				add_photo(p, r->text, r->len, r->credit, r->src);
			i++;
			continue;
		case R_TITLE:
			/*
			 * A run of title lines, at most HEAD_RUN of them: a
			 * headline's kicker, decks and the lines before it
			 * are fewer, and each step looks at the run again.
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
				art_block(p, a, BLOCK_SUBHEAD, r->text, r->len,
				    r->src);
				i++;
				continue;
			}
			if (a != NULL && j == i + 1 && r->hlevel == 0 &&
			    ((a->nb > 0 && a->b[a->nb - 1].kind == BLOCK_SUBHEAD) ||
			    (last != NULL && !ends_sentence(last->text,
			    last->len))) && !opens) {
				body(p, r);
				i = j;
				continue;
			}
			if (opens) {
				i = heads_open(p, i, j);
				continue;
			}
			if (a == NULL) {
				for (k = i; k < j; k++)
					art_banner(p, &p->raw[k]);
				i = j;
				continue;
			}
			art_flush_photos(p, a);
			for (k = i; k < j; k++) {
				r = &p->raw[k];
				/*
				 * A web edition marks its subheads: an
				 * unmarked short line is a paragraph.
				 */
				if (r->hlevel == 0 && ((r->chars >= 12 &&
				    memchr(r->text, ' ', r->len) == NULL &&
				    k + 1 == j) || ((p->opts->whole || a->marked) &&
				    !r->kicker_mark)))
					body(p, r);
				else
					art_block(p, a, BLOCK_SUBHEAD, r->text,
					    r->len, r->src);
			}
			i = j;
			continue;
		case R_SIGN:
		case R_BYLINE:
			if (a == NULL || a->nbody > 0 || a->a.byline != NULL) {
				/*
				 * Where the name leads (홍길동 기자), the
				 * byline follows the text.
				 */
				if (a != NULL && a->nbody > 0 &&
				    a->a.byline == NULL && p->lx->name_first &&
				    r->kind == R_BYLINE) {
					art_flush_photos(p, a);
					set_byline(p, a, r->text, r->len);
					i++;
					continue;
				}
				if (a != NULL && (a->nbody > 0 ||
				    p->opts->one_article)) {
					/* a signature after the text */
					art_flush_photos(p, a);
					art_block(p, a, BLOCK_PARA, r->text,
					    r->len, r->src);
					i++;
					continue;
				}
				if ((a = art_new(p, r->src)) == NULL)
					break;
			}
			art_flush_photos(p, a);
			set_byline(p, a, r->text, r->len);
			a->sign = r->kind == R_SIGN;
			i++;
			continue;
		case R_SERIES:
			k = raw_next(p, i + 1);
			p->series = r;
			if (p->opts->one_article || k >= p->nraw ||
			    p->raw[k].kind != R_TITLE)
				heads_series(p, a);
			i++;
			continue;
		case R_SECTION:
		case R_NOTE:
			if (a == NULL && (a = art_new(p, r->src)) == NULL)
				break;
			art_flush_photos(p, a);
			art_block(p, a, r->kind == R_SECTION ? BLOCK_SECTION :
			    BLOCK_NOTE, r->text, r->len, r->src);
			i++;
			continue;
		case R_CONT:
			k = raw_next(p, i + 1);
			if (r->up && k < p->nraw && p->raw[k].kind == R_TITLE) {
				p->upcont = r;
				i++;
				continue;
			}
			if (a == NULL && (a = art_new(p, r->src)) == NULL)
				break;
			art_flush_photos(p, a);
			art_block(p, a, BLOCK_CONT, r->text, r->len, r->src);
			i++;
			continue;
		case R_BODY:
			body(p, r);
			i++;
			continue;
		case R_REPEAT:
			/* a footer after every article: one line, its own */
			if (a == NULL) {
				art_banner(p, r);
				i++;
				continue;
			}
			art_flush_photos(p, a);
			if ((last = art_block(p, a, BLOCK_SOURCE, r->text,
			    r->len, r->src)) == NULL)
				break;
			for (i++; i < p->nraw && (p->raw[i].kind == R_REPEAT ||
			    p->raw[i].kind == R_EMPTY); i++)
				if (p->raw[i].kind == R_REPEAT)
					bb_join(p, last, p->raw[i].text,
					    p->raw[i].len);
			continue;
		}
		i++;
	}
	art_flush_upcont(p, art_cur(p));
	heads_series(p, art_cur(p));
	art_flush_photos(p, art_cur(p));
	/*
	 * Short lines only, none of which opened an article: rather than hide
	 * them as banners, make them an article, the first as its headline.
	 */
	if (p->nart == 0 && p->nban > 0 && !p->failed) {
		struct bart	*first;

		p->nitems = 0;
		if ((first = art_new(p, p->ban[0].src)) == NULL)
			return;
		first->a.headline = parse_dup_punct(p, p->ban[0].text,
		    p->ban[0].len);
		for (i = 1; i < p->nban; i++)
			art_block(p, first, BLOCK_PARA, p->ban[i].text,
			    p->ban[i].len, p->ban[i].src);
		p->nban = 0;
	}
}

