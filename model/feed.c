/*
 * feed: a saved RSS or Atom feed (or several, joined like cat: a day's
 * folder of them) read with expat -- a small, streaming XML parser that
 * never fetches anything (no external entities, no network) and bounds
 * entity expansion.  The channel's title is the paper's, each <item> or
 * <entry> an article: title, dc:creator or author as its byline,
 * pubDate or updated as its date (the issue's: the newest), its
 * content:encoded, content, description or summary an HTML body made
 * text by the HTML front-end (html.c), a <figcaption> a photo.  Entities
 * escaped twice in the feed (&amp;amp;) are what the HTML means, so are
 * resolved once by XML and once as HTML.  What an XML error leaves
 * unread is kept as text.
 */
#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "date.h"
#include "parse.h"

enum field { F_NONE, F_TITLE, F_BY, F_DATE, F_SUMMARY, F_BODY, F_NFIELD };

struct fitem {
	struct buf	f[F_NFIELD];
};

struct feed {
	XML_Parser	 xp;
	struct buf	 channel;	/* the feed's title */
	bool		 got_channel;
	struct fitem	*v;
	size_t		 n, cap;
	int		 depth, item_depth, field_depth;
	int		 skip;		/* depth of an author's <email> */
	enum field	 field;
	bool		 in_item, failed;
};

/* The element's name without its namespace prefix (dc:creator). */
static const char *
local(const char *name)
{
	const char	*c = strrchr(name, ':');

	return c != NULL ? c + 1 : name;
}

static enum field
field_of(const char *name)
{
	static const struct {
		const char	*name;
		enum field	 f;
	} names[] = {
		{ "title", F_TITLE }, { "creator", F_BY }, { "author", F_BY },
		{ "pubDate", F_DATE }, { "updated", F_DATE },
		{ "published", F_DATE }, { "date", F_DATE },
		{ "description", F_SUMMARY }, { "summary", F_SUMMARY },
		{ "encoded", F_BODY }, { "content", F_BODY },
	};
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i].name) == 0)
			return names[i].f;
	return F_NONE;
}

static void XMLCALL
on_start(void *arg, const XML_Char *name, const XML_Char **attr)
{
	struct feed	*f = arg;
	const char	*l = local(name);

	(void)attr;
	f->depth++;
	if (f->field == F_BY && f->skip == 0 && (strcmp(l, "email") == 0 ||
	    strcmp(l, "uri") == 0))
		f->skip = f->depth;
	if (f->field != F_NONE) {
		/* XHTML inside a field: its tags, for the HTML front-end */
		if (f->field == F_BODY || f->field == F_SUMMARY)
			buf_addf(&f->v[f->n - 1].f[f->field], "<%s>", l);
		return;
	}
	if (!f->in_item && (strcmp(l, "item") == 0 || strcmp(l, "entry") == 0)) {
		if (!vec_grow(&f->v, &f->cap, f->n, sizeof *f->v)) {
			f->failed = true;
			XML_StopParser(f->xp, XML_FALSE);
			return;
		}
		memset(&f->v[f->n++], 0, sizeof *f->v);
		f->in_item = true;
		f->item_depth = f->depth;
		return;
	}
	if (f->in_item && f->depth == f->item_depth + 1) {
		f->field = field_of(l);
		f->field_depth = f->depth;
		/* a body already read (content:encoded) is not replaced */
		if (f->field != F_NONE && f->v[f->n - 1].f[f->field].len > 0 &&
		    f->field != F_BY)
			f->field = F_NONE;
		else if (f->field == F_BY && f->v[f->n - 1].f[F_BY].len > 0)
			buf_adds(&f->v[f->n - 1].f[F_BY], PU_LIST_COMMA);
	} else if (!f->in_item && !f->got_channel && strcmp(l, "title") == 0 &&
	    f->depth <= 3) {
		f->field = F_TITLE;
		f->field_depth = f->depth;
	}
}

static void XMLCALL
on_end(void *arg, const XML_Char *name)
{
	struct feed	*f = arg;
	const char	*l = local(name);

	if (f->skip == f->depth)
		f->skip = 0;
	if (f->field != F_NONE && f->depth == f->field_depth) {
		if (!f->in_item)
			f->got_channel = true;
		f->field = F_NONE;
	} else if (f->field == F_BODY || f->field == F_SUMMARY)
		buf_addf(&f->v[f->n - 1].f[f->field], "</%s>", l);
	if (f->in_item && f->depth == f->item_depth)
		f->in_item = false;
	f->depth--;
}

static void XMLCALL
on_text(void *arg, const XML_Char *s, int len)
{
	struct feed	*f = arg;
	struct buf	*b;

	if (f->field == F_NONE || len <= 0 || f->skip != 0)
		return;
	b = f->in_item ? &f->v[f->n - 1].f[f->field] : &f->channel;
	buf_add(b, s, (size_t)len);
	if (b->failed) {
		f->failed = true;
		XML_StopParser(f->xp, XML_FALSE);
	}
}

bool
feed_is(const char *s, size_t n)
{
	size_t	i = 0, lim = n < 4096 ? n : 4096;

	while (i < lim && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t'))
		i++;
	if (i >= lim || s[i] != '<')
		return false;
	return memmem(s + i, lim - i, "<rss", 4) != NULL ||
	    memmem(s + i, lim - i, "<feed", 5) != NULL ||
	    memmem(s + i, lim - i, "<rdf:RDF", 8) != NULL;
}

/* Text from a field holding HTML (or plain text): plain, one paragraph a
 * block, appended to out. */
static bool
add_html(struct buf *out, const struct buf *in)
{
	char	*flat;
	size_t	 n;

	if (in->len == 0)
		return true;
	if ((flat = html_flatten(in->p, in->len, &n)) == NULL)
		return false;
	buf_add(out, flat, n);
	free(flat);
	return !out->failed;
}

/*
 * The body of an item as text: its HTML flattened, each <figcaption> a
 * paragraph of its own marked as an image's description (![…](#)), which
 * the text front-end reads as a photo.
 */
static bool
item_text(const struct buf *html, struct buf *out)
{
	const char	*s, *e, *a, *b;
	struct buf	 part = { 0 }, cap = { 0 };
	size_t		 k;
	bool		 ok = true;

	if (html->len == 0)
		return true;
	s = html->p;
	e = s + html->len;
	while (ok && s < e) {
		a = memmem(s, (size_t)(e - s), "<figcaption", 11);
		b = a != NULL ? memmem(a, (size_t)(e - a), "</figcaption>", 13) :
		    NULL;
		if (a == NULL || b == NULL)
			a = b = e;
		part.len = 0;
		buf_add(&part, s, (size_t)(a - s));
		ok = !part.failed && add_html(out, &part);
		if (!ok || a == e)
			break;
		/* the caption's text, its brackets made unlike a link's */
		part.len = cap.len = 0;
		buf_add(&part, a, (size_t)(b - a));
		ok = !part.failed && add_html(&cap, &part);
		for (k = 0; k < cap.len; k++)
			if (cap.p[k] == '\n')
				cap.p[k] = ' ';
		while (cap.len > 0 && cap.p[cap.len - 1] == ' ')
			cap.len--;
		k = 0;
		while (k < cap.len && cap.p[k] == ' ')
			k++;
		if (k < cap.len) {
			buf_adds(out, "\n\n![");
			for (; k < cap.len; k++)
				if (cap.p[k] == '[')
					buf_adds(out, PU_FW_LBRACKET);
				else if (cap.p[k] == ']')
					buf_adds(out, PU_FW_RBRACKET);
				else
					buf_addc(out, cap.p[k]);
			buf_adds(out, "](#)\n\n");
		}
		s = b + 13;
	}
	buf_free(&part);
	buf_free(&cap);
	return ok && !out->failed;
}

/*
 * Plain text of a short field (a title, a name): HTML made text, one line;
 * NULL when there is none, or when memory ran out (*failed then set).
 */
static char *
plain(struct arena *ar, const struct buf *in, bool *failed)
{
	struct buf	 t = { 0 };
	size_t		 i, a = 0, b;
	char		*r;

	if (in->len == 0)
		return NULL;
	if (!add_html(&t, in)) {
		*failed = true;
		buf_free(&t);
		return NULL;
	}
	for (i = 0; i < t.len; i++)
		if (t.p[i] == '\n' || t.p[i] == '\t')
			t.p[i] = ' ';
	b = t.len;
	while (a < b && t.p[a] == ' ')
		a++;
	while (b > a && t.p[b - 1] == ' ')
		b--;
	r = b > a ? arena_strndup(ar, t.p + a, b - a) : NULL;
	buf_free(&t);
	return r;
}

static const char *const months[] = { "jan", "feb", "mar", "apr", "may",
    "jun", "jul", "aug", "sep", "oct", "nov", "dec" };

/* An RSS date (Fri, 23 May 2025 04:02:00 +0000) or an Atom one. */
static bool
feed_date(const char *s, size_t n, char *out)
{
	char	 t[64];
	int	 day = 0, year = 0, mon = 0, k;
	char	*p, *w;

	if (n == 0 || n >= sizeof t)
		return false;
	memcpy(t, s, n);
	t[n] = '\0';
	if (date_from_name(t, out))
		return true;
	for (w = strtok_r(t, " ,", &p); w != NULL; w = strtok_r(NULL, " ,", &p)) {
		if (w[0] >= '0' && w[0] <= '9' && strchr(w, ':') == NULL) {
			if (day == 0 && strlen(w) <= 2)
				day = atoi(w);
			else if (strlen(w) == 4)
				year = atoi(w);
		} else
			for (k = 0; k < 12; k++)
				if (strncasecmp(w, months[k], 3) == 0)
					mon = k + 1;
	}
	return day > 0 && mon > 0 && year > 0 &&
	    date_format(out, year, mon, day);
}

/* Runs expat over one XML document; false when it stopped on an error. */
static bool
run(struct feed *f, const char *s, size_t n, size_t *stopped)
{
	bool	ok;

	if ((f->xp = XML_ParserCreate("UTF-8")) == NULL) {
		f->failed = true;
		return false;
	}
	XML_SetUserData(f->xp, f);
	XML_SetElementHandler(f->xp, on_start, on_end);
	XML_SetCharacterDataHandler(f->xp, on_text);
	f->depth = 0;
	f->in_item = false;
	f->field = F_NONE;
	ok = n < (size_t)1 << 30 &&
	    XML_Parse(f->xp, s, (int)n, XML_TRUE) == XML_STATUS_OK;
	*stopped = ok ? n : (size_t)XML_GetCurrentByteIndex(f->xp);
	XML_ParserFree(f->xp);
	f->xp = NULL;
	return ok;
}

static void
free_items(struct feed *f)
{
	size_t	i, k;

	for (i = 0; i < f->n; i++)
		for (k = 0; k < F_NFIELD; k++)
			buf_free(&f->v[i].f[k]);
	free(f->v);
	buf_free(&f->channel);
}

/*
 * Reads the feeds in text[0..len-1], one document after another (<?xml
 * at the start of each); what an XML error leaves unread goes to rest.
 */
static void
read_docs(struct feed *f, const char *text, size_t len, struct buf *rest)
{
	size_t		 doc, next, stopped;
	const char	*x;

	for (doc = 0; doc < len && !f->failed; doc = next) {
		x = memmem(text + doc + 1, len - doc - 1, "<?xml", 5);
		next = x != NULL ? (size_t)(x - text) : len;
		stopped = 0;
		if (!run(f, text + doc, next - doc, &stopped) && !f->failed) {
			/* what the error left unread stays, as text */
			stopped += doc;
			buf_add(rest, text + stopped, next - stopped);
			buf_addc(rest, '\n');
		}
	}
}

/* The feed's title as the issue's masthead and title; its newest date. */
static void
feed_head(struct issue *is, const char *title, bool html, const char *newest)
{
	struct block	*mv;

	if (title != NULL && (mv = arena_alloc(is->arena,
	    (is->nmast + 1) * sizeof *mv)) != NULL) {
		memset(mv, 0, sizeof *mv);
		mv->kind = BLOCK_MAST;
		mv->text = title;
		mv->len = strlen(title);
		if (is->nmast > 0)
			memcpy(mv + 1, is->mast, is->nmast * sizeof *mv);
		is->mast = mv;
		is->nmast++;
	}
	if (title != NULL)
		is->title = title;
	is->damage.html = html;
	if (newest[0] != '\0')
		memcpy(is->date, newest, sizeof is->date);
}

/*
 * Item it as part r of the issue: its title, author, date (the newest
 * kept in newest), and its text (the body, else the summary) into out;
 * *html set when the body is HTML.  False when out of memory.
 */
static bool
item_part(struct issue *is, const struct fitem *it, struct part_meta *r,
    struct buf *out, char *newest, bool *html)
{
	char	date[11];
	bool	failed = false;

	r->title = plain(is->arena, &it->f[F_TITLE], &failed);
	r->author = plain(is->arena, &it->f[F_BY], &failed);
	if (feed_date(it->f[F_DATE].p, it->f[F_DATE].len, date)) {
		r->date = arena_strndup(is->arena, date, 10);
		if (strcmp(date, newest) > 0)
			memcpy(newest, date, 11);
	}
	r->known = true;
	r->start = r->body = out->len;
	*html |= memchr(it->f[F_BODY].p ? it->f[F_BODY].p : "", '<',
	    it->f[F_BODY].len) != NULL;
	if (!item_text(it->f[F_BODY].len > 0 ? &it->f[F_BODY] :
	    &it->f[F_SUMMARY], out))
		return false;
	/* a summary beside the body: the deck, as a paper prints it */
	if (it->f[F_BODY].len > 0 && it->f[F_SUMMARY].len > 0)
		r->deck = plain(is->arena, &it->f[F_SUMMARY], &failed);
	buf_adds(out, "\n\n");
	r->end = out->len;
	return !failed;
}

/* The text a feed's error left, flattened, as part r; false: no memory. */
static bool
rest_part(const struct buf *rest, struct part_meta *r, struct buf *out)
{
	char	*flat;
	size_t	 n;

	if ((flat = html_flatten(rest->p, rest->len, &n)) == NULL)
		return false;
	r->start = r->body = out->len;
	buf_add(out, flat, n);
	free(flat);
	r->end = out->len;
	return true;
}

struct issue *
feed_parse(char *text, size_t len, const struct issue_opts *opts,
    const char **err)
{
	struct feed		 f = { 0 };
	struct buf		 out = { 0 }, rest = { 0 };
	struct part_meta	*m = NULL, *r;
	struct issue		*is = NULL;
	size_t			 nm = 0, mcap = 0, i;
	char			 newest[11] = "";
	const char		*title = NULL;
	bool			 html = false, failed = false;

	*err = "out of memory";
	read_docs(&f, text, len, &rest);
	if (f.failed || rest.failed)
		goto fail;
	if ((is = parts_new(NULL, 0, "feed")) == NULL)
		goto fail;
	if (f.channel.len > 0)
		title = plain(is->arena, &f.channel, &failed);
	if (failed)
		goto fail;
	for (i = 0; i < f.n; i++)
		if ((r = parts_add(&m, &mcap, &nm)) == NULL ||
		    !item_part(is, &f.v[i], r, &out, newest, &html))
			goto fail;
	/* the text an error left: an article of its own, after the rest */
	if (rest.len > 0 && !(opts != NULL && opts->head) &&
	    ((r = parts_add(&m, &mcap, &nm)) == NULL ||
	    !rest_part(&rest, r, &out)))
		goto fail;
	if (out.failed)
		goto fail;
	free(text);
	text = NULL;
	is->textlen = out.len;
	if ((is->text = buf_take(&out, NULL)) == NULL &&
	    (is->text = strdup("")) == NULL)
		goto fail;
	if ((is = parts_parse(is, m, nm, opts, false, err)) != NULL)
		feed_head(is, title, html, newest);
	free(m);
	free_items(&f);
	buf_free(&rest);
	return is;
fail:
	free(text);
	free(m);
	free_items(&f);
	buf_free(&out);
	buf_free(&rest);
	issue_free(is);
	*err = "out of memory";
	return NULL;
}
