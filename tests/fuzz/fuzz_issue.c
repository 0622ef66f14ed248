/*
 * libFuzzer target: any bytes parse and lay out, in one go or shared out
 * between threads, without a crash and without losing text: every Han
 * character of the sanitised input is in the layout as often as it was
 * there (the characters of the photo label aside: the layout labels a
 * photo [图], [圖], [写真] by the paper's script).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../model/issue.h"
#include "../../model/layout.h"
#include "../../model/lexicon.h"
#include "../../model/text.h"

#define HAN_FIRST	0x4e00
#define HAN_LAST	0x9fff

static int	han[HAN_LAST - HAN_FIRST + 1];
static const char *label;	/* the issue's photo label */

static void
count_han(const char *s, size_t n, int sign)
{
	size_t		i = 0;
	text_char	c;
	char		e[8];

	while (i < n) {
		i += text_decode(s + i, n - i, &c);
		if (c < HAN_FIRST || c > HAN_LAST)
			continue;
		/* the layout's label (split when narrow): not counted */
		e[text_encode(c, e)] = '\0';
		if (strstr(label, e) == NULL)
			han[c - HAN_FIRST] += sign;
	}
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*err;
	struct issue		*is;
	struct layout		 l;
	struct layout_opts	 o = { 0 };
	struct issue_opts	 io = { .keep_punct = size > 0 && (data[0] & 1) };
	size_t			 p, i;

	/* a bit of the input shares the work out as a large issue's is */
	if (size > 0 && (data[0] & 2))
		io.parallel = o.parallel = 1;
	if ((is = issue_parse((const char *)data, size, &io, &err)) == NULL)
		return 0;
	label = lexicon_photo_label(is->profile);
	o.width = size > 1 ? 1 + data[1] % 120 : 40;
	o.height = size > 2 ? data[2] % 40 : 0;
	o.columns = size > 3 ? 1 + data[3] % 4 : 1;
	o.gutter = 2;
	o.indent = 2;
	o.ambiguous = 1;
	o.masthead = o.banners = true;
	layout_init(&l);
	if (layout_issue(&l, is, &o, 0, is->narticles)) {
		for (p = 0; p < l.npages; p++)
			for (i = 0; i < l.pages[p].n; i++)
				if (l.placed[l.pages[p].first + i].line >= l.nlines)
					abort();
		/*
		 * Nothing made up: all that is shown is in the input (a
		 * feed's text is made from its XML: its own target checks it).
		 */
		if (strcmp(is->format, "feed") == 0)
			goto done;
		memset(han, 0, sizeof han);
		count_han(is->text, is->textlen, 1);
		for (i = 0; i < l.nlines; i++)
			count_han(l.lines[i].s, l.lines[i].len, -1);
		for (i = 0; i < sizeof han / sizeof *han; i++)
			if (han[i] < 0 || (is->nparts == 0 && han[i] != 0))
				abort();	/* text lost, or made up */
		/*
		 * Nothing lost: with front matter (metadata, not shown but
		 * for a missing headline or byline), every article's text is.
		 */
		memset(han, 0, sizeof han);
		for (p = 0; p < is->nparts; p++)
			count_han(is->text + is->parts[p].from,
			    is->parts[p].to - is->parts[p].from, 1);
		for (i = 0; is->nparts > 0 && i < l.nlines; i++)
			count_han(l.lines[i].s, l.lines[i].len, -1);
		for (i = 0; i < sizeof han / sizeof *han; i++)
			if (han[i] > 0)
				abort();	/* an article's text lost */
	}
done:
	layout_free(&l);
	issue_free(is);
	return 0;
}
