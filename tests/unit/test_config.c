/* Unit tests: the INI file, its warnings, and key rebinding. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixtures.h"
#include "../../app/config.h"
#include "../../tui/keymap.h"

static const char *
write_tmp(const char *text)
{
	static char	path[] = "/tmp/kanbao-test-XXXXXX";
	int		fd;
	FILE		*f;

	strcpy(path, "/tmp/kanbao-test-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

/* library = ~/papers means the home's, as save-folder does (issue 26) */
static void
library_under_home(void **state)
{
	struct config	 c;
	struct buf	 w = { 0 };
	const char	*p;

	(void)state;
	setenv("HOME", "/home/reader", 1);
	p = write_tmp("[reader]\nlibrary = ~/papers\n");
	config_defaults(&c);
	assert_true(config_load(&c, p, &w));
	assert_string_equal(c.library, "/home/reader/papers");
	config_free(&c);
	unlink(p);
}

/* The defaults are the table's, as the man page and --help say them. */
static void
defaults_from_the_table(void **state)
{
	struct config	 c;

	(void)state;
	config_defaults(&c);
	assert_int_equal(c.columns, 0);		/* auto */
	assert_int_equal(c.column_width, 40);
	assert_int_equal(c.indent, 2);
	assert_int_equal(c.ambiguous, 1);
	assert_int_equal(c.theme, THEME_DEFAULT);
	assert_false(c.keep_punct);		/* fix */
	assert_false(c.korean_syllable);	/* word */
	assert_false(c.no_clipboard);		/* osc52 */
	assert_false(c.no_mouse);		/* on */
	assert_null(c.library);
	assert_null(c.save_dir);		/* ~/kanbao */
	config_free(&c);
}

static void
good_values(void **state)
{
	struct config	 c;
	struct buf	 w = { 0 };
	const char	*p;

	(void)state;
	p = write_tmp("[reader]\ncolumns = 3\nindent = 0\nambiguous-width = 2\n"
	    "punctuation = keep\ntheme = mono\nlibrary = /srv/papers\n"
	    "[keys]\nnext-page = Space x\n");
	config_defaults(&c);
	assert_true(config_load(&c, p, &w));
	assert_int_equal(w.len, 0);
	assert_int_equal(c.columns, 3);
	assert_int_equal(c.indent, 0);
	assert_int_equal(c.ambiguous, 2);
	assert_true(c.keep_punct);
	assert_int_equal(c.theme, THEME_MONO);
	assert_string_equal(c.library, "/srv/papers");
	assert_int_equal(c.nkeys, 1);
	config_free(&c);
	unlink(p);
}

static void
bad_values_warn_with_line_and_keep_defaults(void **state)
{
	struct config	 c;
	struct buf	 w = { 0 };
	const char	*p;

	(void)state;
	p = write_tmp("[reader]\ncolumns = 99\nwidth = 3\ntheme = neon\n");
	config_defaults(&c);
	assert_true(config_load(&c, p, &w));
	assert_non_null(strstr(w.p, ":2: columns = 99"));
	assert_non_null(strstr(w.p, ":3: [reader] width: unknown setting"));
	assert_non_null(strstr(w.p, ":4: theme = neon"));
	assert_int_equal(c.columns, 0);
	assert_int_equal(c.theme, THEME_DEFAULT);
	buf_free(&w);
	config_free(&c);
	unlink(p);
}

static void
broken_files_warn_and_start(void **state)
{
	struct config	 c;
	struct buf	 w = { 0 };
	const char	*p;

	(void)state;
	p = write_tmp("[reader\ncolumns 3\n");
	config_defaults(&c);
	assert_true(config_load(&c, p, &w));
	assert_non_null(strstr(w.p, "using defaults"));
	buf_free(&w);
	config_free(&c);
	unlink(p);
	config_defaults(&c);
	assert_false(config_load(&c, "/nonexistent/kanbao.ini", &w));
	assert_non_null(strstr(w.p, "/nonexistent/kanbao.ini"));
	buf_free(&w);
	config_free(&c);
}

static void
keymap_rebinds_by_name(void **state)
{
	struct keymap	km;
	char		err[128], keys[64];

	(void)state;
	keymap_defaults(&km);
	assert_int_equal(keymap_lookup(&km, ' '), CMD_PAGE_DOWN);
	assert_true(keymap_bind(&km, "next-page", "x C-f", err, sizeof err));
	assert_int_equal(keymap_lookup(&km, 'x'), CMD_PAGE_DOWN);
	assert_int_equal(keymap_lookup(&km, 6), CMD_PAGE_DOWN);
	assert_int_equal(keymap_lookup(&km, ' '), CMD_NONE);
	keymap_keys_of(&km, CMD_PAGE_DOWN, keys, sizeof keys);
	assert_string_equal(keys, "C-f x");
	assert_false(keymap_bind(&km, "fly", "x", err, sizeof err));
	assert_non_null(strstr(err, "unknown command"));
	assert_false(keymap_bind(&km, "top", "Hyper-7", err, sizeof err));
	assert_non_null(strstr(err, "unknown key"));
	/* a key the file gives two commands, an empty value: warned */
	assert_true(keymap_bind(&km, "quit", "x", err, sizeof err));
	assert_non_null(strstr(err, "was bound to next-page too"));
	assert_int_equal(keymap_lookup(&km, 'x'), CMD_QUIT);
	assert_true(keymap_bind(&km, "top", "", err, sizeof err));
	assert_non_null(strstr(err, "has no key now"));
	/* a default key taken: no warning */
	assert_true(keymap_bind(&km, "bottom", "g", err, sizeof err));
	assert_string_equal(err, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_from_the_table),
		cmocka_unit_test(good_values),
		cmocka_unit_test(library_under_home),
		cmocka_unit_test(bad_values_warn_with_line_and_keep_defaults),
		cmocka_unit_test(broken_files_warn_and_start),
		cmocka_unit_test(keymap_rebinds_by_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
