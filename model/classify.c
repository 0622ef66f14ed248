/*
 * classify: each raw block's kind by its shape and its neighbours -- a
 * masthead field, a title-like line, a byline, a photo credit or caption,
 * body text -- and the masthead zone at the top of the page.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "parse.h"

#define LEN_CAPTION	150	/* a photo's caption: a few sentences at
				   most, never a story's paragraph run on */
#define LEN_PAPER	12	/* a paper's name (人民日报海外版): a name,
				   not a phrase */

/*
 * An image's description is a photo's caption; a short note in brackets
 * at its end, its credit: 恒指升逾300點（港台圖片）.
 */
static void
image_caption(struct raw *r)
{
	size_t	open, close, k;

	r->kind = R_CAPTION;
	if (str_ends(r->text, r->len, PU_RPAREN))
		close = r->len - 3;
	else if (str_ends(r->text, r->len, ")"))
		close = r->len - 1;
	else
		return;
	for (open = close, k = 0; open > 0 && k <= 16; k++) {
		open--;
		while (open > 0 && ((unsigned char)r->text[open] & 0xc0) == 0x80)
			open--;
		if (str_starts(r->text + open, r->len - open, PU_LPAREN) ||
		    r->text[open] == '(')
			break;
	}
	if (open == 0 || k > 16 || !(str_starts(r->text + open, r->len - open,
	    PU_LPAREN) || r->text[open] == '('))
		return;
	r->text[close] = '\0';
	r->credit = r->text + open + (r->text[open] == '(' ? 1 : 3);
	while (open > 0 && r->text[open - 1] == ' ')
		open--;
	r->len = (uint32_t)open;
	r->chars = (uint32_t)u8_count(r->text, r->len);
}

static void
classify(struct parser *p, struct raw *r)
{
	size_t	k;

	/* a thematic break (---, ***) is markup, no text */
	if (r->len == 0 || (r->len >= 3 && strspn(r->text, "-*_ ") == r->len &&
	    strspn(r->text, "-") != 1)) {
		r->kind = R_EMPTY;
		return;
	}
	if (r->image) {
		image_caption(r);
		return;
	}
	if (line_is_cont(p->lx, r->text, r->len, &r->page, &r->up))
		r->kind = R_CONT;
	else if (mast_fields(r->text, r->len, &p->mast))
		r->kind = R_MAST;
	else if (mast_is_contact(r->text, r->len))
		r->kind = R_MAST;
	else if (line_is_credit(p->lx, r->text, r->len))
		r->kind = R_CREDIT;
	else if (line_is_sign(r->text, r->len))
		r->kind = R_SIGN;
	else if (line_is_byline(p->lx, r->text, r->len))
		r->kind = R_BYLINE;
	else if (line_is_section(r->text, r->len))
		r->kind = R_SECTION;
	else if (line_is_note(p->lx, r->text, r->len))
		r->kind = R_NOTE;
	else if (line_is_page(p->lx, r->text, r->len, &r->page))
		r->kind = R_PAGE;
	else if (line_is_meta(p->lx, r->text, r->len))
		r->kind = R_META;
	else if (line_is_series(p->lx, r->text, r->len) > 0)
		r->kind = R_SERIES;
	else if (line_is_source(r->text, r->len))
		r->kind = R_BYLINE;
	else if (r->hlevel > 0 && r->chars <= LEN_HEADING)
		r->kind = R_TITLE;
	else if ((k = line_credit(p->lx, r->text, r->len)) > 0) {
		r->kind = R_CAPTION;
		r->credit = r->text + k;
		while (k > 0 && r->text[k - 1] == ' ')
			k--;
		r->len = (uint32_t)k;	/* text ≤ ISSUE_TEXT_MAX */
		r->by = (uint32_t)line_byline(p->lx, r->text, r->len);
	} else if (line_is_title(p->lx, r->text, r->len, r->chars, r->by))
		r->kind = R_TITLE;
	else
		r->kind = R_BODY;
}

/*
 * A line without a full stop right before a byline is a headline even when
 * it is long or has a comma: 某某 首条生产线试产 年产能可达500吨,填补空白.
 */
static void
mark_headlines(struct parser *p)
{
	size_t		 k, j;
	struct raw	*r, *n;

	for (k = 0; k + 1 < p->nraw; k++) {
		r = &p->raw[k];
		if (r->kind != R_BODY || r->chars > LEN_HEADING ||
		    text_has(r->text, r->len, PU_STOP) ||
		    ends_sentence(r->text, r->len) || u8_last(r->text, r->len) == U_FW_COMMA ||
		    u8_last(r->text, r->len) == ',' ||
		    r->by > 0)
			continue;
		for (j = k + 1; j < p->nraw && p->raw[j].kind == R_EMPTY; j++)
			;
		if (j == p->nraw)
			continue;
		n = &p->raw[j];
		if (n->kind == R_BYLINE || n->kind == R_SIGN ||
		    (n->kind == R_BODY && n->by > 0))
			r->kind = R_TITLE;
	}
}

/*
 * A caption of several paragraphs: those before it that open with a
 * photo's mark (图①, 上图, （左）) are its first ones, joined to it.
 */
static void
caption_head(struct parser *p, size_t k)
{
	struct raw	*c = &p->raw[k], *r;
	struct buf	 b = { 0 };
	size_t		 j;
	char		*t;

	while (c->gap == 0) {
		for (j = k; j > 0 && p->raw[j - 1].kind == R_EMPTY &&
		    p->raw[j - 1].len == 0; j--)
			;
		if (j == 0)
			break;
		r = &p->raw[j - 1];
		if ((r->kind != R_BODY && !(r->kind == R_TITLE &&
		    r->hlevel == 0)) || r->chars > LEN_CAPTION ||
		    !line_photo_mark(p->lx, r->text, r->len) ||
		    r->by > 0)
			break;
		b.len = 0;
		buf_add(&b, r->text, r->len);
		repair_join(&b, c->text, c->len);
		if (b.failed || (t = arena_strndup(p->tmp, b.p, b.len)) == NULL) {
			p->failed = true;
			break;
		}
		c->text = t;
		c->len = (uint32_t)b.len;
		c->by = (uint32_t)line_byline(p->lx, t, b.len);
		c->chars = (uint32_t)u8_count(t, b.len);
		c->src = r->src;
		c->gap = r->gap;
		r->kind = R_EMPTY;
		r->len = 0;
	}
	buf_free(&b);
}

/* The block before a photo credit is the photo's caption. */
static void
mark_captions(struct parser *p)
{
	size_t		 k, j;
	struct raw	*r;

	for (k = 1; k < p->nraw; k++) {
		if (p->raw[k].kind != R_CREDIT)
			continue;
		for (j = k; j > 0 && p->raw[j - 1].kind == R_EMPTY; j--)
			;
		if (j == 0)
			continue;
		r = &p->raw[j - 1];
		/* text that goes on to another page is no caption */
		if ((r->kind == R_BODY || (r->kind == R_TITLE &&
		    r->hlevel == 0)) && r->by == 0 &&
		    line_trailing_cont(p->lx, r->text, r->len) == r->len) {
			r->kind = R_CAPTION;
			r->credit = p->raw[k].text;
			p->raw[k].kind = R_EMPTY;
		}
	}
	for (k = 1; k < p->nraw; k++)
		if (p->raw[k].kind == R_CAPTION)
			caption_head(p, k);
}

static bool
is_romanized(const char *s, size_t n)
{
	size_t	i, letters = 0;

	for (i = 0; i < n; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			letters++;
		else if (s[i] != ' ' && s[i] != '-' && s[i] != '.' &&
		    s[i] != '\'')
			return false;
	}
	return letters >= 4;
}

/*
 * Before the first byline or body text lies the masthead: there, a short
 * level-1 heading (or a short line ending in the lexicon's word for a paper (报)) is the paper's title, an
 * all-capitals Latin line its romanized name, 主管/主办 its publisher.
 */
static void
masthead_zone(struct parser *p)
{
	struct issue	*is = p->is;
	struct raw	*r;
	size_t		 i;

	for (i = 0; i < p->nraw; i++) {
		r = &p->raw[i];
		if (r->kind == R_BODY || r->kind == R_BYLINE ||
		    r->kind == R_SIGN || r->kind == R_CAPTION ||
		    r->kind == R_SECTION || r->kind == R_CREDIT)
			break;
		if (r->kind != R_TITLE)
			continue;
		/*
		 * The paper's name: a short line ending in the lexicon's word for a paper (报), or a # line
		 * when the page has a masthead (else it is a headline).
		 */
		if (is->title == NULL && r->chars <= LEN_PAPER &&
		    ((lex_ends(r->text, r->len, p->lx->paper) > 0 &&
		    r->hlevel <= 1) || (r->hlevel == 1 && (p->mast.year != 0 ||
		    p->mast.number[0] != '\0' || p->mast.pages != 0)))) {
			is->title = arena_strndup(p->a, r->text, r->len);
			r->kind = R_MAST;
		} else if (is->romanized == NULL &&
		    is_romanized(r->text, r->len)) {
			is->romanized = arena_strndup(p->a, r->text, r->len);
			r->kind = R_MAST;
		} else if (mast_is_publisher(r->text, r->len)) {
			/* 主管主办 and 出版 may stand as two paragraphs */
			if (is->publisher == NULL)
				is->publisher = arena_strndup(p->a,
				    r->text, r->len);
			r->kind = R_MAST;
		}
	}
}

/*
 * Where a date stands in s: 20221201, 2022-12-01; its offset and length
 * into *at and *len, the date into out[11].
 */
static bool
find_date(const char *s, size_t n, size_t *at, size_t *len, char *out)
{
	size_t	i, k;
	char	t[11];

	for (i = 0; i + 8 <= n; i++) {
		if ((i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') ||
		    s[i] < '0' || s[i] > '9')
			continue;
		k = i + 10 <= n && (s[i + 4] == '-' || s[i + 4] == '.') ? 10 : 8;
		if (i + k > n || (i + k < n && s[i + k] >= '0' && s[i + k] <= '9'))
			continue;
		memcpy(t, s + i, k);
		t[k] = '\0';
		if (date_from_name(t, out)) {
			*at = i;
			*len = k;
			return true;
		}
	}
	return false;
}

/*
 * A programme's or paper's name with its date as the first heading:
 * # 《晚间新闻》 (20240315).  The name is the title, the date the issue's.
 */
static void
dated_heading(struct parser *p)
{
	struct raw	*r;
	size_t		 i, at, len, b, e;
	char		 date[11];
	const char	*s;

	for (i = 0; i < p->nraw && p->raw[i].kind == R_EMPTY; i++)
		;
	if (i == p->nraw || p->is->title != NULL || p->mast.year != 0)
		return;
	r = &p->raw[i];
	if (r->hlevel != 1 || r->kind != R_TITLE || r->chars > LEN_HEAD ||
	    !find_date(r->text, r->len, &at, &len, date))
		return;
	s = r->text;
	/* the date and the brackets around it go */
	b = at;
	e = at + len;
	while (b > 0 && s[b - 1] == ' ')
		b--;
	if (b > 0 && e < r->len && ((s[b - 1] == '(' && s[e] == ')') ||
	    (s[b - 1] == '[' && s[e] == ']'))) {
		b--;
		e++;
	} else if (b >= 3 && str_starts(s + b - 3, 3, PU_LPAREN) &&
	    str_starts(s + e, r->len - e, PU_RPAREN)) {
		b -= 3;
		e += 3;
	}
	if (e < r->len && b > 0)
		return;		/* the date stands inside a title */
	while (b > 0 && s[b - 1] == ' ')
		b--;
	if (b == 0) {
		/* 2026-02-05 新闻: the date first, the name after it */
		while (e < r->len && s[e] == ' ')
			e++;
		if (e == r->len)
			return;
		s += e;
		b = r->len - e;
	}
	/* 《晚间新闻》: the name without its title marks */
	if (str_starts(s, b, PU_LBOOK) && str_ends(s, b, PU_RBOOK) && b > 6)
		p->is->title = arena_strndup(p->a, s + 3, b - 6);
	else
		p->is->title = arena_strndup(p->a, s, b);
	p->mast.year = atoi(date);
	p->mast.month = atoi(date + 5);
	p->mast.day = atoi(date + 8);
	r->kind = R_MAST;
}

/*
 * Headings one level down or more (# is the masthead, ### the stories; or
 * a digest's ## hour, ### section, #### story): the stories' level -- the
 * first level whose headings have text under them, not only deeper
 * headings -- becomes the articles' (##), and the levels above it, mere
 * containers, plain title lines: a story's kicker and banners.
 */
static void
heading_levels(struct parser *p)
{
	size_t	i, j, count[7] = { 0 }, deeper[7] = { 0 };
	int	l, low = 0, art = 0;
	bool	mast = false;

	for (i = 0; i < p->nraw; i++) {
		const struct raw	*r = &p->raw[i];

		/* one article's text before any heading: its subheads */
		mast |= r->kind == R_MAST;
		if (r->kind == R_BODY && low == 0 && !mast)
			return;
		if (r->kind != R_TITLE || r->hlevel == 0)
			continue;
		l = r->hlevel;
		if (low == 0 || l < low)
			low = l;
		count[l]++;
		for (j = i + 1; j < p->nraw && p->raw[j].kind == R_EMPTY; j++)
			;
		if (j < p->nraw && p->raw[j].kind == R_TITLE &&
		    p->raw[j].hlevel > l)
			deeper[l]++;
	}
	/*
	 * The first level with two headings over text (## 摘要 over a list
	 * and ## 详细 over the ### stories: the stories' level is 3), else
	 * the first whose headings are mostly over text.
	 */
	for (l = 1; l <= 6 && art == 0; l++)
		if (count[l] - deeper[l] >= 2)
			art = l;
	for (l = 1; l <= 6 && art == 0; l++)
		if (count[l] > 0 && deeper[l] * 2 <= count[l])
			art = l;
	if (low < 3 && art <= 2)
		return;
	if (art < 3 && low >= 3)
		art = low;
	for (i = 0; i < p->nraw; i++) {
		struct raw	*r = &p->raw[i];

		if (r->kind != R_TITLE || r->hlevel == 0)
			continue;
		if (r->hlevel >= art)
			r->hlevel = (uint8_t)(r->hlevel - (art - 2));
		else if (r->hlevel >= 2) {
			r->hlevel = 0;
			r->kicker_mark = true;
			/* over text of its own: a section, not a kicker */
			for (j = i + 1; j < p->nraw &&
			    p->raw[j].kind == R_EMPTY; j++)
				;
			r->section = j < p->nraw &&
			    !(p->raw[j].kind == R_TITLE && p->raw[j].hlevel > 0);
		}
	}
	p->outline = true;
}

/*
 * Paragraphs cut mid-sentence: body text that does not end a sentence
 * with more text after it.  One such paragraph in an issue is a lead or a
 * list's line as the author wrote it; a converter's damage shows again
 * and again.
 */
#define BROKEN_MIN	2

static size_t
broken_paragraphs(const struct parser *p)
{
	const struct raw	*r, *n;
	size_t			 i, j, k = 0;
	bool			 text = false;	/* after body text */
	bool			 photo;

	for (i = 0; i < p->nraw; i++) {
		r = &p->raw[i];
		if (r->kind == R_EMPTY)
			continue;
		/*
		 * A short piece where text goes on (after a byline, a subhead
		 * or text) looks like a title: 清出的淤泥将用来.
		 */
		if (!(r->kind == R_BODY || (text && r->kind == R_TITLE &&
		    r->hlevel == 0))) {
			text = r->kind == R_BYLINE || r->kind == R_SIGN ||
			    r->kind == R_SECTION || (r->kind == R_TITLE &&
			    r->hlevel >= 3);
			continue;
		}
		text = r->kind == R_BODY;
		if (ends_sentence(r->text, r->len))
			continue;
		/* text that goes on after a photo set in it: surely cut */
		for (j = i + 1, photo = false; j < p->nraw &&
		    (p->raw[j].kind == R_EMPTY || p->raw[j].kind == R_CAPTION ||
		    p->raw[j].kind == R_CREDIT); j++)
			photo |= p->raw[j].kind != R_EMPTY;
		if (j == p->nraw)
			continue;
		n = &p->raw[j];
		if ((n->kind == R_BODY || (n->kind == R_TITLE &&
		    n->hlevel == 0)) && n->by == 0)
			k += photo ? BROKEN_MIN : 1;
	}
	return k;
}

/*
 * Footers a source repeats after every article (a link to the original,
 * a copyright, a contact address): lines at the ends of at least three
 * articles and of three in four, the same but for numbers and addresses,
 * each with a link, an address or a ©.  They become R_REPEAT: the
 * article's source line, never an article of their own.  (Each keeps its
 * place: the addresses in them are each article's own.)
 */
#define TAIL		8	/* lines at an article's end to look at */
#define REPEAT_MIN	3
#define FOOTER_MAX	400	/* bytes of a footer's line at most */

struct tail {
	uint64_t	hash;	/* of the line less digits, addresses, spaces */
	size_t		unit;	/* the article it ends */
	size_t		raw;
	bool		link;	/* it has a link, an address or a © */
};

static int
by_hash(const void *a, const void *b)
{
	const struct tail	*x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->raw < y->raw ? -1 : x->raw > y->raw;
}

/* What of a line repeats: no digits, addresses or spaces.  0: nothing. */
static uint64_t
skeleton(const char *s, size_t n, bool *link)
{
	uint64_t	h = 14695981039346656037ULL;
	size_t		i = 0, kept = 0;

	*link = false;
	while (i < n) {
		if ((n - i > 4 && (memcmp(s + i, "http", 4) == 0 ||
		    memcmp(s + i, "www.", 4) == 0)) || s[i] == '@') {
			/* an address, to a space, a bracket or non-ASCII */
			*link = true;
			while (i < n && (unsigned char)s[i] > ' ' &&
			    (unsigned char)s[i] < 0x80 && s[i] != ')')
				i++;
			continue;
		}
		if ((unsigned char)s[i] == 0xc2 && i + 1 < n &&
		    (unsigned char)s[i + 1] == 0xa9)
			*link = true;
		if ((s[i] >= '0' && s[i] <= '9') || s[i] == ' ') {
			i++;
			continue;
		}
		h = (h ^ (unsigned char)s[i++]) * 1099511628211ULL;
		kept++;
	}
	return kept >= 4 ? h : 0;
}

static void
mark_repeats(struct parser *p)
{
	struct tail	*t = NULL;
	size_t		 nt = 0, cap = 0, i, j, k, units = 0, nu;
	bool		 link;
	uint64_t	 h;

	/* the articles' ends: the lines before each heading, and the last */
	for (i = 0; i <= p->nraw; i++) {
		if (i < p->nraw && !(p->raw[i].kind == R_TITLE &&
		    p->raw[i].hlevel > 0))
			continue;
		for (j = i, k = 0; j > 0 && k < TAIL; j--) {
			const struct raw	*r = &p->raw[j - 1];

			if (r->kind == R_TITLE && r->hlevel > 0)
				break;
			if (r->kind != R_BODY && r->kind != R_TITLE &&
			    r->kind != R_BYLINE && r->kind != R_SIGN)
				continue;
			k++;
			/*
			 * A footer's line is short and has a link: a
			 * paragraph is none (most are told by memmem).
			 */
			if (r->len > FOOTER_MAX || !(memmem(r->text, r->len,
			    "http", 4) || memmem(r->text, r->len, "www.", 4) ||
			    memchr(r->text, '@', r->len) || memmem(r->text,
			    r->len, "\xc2\xa9", 2)) ||
			    (h = skeleton(r->text, r->len, &link)) == 0)
				continue;
			if (!vec_grow(&t, &cap, nt, sizeof *t)) {
				p->failed = true;
				free(t);
				return;
			}
			t[nt++] = (struct tail){ h, units, j - 1, link };
		}
		units++;
	}
	if (units < REPEAT_MIN || nt == 0) {
		free(t);
		return;
	}
	qsort(t, nt, sizeof *t, by_hash);
	for (i = 0; i < nt; i = j) {
		link = false;
		for (j = i, nu = 0; j < nt && t[j].hash == t[i].hash; j++) {
			link |= t[j].link;
			/* sorted by place: a new article when the unit grows */
			nu += j == i || t[j].unit != t[j - 1].unit;
		}
		if (nu < REPEAT_MIN || nu * 4 < units * 3 || !link)
			continue;
		for (k = i; k < j; k++)
			p->raw[t[k].raw].kind = R_REPEAT;
	}
	free(t);
}

void
parse_classify(struct parser *p)
{
	size_t	i;

	for (i = 0; i < p->nraw; i++)
		classify(p, &p->raw[i]);
	p->gapless = true;
	for (i = 0; i < p->nraw && p->gapless; i++)
		p->gapless = p->raw[i].gap == 0;
	mark_captions(p);
	mark_headlines(p);
	p->broken = broken_paragraphs(p) >= BROKEN_MIN;
	dated_heading(p);
	masthead_zone(p);
	heading_levels(p);
	mark_repeats(p);
}
