/*
 * parts: an issue made of articles a front-end found, each with what its
 * source says of it (headline, deck, kicker, byline, page, date): each
 * article's text is parsed on its own and the parts make one issue.  The
 * web edition's front matter (vault.c) and the database dump's records
 * (record.c) come this way.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "parse.h"

struct combine {
	struct issue	*is;
	struct article	*art;
	size_t		 nart, artcap;
	struct item	*items;		/* an article, or a banner in ban */
	size_t		 nitems, itemcap;
	struct block	*ban, *mast;
	size_t		 nban, bancap, nmast, mastcap;
	bool		 failed;
};

/* The first number in s: 第05版 -> 5, 05-评论 -> 5; 0 when none. */
static int
page_of(const char *s)
{
	size_t		i = 0, n = s ? strlen(s) : 0;
	text_char	c;
	long		v;
	int		k;

	/* the first number in it; 0 when it has more than four digits */
	while (i < n) {
		if ((k = text_digits(s, n, &i, 5, &v)) > 0)
			return k > 4 ? 0 : (int)v;
		i += text_decode_fast(s + i, n - i, &c);
	}
	return 0;
}

/*
 * The blocks of a part, in the combined issue's arena already, moved to
 * their place in its text.
 */
static struct block *
shift_blocks(struct block *b, size_t n, size_t base)
{
	size_t	i;

	for (i = 0; i < n; i++)
		b[i].src += base;
	return b;
}

/* What the part's metadata says of its first article's head. */
static void
meta_heads(struct article *a, const struct part_meta *m)
{
	if ((a->headline == NULL || a->guessed || m->known) && m->title != NULL) {
		a->headline = m->title;
		a->guessed = false;
	}
	if (a->deck == NULL && m->deck != NULL)
		a->deck = m->deck;
	if (a->kicker == NULL && m->kicker != NULL)
		a->kicker = m->kicker;
	if (a->byline == NULL && m->author != NULL) {
		a->byline = m->author;
		/* a sidebar is a text without a byline (finish.c) */
		if (a->kind == ARTICLE_SIDEBAR)
			a->kind = ARTICLE_STORY;
	}
}

/* The issue's fields: its first part's that has them; damage summed. */
static void
part_fields(struct combine *c, const struct issue *part,
    const struct part_meta *m)
{
	if (c->is->title == NULL && part->title != NULL)
		c->is->title = arena_strndup(c->is->arena, part->title,
		    strlen(part->title));
	if (c->is->date[0] == '\0' && m->date != NULL &&
	    date_from_name(m->date, c->is->date))
		;
	else if (c->is->date[0] == '\0' && part->date[0] != '\0')
		memcpy(c->is->date, part->date, sizeof c->is->date);
	c->is->damage.rejoined += part->damage.rejoined;
	c->is->damage.markup += part->damage.markup;
	c->is->damage.spaces |= part->damage.spaces;
}

static void
add_part(struct combine *c, struct issue *part, const struct part_meta *m,
    size_t base)
{
	size_t		 i, first = c->nart;
	int		 page = page_of(m->section);

	for (i = 0; i < part->nmast; i++) {
		if (!vec_grow(&c->mast, &c->mastcap, c->nmast, sizeof *c->mast)) {
			c->failed = true;
			return;
		}
		c->mast[c->nmast] = part->mast[i];
		c->mast[c->nmast++].src += base;
	}
	for (i = 0; i < part->nitems; i++) {
		struct block	*b = part->items[i].banner;
		struct article	*a = part->items[i].article;

		if (!vec_grow(&c->items, &c->itemcap, c->nitems,
		    sizeof *c->items)) {
			c->failed = true;
			return;
		}
		if (b != NULL) {
			if (!vec_grow(&c->ban, &c->bancap, c->nban,
			    sizeof *c->ban)) {
				c->failed = true;
				return;
			}
			c->ban[c->nban] = *b;
			c->ban[c->nban].src += base;
			c->items[c->nitems].banner = true;
			c->items[c->nitems++].idx = c->nban++;
			continue;
		}
		if (!vec_grow(&c->art, &c->artcap, c->nart, sizeof *c->art)) {
			c->failed = true;
			return;
		}
		c->art[c->nart] = *a;
		c->art[c->nart].src += base;
		c->art[c->nart].blocks = shift_blocks(a->blocks, a->nblocks,
		    base);
		if (page > 0 && c->art[c->nart].page == 0)
			c->art[c->nart].page = page;
		c->items[c->nitems].banner = false;
		c->items[c->nitems++].idx = c->nart++;
	}
	/* an article whose text is all body: the front matter names it */
	if (c->nart == first && m->title != NULL) {
		if (!vec_grow(&c->art, &c->artcap, c->nart, sizeof *c->art) ||
		    !vec_grow(&c->items, &c->itemcap, c->nitems,
		    sizeof *c->items)) {
			c->failed = true;
			return;
		}
		memset(&c->art[c->nart], 0, sizeof *c->art);
		c->art[c->nart].src = m->body;
		c->art[c->nart].page = page;
		c->items[c->nitems].banner = false;
		c->items[c->nitems++].idx = c->nart++;
	}
	if (c->nart > first)
		meta_heads(&c->art[first], m);
	part_fields(c, part, m);
}


struct part_meta *
parts_add(struct part_meta **m, size_t *cap, size_t *n)
{
	if (!vec_grow(m, cap, *n, sizeof **m))
		return NULL;
	memset(&(*m)[*n], 0, sizeof **m);
	return &(*m)[(*n)++];
}

struct issue *
parts_new(char *text, size_t len, const char *format)
{
	struct issue	*is;

	if ((is = calloc(1, sizeof *is)) == NULL ||
	    (is->arena = arena_new()) == NULL) {
		free(text);
		free(is);
		return NULL;
	}
	is->text = text;
	is->textlen = len;
	is->format = format;
	return is;
}

struct issue *
parts_parse(struct issue *is, const struct part_meta *m, size_t nm,
    const struct issue_opts *opts, bool lines, const char **err)
{
	struct combine		 c = { 0 };
	const struct lexicon	*lx;
	struct issue		*part;
	struct issue_opts	 whole = { .keep_punct = opts != NULL &&
	    opts->keep_punct };
	size_t			 i, k;

	*err = "out of memory";
	c.is = is;
	lx = lexicon_detect(is->text, is->textlen);
	is->profile = lx->name;
	if ((is->parts = arena_alloc(is->arena, (nm + 1) *
	    sizeof *is->parts)) == NULL)
		goto fail;
	/* text before the first part is a part of its own */
	for (k = 0; k <= nm; k++) {
		size_t			 a = k == 0 ? 0 : m[k - 1].body;
		size_t			 b = k == 0 ? (nm > 0 ? m[0].start :
					    is->textlen) : m[k - 1].end;
		struct part_meta	 none = { 0 };
		char			*body;

		if (k == 0 && strspn(is->text, "\n ") >= b)
			continue;
		if ((body = malloc(b - a + 1)) == NULL)
			goto fail;
		memcpy(body, is->text + a, b - a);
		body[b - a] = '\0';
		/* an article as its source has it: its paragraphs are whole */
		whole.whole = whole.one_article = k > 0;
		whole.lines = k > 0 && lines;
		whole.known = k > 0 && m[k - 1].known;
		/*
		 * Its strings and blocks go to the issue's arena: a part is a
		 * few hundred bytes, and an arena of its own held a chunk or
		 * two of slack for each (200,000 records took 35 times their
		 * text, 14 now).  The part itself goes once added.
		 */
		if ((part = issue_parse_text(body, b - a, &whole, lx, is->arena,
		    err)) == NULL)
			goto fail;
		add_part(&c, part, k == 0 ? &none : &m[k - 1], a);
		issue_free(part);
		is->parts[is->nparts].from = a;
		is->parts[is->nparts++].to = b;
		if (c.failed)
			goto fail;
	}
	/* the parts' articles, banners and items, as one issue */
	is->articles = c.art;
	is->narticles = c.nart;
	is->mast = c.mast;
	is->nmast = c.nmast;
	is->owned[0] = c.art;
	is->owned[1] = c.ban;
	is->owned[2] = c.mast;
	if ((is->items = arena_alloc(is->arena, (c.nitems + 1) *
	    sizeof *is->items)) == NULL)
		goto fail;
	for (i = 0; i < c.nitems; i++) {
		is->items[i].banner = c.items[i].banner ? &c.ban[c.items[i].idx] :
		    NULL;
		is->items[i].article = c.items[i].banner ? NULL :
		    &c.art[c.items[i].idx];
	}
	is->nitems = c.nitems;
	free(c.items);
	if (arena_failed(is->arena)) {
		issue_free(is);
		return NULL;
	}
	*err = NULL;
	return is;
fail:
	free(c.items);
	if (is->owned[0] == NULL) {
		free(c.art);
		free(c.ban);
		free(c.mast);
	}
	issue_free(is);
	return NULL;
}

struct issue *
parts_done(struct issue *is, struct part_meta *m, size_t nm,
    const struct issue_opts *opts, bool lines, const char **err)
{
	/* the last part runs to the end of the text */
	if (nm > 0)
		m[nm - 1].end = is->textlen;
	is = parts_parse(is, m, nm, opts, lines, err);
	free(m);
	return is;
}
