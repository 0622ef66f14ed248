/*
 * finish: the assembled articles made final -- punctuation and space
 * repairs, guessed headlines, continued parts joined, kinds decided, the
 * masthead fields and the issue's items.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "parse.h"
#include "pool.h"

#define LEN_GUESS	20	/* a headline made from the first words: up
				   to the first clause's end, 20 at most */
#define BLOCK_COST	80	/* bytes an arena gives a block beside its
				   text: its struct and a credit's copy */
#define HAN_PER_SPACE	200	/* space damage is everywhere when there is
				   a stray space in 200 Han characters (5 in
				   1,000); rarer, they are an author's */

/* The paper named in a web edition's source line: 某某《某某日报》（…）. */
static void
title_from_source(struct parser *p)
{
	const char	*b, *o, *e;
	size_t		 i;

	for (i = 0; i < p->nart && p->is->title == NULL; i++) {
		b = p->art[i].a.byline;
		if (b == NULL || !line_is_source(b, strlen(b)) ||
		    (o = strstr(b, PU_LBOOK)) == NULL ||
		    (e = strstr(o, PU_RBOOK)) == NULL || e - o <= 3 || e - o > 3 + 48)
			continue;
		p->is->title = arena_strndup(p->a, o + 3, (size_t)(e - o - 3));
		p->is->title_guessed = true;
	}
}

/*
 * Guesses the title from the contact line: the Han characters before the
 * paper's word and a contact word (某某日报邮箱, 某某报网).
 */
static void
guess_title(struct parser *p)
{
	const char		*c = p->is->contact, *q, *e, *b;
	const char *const	*w;
	size_t			 n, k;
	text_char		 ch;

	if (p->is->title != NULL || c == NULL)
		return;
	for (w = p->lx->paper; *w != NULL; w++)
		for (q = c; (q = strstr(q, *w)) != NULL; q += strlen(*w)) {
			e = q + strlen(*w);
			if (lex_starts(e, strlen(e), p->lx->contact) == 0)
				continue;
			/* back over Han characters */
			b = q;
			while (b - 3 >= c) {
				text_decode_fast(b - 3, 3, &ch);
				if (!text_is_han(ch))
					break;
				b -= 3;
			}
			n = (size_t)(e - b);
			k = u8_count(b, n);
			if (k >= 3 && k <= 8) {
				p->is->title = arena_strndup(p->a, b, n);
				p->is->title_guessed = true;
				return;
			}
		}
}


/* The repaired text of block bb, in the issue's arena; *len its length. */
static const char *
finish_text(struct parser *p, const struct bblock *bb, size_t *len)
{
	struct buf	*a = &p->scratch[0], *b = &p->scratch[1];
	enum block_kind	 kind = bb->kind;
	const char	*s = bb->text;
	size_t		 n = bb->len;
	char		*r;

	a->len = b->len = 0;
	if (kind != BLOCK_MAST && kind != BLOCK_BANNER && !p->opts->keep_punct &&
	    repair_punct_wanted(s, n)) {
		repair_punct(s, n, a);
		s = a->p ? a->p : "";
		n = a->len;
	}
	/* spaces to look at */
	if ((kind == BLOCK_PARA || kind == BLOCK_PHOTO ||
	    kind == BLOCK_SECTION || kind == BLOCK_NOTE) &&
	    memchr(s, ' ', n) != NULL) {
		/* an inline byline keeps its spaces: 本报讯 记者某某 */
		size_t	by = kind != BLOCK_PARA ? 0 : bb->by != BY_UNKNOWN &&
		    s == bb->text ? bb->by : line_byline(p->lx, s, n);

		line_tidy_byline(p->lx, s, by, b);
		repair_spaces(s + by, n - by, b, p->damaged);
		s = b->p ? b->p : "";
		n = b->len;
	}
	if (a->failed || b->failed)
		p->failed = true;
	/* failed: an empty text, for the passes after to read safely */
	if ((r = arena_strndup(p->a, s, n)) == NULL) {
		p->failed = true;
		*len = 0;
		return "";
	}
	*len = n;
	return r;
}

static struct block *
finish_blocks(struct parser *p, struct bblock *bb, size_t n)
{
	struct block	*v;
	size_t		 i;

	if ((v = arena_alloc(p->a, (n ? n : 1) * sizeof *v)) == NULL) {
		p->failed = true;
		for (i = 0; i < n; i++)
			bb_free(&bb[i]);	/* theirs are let go here */
		return NULL;
	}
	for (i = 0; i < n; i++) {
		v[i].kind = bb[i].kind;
		v[i].src = bb[i].src;
		v[i].text = finish_text(p, &bb[i], &v[i].len);
		v[i].extra = NULL;
		if (bb[i].credit != NULL) {
			size_t		 m = strlen(bb[i].credit);
			const char	*c = skip_box(bb[i].credit, &m);

			/* （某某摄）: the credit without its brackets */
			if (m > 6 && str_starts(c, m, PU_LPAREN) && str_ends(c, m, PU_RPAREN)) {
				c += 3;
				m -= 6;
			} else if (m > 2 && c[0] == '(' && c[m - 1] == ')') {
				c++;
				m -= 2;
			}
			v[i].extra = arena_strndup(p->a, c, m);
		}
		bb_free(&bb[i]);
	}
	return v;
}

/* The blocks of a up to its first paragraph (or photo): guess_headline's. */
static size_t
head_blocks(const struct bart *a)
{
	size_t	i;

	for (i = 0; i < a->nb; i++)
		if (a->b[i].kind == BLOCK_PARA)
			return i + 1;
	for (i = 0; i < a->nb; i++)
		if (a->b[i].kind == BLOCK_PHOTO)
			return i + 1;
	return 0;
}

/* A headline from the first words, for an article that lost its own. */
static void
guess_headline(struct parser *p, struct article *a)
{
	const struct block	*b = NULL;
	size_t			 i, n, by, start, k;
	const char		*s;

	for (i = 0; i < a->nblocks && b == NULL; i++)
		if (a->blocks[i].kind == BLOCK_PARA)
			b = &a->blocks[i];
	for (i = 0; i < a->nblocks && b == NULL; i++)
		if (a->blocks[i].kind == BLOCK_PHOTO)
			b = &a->blocks[i];
	if (b == NULL || b->len == 0)
		return;
	s = b->text;
	n = b->len;
	by = line_byline(p->lx, s, n);
	start = by;
	while (start < n && (s[start] == ':' || s[start] == ' ' ||
	    str_starts(s + start, n - start, PU_COLON)))
		start += s[start] == ' ' || s[start] == ':' ? 1 : 3;
	for (i = start, k = 0; i < n && k < LEN_GUESS; k++) {
		text_char	c;
		size_t		len = text_decode_fast(s + i, n - i, &c);

		if ((c == U_FW_COMMA || c == U_STOP || c == U_FW_QUESTION || c == U_FW_EXCLAM ||
		    c == U_FW_SEMICOLON) && k >= 6)
			break;
		i += len;
	}
	if (i <= start)
		return;
	{
		struct buf	h = { 0 };

		buf_add(&h, s + start, i - start);
		buf_adds(&h, PU_ELLIPSIS);
		a->headline = h.failed ? NULL : arena_strndup(p->a, h.p, h.len);
		if (h.failed)
			p->failed = true;
		buf_free(&h);
	}
	a->guessed = true;
}

/* Whether block v is a continuation note of direction up. */
static bool
cont_says(const struct lexicon *lx, const struct block *v, bool up)
{
	int	page;
	bool	u;
	size_t	n = v->len;

	/* a note that ended a paragraph keeps the paragraph's spacing */
	while (n > 0 && v->text[n - 1] == ' ')
		n--;
	return v->kind == BLOCK_CONT && line_is_cont(lx, v->text, n, &page,
	    &u) && u == up;
}

static bool
has_cont(const struct lexicon *lx, const struct article *a, bool up)
{
	size_t	i;

	for (i = 0; i < a->nblocks; i++)
		if (cont_says(lx, &a->blocks[i], up))
			return true;
	return false;
}

/*
 * An article that starts with (上接01版) continues an earlier one that ends
 * with (下转02版) under the same headline: its blocks join that article and
 * it is no article of its own.  p->items and p->nart follow.
 */

/*
 * The title lines of a continued part -- kicker, headline, deck and a
 * byline on its own line -- as blocks into v (up to 4); how many.
 */
static size_t
cont_heading(const struct article *a, struct block *v)
{
	const char	*line[ARTICLE_HEADS];
	size_t		 i, n = 0;

	article_heads(a, line);
	for (i = 0; i < ARTICLE_HEADS; i++) {
		if (line[i] == NULL)
			continue;
		memset(&v[n], 0, sizeof v[n]);
		v[n].kind = i == 3 ? BLOCK_PARA : BLOCK_SUBHEAD;
		v[n].text = line[i];
		v[n].len = strlen(line[i]);
		v[n].src = a->src;
		n++;
	}
	return n;
}

static void
merge_continuations(struct parser *p, struct article *av)
{
	size_t		 a, b, i, k, *map;
	struct block	*v;
	bool		 merged = false;

	if ((map = malloc((p->nart + 1) * sizeof *map)) == NULL) {
		p->failed = true;
		return;
	}
	for (a = 0; a < p->nart; a++)
		map[a] = a;
	for (a = 1; a < p->nart; a++) {
		if (av[a].nblocks == 0 || !cont_says(p->lx, &av[a].blocks[0],
		    true))
			continue;
		for (b = a; b-- > 0; ) {
			if (map[b] != b || !has_cont(p->lx, &av[b], false))
				continue;
			if (av[a].headline != NULL && !av[a].guessed &&
			    (av[b].headline == NULL ||
			    strcmp(av[a].headline, av[b].headline) != 0))
				continue;
			v = arena_alloc(p->a, (av[a].nblocks + av[b].nblocks +
			    4) * sizeof *v);
			if (v == NULL) {
				p->failed = true;	/* never half merged */
				free(map);
				return;
			}
			memcpy(v, av[b].blocks, av[b].nblocks * sizeof *v);
			/*
			 * After the 上接 note, the continued part's own title
			 * lines, as the page prints them: no text is lost.
			 */
			v[av[b].nblocks] = av[a].blocks[0];
			k = av[b].nblocks + 1;
			k += cont_heading(&av[a], v + k);
			memcpy(v + k, av[a].blocks + 1,
			    (av[a].nblocks - 1) * sizeof *v);
			av[b].blocks = v;
			av[b].nblocks = k + av[a].nblocks - 1;
			map[a] = b;
			merged = true;
			break;
		}
	}
	if (merged) {
		/* close the gaps: articles and the items that name them */
		size_t	*to = malloc((p->nart + 1) * sizeof *to);

		if (to == NULL) {
			/* merged into b but still standing: it would show twice */
			p->failed = true;
			free(map);
			return;
		}
		for (a = 0, k = 0; a < p->nart; a++) {
			to[a] = map[a] == a ? k : (size_t)-1;
			if (map[a] == a)
				av[k++] = av[a];
		}
		for (i = 0, k = 0; i < p->nitems; i++) {
			if (!p->items[i].banner) {
				if (to[p->items[i].idx] == (size_t)-1)
					continue;
				p->items[i].idx = to[p->items[i].idx];
			}
			p->items[k++] = p->items[i];
		}
		p->nitems = k;
		for (a = 0, k = 0; a < p->nart; a++)
			k += map[a] == a;
		p->nart = k;
		free(to);
	}
	free(map);
}

static bool
kicker_says_commentary(const struct lexicon *lx, const char *k)
{
	return k != NULL && lex_has(k, strlen(k), lx->commentary);
}

/* Makes av[i] of article i's parts: its blocks repaired, its kind known. */
static void
finish_article(struct parser *p, struct article *av, size_t i)
{
	struct bart	*b = &p->art[i];
	size_t		 nb = b->nb, k, nbody, nphoto;

	/* a library entry: what a guessed first headline is made of */
	if (p->opts->head)
		nb = i > 0 ? 0 : head_blocks(b);
	for (k = nb; k < b->nb; k++)
		bb_free(&b->b[k]);
	av[i] = b->a;
	av[i].blocks = finish_blocks(p, b->b, nb);
	av[i].nblocks = av[i].blocks != NULL ? nb : 0;	/* else failed */
	free(b->b);
	b->b = NULL;
	b->nb = 0;
	nbody = nphoto = 0;
	for (k = 0; k < av[i].nblocks; k++) {
		nbody += av[i].blocks[k].kind == BLOCK_PARA;
		nphoto += av[i].blocks[k].kind == BLOCK_PHOTO;
	}
	if (b->sign || kicker_says_commentary(p->lx, av[i].kicker))
		av[i].kind = ARTICLE_COMMENTARY;
	else if (nbody == 0 && nphoto > 0)
		av[i].kind = ARTICLE_PHOTO;
	else if (av[i].byline == NULL && av[i].nblocks > 0 &&
	    av[i].blocks[0].kind == BLOCK_SECTION)
		av[i].kind = ARTICLE_SIDEBAR;
	else
		av[i].kind = ARTICLE_STORY;
	if (av[i].headline == NULL || av[i].headline[0] == '\0') {
		av[i].headline = NULL;
		guess_headline(p, &av[i]);
	}
	if (av[i].page == 0 && p->is->nmast > 0)
		av[i].page = 1;
}

/* Stray spaces between CJK characters in the paragraphs of [a0, a1). */
static size_t
count_spaces(const struct parser *p, size_t a0, size_t a1)
{
	size_t	spaces = 0, i, k, by;

	for (i = a0; i < a1; i++)
		for (k = 0; k < p->art[i].nb; k++) {
			const struct bblock	*b = &p->art[i].b[k];

			if (b->kind != BLOCK_PARA ||
			    memchr(b->text, ' ', b->len) == NULL)
				continue;
			/* a byline's own spaces are no damage */
			by = b->by != BY_UNKNOWN ? b->by :
			    line_byline(p->lx, b->text, b->len);
			spaces += repair_count_cjk_spaces(b->text + by,
			    b->len - by);
		}
	return spaces;
}

/* Han characters in the paragraphs of [a0, a1), counted up to over max. */
static size_t
count_han(const struct parser *p, size_t a0, size_t a1, size_t max)
{
	size_t	han = 0, i, k;

	for (i = a0; i < a1 && han <= max; i++)
		for (k = 0; k < p->art[i].nb; k++)
			if (p->art[i].b[k].kind == BLOCK_PARA)
				han += text_han_count(p->art[i].b[k].text,
				    p->art[i].b[k].len);
	return han;
}

/*
 * A run of articles worked on by one processor, with memory of its own:
 * its damage counted, then its articles finished.
 */
enum fjob { F_SPACES, F_HAN, F_FINISH };

struct fpart {
	struct parser	 w;		/* the parser's, with the arena and
					   scratch of this part */
	struct article	*av;
	size_t		 a0, a1;
	enum fjob job;
	size_t		 n, max;	/* F_SPACES, F_HAN: counted, limit */
};

static void
fpart_run(void *arg, size_t k)
{
	struct fpart	*fp = (struct fpart *)arg + k;
	size_t		 i;

	switch (fp->job) {
	case F_SPACES:
		fp->n = count_spaces(&fp->w, fp->a0, fp->a1);
		break;
	case F_HAN:
		fp->n = count_han(&fp->w, fp->a0, fp->a1, fp->max);
		break;
	case F_FINISH:
		for (i = fp->a0; i < fp->a1; i++)
			finish_article(&fp->w, fp->av, i);
		break;
	}
}

/* Runs job on every part; the sum of their counts. */
static size_t
fparts_run(struct fpart *fp, size_t np, enum fjob job, size_t max)
{
	size_t	k, n = 0;

	for (k = 0; k < np; k++) {
		fp[k].job = job;
		fp[k].max = max;
	}
	pool_split(np, fpart_run, fp);
	for (k = 0; k < np; k++)
		n += fp[k].n;
	return n;
}

/*
 * Parts for a large issue: runs of articles about as long, more than one
 * a processor (they share nothing but what they read).  NULL when the
 * issue is too small for that, or memory too short.
 */
static struct fpart *
fparts_new(struct parser *p, size_t *np)
{
	struct fpart	*fp;
	size_t		 total = 0, done = 0, want, i, j, k, start = 0;

	*np = 0;
	if (p->nart < 2)
		return NULL;
	for (i = 0; i < p->nart; i++)
		for (k = 0; k < p->art[i].nb; k++)
			total += p->art[i].b[k].len;
	if ((want = pool_parts(total, p->opts->parallel)) == 0)
		return NULL;
	if ((fp = calloc(want, sizeof *fp)) == NULL) {
		p->failed = true;
		return NULL;
	}
	for (i = 0; i < p->nart; i++) {
		for (k = 0; k < p->art[i].nb; k++)
			done += p->art[i].b[k].len;
		if (pool_part_ends(done, total, *np, want)) {
			fp[*np].a0 = start;
			fp[(*np)++].a1 = start = i + 1;
		}
	}
	if (start < p->nart) {
		fp[*np].a0 = start;
		fp[(*np)++].a1 = p->nart;
	}
	for (k = 0; k < *np; k++) {
		size_t	bytes = 0, nb = 0;

		/* room for the repaired texts, made here: see arena_reserve */
		for (i = fp[k].a0; i < fp[k].a1; i++) {
			nb += p->art[i].nb;
			for (j = 0; j < p->art[i].nb; j++)
				bytes += p->art[i].b[j].len;
		}
		fp[k].w = *p;
		memset(fp[k].w.scratch, 0, sizeof fp[k].w.scratch);
		fp[k].w.failed = false;
		if ((fp[k].w.a = arena_new()) == NULL ||
		    !arena_reserve(fp[k].w.a, bytes + bytes / 4 +
		    nb * BLOCK_COST)) {
			p->failed = true;
			arena_free(fp[k].w.a);
			while (k-- > 0)
				arena_free(fp[k].w.a);
			free(fp);
			return NULL;
		}
	}
	return fp;
}

/* Gives the parts' memory and failures to p. */
static void
fparts_free(struct parser *p, struct fpart *fp, size_t np)
{
	size_t	k;

	for (k = 0; k < np; k++) {
		arena_adopt(p->a, fp[k].w.a);
		p->failed |= fp[k].w.failed;
		buf_free(&fp[k].w.scratch[0]);
		buf_free(&fp[k].w.scratch[1]);
	}
	free(fp);
}

void
parse_finish(struct parser *p)
{
	struct issue	*is = p->is;
	struct article	*av;
	struct fpart	*fp;
	size_t		 i, k, np;

	if (!date_format(is->date, p->mast.year, p->mast.month, p->mast.day))
		is->date[0] = '\0';
	if (p->mast.weekday[0] != '\0')
		is->weekday = arena_strndup(p->a, p->mast.weekday,
		    strlen(p->mast.weekday));
	if (p->mast.lunar[0] != '\0')
		is->lunar = arena_strndup(p->a, p->mast.lunar,
		    strlen(p->mast.lunar));
	if (p->mast.number[0] != '\0')
		is->number = arena_strndup(p->a, p->mast.number,
		    strlen(p->mast.number));
	is->pages = p->mast.pages;
	guess_title(p);
	title_from_source(p);

	/*
	 * Is the converter's space damage everywhere (5 stray spaces or more
	 * in 1,000 Han characters), or only here and there?  The Han
	 * characters are counted until there are too many.
	 */
	fp = fparts_new(p, &np);
	if (!p->opts->whole) {
		size_t	spaces, han = 0;

		spaces = fp ? fparts_run(fp, np, F_SPACES, 0) :
		    count_spaces(p, 0, p->nart);
		if (spaces > 0)
			han = fp ? fparts_run(fp, np, F_HAN,
			    spaces * HAN_PER_SPACE) :
			    count_han(p, 0, p->nart, spaces * HAN_PER_SPACE);
		p->damaged = han > 0 && han <= spaces * HAN_PER_SPACE;
	}
	p->is->damage.spaces = p->damaged;

	is->mast = finish_blocks(p, p->mastb, p->nmastb);
	is->nmast = is->mast != NULL ? p->nmastb : 0;
	av = arena_alloc(p->a, (p->nart ? p->nart : 1) * sizeof *av);
	if (av == NULL) {
		p->failed = true;
		fparts_free(p, fp, np);
		return;
	}
	if (fp != NULL) {
		for (k = 0; k < np; k++) {
			fp[k].av = av;
			fp[k].w.damaged = p->damaged;
		}
		fparts_run(fp, np, F_FINISH, 0);
		fparts_free(p, fp, np);
	} else
		for (i = 0; i < p->nart; i++)
			finish_article(p, av, i);
	merge_continuations(p, av);
	is->articles = av;
	is->narticles = p->nart;
	is->items = arena_alloc(p->a, (p->nitems ? p->nitems : 1) *
	    sizeof *is->items);
	{
		struct block	*bv = finish_blocks(p, p->ban, p->nban);

		if (is->items == NULL || bv == NULL) {
			p->failed = true;
			return;
		}
		for (i = 0; i < p->nitems; i++) {
			is->items[i].banner = p->items[i].banner ?
			    &bv[p->items[i].idx] : NULL;
			is->items[i].article = p->items[i].banner ? NULL :
			    &av[p->items[i].idx];
		}
		is->nitems = p->nitems;
	}
}

