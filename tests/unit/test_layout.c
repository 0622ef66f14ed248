/* Unit tests: columns and pages, and anchoring by text across re-layout. */
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "../../model/file.h"
#include "../../model/issue.h"
#include "../../model/layout.h"

static struct issue *
sample(void)
{
	const char	*err;
	char		*s;
	size_t		 n;
	struct issue	*is;

	s = file_read("../../assets/qinghe-2025-06-10.txt", &n, &err);
	assert_non_null(s);
	is = issue_parse(s, n, NULL, &err);
	free(s);
	assert_non_null(is);
	return is;
}

static void
pages_of_columns_fit_the_screen(void **state)
{
	struct issue		*is = sample();
	struct layout		 l;
	struct layout_opts	 o = { 0 };
	int			 W, H, N;
	size_t			 p, i;

	(void)state;
	layout_init(&l);
	for (W = 10; W <= 160; W += 15)
		for (H = 3; H <= 40; H += 9)
			for (N = 1; N <= 4; N++) {
				o.width = W;
				o.height = H;
				o.columns = N;
				o.gutter = 2;
				o.indent = 2;
				o.ambiguous = 1;
				assert_true(layout_issue(&l, is, &o, 0, is->narticles));
				assert_true(l.o.columns <= N);
				for (p = 0; p < l.npages; p++) {
					assert_true(l.pages[p].rows <= H);
					for (i = 0; i < l.pages[p].n; i++) {
						const struct placed *pl =
						    &l.placed[l.pages[p].first + i];
						const struct lline *ln = &l.lines[pl->line];

						assert_true(pl->row < H);
						assert_true(pl->col + ln->indent * 2 +
						    ln->cells <= W);
					}
				}
			}
	layout_free(&l);
	issue_free(is);
}

static void
reading_order_is_column_by_column(void **state)
{
	struct issue		*is = sample();
	struct layout		 l;
	struct layout_opts	 o = { 80, 20, 2, 2, 2, 1, false, false, false,
	    false, false };
	size_t			 i;
	const struct placed	*a, *b;

	(void)state;
	layout_init(&l);
	assert_true(layout_issue(&l, is, &o, 0, 1));
	assert_true(l.npages >= 2);
	/* placed lines follow the text: down a column, then the next */
	for (i = 1; i < l.pages[0].n; i++) {
		a = &l.placed[l.pages[0].first + i - 1];
		b = &l.placed[l.pages[0].first + i];
		assert_true(b->line > a->line);
		assert_true(b->col > a->col || (b->col == a->col && b->row > a->row));
	}
	layout_free(&l);
	issue_free(is);
}

static void
anchor_survives_relayout(void **state)
{
	struct issue		*is = sample();
	struct layout		 l;
	struct layout_opts	 o = { 120, 30, 3, 2, 2, 1, false, false, false,
	    false, false };
	const struct lline	*ln;
	size_t			 p, i, block, off;
	int			 W;

	(void)state;
	layout_init(&l);
	assert_true(layout_issue(&l, is, &o, 0, 1));
	/* a line deep in the article */
	ln = &l.lines[l.nlines - 3];
	block = ln->block;
	off = ln->off;
	for (W = 20; W <= 200; W += 7) {
		o.width = W;
		assert_true(layout_issue(&l, is, &o, 0, 1));
		p = layout_find(&l, 0, block, off);
		/* the page found holds the anchored text */
		for (i = 0; i < l.pages[p].n; i++) {
			ln = &l.lines[l.placed[l.pages[p].first + i].line];
			if (ln->block == block && ln->off <= off &&
			    off < ln->off + ln->len + 1)
				break;
		}
		assert_true(i < l.pages[p].n);
	}
	layout_free(&l);
	issue_free(is);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pages_of_columns_fit_the_screen),
		cmocka_unit_test(reading_order_is_column_by_column),
		cmocka_unit_test(anchor_survives_relayout),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
