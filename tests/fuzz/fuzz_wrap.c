/*
 * libFuzzer target: line breaking at any width keeps text and width, as
 * the terminal counts it: every line measured by the C library's
 * wcwidth() fits (ambiguous width 1, which is what wcwidth() knows).
 */

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../../model/text.h"
#include "../../model/wrap.h"

/*
 * Cells of s[0..n-1] by wcwidth(); a character it does not know (-1:
 * unassigned) keeps the width libunistring gives it.
 */
static long
wc_cells(const char *s, size_t n)
{
	size_t		i = 0, len;
	text_char	c;
	long		w = 0;
	int		k;

	while (i < n) {
		len = text_decode(s + i, n - i, &c);
		if ((k = wcwidth((wchar_t)c)) < 0)
			k = text_char_width(c, 1);
		if (c == 0xad)	/* shown only where the line breaks, as '-' */
			k = i + len == n;
		w += k;
		i += len;
	}
	return w;
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wrapper	 w;
	char		*s;
	size_t		 n, total = 0, spaces = 0, i;
	long		 k, j;
	int		 width, indent;

	static int	 utf8 = -1;

	if (utf8 < 0)
		utf8 = setlocale(LC_CTYPE, "C.UTF-8") != NULL;
	if (size < 3)
		return 0;
	width = 1 + data[0] % 160;
	indent = data[1] % 9;
	if ((s = text_sanitise((const char *)data + 3, size - 3, &n)) == NULL)
		return 0;
	wrap_init(&w, data[2] & 1 ? 2 : 1);
	k = wrap_paragraph(&w, s, n, width, indent);
	for (j = 0; j < k; j++) {
		if (w.lines[j].cells + w.lines[j].indent > width &&
		    !(w.lines[j].cells <= 2 && width < 2 + w.lines[j].indent))
			abort();
		if (w.lines[j].off + w.lines[j].len > n)
			abort();
		if (utf8 && !(data[2] & 1) && w.lines[j].cells !=
		    wc_cells(s + w.lines[j].off, w.lines[j].len))
			abort();
		total += w.lines[j].len;
	}
	/* everything but spaces and newlines is on some line */
	for (i = 0; i < n; i++)
		spaces += s[i] == ' ' || s[i] == '\n';
	if (k >= 0 && total + spaces < n)
		abort();
	wrap_free(&w);
	free(s);
	return 0;
}
