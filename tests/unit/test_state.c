/*
 * Unit tests: positions and bookmarks on disk.  Two readers on one state
 * folder keep each other's marks; names with tabs, newlines and
 * backslashes come back as they were; a position file says what it holds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixtures.h"
#include "../../app/state.h"
#include "../../model/file.h"

static char	dir[] = "/tmp/kanbao-test-state-XXXXXX";

static struct bookmark
mark(const char *path, size_t article, const char *label)
{
	struct bookmark	m = { (char *)path, article, 2, 17, (char *)label,
			    NULL };

	return m;
}

static void
two_readers_keep_both_marks(void **state)
{
	struct bookmark	*a = NULL, *b = NULL, m;
	size_t		 na = 0, nb = 0;

	(void)state;
	/* both start from the same (empty) list, as two open readers do */
	state_load_marks(dir, &a, &na);
	state_load_marks(dir, &b, &nb);
	m = mark("/papers/2025-06-10.txt", 1, "2025-06-10 夏粮丰收在青河");
	assert_true(state_change_marks(dir, &m, false, &a, &na));
	m = mark("/papers/2025-06-11.txt", 3, "2025-06-11 老街改造");
	assert_true(state_change_marks(dir, &m, false, &b, &nb));
	/* the second reader's list now has the first one's mark too */
	assert_int_equal(nb, 2);
	state_free_marks(a, na);
	state_load_marks(dir, &a, &na);
	assert_int_equal(na, 2);
	assert_string_equal(a[0].path, "/papers/2025-06-10.txt");
	assert_string_equal(a[1].path, "/papers/2025-06-11.txt");
	/* the same place again is not a second mark; d removes it */
	assert_true(state_change_marks(dir, &m, false, &a, &na));
	assert_int_equal(na, 2);
	assert_true(state_change_marks(dir, &m, true, &a, &na));
	assert_int_equal(na, 1);
	assert_string_equal(a[0].path, "/papers/2025-06-10.txt");
	state_free_marks(a, na);
	state_free_marks(b, nb);
}

static void
odd_names_survive(void **state)
{
	struct bookmark	*v = NULL, m;
	size_t		 n = 0;
	const char	*name = "/papers/a\tb\nc\\d.txt";

	(void)state;
	m = mark(name, 0, "label\twith\ttabs\nand a newline");
	assert_true(state_change_marks(dir, &m, false, &v, &n));
	state_free_marks(v, n);
	state_load_marks(dir, &v, &n);
	assert_int_equal(n, 2);
	assert_string_equal(v[1].path, name);
	assert_string_equal(v[1].label, "label\twith\ttabs\nand a newline");
	assert_int_equal(v[1].block, 2);
	assert_int_equal(v[1].off, 17);
	state_free_marks(v, n);
}

static void
positions_name_what_they_hold(void **state)
{
	struct position	 p = { 3, 4, 120, true, 2, false }, q;
	char		*s, path[256];
	const char	*err;
	size_t		 len;

	(void)state;
	assert_true(state_save_position(dir, "/papers/2025-06-10.txt", &p));
	memset(&q, 0, sizeof q);
	assert_true(state_load_position(dir, "/papers/2025-06-10.txt", &q));
	assert_int_equal(q.article, 3);
	assert_int_equal(q.block, 4);
	assert_int_equal(q.off, 120);
	assert_true(q.reading);
	assert_int_equal(q.columns, 2);
	/* at an article's head */
	p.block = (size_t)-1;
	p.reading = false;
	assert_true(state_save_position(dir, "/papers/x.txt", &p));
	assert_true(state_load_position(dir, "/papers/x.txt", &q));
	assert_true(q.block == (size_t)-1);
	assert_false(q.reading);
	/* the file reads as what it is */
	snprintf(path, sizeof path, "sh -c 'cat %s/pos-*' > %s/all", dir, dir);
	assert_int_equal(system(path), 0);
	snprintf(path, sizeof path, "%s/all", dir);
	s = file_read(path, &len, &err);
	assert_non_null(s);
	assert_non_null(strstr(s, "article 3\nblock 4\noffset 120\nview reader\n"));
	assert_non_null(strstr(s, "block head\n"));
	free(s);
	/* no file, or a foreign one: nothing restored */
	assert_false(state_load_position(dir, "/papers/none.txt", &q));
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(two_readers_keep_both_marks),
		cmocka_unit_test(odd_names_survive),
		cmocka_unit_test(positions_name_what_they_hold),
	};
	char	cmd[128];
	int	r;

	if (mkdtemp(dir) == NULL)
		return 1;
	r = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		r = 1;
	return r;
}
