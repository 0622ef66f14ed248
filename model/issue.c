/*
 * issue: the parser's entry and its plain-text front-end, which splits the
 * text into blocks at blank lines (or lines, when the converter put one
 * paragraph on each) and strips their markup.  The passes after it are in
 * classify.c, assemble.c, heads.c and finish.c (see parse.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "parse.h"
#include "pool.h"
#include "vault.h"

/* Where the line at t[i] ends: its '\n', or n. */
static size_t
line_end(const char *t, size_t n, size_t i)
{
	const char	*p = i < n ? memchr(t + i, '\n', n - i) : NULL;

	return p != NULL ? (size_t)(p - t) : n;
}

static bool
blank_line(const char *s, size_t n)
{
	size_t	i = 0;

	while (i < n) {
		if (s[i] == ' ')
			i++;
		else if (str_starts(s + i, n - i, "\xe3\x80\x80"))
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
	size_t	e = line_end(t, n, i), next, a, b;
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
		e = line_end(t, n, next);
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
		    (f[k].r1 - f[k].r0) * 32);
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
static bool
split(struct parser *p)
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
		e = line_end(t, n, i);
		if (blank_line(t + i, e - i))
			nblank++;
		else
			nfull++;
	}
	lines = p->opts->lines || (nfull > 10 && nblank * 10 < nfull);
	/* where the blocks are, then what they say */
	i = 0;
	while (i < n) {
		e = line_end(t, n, i);
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

/* False (text freed) when sanitised text is over what a model may hold. */
static bool
small_enough(char **text, size_t len, const char **err)
{
	if (len <= ISSUE_TEXT_MAX)
		return true;
	free(*text);
	*text = NULL;
	*err = "too large once tabs and bad bytes are replaced (over 3 GiB)";
	return false;
}

/* Parses in[0..n-1], freeing owned (NULL or in) once it is sanitised. */
static struct issue *
parse(const char *in, size_t n, char *owned, const struct issue_opts *opts,
    const char **err)
{
	struct issue	*is;
	char		*text, *flat;
	size_t		 len, flen;
	bool		 html;

	*err = "out of memory";
	text = text_sanitise(in, n, &len);
	free(owned);
	if (text == NULL || !small_enough(&text, len, err))
		return NULL;
	/* a saved RSS or Atom feed: XML, read as such */
	if (feed_is(text, len))
		return feed_parse(text, len, opts, err);
	/* HTML paragraphs and entities: plain text, sanitised again */
	if ((html = html_is(text, len))) {
		flat = html_flatten(text, len, &flen);
		free(text);
		if (flat == NULL)
			return NULL;
		text = text_sanitise(flat, flen, &len);
		free(flat);
		if (text == NULL || !small_enough(&text, len, err))
			return NULL;
	}
	/* a web edition's articles with front matter: the vault front-end */
	if (vault_has_front_matter(text, len) ||
	    memmem(text, len, "\n---\ntitle:", 11) != NULL)
		is = vault_parse(text, len, opts, err);
	else if (record_is(text, len))
		is = record_parse(text, len, opts, err);
	else if (stack_is(text, len))
		is = stack_parse(text, len, opts, err);
	else
		is = issue_parse_text(text, len, opts, NULL, err);
	if (is != NULL)
		is->damage.html = html;
	return is;
}

struct issue *
issue_parse(const char *in, size_t n, const struct issue_opts *opts,
    const char **err)
{
	return parse(in, n, NULL, opts, err);
}

struct issue *
issue_parse_free(char *in, size_t n, const struct issue_opts *opts,
    const char **err)
{
	return parse(in, n, in, opts, err);
}

struct issue *
issue_parse_text(char *text, size_t len, const struct issue_opts *opts,
    const struct lexicon *lx, const char **err)
{
	static const struct issue_opts	 defaults = { .keep_punct = false };
	struct parser			 p;
	struct issue			*is;
	size_t				 i;

	*err = "out of memory";
	memset(&p, 0, sizeof p);
	p.opts = opts != NULL ? opts : &defaults;
	if ((is = calloc(1, sizeof *is)) == NULL) {
		free(text);
		return NULL;
	}
	p.is = is;
	is->text = text;
	is->textlen = len;
	p.lx = lx != NULL ? lx : lexicon_detect(text, len);
	is->profile = p.lx->name;
	if ((is->arena = p.a = arena_new()) == NULL ||
	    (p.tmp = arena_new()) == NULL)
		goto fail;
	if (!split(&p))
		goto fail;
	parse_classify(&p);
	parse_assemble(&p);
	/* the blocks point into the raw arena, not at the raw blocks */
	free(p.raw);
	p.raw = NULL;
	p.nraw = 0;
	p.upcont = p.series = NULL;
	if (!p.failed)
		parse_finish(&p);
	for (i = 0; i < p.nart; i++) {
		size_t	k;

		for (k = 0; k < p.art[i].nb; k++)
			bb_free(&p.art[i].b[k]);
		free(p.art[i].b);
	}
	for (i = 0; i < p.nban; i++)
		bb_free(&p.ban[i]);
	for (i = 0; i < p.nmastb; i++)
		bb_free(&p.mastb[i]);
	for (i = 0; i < p.npend; i++)
		bb_free(&p.pend[i]);
	free(p.art);
	free(p.ban);
	free(p.mastb);
	free(p.items);
	free(p.pend);
	buf_free(&p.scratch[0]);
	buf_free(&p.scratch[1]);
	if (p.failed || arena_failed(p.a) || arena_failed(p.tmp))
		goto fail2;
	arena_free(p.tmp);
	*err = NULL;
	return is;
fail:
	free(p.raw);
fail2:
	arena_free(p.tmp);
	issue_free(is);
	return NULL;
}

void
issue_free(struct issue *is)
{
	size_t	i;

	if (is == NULL)
		return;
	for (i = 0; i < is->nparts; i++)
		issue_free(is->parts[i]);
	free(is->parts);
	for (i = 0; i < sizeof is->owned / sizeof is->owned[0]; i++)
		free(is->owned[i]);
	arena_free(is->arena);
	free(is->text);
	free(is);
}

const char *
issue_kind_name(enum article_kind k)
{
	switch (k) {
	case ARTICLE_PHOTO:
		return "photo";
	case ARTICLE_COMMENTARY:
		return "commentary";
	case ARTICLE_SIDEBAR:
		return "sidebar";
	default:
		return "story";
	}
}

void
issue_date_line(const struct issue *is, const char *date, char *buf,
    size_t len)
{
	char	pages[32];
	size_t	n;

	snprintf(pages, sizeof pages, "%d", is->pages);
	snprintf(buf, len, "%s %s %s%s%s%s%s",
	    is->date[0] ? is->date : date ? date : "",
	    is->weekday ? is->weekday : "", is->lunar ? is->lunar : "",
	    is->number ? "  No. " : "", is->number ? is->number : "",
	    is->pages ? "  pages: " : "", is->pages ? pages : "");
	/* no field: no line of spaces */
	for (n = strlen(buf); n > 0 && buf[n - 1] == ' '; n--)
		buf[n - 1] = '\0';
	if (strspn(buf, " ") == strlen(buf))
		buf[0] = '\0';
}
