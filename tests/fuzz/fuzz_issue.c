/* libFuzzer target: any bytes parse and lay out without a crash. */
#include <stdint.h>
#include <stdlib.h>

#include "../../model/issue.h"
#include "../../model/layout.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*err;
	struct issue		*is;
	struct layout		 l;
	struct layout_opts	 o = { 0 };
	struct issue_opts	 io = { size > 0 && (data[0] & 1) };
	size_t			 p, i;

	if ((is = issue_parse((const char *)data, size, &io, &err)) == NULL)
		return 0;
	o.width = size > 1 ? 1 + data[1] % 120 : 40;
	o.height = size > 2 ? data[2] % 40 : 0;
	o.columns = size > 3 ? 1 + data[3] % 4 : 1;
	o.gutter = 2;
	o.indent = 2;
	o.ambiguous = 1;
	o.masthead = o.banners = true;
	layout_init(&l);
	if (layout_issue(&l, is, &o, 0, is->narticles))
		for (p = 0; p < l.npages; p++)
			for (i = 0; i < l.pages[p].n; i++)
				if (l.placed[l.pages[p].first + i].line >= l.nlines)
					abort();
	layout_free(&l);
	issue_free(is);
	return 0;
}
