/* Unit tests: dates of issues, folding for search, listing and search. */
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "../../model/archive.h"

static void
dates_from_file_names(void **state)
{
	char	d[11];

	(void)state;
	assert_true(archive_date_from_name("qinghe-2025-03-27.txt", d));
	assert_string_equal(d, "2025-03-27");
	assert_true(archive_date_from_name("20250327.md", d));
	assert_string_equal(d, "2025-03-27");
	assert_false(archive_date_from_name("issue-12221.txt", d));
	assert_false(archive_date_from_name("2025-13-40.txt", d));
}

static void
folding(void **state)
{
	size_t	n;
	char	*f;

	(void)state;
	f = archive_fold("１２ ，ＡＢ c\n文", strlen("１２ ，ＡＢ c\n文"), &n);
	assert_string_equal(f, "12,abc文");
	free(f);
}

static void
list_and_search_samples(void **state)
{
	struct archive		 ar;
	struct archive_hit	*h;
	size_t			 n;
	const char		*err;

	(void)state;
	assert_true(archive_open(&ar, "../../assets", &err));
	assert_int_equal(ar.n, 3);
	assert_string_equal(ar.v[0].date, "2025-06-10");
	assert_string_equal(ar.v[2].date, "2025-06-12");
	assert_string_equal(ar.v[0].title, "青河日报");
	/* every word must occur; newest first */
	assert_true(archive_search(&ar, "青河 麦", &h, &n, &err));
	assert_true(n >= 2);
	assert_true(h[0].entry >= h[n - 1].entry);
	archive_free_hits(h, n);
	/* broken across a blank line in the file */
	assert_true(archive_search(&ar, "三百多亩麦子", &h, &n, &err));
	assert_int_equal(n, 1);
	archive_free_hits(h, n);
	assert_true(archive_search(&ar, "ＱＲ ＣＯＤＥＳ", &h, &n, &err));
	assert_int_equal(n, 1);
	archive_free_hits(h, n);
	assert_false(archive_search(&ar, "   ", &h, &n, &err));
	archive_close(&ar);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_from_file_names),
		cmocka_unit_test(folding),
		cmocka_unit_test(list_and_search_samples),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
