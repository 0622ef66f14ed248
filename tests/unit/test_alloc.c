/*
 * Unit tests: out of memory.  The model's policy is to propagate: every
 * allocation that fails makes the call return NULL or false (the caller
 * says "out of memory"), never a crash, and nothing leaks (LeakSanitizer
 * in the ASan run, valgrind by hand).  Each test runs its work once to
 * count the allocations, then again with the 1st, 2nd, ... n-th failing.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixtures.h"
#include "failalloc.h"
#include "../../model/archive.h"
#include "../../model/buf.h"
#include "../../model/day.h"
#include "../../model/file.h"
#include "../../model/search.h"
#include "../../model/issue.h"
#include "../../model/layout.h"
#include "../../model/text.h"
#include "../../model/wrap.h"

static char	*sample, *merging;
static size_t	 nsample, nmerging;

/* Parses s[0..n) with io and lays it out with o; true when all worked. */
static bool
lay_out(const char *s, size_t n, const struct issue_opts *io,
    const struct layout_opts *o)
{
	struct issue	*is;
	struct layout	 l;
	const char	*err;
	bool		 ok;

	if ((is = issue_parse(s, n, io, &err)) == NULL)
		return false;
	layout_init(&l);
	ok = layout_issue(&l, is, o, 0, is->narticles);
	layout_free(&l);
	issue_free(is);
	return ok;
}

/*
 * Parses and lays out the sample, in parts on all processors from
 * parallel bytes of text (0: as a small issue is).
 */
static bool
parse_and_lay_out_from(size_t parallel)
{
	struct issue_opts	io = { .parallel = parallel };
	struct layout_opts	o = { .parallel = parallel, .width = 37,
				    .height = 20, .columns = 2, .gutter = 2,
				    .indent = 2, .ambiguous = 1,
				    .masthead = true };

	return lay_out(sample, nsample, &io, &o);
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

/*
 * The sample cut short at a given length: the arena's chunks fill, and
 * each allocation falls, at other places of the parse (finish_blocks'
 * own failing was found so).
 */
static size_t	 cut;

/* Whether s[0..n) parses. */
static bool
parses(const char *s, size_t n)
{
	const char	*err;
	struct issue	*is = issue_parse(s, n, NULL, &err);

	issue_free(is);
	return is != NULL;
}

static bool
parse_prefix(void)
{
	return parses(sample, cut);
}

/*
 * One input of tests/regress, parsed and laid out, whole or (head) as a
 * library's entry reads it.
 */
static char	*input;
static size_t	 ninput;
static bool	 head;

static bool
parse_input(void)
{
	struct issue_opts	io = { .head = head };
	struct layout_opts	o = { .width = 30, .columns = 1, .indent = 2,
				    .ambiguous = 1, .masthead = true,
				    .banners = true };

	return lay_out(input, ninput, &io, &o);
}

/* A day's folder of article files, read and parsed. */
static const char	*day;

static bool
read_day_folder(void)
{
	struct buf	 skipped = { 0 };
	const char	*err;
	char		*s;
	size_t		 n;
	struct issue	*is;

	s = day_read(day, &n, &err, &skipped);
	buf_free(&skipped);
	if (s == NULL)
		return false;
	is = issue_parse_free(s, n, NULL, &err);
	issue_free(is);
	return is != NULL;
}

/* An article that goes on further on (下转, 上接): its parts merged. */
static bool
parse_merging(void)
{
	return parses(merging, nmerging);
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

/* A merge of an article's parts half done would show one part twice. */
static void
merging_fails_cleanly(void **state)
{
	(void)state;
	fail_each(parse_merging);
}

static void
parse_and_layout_fail_cleanly(void **state)
{
	(void)state;
	fail_each(parse_and_lay_out);
}

static void
parse_prefixes_fail_cleanly(void **state)
{
	size_t	k;

	(void)state;
	for (k = 1; k <= 6; k++) {
		cut = nsample * k / 7;
		while (cut > 0 && (sample[cut] & 0xc0) == 0x80)
			cut--;		/* at a character's start */
		fail_each(parse_prefix);
	}
}

/*
 * Every front-end (feeds, records, front matter, stacked heads, digests,
 * outlines, Japanese, Korean ...): the regress inputs, one of each, and
 * the samples, every allocation failed in turn.
 */
static void
every_form_fails_cleanly(void **state)
{
	glob_t		 g;
	const char	*err;
	size_t		 i;

	(void)state;
	assert_int_equal(glob("../../tests/regress/*.in", 0, NULL, &g), 0);
	assert_int_equal(glob("../../assets/*.txt", GLOB_APPEND, NULL, &g), 0);
	assert_true(g.gl_pathc > 10);
	for (i = 0; i < g.gl_pathc; i++) {
		assert_non_null(input = file_read(g.gl_pathv[i], &ninput,
		    &err));
		print_message("%s\n", g.gl_pathv[i]);
		head = false;
		fail_each(parse_input);
		head = true;
		fail_each(parse_input);
		free(input);
	}
	globfree(&g);
}

/* Days' folders (front matter made of their page folders' names). */
static void
day_folders_fail_cleanly(void **state)
{
	static const char *const days[] = {
		"../../tests/fixtures/vault/2025-01-02",
		"../../tests/fixtures/pagefiles/web-2025-03-07",
		"../../tests/fixtures/dayfolder-bad/2025-01-04",
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof days / sizeof *days; i++) {
		day = days[i];
		fail_each(read_day_folder);
	}
}

/* The same with the work shared out between threads (a large issue's). */
static void
parse_and_layout_in_parts_fail_cleanly(void **state)
{
	(void)state;
	fail_each(parse_and_lay_out_in_parts);
}

/*
 * An index build that runs out of memory leaves nothing behind that a
 * later search trusts: the next search (memory back) finds every hit a
 * build with memory finds.  An issue whose parse failed must not be kept
 * as an issue of no articles.  The n-th allocation fails for n spread
 * over the whole build (each n a fresh cache).
 */
static void
index_build_failure_is_not_kept(void **state)
{
	struct archive		 ar;
	struct query_hit	*hits;
	size_t			 want, nhits;
	const char		*err, *warn;
	char			 root[] = "/tmp/kanbao-alloc-XXXXXX", cache[64],
				 cmd[96];
	unsigned long		 n, failed;
	int			 tries = 0;

	(void)state;
	assert_non_null(mkdtemp(root));
	assert_true(archive_open(&ar, "../../assets", NULL, &err));
	snprintf(cache, sizeof cache, "%s/ref", root);
	assert_true(search_library(&ar, "青河", cache, NULL, NULL, &hits,
	    &want, &err, &warn));
	query_free_hits(hits, want);
	assert_true(want > 3);
	for (n = 1; ; n += n / 8 + 1, tries++) {
		snprintf(cache, sizeof cache, "%s/c%lu", root, n);
		failalloc_at(n);
		if (search_library(&ar, "青河", cache, NULL, NULL, &hits,
		    &nhits, &err, &warn))
			query_free_hits(hits, nhits);
		failed = failalloc_failed();
		failalloc_at(0);
		if (failed == 0)
			break;		/* past the build's last allocation */
		assert_true(search_library(&ar, "青河", cache, NULL, NULL,
		    &hits, &nhits, &err, &warn));
		query_free_hits(hits, nhits);
		if (nhits != want)
			print_message("allocation %lu failed: then %zu hits, "
			    "not %zu\n", n, nhits, want);
		assert_int_equal(nhits, want);
	}
	assert_true(tries > 20);
	archive_close(&ar);
	snprintf(cmd, sizeof cmd, "rm -rf %s", root);
	assert_int_equal(system(cmd), 0);
}

/*
 * A search by scanning the files (no cache) out of memory fails and
 * says so; it never answers with the hits it found before it ran out.
 */
static void
scan_failure_is_no_answer(void **state)
{
	struct archive		 ar;
	struct query_hit	*hits;
	size_t			 want, nhits;
	const char		*err, *warn;
	unsigned long		 n, failed;
	bool			 ok;

	(void)state;
	assert_true(archive_open(&ar, "../../assets", NULL, &err));
	assert_true(search_library(&ar, "青河 市", NULL, NULL, NULL, &hits,
	    &want, &err, &warn));
	query_free_hits(hits, want);
	for (n = 1; ; n += n / 16 + 1) {
		failalloc_at(n);
		ok = search_library(&ar, "青河 市", NULL, NULL, NULL, &hits,
		    &nhits, &err, &warn);
		failed = failalloc_failed();
		failalloc_at(0);
		if (ok)
			query_free_hits(hits, nhits);
		if (failed == 0)
			break;
		/* (an allocation the answer can do without may fail) */
		if (ok) {
			if (nhits != want)
				fail_msg("allocation %lu failed, yet %zu hits "
				    "of %zu were given as the answer", n, nhits,
				    want);
			continue;
		}
		assert_string_equal(err, "out of memory");
	}
	archive_close(&ar);
}

/* What a library's list says, a line an issue. */
static void
list_text(const struct archive *ar, struct buf *out)
{
	size_t	i;

	out->len = 0;
	for (i = 0; i < ar->n; i++)
		buf_addf(out, "%s\t%s\t%s\t%s\n", ar->v[i].path, ar->v[i].date,
		    ar->v[i].title ? ar->v[i].title : "-",
		    ar->v[i].headline ? ar->v[i].headline : "-");
	assert_false(out->failed);
}

/*
 * A library listed out of memory fails, or lists what it holds as with
 * memory (a cache it cannot write may go): never an issue undated,
 * untitled or split into its day's files.  The next listing, memory
 * back, from the same cache folder, is right too.
 */
static void
list_failure_is_no_lie(void **state)
{
	static const char *const libs[] = { "../../assets",
	    "../../tests/fixtures/vault", "../../tests/fixtures/pagefiles" };
	struct archive		 ar;
	struct buf		 want = { 0 }, got = { 0 };
	const char		*err;
	char			 root[] = "/tmp/kanbao-alloc-XXXXXX", cache[96],
				 cmd[96];
	unsigned long		 n, failed;
	size_t			 k;
	bool			 ok;

	(void)state;
	assert_non_null(mkdtemp(root));
	for (k = 0; k < sizeof libs / sizeof *libs; k++) {
		assert_true(archive_open(&ar, libs[k], NULL, &err));
		list_text(&ar, &want);
		archive_close(&ar);
		for (n = 1; ; n++) {
			snprintf(cache, sizeof cache, "%s/%zu-%lu", root, k, n);
			failalloc_at(n);
			ok = archive_open(&ar, libs[k], cache, &err);
			failed = failalloc_failed();
			failalloc_at(0);
			if (ok) {
				list_text(&ar, &got);
				archive_close(&ar);
				if (strcmp(got.p, want.p) != 0)
					fail_msg("%s, allocation %lu failed: "
					    "listed\n%s", libs[k], n, got.p);
			} else
				assert_string_equal(err, "out of memory");
			if (failed == 0)
				break;
			assert_true(archive_open(&ar, libs[k], cache, &err));
			list_text(&ar, &got);
			archive_close(&ar);
			assert_string_equal(got.p, want.p);
		}
	}
	buf_free(&want);
	buf_free(&got);
	snprintf(cmd, sizeof cmd, "rm -rf %s", root);
	assert_int_equal(system(cmd), 0);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(sanitise_fails_cleanly),
		cmocka_unit_test(parse_and_layout_fail_cleanly),
		cmocka_unit_test(parse_prefixes_fail_cleanly),
		cmocka_unit_test(every_form_fails_cleanly),
		cmocka_unit_test(day_folders_fail_cleanly),
		cmocka_unit_test(parse_and_layout_in_parts_fail_cleanly),
		cmocka_unit_test(index_build_failure_is_not_kept),
		cmocka_unit_test(scan_failure_is_no_answer),
		cmocka_unit_test(list_failure_is_no_lie),
		cmocka_unit_test(merging_fails_cleanly),
	};
	const char	*err;
	int		 r;

	sample = file_read("../../assets/qinghe-2025-06-10.txt", &nsample, &err);
	merging = file_read("../../tests/regress/continuation.in", &nmerging,
	    &err);
	if (sample == NULL || merging == NULL)
		return 1;
	r = cmocka_run_group_tests(tests, NULL, NULL);
	free(sample);
	free(merging);
	return r;
}
