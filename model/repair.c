/*
 * repair: markup stripping, full-width punctuation and stray-space removal
 * for Chinese text converted from PDF.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "repair.h"
#include "lexicon.h"
#include "text.h"

#define LOOKAHEAD 512	/* how far a tag or link may reach */

static size_t
skip_spaces(const char *s, size_t n, size_t i)
{
	for (;;) {
		if (i < n && s[i] == ' ')
			i++;
		else if (i + 3 <= n && memcmp(s + i, PU_IDEO_SPACE, 3) == 0)
			i += 3;
		else
			return i;
	}
}

/* The HTML elements a web page or a transcript leaves in its text. */
static const char *const html_tags[] = {
	"a", "abbr", "article", "aside", "audio", "b", "big", "blockquote",
	"body", "br", "caption", "center", "cite", "code", "col", "dd", "del",
	"details", "div", "dl", "dt", "em", "figcaption", "figure", "font",
	"footer", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
	"html", "i", "iframe", "img", "ins", "kbd", "li", "link", "main",
	"mark", "meta", "nav", "noscript", "ol", "p", "picture", "pre", "q",
	"s", "script", "section", "small", "source", "span", "strike",
	"strong", "style", "sub",
	"summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
	"time", "title", "tr", "tt", "u", "ul", "video", "wbr",
};

/*
 * Length of an HTML tag at s[0] == '<', else 0.  Only the names of HTML
 * elements count: <term> or <书名> in prose is text, not markup.
 */
size_t
repair_tag(const char *s, size_t n)
{
	size_t	i = 1, name, k;

	if (i < n && s[i] == '/')
		i++;
	if (i >= n || !isalpha((unsigned char)s[i]))
		return 0;
	for (name = i; i < n && isalnum((unsigned char)s[i]); i++)
		;
	for (k = 0; k < sizeof html_tags / sizeof html_tags[0]; k++)
		if (strlen(html_tags[k]) == i - name &&
		    strncasecmp(html_tags[k], s + name, i - name) == 0)
			break;
	if (k == sizeof html_tags / sizeof html_tags[0])
		return 0;
	if (i < n && s[i] == '/' && i + 1 < n && s[i + 1] == '>')
		return i + 2;
	if (i < n && s[i] == '>')
		return i + 1;
	if (i >= n || (s[i] != ' ' && s[i] != '\n'))
		return 0;
	/* attributes, any text in their values: style="…" title="…" */
	for (; i < n && i < 4 * LOOKAHEAD; i++) {
		if (s[i] == '<')
			return 0;
		if (s[i] == '>')
			return i + 1;
	}
	return 0;
}

/*
 * Whether the ** at i opens or closes emphasis: it pairs with another **
 * in s, the text inside starting and ending with no space (**重要**), so
 * -2**2 or a lone ** is text.  *pair gets the other one's index.
 */
static bool
emphasis(const char *s, size_t n, size_t i, size_t *pair)
{
	size_t	j;

	/* not inside a Latin word or number: 2**3 is a power */
	if (i + 2 >= n || s[i + 2] == ' ' || s[i + 2] == '*' ||
	    (i > 0 && isalnum((unsigned char)s[i - 1])))
		return false;
	for (j = i + 3; j + 1 < n; j++)
		if (s[j] == '*' && s[j + 1] == '*') {
			if (s[j - 1] == ' ' ||
			    (j + 2 < n && isalnum((unsigned char)s[j + 2])))
				return false;
			*pair = j;
			return true;
		}
	return false;
}

/* Length of an autolink <scheme:...> or <a@b> at s[0] == '<', else 0. */
static size_t
autolink_length(const char *s, size_t n)
{
	size_t	i;
	bool	at = false, colon = false;

	for (i = 1; i < n && i < LOOKAHEAD; i++) {
		unsigned char	c = (unsigned char)s[i];

		if (c == '>')
			return (at || colon) && i > 1 ? i + 1 : 0;
		if (c <= ' ' || c == '<' || c >= 0x80)
			return 0;
		if (c == '@')
			at = true;
		if (c == ':' && i > 2)
			colon = true;
	}
	return 0;
}

static bool
strip_mailto(const char **u, size_t *n)
{
	if (*n >= 7 && strncasecmp(*u, "mailto:", 7) == 0) {
		*u += 7;
		*n -= 7;
		return true;
	}
	return false;
}

/*
 * Handles [text](url) at s[0] == '['; returns the bytes consumed (0 if it
 * is no link) after appending the link's text to out.
 */
static size_t
link(const char *s, size_t n, struct buf *out, bool image)
{
	size_t		 i, t0 = 1, t1, u0, u1;
	const char	*u;
	size_t		 ulen;

	for (i = 1; i < n && i < LOOKAHEAD && s[i] != ']'; i++)
		if (s[i] == '[' || s[i] == '\n')
			return 0;
	if (i >= n || s[i] != ']' || i + 1 >= n || s[i + 1] != '(')
		return 0;
	t1 = i;
	u0 = i + 2;
	for (i = u0; i < n && i < u0 + LOOKAHEAD && s[i] != ')'; i++)
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '(')
			return 0;
	if (i >= n || s[i] != ')' || i == u0)
		return 0;
	u1 = i;
	u = s + u0;
	ulen = u1 - u0;
	strip_mailto(&u, &ulen);
	buf_add(out, s + t0, t1 - t0);
	/* an image's address (ASCII) is no text: its description is */
	for (i = 0; image && i < ulen; i++)
		if ((unsigned char)u[i] >= 0x80)
			image = false;
	if (!image && (ulen != t1 - t0 || memcmp(u, s + t0, ulen) != 0)) {
		buf_adds(out, " (");
		buf_add(out, u, ulen);
		buf_addc(out, ')');
	}
	return u1 + 1;
}

/* The bytes that may open markup in running text. */
static const unsigned char markup_open[256] = {
	['\\'] = 1, ['*'] = 1, ['<'] = 1, ['['] = 1,
};

/*
 * The marks that lead a line (heading #s, quote >s, a kicker's » or ›, a
 * bold lead, a whole line in italics) into m; returns where its text
 * starts, *n where it ends.
 */
static size_t
line_marks(const char *s, size_t *n, struct markup *m)
{
	size_t	i, e;

	i = skip_spaces(s, *n, 0);
	while (i < *n && s[i] == '#') {
		m->hlevel++;
		i++;
	}
	if (m->hlevel > 6)
		m->hlevel = 6;
	i = skip_spaces(s, *n, i);
	while (i + 1 < *n && s[i] == '>' && s[i + 1] == ' ')
		i = skip_spaces(s, *n, i + 1);
	if (i + 2 <= *n && (memcmp(s + i, "\xc2\xbb", 2) == 0)) {
		m->kicker_mark = true;
		i = skip_spaces(s, *n, i + 2);
	} else if (i + 3 <= *n && memcmp(s + i, "\xe2\x80\xba", 3) == 0) {
		m->kicker_mark = true;
		i = skip_spaces(s, *n, i + 3);
	}
	if (i + 1 < *n && s[i] == '*' && s[i + 1] == '*')
		m->bold_lead = true;
	/* a whole paragraph in italics: *本时段新闻采集于 00:00* */
	for (e = *n; e > i && s[e - 1] == ' '; e--)
		;
	if (e - i > 2 && (s[i] == '*' || s[i] == '_') &&
	    s[e - 1] == s[i] && s[i + 1] != s[i] && s[e - 2] != s[i] &&
	    s[i + 1] != ' ' && s[e - 2] != ' ' &&
	    memchr(s + i + 1, s[i], e - i - 2) == NULL) {
		i++;
		*n = e - 1;
	}
	return i;
}

/* A line's markup being taken out: where it is, what it has found. */
struct marking {
	const char	*s;
	size_t		 n;
	struct buf	*out;
	size_t		 start;		/* of the line in out */
	size_t		 close;		/* where a ** that closes stands */
	size_t		 img_at;	/* where [ stands when all is ![…](…) */
	struct markup	*m;
};

/*
 * The markup that s[i] opens, its text (if any) into the output; returns
 * the bytes it takes, 0 when s[i] is text.
 */
static size_t
markup_at(struct marking *k, size_t i)
{
	const char	*s = k->s, *u;
	size_t		 n = k->n, len, ulen;
	bool		 image;

	switch (s[i]) {
	case '\\':
		/* a Markdown escape; \\ and a path's \ are text */
		if (i + 1 < n && strchr("*_[]()#<>`", s[i + 1]) != NULL &&
		    s[i + 1] != '\0') {
			buf_addc(k->out, s[i + 1]);
			return 2;
		}
		return 0;
	case '*':
		if (i + 1 >= n || s[i + 1] != '*' || i < k->close)
			return 0;
		if (i == k->close && k->close > 0) {
			k->close = 0;
			return 2;	/* the closing ** */
		}
		if (emphasis(s, n, i, &k->close))
			return 2;
		k->close = 0;
		return 0;
	case '<':
		if ((len = autolink_length(s + i, n - i)) > 0) {
			u = s + i + 1;
			ulen = len - 2;
			strip_mailto(&u, &ulen);
			buf_add(k->out, u, ulen);
			return len;
		}
		return repair_tag(s + i, n - i);
	case '[':
		/* ![description](address): an image */
		image = i > 0 && s[i - 1] == '!' && k->out->len > k->start &&
		    k->out->p[k->out->len - 1] == '!';
		if (image)
			k->out->len--;
		if ((len = link(s + i, n - i, k->out, image)) > 0) {
			if (image && i == k->img_at && i + len == n)
				k->m->image = true;
			return len;
		}
		if (image)
			buf_addc(k->out, '!');
		return 0;
	default:
		return 0;
	}
}

/* Trims trailing spaces, ASCII and ideographic, from out after start. */
static void
trim_end(struct buf *out, size_t start)
{
	for (;;) {
		if (out->len > start && out->p[out->len - 1] == ' ')
			out->len--;
		else if (out->len >= start + 3 &&
		    memcmp(out->p + out->len - 3, PU_IDEO_SPACE, 3) == 0)
			out->len -= 3;
		else
			break;
	}
	if (out->p != NULL)
		out->p[out->len] = '\0';
}

void
repair_markup(const char *s, size_t n, struct buf *out, struct markup *m)
{
	struct marking	 k = { s, n, out, out->len, 0, 0, m };
	size_t		 i, j, len;

	memset(m, 0, sizeof *m);
	i = line_marks(s, &k.n, m);
	n = k.n;
	k.img_at = i + 1;
	while (i < n) {
		/* the text up to what could open markup */
		for (j = i; j < n && !markup_open[(unsigned char)s[j]]; j++)
			;
		buf_add(out, s + i, j - i);
		if ((i = j) == n)
			break;
		if ((len = markup_at(&k, i)) > 0) {
			i += len;
			continue;
		}
		buf_addc(out, s[i]);
		i++;
	}
	trim_end(out, k.start);
}

static bool
ctx_cjk(text_char c)
{
	/* Korean spaces its words and uses ASCII punctuation: not ours */
	return c != 0 && text_is_cjk(c) && c != 0x00b7 && !text_is_hangul(c);
}

static bool
is_digit(text_char c)
{
	return (c >= '0' && c <= '9') || (c >= U_FW_ZERO && c <= U_FW_NINE);
}

/*
 * The URL or e-mail address of the run of printable ASCII around s[i]:
 * [lo, hi), empty when the run holds none.  A run holds at most one: its
 * first prefix (http://, www., ...) or @ to the run's end, less a
 * trailing sentence mark; an address's @ takes the run from its start.
 */
struct url_run {
	size_t	a, b;		/* the run */
	size_t	lo, hi;		/* its address */
};

static bool
url_char(const char *s, size_t i)
{
	return (unsigned char)s[i] > ' ' && (unsigned char)s[i] < 0x80;
}

static void
url_find(const char *s, size_t n, size_t i, struct url_run *r)
{
	static const struct {
		const char	*s;
		size_t		 len;
	}			 pre[] = { { "http://", 7 }, { "https://", 8 },
	    { "ftp://", 6 }, { "www.", 4 }, { "mailto:", 7 } };
	size_t			 p, q, j;

	for (r->a = i; r->a > 0 && url_char(s, r->a - 1); r->a--)
		;
	for (r->b = i; r->b < n && url_char(s, r->b); r->b++)
		;
	r->lo = r->hi = r->b;
	for (p = r->a; p < r->b; p++) {
		if (s[p] == '@') {
			r->lo = r->a;
			break;
		}
		if (strchr("hHfFwWmM", s[p]) == NULL)
			continue;
		for (q = 0; q < sizeof pre / sizeof pre[0]; q++) {
			if (p + pre[q].len > r->b)
				continue;
			for (j = 0; j < pre[q].len; j++)
				if (tolower((unsigned char)s[p + j]) != pre[q].s[j])
					break;
			if (j == pre[q].len)
				break;
		}
		if (q < sizeof pre / sizeof pre[0]) {
			r->lo = p;
			break;
		}
	}
	if (p == r->b)
		return;
	for (r->hi = r->b; r->hi > p + 1 && strchr(".,);", s[r->hi - 1]); r->hi--)
		;
}

/* Whether s[i], printable ASCII, is inside a URL or e-mail address. */
static bool
in_url(const char *s, size_t n, size_t i, struct url_run *r)
{
	if (i < r->a || i >= r->b)
		url_find(s, n, i, r);
	return i >= r->lo && i < r->hi;
}

/*
 * Whether a paragraph is Japanese: kana are a fifth or more of its Han
 * and kana outside quotes (a Chinese paragraph quoting Japanese stays
 * Chinese).
 * Japanese text keeps its half-width punctuation as the source sets it.
 */
static bool
japanese(const char *s, size_t n)
{
	text_char	c;
	size_t		i, kana = 0, han = 0;
	int		quoted = 0;

	for (i = 0; i < n; ) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		i += text_decode_fast(s + i, n - i, &c);
		/* what a paragraph quotes is not its own language */
		if (c == U_LCORNER || c == U_LWCORNER || c == U_LDQUOTE)
			quoted++;
		else if ((c == U_RCORNER || c == U_RWCORNER || c == U_RDQUOTE) &&
		    quoted > 0)
			quoted--;
		else if (quoted > 0)
			continue;
		else if ((c >= 0x3041 && c <= 0x309f) ||
		    (c >= 0x30a0 && c <= 0x30ff))
			kana++;
		else if (text_is_han(c))
			han++;
	}
	return kana > 0 && kana * 5 >= kana + han;
}

/*
 * Context for making punctuation full-width: Chinese and Japanese
 * characters, but not the curly quotes Korean and Latin text use too
 * (있나요?” keeps its ?).
 */
static bool
punct_ctx(text_char c)
{
	return ctx_cjk(c) && c != U_LDQUOTE && c != U_RDQUOTE && c != U_LSQUOTE &&
	    c != U_RSQUOTE;
}

/* A full-width mark that carries its own spacing. */
static bool
spaced_mark(text_char c)
{
	return c == U_FW_COMMA || c == U_FW_COLON || c == U_FW_SEMICOLON || c == U_FW_QUESTION ||
	    c == U_FW_EXCLAM;
}

/*
 * What the ASCII mark c becomes between prev (the character before it,
 * as repaired) and next (the one after it): itself outside Chinese.
 */
struct punct_state {
	unsigned long	stack;		/* bit per open '(' depth: converted */
	size_t		depth;
	bool		dq_open, sq_open, angle;
};

static text_char
punct_one(struct punct_state *ps, text_char c, text_char prev, text_char next)
{
	bool	cjk = punct_ctx(prev) || punct_ctx(next);

	switch (c) {
	case ',':
		return cjk && !(is_digit(prev) && is_digit(next)) ? U_FW_COMMA : c;
	case ':':
		return cjk && !(is_digit(prev) && is_digit(next)) ? U_FW_COLON : c;
	case ';':
		return cjk ? U_FW_SEMICOLON : c;
	case '?':
	case '!':
		if (punct_ctx(prev) || (next != 0 && punct_ctx(next) &&
		    !(prev < 0x80 && isalnum((int)prev))))
			return c == '?' ? U_FW_QUESTION : U_FW_EXCLAM;
		return c;
	case '(':
		if (ps->depth < 64 && cjk)
			ps->stack |= 1UL << ps->depth;
		else if (ps->depth < 64)
			ps->stack &= ~(1UL << ps->depth);
		ps->depth++;
		return ps->depth <= 64 && cjk ? U_FW_LPAREN : c;
	case ')':
		if (ps->depth > 0) {
			ps->depth--;
			if (ps->depth < 64 && (ps->stack >> ps->depth) & 1)
				return U_FW_RPAREN;
		} else if (cjk)
			return U_FW_RPAREN;
		return c;
	case '"':
		ps->dq_open = !ps->dq_open;
		if (cjk)
			return ps->dq_open ? U_RDQUOTE : U_LDQUOTE;
		return c;
	case '\'':
		if (text_is_han(prev) || text_is_han(next)) {
			ps->sq_open = !ps->sq_open;
			return ps->sq_open ? U_RSQUOTE : U_LSQUOTE;
		}
		return c;
	case '<':
		if (text_is_han(next) && !ps->angle) {
			ps->angle = true;
			return 0x3008;
		}
		return c;
	case '>':
		if (ps->angle) {
			ps->angle = false;
			return 0x3009;
		}
		return c;
	}
	return c;
}

/* Whether s holds a kana (U+3041..U+30FF): E3 81..83 in UTF-8. */
static bool
has_kana(const char *s, size_t n)
{
	const char	*p = s, *e = s + n;

	while ((p = memchr(p, 0xe3, (size_t)(e - p))) != NULL && e - p > 1) {
		if ((unsigned char)p[1] >= 0x81 && (unsigned char)p[1] <= 0x83)
			return true;
		p++;
	}
	return false;
}

/*
 * Whether s is Korean text: more Hangul syllables (U+AC00..U+D7A3: EA B0
 * .. ED 9E in UTF-8) than Han.  Korean sets ASCII punctuation, also
 * around the Han it quotes (正義), as its own: nothing to convert.
 */
static bool
korean(const char *s, size_t n)
{
	size_t		i, hangul = 0, han = 0, len;
	text_char	c;

	if (!text_may_have_hangul(s, n))
		return false;
	for (i = 0; i < n; i += len) {
		if ((unsigned char)s[i] < 0xe0) {
			len = 1;
			continue;
		}
		len = text_decode_fast(s + i, n - i, &c);
		hangul += c >= 0xac00 && c <= 0xd7a3;
		han += text_is_han(c);
	}
	return hangul > han;
}

/*
 * 1 for , : ; ? ! ( ) " ' < >, the marks repair_punct() may convert; 2 for
 * the first byte of a full-width one (U+FFxx), which carries its spacing.
 */
static const unsigned char punct_byte[256] = {
	[','] = 1, [':'] = 1, [';'] = 1, ['?'] = 1, ['!'] = 1, ['('] = 1,
	[')'] = 1, ['"'] = 1, ['\''] = 1, ['<'] = 1, ['>'] = 1, [0xef] = 2,
};

static bool
ascii_mark(unsigned char u)
{
	return punct_byte[u] == 1;
}

bool
repair_punct_wanted(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (ascii_mark((unsigned char)s[i]))
			return true;
	return false;
}

/*
 * The last character before s[i] that is not a space, as repaired: in
 * s[done..i), which is as it came, else in what out got since start.
 */
static text_char
before(const char *s, size_t done, size_t i, const struct buf *out,
    size_t start)
{
	size_t	k = out->len;

	while (i > done && s[i - 1] == ' ')
		i--;
	if (i > done)
		return text_last(s + done, i - done);
	while (k > start && out->p[k - 1] == ' ')
		k--;
	return k > start ? text_last(out->p + start, k - start) : 0;
}

void
repair_punct(const char *s, size_t n, struct buf *out)
{
	struct punct_state	 ps = { 0, 0, true, true, false };
	struct url_run		 run = { 0, 0, 0, 0 };
	text_char		 c, r, next;
	size_t			 i, j, len, done = 0, start = out->len;
	char			 e[4];

	/* nothing to convert: most paragraphs of a clean text */
	if (!repair_punct_wanted(s, n) || (has_kana(s, n) && japanese(s, n)) ||
	    korean(s, n)) {
		buf_add(out, s, n);
		return;
	}
	/* s[done..i) is copied as it is when something changes */
	for (i = 0; i < n; i += len) {
		/* on to the next mark: ASCII, or full-width (U+FFxx) */
		while (i < n && punct_byte[(unsigned char)s[i]] == 0)
			i++;
		if (i == n)
			break;
		len = text_decode_fast(s + i, n - i, &c);
		r = c;
		if (c < 0x80 && !in_url(s, n, i, &run)) {
			for (j = i + 1; j < n && s[j] == ' '; j++)
				;
			next = 0;
			if (j < n)
				text_decode_fast(s + j, n - j, &next);
			r = punct_one(&ps, c, before(s, done, i, out, start),
			    next);
		}
		if (spaced_mark(r)) {
			/* it carries its own spacing: "A, B" -> "A，B" */
			for (j = i; j > done && s[j - 1] == ' '; j--)
				;
			buf_add(out, s + done, j - done);
			buf_add(out, e, text_encode(r, e));
			for (done = i + len; done < n && s[done] == ' '; done++)
				;
			len = done - i;
		} else if (r != c) {
			buf_add(out, s + done, i - done);
			buf_add(out, e, text_encode(r, e));
			done = i + len;
		}
	}
	buf_add(out, s + done, n - done);
}

/*
 * Whether the run of spaces s[i..j), j < n, between Han and a number, is
 * on one side of the number only (了 4个月): a style spaces both sides
 * (了 4 个月) or neither, so a one-sided space is the converter's.
 */
static bool
lopsided_at(const char *s, size_t n, size_t i, size_t j)
{
	text_char	c;
	size_t		e, len;

	text_decode_fast(s + j, n - j, &c);
	if (is_digit(c)) {		/* Han, space, number: after it? */
		for (e = j; e < n; e += len) {
			len = text_decode_fast(s + e, n - e, &c);
			if (!is_digit(c) && c != '.' && c != ',')
				return ctx_cjk(c);
		}
		return false;
	}
	/* number, space, Han: before the number? */
	for (e = i; e > 0; ) {
		e = text_prev(s, e, &c);
		if (!is_digit(c) && c != '.' && c != ',')
			return ctx_cjk(c);
	}
	return false;
}

/*
 * What the run of spaces s[i..j) is between the characters around it:
 * 'c' CJK and CJK, 'd' CJK and a digit, 0 neither (at an end too).
 */
static int
space_kind(const char *s, size_t n, size_t i, size_t j)
{
	text_char	l, r;

	if (i == 0 || j == n)
		return 0;
	l = text_last(s, i);
	text_decode_fast(s + j, n - j, &r);
	if (ctx_cjk(l) && ctx_cjk(r))
		return 'c';
	if ((ctx_cjk(l) && is_digit(r)) || (is_digit(l) && ctx_cjk(r)))
		return 'd';
	return 0;
}

void
repair_spaces(const char *s, size_t n, struct buf *out, bool damaged)
{
	const char	*p;
	size_t		 i, j, cc = 0, from = 0;
	int		 kind;

	/* three CJK-CJK spaces or more: the paragraph is damaged */
	for (i = 0; !damaged && (p = memchr(s + i, ' ', n - i)) != NULL;
	    i = j) {
		for (j = (size_t)(p - s); j < n && s[j] == ' '; j++)
			;
		if (space_kind(s, n, (size_t)(p - s), j) == 'c' && ++cc >= 3)
			damaged = true;
	}
	/* only spaces go: what is between them is copied as it was */
	for (i = 0; (p = memchr(s + i, ' ', n - i)) != NULL; i = j) {
		i = (size_t)(p - s);
		for (j = i; j < n && s[j] == ' '; j++)
			;
		kind = space_kind(s, n, i, j);
		if (kind == 0 || (!damaged && (kind != 'd' ||
		    !lopsided_at(s, n, i, j))))
			continue;
		buf_add(out, s + from, i - from);
		from = j;
	}
	buf_add(out, s + from, n - from);
}

void
repair_join(struct buf *a, const char *b, size_t n)
{
	text_char	l = 0, r = 0;

	if (a->len > 0)
		l = text_last(a->p, a->len);
	if (n > 0)
		text_decode_fast(b, n, &r);
	if (a->len > 0 && n > 0 && l != ' ' && !(ctx_cjk(l) && ctx_cjk(r)) &&
	    !(ctx_cjk(l) && is_digit(r)) && !(is_digit(l) && ctx_cjk(r)))
		buf_addc(a, ' ');
	buf_add(a, b, n);
}

size_t
repair_count_cjk_spaces(const char *s, size_t n)
{
	size_t		i = 0, k = 0, len;
	text_char	c, prev = 0, next;

	while (i < n) {
		len = text_decode_fast(s + i, n - i, &c);
		if (c == ' ' && i + 1 < n && ctx_cjk(prev)) {
			text_decode_fast(s + i + 1, n - i - 1, &next);
			k += ctx_cjk(next);
		}
		prev = c;
		i += len;
	}
	return k;
}
