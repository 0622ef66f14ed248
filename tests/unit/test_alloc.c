/*
 * Unit tests: out of memory.  The model's policy is to propagate: every
 * allocation that fails makes the call return NULL or false (the caller
 * says "out of memory"), never a crash, and nothing leaks (LeakSanitizer
 * in the ASan run, valgrind by hand).  Each test runs its work once to
 * count the allocations, then again with the 1st, 2nd, ... n-th failing.
 */
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "failalloc.h"
#include "../../model/file.h"
#include "../../model/issue.h"
#include "../../model/layout.h"
#include "../../model/text.h"
#include "../../model/wrap.h"

static char	*sample;
static size_t	 nsample;

/*
 * Parses and lays out the sample, in parts on all processors from
 * parallel bytes of text (0: as a small issue is); true when all of it
 * worked.
 */
static bool
parse_and_lay_out_from(size_t parallel)
{
	struct issue_opts	 io = { .parallel = parallel };
	struct issue		*is;
	struct layout		 l;
	struct layout_opts	 o = { 0 };
	const char		*err;
	bool			 ok;

	if ((is = issue_parse(sample, nsample, &io, &err)) == NULL)
		return false;
	o.parallel = parallel;
	o.width = 37;
	o.height = 20;
	o.columns = 2;
	o.gutter = 2;
	o.indent = 2;
	o.ambiguous = 1;
	o.masthead = true;
	layout_init(&l);
	ok = layout_issue(&l, is, &o, 0, is->narticles);
	layout_free(&l);
	issue_free(is);
	return ok;
}

static bool
parse_and_lay_out(void)
{
	return parse_and_lay_out_from(0);
}

static bool
parse_and_lay_out_in_parts(void)
{
	return parse_and_lay_out_from(1);
}

static bool
sanitise(void)
{
	size_t	 n;
	char	*s = text_sanitise(sample, nsample, &n);

	free(s);
	return s != NULL;
}

/* Fails each allocation of f in turn; f must say so and not crash. */
static void
fail_each(bool (*f)(void))
{
	unsigned long	n;

	assert_true(f());
	for (n = 1; n < 100000; n++) {
		bool	ok;

		failalloc_at(n);
		ok = f();
		if (failalloc_failed() == 0) {
			/* n is past the last allocation: all of them tried */
			failalloc_at(0);
			assert_true(ok);
			return;
		}
		if (ok) print_message("allocation %lu failed, yet the call succeeded\n", n);
		assert_false(ok);
	}
	failalloc_at(0);
	fail_msg("more than 100000 allocations");
}

static void
sanitise_fails_cleanly(void **state)
{
	(void)state;
	fail_each(sanitise);
}

static void
parse_and_layout_fail_cleanly(void **state)
{
	(void)state;
	fail_each(parse_and_lay_out);
}

/* The same with the work shared out between threads (a large issue's). */
static void
parse_and_layout_in_parts_fail_cleanly(void **state)
{
	(void)state;
	fail_each(parse_and_lay_out_in_parts);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(sanitise_fails_cleanly),
		cmocka_unit_test(parse_and_layout_fail_cleanly),
		cmocka_unit_test(parse_and_layout_in_parts_fail_cleanly),
	};
	const char	*err;
	int		 r;

	sample = file_read("../../assets/qinghe-2025-06-10.txt", &nsample, &err);
	if (sample == NULL)
		return 1;
	r = cmocka_run_group_tests(tests, NULL, NULL);
	free(sample);
	return r;
}
