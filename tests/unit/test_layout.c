/* Unit tests: columns and pages, and anchoring by text across re-layout. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "../../model/file.h"
#include "../../model/issue.h"
#include "../../model/layout.h"

static struct issue *
parse_file(const char *path)
{
	const char	*err;
	char		*s;
	size_t		 n;
	struct issue	*is;

	s = file_read(path, &n, &err);
	assert_non_null(s);
	is = issue_parse(s, n, NULL, &err);
	free(s);
	assert_non_null(is);
	return is;
}

static struct issue *
sample(void)
{
	return parse_file("../../assets/qinghe-2025-06-10.txt");
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

/*
 * A page's lines row by row, left to right, as a dump prints them: every
 * placed line once, rows rising, columns rising within a row.
 */
static void
page_rows_in_screen_order(void **state)
{
	struct issue		*is = sample();
	struct layout		 l;
	struct layout_opts	 o = { 0 };
	size_t			*order, p, i, *seen;
	int			 N;

	(void)state;
	layout_init(&l);
	for (N = 1; N <= 3; N++) {
		o.width = 30 * N;
		o.height = 12;
		o.columns = N;
		o.gutter = 2;
		o.ambiguous = 1;
		assert_true(layout_issue(&l, is, &o, 0, is->narticles));
		assert_non_null(order = calloc(l.nplaced + 1, sizeof *order));
		assert_non_null(seen = calloc(l.nplaced + 1, sizeof *seen));
		for (p = 0; p < l.npages; p++) {
			const struct lpage	*pg = &l.pages[p];

			assert_true(layout_page_rows(&l, p, order));
			for (i = 0; i < pg->n; i++) {
				const struct placed	*a = &l.placed[order[i]];

				assert_true(order[i] >= pg->first &&
				    order[i] < pg->first + pg->n);
				seen[order[i]]++;
				if (i > 0) {
					const struct placed *b =
					    &l.placed[order[i - 1]];

					assert_true(a->row > b->row ||
					    (a->row == b->row && a->col > b->col));
				}
			}
		}
		for (i = 0; i < l.nplaced; i++)
			assert_int_equal(seen[i], 1);
		free(order);
		free(seen);
	}
	layout_free(&l);
	issue_free(is);
}

/*
 * An article's last page sets its columns as evenly as a newspaper does:
 * seven lines in three columns are 3, 2 and 2, not 3, 3 and 1 (issue 26).
 */
static void
last_page_balanced(void **state)
{
	const char		*text = "## T\n\nabcd abcd abcd abcd abcd abcd "
				    "abcd abcd abcd abcd abcd abcd abcd abcd\n";
	const char		*err;
	struct issue		*is = issue_parse(text, strlen(text), NULL, &err);
	struct layout		 l;
	struct layout_opts	 o = { .width = 34, .height = 20, .columns = 3,
	    .gutter = 2, .indent = 0, .ambiguous = 1 };
	int			 lines[3] = { 0 }, k;
	size_t			 i;

	(void)state;
	assert_non_null(is);
	layout_init(&l);
	assert_true(layout_issue(&l, is, &o, 0, 1));
	assert_int_equal(l.colwidth, 10);
	for (i = 0; i < l.nplaced; i++) {
		const struct lline	*ln = &l.lines[l.placed[i].line];

		k = l.placed[i].col / (l.colwidth + o.gutter);
		if (ln->style == LS_TEXT && ln->cells > 0 && k < 3)
			lines[k]++;
	}
	assert_int_equal(lines[0], 3);
	assert_int_equal(lines[1], 2);
	assert_int_equal(lines[2], 2);
	layout_free(&l);
	issue_free(is);
}

static void
reading_order_is_column_by_column(void **state)
{
	struct issue		*is = sample();
	struct layout		 l;
	struct layout_opts	 o = { .width = 80, .height = 20,
	    .columns = 2, .gutter = 2, .indent = 2, .ambiguous = 1 };
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
	struct layout_opts	 o = { .width = 120, .height = 30,
	    .columns = 3, .gutter = 2, .indent = 2, .ambiguous = 1 };
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

/* Two layouts line for line, page for page the same (text, not address). */
static void
assert_same_layout(const struct layout *a, const struct layout *b)
{
	size_t	i;

	assert_int_equal(a->nlines, b->nlines);
	assert_int_equal(a->nplaced, b->nplaced);
	assert_int_equal(a->npages, b->npages);
	for (i = 0; i < a->nlines; i++) {
		const struct lline	*x = &a->lines[i], *y = &b->lines[i];

		assert_int_equal(x->len, y->len);
		assert_memory_equal(x->s, y->s, x->len);
		assert_int_equal(x->article, y->article);
		assert_int_equal(x->block, y->block);
		assert_int_equal(x->off, y->off);
		assert_int_equal(x->cells, y->cells);
		assert_int_equal(x->indent, y->indent);
		assert_int_equal(x->style, y->style);
		assert_int_equal(x->head, y->head);
	}
	assert_memory_equal(a->placed, b->placed, a->nplaced * sizeof *a->placed);
	for (i = 0; i < a->npages; i++) {
		assert_int_equal(a->pages[i].first, b->pages[i].first);
		assert_int_equal(a->pages[i].n, b->pages[i].n);
		assert_int_equal(a->pages[i].rows, b->pages[i].rows);
	}
}

/*
 * A large issue is laid out in parts on all processors and joined: the
 * result is the layout made in one go, whatever the shape -- banners kept
 * with their article, articles without a header line (guessed headlines
 * hidden) whose blank line the joint makes, the masthead, linear mode.
 */
static void
parts_join_up_as_one_layout(void **state)
{
	static const char	*files[] = {
		"../../assets/qinghe-2025-06-10.txt",
		"../../assets/qinghe-2025-06-12.txt",
		"../fixtures/transcript/evening-20240315.md",
		"../fixtures/scripts/ja-2025-03-04.txt",
		"../fixtures/scripts/ko-2025-03-04.txt",
		"../fixtures/record/1958-04-12.txt",
	};
	static const int	 widths[] = { 12, 41, 80, 133 };
	static const int	 heights[] = { 0, 7, 30 };
	struct layout		 one, parts;
	struct layout_opts	 o = { 0 };
	size_t			 f, w, h, k, first;
	struct issue		*is;

	(void)state;
	layout_init(&one);
	layout_init(&parts);
	for (f = 0; f < sizeof files / sizeof files[0]; f++) {
		is = parse_file(files[f]);
		for (w = 0; w < 4; w++)
			for (h = 0; h < 3; h++)
				for (k = 0; k < 8; k++) {
					o.width = widths[w];
					o.height = heights[h];
					o.columns = k & 1 ? 3 : 1;
					o.gutter = 2;
					o.indent = 2;
					o.ambiguous = 1;
					o.linear = k & 2;
					o.guessed = k & 4;
					o.masthead = o.banners = !(k & 2);
					/* the whole issue, and all but its first */
					first = w & 1 && is->narticles > 1;
					o.parallel = SIZE_MAX;
					assert_true(layout_issue(&one, is, &o,
					    first, is->narticles - first));
					o.parallel = 1;
					assert_true(layout_issue(&parts, is, &o,
					    first, is->narticles - first));
					assert_same_layout(&one, &parts);
				}
		issue_free(is);
	}
	layout_free(&one);
	layout_free(&parts);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pages_of_columns_fit_the_screen),
		cmocka_unit_test(last_page_balanced),
		cmocka_unit_test(page_rows_in_screen_order),
		cmocka_unit_test(reading_order_is_column_by_column),
		cmocka_unit_test(anchor_survives_relayout),
		cmocka_unit_test(parts_join_up_as_one_layout),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
