/*
 * article: the articles and banners of an issue under construction --
 * new articles, their blocks, banners, photos waiting for a home -- the
 * ground that assemble and heads both build on (neither calls the other
 * back).
 */
#include <stdlib.h>
#include <string.h>

#include "parse.h"

struct bart *
art_cur(struct parser *p)
{
	return p->nart > 0 ? &p->art[p->nart - 1] : NULL;
}

static bool
add_item(struct parser *p, bool banner, size_t idx)
{
	if (!vec_grow(&p->items, &p->itemcap, p->nitems, sizeof *p->items)) {
		p->failed = true;
		return false;
	}
	p->items[p->nitems].banner = banner;
	p->items[p->nitems++].idx = idx;
	return true;
}

void
art_banner(struct parser *p, const struct raw *r)
{
	art_banner_text(p, r->text, r->len, r->src);
	/* a caption's credit is a banner of its own */
	if (r->kind == R_CAPTION && r->credit != NULL)
		art_banner_text(p, r->credit, strlen(r->credit), r->src + r->len);
}

void
art_banner_text(struct parser *p, const char *s, size_t n, size_t src)
{
	struct bblock	*b;

	if (!vec_grow(&p->ban, &p->bancap, p->nban, sizeof *p->ban)) {
		p->failed = true;
		return;
	}
	b = &p->ban[p->nban];
	memset(b, 0, sizeof *b);
	b->kind = BLOCK_BANNER;
	b->src = src;
	b->text = s;
	b->len = n;
	if (add_item(p, true, p->nban))
		p->nban++;
}

struct bart *
art_new(struct parser *p, size_t src)
{
	struct bart	*a;

	/* one article's text opens no other: it goes on */
	if (p->opts->one_article && p->nart > 0)
		return art_cur(p);
	if (!vec_grow(&p->art, &p->artcap, p->nart, sizeof *p->art)) {
		p->failed = true;
		return NULL;
	}
	a = &p->art[p->nart];
	memset(a, 0, sizeof *a);
	a->a.src = src;
	a->a.page = p->page;
	if (!add_item(p, false, p->nart))
		return NULL;
	p->nart++;
	return a;
}

struct bblock *
art_block(struct parser *p, struct bart *a, enum block_kind kind,
    const char *s, size_t n, size_t src)
{
	struct bblock	*b;

	if (!vec_grow(&a->b, &a->cap, a->nb, sizeof *a->b)) {
		p->failed = true;
		return NULL;
	}
	b = &a->b[a->nb++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->by = BY_UNKNOWN;
	b->src = src;
	b->text = s != NULL ? s : "";
	b->len = n;
	if (kind == BLOCK_PARA)
		a->nbody++;
	return b;
}

/* Joins s[0..n-1] to block b (repair_join), in b's own buffer. */
void
bb_join(struct parser *p, struct bblock *b, const char *s, size_t n)
{
	if (b->own == NULL) {
		if ((b->own = calloc(1, sizeof *b->own)) == NULL) {
			p->failed = true;
			return;
		}
		buf_add(b->own, b->text, b->len);
	}
	repair_join(b->own, s, n);
	if (b->own->failed)
		p->failed = true;
	b->text = b->own->p ? b->own->p : "";
	b->len = b->own->len;
	b->by = BY_UNKNOWN;
}

void
bb_free(struct bblock *b)
{
	if (b->own != NULL) {
		buf_free(b->own);
		free(b->own);
		b->own = NULL;
	}
}

void
art_flush_photos(struct parser *p, struct bart *a)
{
	size_t	i;

	if (a == NULL && p->npend > 0) {
		/* photos before any article: an article of their own */
		if ((a = art_new(p, p->pend[0].src)) == NULL)
			return;
	}
	for (i = 0; i < p->npend; i++) {
		if (!vec_grow(&a->b, &a->cap, a->nb, sizeof *a->b)) {
			p->failed = true;
			bb_free(&p->pend[i]);
			continue;
		}
		a->b[a->nb++] = p->pend[i];
	}
	p->npend = 0;
}

size_t
raw_next(struct parser *p, size_t i)
{
	while (i < p->nraw && p->raw[i].kind == R_EMPTY)
		i++;
	return i;
}
