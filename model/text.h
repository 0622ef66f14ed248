/*
 * text: the bytes-to-cells layer every other module stands on.
 *
 * Sanitising turns untrusted bytes into clean UTF-8 that can never drive a
 * terminal; the rest decodes characters, measures them in terminal cells and
 * classifies them for the Chinese line-breaking and repair rules.
 */
#ifndef KANBAO_TEXT_H
#define KANBAO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t text_char;

/* Code points the parser and the reader name (full-width forms FW_). */
enum {
	U_FW_COMMA	= 0xff0c,	/* ， */
	U_LIST_COMMA	= 0x3001,	/* 、 */
	U_STOP		= 0x3002,	/* 。 */
	U_FW_SEMICOLON	= 0xff1b,	/* ； */
	U_FW_COLON	= 0xff1a,	/* ： */
	U_FW_QUESTION	= 0xff1f,	/* ？ */
	U_FW_EXCLAM	= 0xff01,	/* ！ */
	U_FW_LPAREN	= 0xff08,	/* （ */
	U_FW_RPAREN	= 0xff09,	/* ） */
	U_LCORNER	= 0x300c,	/* 「 */
	U_RCORNER	= 0x300d,	/* 」 */
	U_LWCORNER	= 0x300e,	/* 『 */
	U_RWCORNER	= 0x300f,	/* 』 */
	U_LDQUOTE	= 0x201c,	/* “ */
	U_RDQUOTE	= 0x201d,	/* ” */
	U_LSQUOTE	= 0x2018,	/* ‘ */
	U_RSQUOTE	= 0x2019,	/* ’ */
	U_ELLIPSIS	= 0x2026,	/* … */
	U_FW_ZERO	= 0xff10,	/* ０ */
	U_FW_NINE	= 0xff19,	/* ９ */
};


/*
 * Decodes one UTF-8 character of s[0..n-1] (n > 0) into *c and returns the
 * number of bytes it used (at least 1).  Invalid, overlong, surrogate or
 * truncated sequences decode as U+FFFD over one byte.
 */
size_t text_decode(const char *s, size_t n, text_char *c);

/* Encodes c as UTF-8 into out (room for 4 bytes); returns its length. */
size_t text_encode(text_char c, char *out);

/*
 * Returns a sanitised copy of in[0..n-1] (NUL-terminated; length in *outlen):
 * valid UTF-8 (bad bytes become U+FFFD), no leading BOM, no NUL, no C0/C1
 * control other than '\n', no DEL, no escape sequence (CSI, OSC, DCS, ...),
 * CR LF and lone CR as '\n', tabs expanded to spaces (stops every 8 cells),
 * no bidi control.
 * Returns NULL only when memory runs out.  Free with free().
 */
char *text_sanitise(const char *in, size_t n, size_t *outlen);

struct buf;
/*
 * Appends s[0..n-1] to b as safe output: controls, DEL, C1, bidi controls
 * and invalid bytes become `?`; with tsv, tabs and line breaks a space.
 */
void text_clean_out(struct buf *b, const char *s, size_t n, bool tsv);
/*
 * Appends a laid-out line as it is shown: a soft hyphen (U+00AD) is not
 * shown, but as a '-' where the line breaks at it, its last character.
 */
void text_line_out(struct buf *b, const char *s, size_t n);
/*
 * How the character at s[i] of the line s[0..n) shows: the bytes to
 * write into out (a soft hyphen nothing, or '-' as the line's last; an
 * unsafe character '?'), its length in s into *len; the character.
 */
text_char text_shown(const char *s, size_t n, size_t i, size_t *len,
	    char out[8]);

/*
 * Whether a character decoded from len bytes must not reach a terminal:
 * a control, DEL, C1, bidi control or an invalid byte (U+FFFD of 1 byte).
 */
bool text_is_unsafe(text_char c, size_t len);

/*
 * Cell width of c: 2 for wide and full-width characters, 0 for combining
 * and zero-width ones, 1 otherwise.  East Asian ambiguous characters are
 * `ambiguous` cells wide (1 or 2).  Control characters measure 0.
 */
int text_char_width(text_char c, int ambiguous);

/* Cell width of the UTF-8 string s[0..n-1]. */
size_t text_width(const char *s, size_t n, int ambiguous);

bool text_is_cjk(text_char c);          /* Han, kana, hangul, CJK and full-width punctuation */
bool text_is_cjk_punct(text_char c);    /* full-width / CJK punctuation */
bool text_is_space(text_char c);        /* ASCII space, U+3000 and other Zs */
bool text_no_line_start(text_char c);  /* closing and trailing punctuation */
bool text_no_line_end(text_char c);    /* opening punctuation */
bool text_is_sentence_end(text_char c); /* may end a paragraph: 。！？… and closers */

/* Whether s[0..n-1] contains the string w. */
bool	text_has(const char *s, size_t n, const char *w);
/*
 * Whether s may hold Hangul: a lead byte of U+A000..U+DFFF (EA..ED), found
 * by memchr, so that text without it costs next to nothing.
 */
bool	text_may_have_hangul(const char *s, size_t n);
/* The first w[0..k-1] in s[0..n-1], or NULL: memmem(3) for short words. */
const char *text_find(const char *s, size_t n, const char *w, size_t k);

/* CJK ideographs (in every loop over text: inline) */
static inline bool
text_is_han(text_char c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3134f) ||
	    c == 0x3007;
}

/* Korean: words are spaced */
static inline bool
text_is_hangul(text_char c)
{
	return (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) ||
	    (c >= 0x3130 && c <= 0x318f) || (c >= 0xa960 && c <= 0xa97f) ||
	    (c >= 0xd7b0 && c <= 0xd7ff);
}

/*
 * Whether s[0..n-1] opens with a 3-byte character whose first byte is in
 * [lo, hi]: E3..E9 is U+3000..U+9FFF (CJK, never a control or invalid),
 * E5..E9 U+5000..U+9FFF (Han, wide, folding to itself).  The hot loops
 * take these without decoding them.
 */
static inline bool
text_3byte(const char *str, size_t n, unsigned char lo, unsigned char hi)
{
	const unsigned char	*s = (const unsigned char *)str;

	return n >= 3 && s[0] >= lo && s[0] <= hi && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80;
}

/*
 * Inline fast paths for the hot loops (ASCII and the 3-byte sequences of
 * CJK text); they give the same results as the functions above.
 */
static inline size_t
text_decode_fast(const char *str, size_t n, text_char *c)
{
	const unsigned char	*s = (const unsigned char *)str;

	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	if (s[0] >= 0xe1 && s[0] <= 0xec && n >= 3 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80) {
		*c = ((text_char)(s[0] & 0x0f) << 12) |
		    ((text_char)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
		return 3;
	}
	return text_decode(str, n, c);
}

static inline int
text_char_width_fast(text_char c, int ambiguous)
{
	if (c >= 0x20 && c < 0x7f)
		return 1;
	if (c >= 0x4e00 && c <= 0x9fff)
		return 2;
	return text_char_width(c, ambiguous);
}

/* Number of Han characters in s[0..n-1]. */
size_t text_han_count(const char *s, size_t n);

/* Where the character that ends s[0..n-1] starts, n > 0; *c gets it. */
static inline size_t
text_prev(const char *s, size_t n, text_char *c)
{
	size_t	i = n - 1;

	while (i > 0 && n - i < 4 && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	text_decode_fast(s + i, n - i, c);
	return i;
}

/* The character that ends s[0..n-1], n > 0. */
static inline text_char
text_last(const char *s, size_t n)
{
	text_char	c;

	text_prev(s, n, &c);
	return c;
}

/* Where the line at s[i] ends: its '\n', or n (also when i >= n). */
size_t		text_line_end(const char *s, size_t n, size_t i);

/*
 * Reads up to max digits, ASCII or full width (０-９), from s[*i] on into
 * *v, moving *i past them; how many there were.
 */
int		text_digits(const char *s, size_t n, size_t *i, int max, long *v);

#endif
