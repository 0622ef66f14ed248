/*
 * record: a database dump, one record an article -- a heading line with
 * the headline and its decks ("### 主题  副题"), then the record's fields
 * on lines of their own (the author, the date, the page as 第1版(要闻),
 * the column as 专栏：…, each maybe empty), the headline again, and the
 * text a paragraph a line.  The fields fill the article's; they are not
 * shown as text.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "parse.h"

#define FIELD_LINES	8	/* a record's fields stand in so many lines */

/* "### 主题": where the headline starts, or 0. */
static size_t
heading(const struct tline *l)
{
	size_t	k = 0;

	if (l->indent > 0)
		return 0;
	while (k < l->n && k < 4 && l->s[k] == '#')
		k++;
	if (k == 0 || k >= l->n || l->s[k] != ' ')
		return 0;
	while (k < l->n && l->s[k] == ' ')
		k++;
	return k < l->n ? k : 0;
}

static bool
date_line(const struct tline *l, char *out)
{
	char	t[13];

	if (l->n < 8 || l->n > 12 || l->s[0] < '0' || l->s[0] > '9' ||
	    strspn(l->s, "0123456789-./") < l->n)
		return false;
	/* the line alone: date_from_name() reads to the string's end */
	memcpy(t, l->s, l->n);
	t[l->n] = '\0';
	return date_from_name(t, out);
}

/* 第1版(), 第05版（要闻）, 2면: the page's field. */
static bool
page_line(const struct lexicon *lx, const struct tline *l)
{
	int	page;
	size_t	i, n = l->n;

	if (u8_count(l->s, n) > 30)
		return false;
	/* the name in brackets after it, maybe empty */
	for (i = 0; i < n; i++)
		if (l->s[i] == '(' || str_starts(l->s + i, n - i, PU_LPAREN))
			break;
	if (i < n && !str_ends(l->s, n, ")") && !str_ends(l->s, n, PU_RPAREN))
		return false;
	return line_is_page(lx, l->s, i, &page);
}

/* 专栏：, 专栏：文教短讯: the column's field; its name into *name. */
static bool
column_line(const struct lexicon *lx, const struct tline *l, size_t *name)
{
	size_t	k;

	if ((k = lex_starts(l->s, l->n, lx->series)) == 0 ||
	    u8_count(l->s, l->n) > 40)
		return false;
	while (k < l->n && l->s[k] == ' ')
		k++;
	if (str_starts(l->s + k, l->n - k, PU_COLON))
		k += 3;
	else if (k < l->n && l->s[k] == ':')
		k++;
	else
		return false;
	while (k < l->n && l->s[k] == ' ')
		k++;
	*name = k;
	return true;
}

/* Whether the record heading at line l has a date and a page after it. */
static bool
is_record(const struct lexicon *lx, const char *t, size_t len,
    const struct tline *h)
{
	struct tline	l;
	char		date[11];
	size_t		i, k;
	bool		dated = false, paged = false;

	for (i = h->next, k = 0; i < len && k < FIELD_LINES; i = l.next, k++) {
		tline_at(t, len, i, &l);
		if (heading(&l) > 0)
			break;
		dated |= date_line(&l, date);
		paged |= page_line(lx, &l);
	}
	return dated && paged;
}

bool
record_is(const char *t, size_t len)
{
	struct tline		 l;
	size_t			 i = 0;

	/* the first line with text opens a record */
	while (i < len) {
		tline_at(t, len, i, &l);
		if (l.n > 0)
			break;
		i = l.next;
	}
	return i < len && heading(&l) > 0 &&
	    is_record(lexicon_detect(t, len), t, len, &l);
}

/*
 * The headline and decks, split at runs of two spaces or more; false when
 * memory ran out.
 */
static bool
title_fields(struct arena *ar, const struct tline *l, size_t k,
    struct part_meta *m)
{
	const char	*s = l->s + k;
	size_t		 n = l->n - k, i, e;
	struct buf	 deck = { 0 };
	bool		 ok;

	for (e = 0; e < n; e++)
		if ((s[e] == ' ' && e + 1 < n && s[e + 1] == ' ') ||
		    str_starts(s + e, n - e, PU_IDEO_SPACE))
			break;
	m->title = arena_strndup(ar, s, e);
	for (i = e; i < n; ) {
		while (i < n && (s[i] == ' ' || str_starts(s + i, n - i,
		    PU_IDEO_SPACE)))
			i += s[i] == ' ' ? 1 : 3;
		for (e = i; e < n; e++)
			if ((s[e] == ' ' && e + 1 < n && s[e + 1] == ' ') ||
			    str_starts(s + e, n - e, PU_IDEO_SPACE))
				break;
		if (e > i) {
			if (deck.len > 0)
				buf_addc(&deck, ' ');
			buf_add(&deck, s + i, e - i);
		}
		i = e;
	}
	ok = !deck.failed;
	if (deck.len > 0 && ok)
		m->deck = arena_strndup(ar, deck.p, deck.len);
	buf_free(&deck);
	return ok;
}

static bool
same(const char *s, size_t n, const char *field)
{
	return field != NULL && n == strlen(field) && memcmp(s, field, n) == 0;
}

/* Whether s is one of the decks, which title_fields joined by a space. */
static bool
in_deck(const char *s, size_t n, const char *deck)
{
	const char	*p;

	for (p = deck; p != NULL && *p != '\0'; p += strcspn(p, " ")) {
		p += strspn(p, " ");
		if (strncmp(p, s, n) == 0 && (p[n] == ' ' || p[n] == '\0'))
			return n > 0;
	}
	return false;
}

/* The record's fields after its heading; where its text starts. */
static size_t
fields(struct arena *ar, const struct lexicon *lx, const char *t,
    size_t len, size_t i, struct part_meta *m)
{
	struct tline	l;
	char		date[11];
	size_t		k, name;
	bool		dated = false;

	for (k = 0; i < len && k < FIELD_LINES; k++) {
		tline_at(t, len, i, &l);
		if (l.n == 0) {
			i = l.next;
			continue;
		}
		if (heading(&l) > 0)
			return i;
		if (date_line(&l, date)) {
			m->date = arena_strndup(ar, date, 10);
			dated = true;
		} else if (page_line(lx, &l))
			m->section = arena_strndup(ar, l.s, l.n);
		else if (column_line(lx, &l, &name)) {
			if (name < l.n)
				m->kicker = arena_strndup(ar, l.s + name,
				    l.n - name);
		} else if (!dated && m->author == NULL && l.indent == 0 &&
		    u8_count(l.s, l.n) <= 40 && !text_has(l.s, l.n, PU_STOP))
			m->author = arena_strndup(ar, l.s, l.n);
		else
			break;
		i = l.next;
	}
	/*
	 * The heading again as the text's first lines: the headline, each
	 * deck on a line of its own, maybe the author.
	 */
	while (i < len && m->title != NULL) {
		tline_at(t, len, i, &l);
		if (l.n == 0 || !(same(l.s, l.n, m->title) ||
		    same(l.s, l.n, m->author) || in_deck(l.s, l.n, m->deck)))
			break;
		i = l.next;
	}
	/* a column named as the headline is: no kicker */
	if (m->kicker != NULL && m->title != NULL &&
	    strcmp(m->kicker, m->title) == 0)
		m->kicker = NULL;
	m->known = true;
	return i;
}

struct issue *
record_parse(char *text, size_t len, const struct issue_opts *opts,
    const char **err)
{
	const struct lexicon	*lx = lexicon_detect(text, len);
	struct issue		*is;
	struct part_meta	*m = NULL, *r;
	struct tline		 l;
	size_t			 nm = 0, mcap = 0, i, k;

	*err = "out of memory";
	if ((is = parts_new(text, len, "records")) == NULL)
		return NULL;
	for (i = 0; i < len; ) {
		tline_at(text, len, i, &l);
		if ((k = heading(&l)) == 0 || !is_record(lx, text, len, &l)) {
			i = l.next;
			continue;
		}
		if ((r = parts_add(&m, &mcap, &nm)) == NULL ||
		    !title_fields(is->arena, &l, k, r)) {
			free(m);
			issue_free(is);
			return NULL;
		}
		r->start = i;
		r->body = fields(is->arena, lx, text, len, l.next, r);
		if (nm > 1)
			m[nm - 2].end = i;
		i = r->body;
	}
	return parts_done(is, m, nm, opts, true, err);
}
