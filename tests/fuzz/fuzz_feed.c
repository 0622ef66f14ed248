/*
 * libFuzzer target: any bytes inside a feed's envelope (or alone) parse
 * as a feed and lay out without a crash, and what is shown holds no
 * control character and no XML left over from the envelope.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../model/issue.h"
#include "../../model/layout.h"
#include "../../model/text.h"

static const char	head[] = "<?xml version=\"1.0\"?><rss><channel>"
			    "<title>t</title><item><title>h</title>"
			    "<description>";
static const char	tail[] = "</description></item></channel></rss>";

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*err;
	struct issue		*is;
	struct layout		 l;
	struct layout_opts	 o = { 0 };
	char			*in;
	size_t			 n = 0, i, k;
	bool			 wrap = size > 0 && (data[0] & 1);

	if ((in = malloc(sizeof head + size + sizeof tail)) == NULL)
		return 0;
	/* half the inputs as they are (a whole feed), half in an envelope */
	if (wrap) {
		memcpy(in, head, sizeof head - 1);
		n = sizeof head - 1;
	}
	memcpy(in + n, data, size);
	n += size;
	if (wrap) {
		memcpy(in + n, tail, sizeof tail - 1);
		n += sizeof tail - 1;
	}
	is = issue_parse(in, n, NULL, &err);
	free(in);
	if (is == NULL)
		return 0;
	o.width = size > 1 ? 1 + data[1] % 120 : 40;
	o.columns = 1;
	o.gutter = 2;
	o.indent = 2;
	o.ambiguous = 1;
	o.masthead = o.banners = true;
	layout_init(&l);
	if (layout_issue(&l, is, &o, 0, is->narticles))
		for (i = 0; i < l.nlines; i++)
			for (k = 0; k < l.lines[i].len; k++)
				if ((unsigned char)l.lines[i].s[k] < 0x20 ||
				    l.lines[i].s[k] == 0x7f)
					abort();
	/* the envelope's own markup is never text */
	if (wrap && is->narticles > 0 && is->articles[0].headline != NULL &&
	    strstr(is->articles[0].headline, "<title>") != NULL)
		abort();
	layout_free(&l);
	issue_free(is);
	return 0;
}
