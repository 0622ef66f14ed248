/* Unit tests: dates of issues, folding for search, listing and search. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fixtures.h"
#include "../../model/archive.h"
#include "../../model/search.h"
#include "../../model/date.h"
#include "../../model/pool.h"
#include "../../model/ixfile.h"

static void
dates_from_file_names(void **state)
{
	char	d[11];

	(void)state;
	assert_true(date_from_name("qinghe-2025-03-27.txt", d));
	assert_string_equal(d, "2025-03-27");
	assert_true(date_from_name("20250327.md", d));
	assert_string_equal(d, "2025-03-27");
	assert_false(date_from_name("issue-12221.txt", d));
	assert_false(date_from_name("2025-13-40.txt", d));
}

/* A date as a person types it, in the date prompt (issue 26). */
static void
typed_dates(void **state)
{
	/* typed on 2026-12-xx: what each says, and the day it is */
	static const struct {
		const char	*typed;
		int		 rc;
		const char	*day;
	} v[] = {
		{ "2025-03-27", 1, "2025-03-27" },
		{ "20250327", 1, "2025-03-27" },
		{ "2025/3/7", 1, "2025-03-07" },
		{ "2025年3月27日", 1, "2025-03-27" },
		{ "２０２５－０３－２７", 1, "2025-03-27" },
		/* this year, this month */
		{ "03-27", 1, "2026-03-27" },
		{ "3月27日", 1, "2026-03-27" },
		{ "27", 1, "2026-12-27" },
		/* no such day, and no date at all */
		{ "2025-02-30", -1, NULL },
		{ "2025-13-01", 0, NULL },
		{ "tomorrow", 0, NULL },
		{ "1-2-3-4", 0, NULL },
	};
	char	d[11];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		assert_int_equal(date_parse_typed(v[i].typed, 2026, 12, d),
		    v[i].rc);
		if (v[i].day != NULL)
			assert_string_equal(d, v[i].day);
	}
}

static void
folding(void **state)
{
	size_t	n;
	char	*f;

	(void)state;
	f = query_fold("１２ ，ＡＢ c\n文", strlen("１２ ，ＡＢ c\n文"), &n);
	assert_string_equal(f, "12,abc文");
	free(f);
}

/*
 * The index folds text a character at a time (query_fold_chars) where a
 * query is folded whole (query_fold): they must agree, or a word is in
 * the index under other bigrams than the query asks for.  Random texts of
 * the pieces that fold (widths, case, spaces, quotes, soft hyphens) and
 * of broken UTF-8, compared character by character.
 */
static void
fold_chars_as_fold(void **state)
{
	static const char *const piece[] = {
		"a", "Q", "报", "\xe4\xb8\x80", "\xe5\x80\x80", "\xe9\xbf\xbf",
		"１", "Ｚ", "，", "。", "、", "\xe2\x80\x9c", "\xe3\x80\x8c",
		" ", "\n", "\t", "\xe3\x80\x80", "\xc2\xa0", "\xc2\xad",
		"\xe2\x80\x89", "\xef\xbf\xbd", "\xff", "\xe5\x80", "\xe9",
		"\xed\xa0\x80", "\xf0\x9f\x93\xb0", "\xc3\xa9", "\x01", "~",
	};
	char		in[256];
	text_char	got[256], c;
	size_t		n, m, flen, i, j;
	int		round;
	char		*f;

	(void)state;
	srand(24);
	for (round = 0; round < 20000; round++) {
		n = fixture_pieces(in, piece, sizeof piece / sizeof *piece, 16);
		m = query_fold_chars(in, n, got);
		assert_true(m <= n);
		assert_non_null(f = query_fold(in, n, &flen));
		for (i = j = 0; i < flen; j++) {
			assert_true(j < m);
			i += text_decode_fast(f + i, flen - i, &c);
			assert_int_equal(c, got[j]);
		}
		assert_int_equal(j, m);
		free(f);
	}
}

/* Finding a query in a text as a search matches: the bytes that match. */
static void
find_folded(void **state)
{
	const char	*s = "扫描ＱＲ码，青河 日报\n报道ABC。";
	size_t		 at, n, len = strlen(s);

	(void)state;
	assert_true(query_find(s, len, 0, "qr码", &at, &n));
	assert_int_equal(at, 6);
	assert_int_equal(n, 9);			/* ＱＲ码 */
	assert_true(query_find(s, len, 0, "青河日报", &at, &n));
	assert_memory_equal(s + at, "青河 日报", n);
	assert_true(query_find(s, len, 0, "日报报道", &at, &n));
	assert_memory_equal(s + at, "日报\n报道", n);
	assert_true(query_find(s, len, 0, "abc.", &at, &n));
	assert_memory_equal(s + at, "ABC。", n);
	assert_true(query_find(s, len, 0, " 码, ", &at, &n));
	assert_memory_equal(s + at, "码，", n);
	/* from: the next match only */
	assert_false(query_find(s, len, at + 1, "码", &at, &n));
	assert_false(query_find(s, len, 0, "青河报", &at, &n));
	assert_false(query_find(s, len, 0, "  ", &at, &n));
	assert_false(query_find(s, len, len, "日", &at, &n));
}

static void
list_and_search_samples(void **state)
{
	struct archive		 ar;
	struct query_hit	*h;
	size_t			 n;
	const char		*err;

	(void)state;
	assert_true(archive_open(&ar, "../../assets", NULL, &err));
	assert_int_equal(ar.n, 3);
	assert_string_equal(ar.v[0].date, "2025-06-10");
	assert_string_equal(ar.v[2].date, "2025-06-12");
	assert_string_equal(ar.v[0].title, "青河日报");
	/* every word must occur; newest first */
	assert_true(search_library(&ar, "青河 麦", NULL, NULL, NULL, &h, &n, &err, NULL));
	assert_true(n >= 2);
	assert_true(h[0].entry >= h[n - 1].entry);
	query_free_hits(h, n);
	/* broken across a blank line in the file */
	assert_true(search_library(&ar, "三百多亩麦子", NULL, NULL, NULL, &h, &n, &err, NULL));
	assert_int_equal(n, 1);
	query_free_hits(h, n);
	assert_true(search_library(&ar, "ＱＲ ＣＯＤＥＳ", NULL, NULL, NULL, &h, &n, &err, NULL));
	assert_int_equal(n, 1);
	query_free_hits(h, n);
	assert_false(search_library(&ar, "   ", NULL, NULL, NULL, &h, &n, &err, NULL));
	archive_close(&ar);
}

static char	tmpdir[] = "/tmp/kanbao-archive-XXXXXX";

static void
sh(const char *fmt, const char *a)
{
	char	cmd[1024];

	snprintf(cmd, sizeof cmd, fmt, a, a, a);
	if (system(cmd) != 0)
		fail_msg("failed: %s", cmd);
}

/* Same hits through the index as by scanning every file. */
static void
same_hits(const struct archive *ar, const char *cache, const char *q)
{
	struct query_hit	*a, *b;
	size_t			 na, nb, i;
	const char		*err;

	assert_true(search_library(ar, q, NULL, NULL, NULL, &a, &na, &err, NULL));
	assert_true(search_library(ar, q, cache, NULL, NULL, &b, &nb, &err, NULL));
	assert_int_equal(na, nb);
	for (i = 0; i < na; i++) {
		assert_int_equal(a[i].entry, b[i].entry);
		assert_int_equal(a[i].article, b[i].article);
		assert_string_equal(a[i].date, b[i].date);
		assert_string_equal(a[i].snippet, b[i].snippet);
		/* newest first, undated last */
		if (i > 0 && b[i].date[0] != '\0')
			assert_true(strcmp(b[i - 1].date, b[i].date) >= 0);
	}
	query_free_hits(a, na);
	query_free_hits(b, nb);
}

static void
index_build_update_and_recovery(void **state)
{
	struct archive	 ar;
	const char	*err;
	char		 lib[256], cache[256], path[512];
	FILE		*f;

	(void)state;
	assert_non_null(mkdtemp(tmpdir));
	snprintf(lib, sizeof lib, "%s/lib", tmpdir);
	snprintf(cache, sizeof cache, "%s/cache", tmpdir);
	sh("mkdir -p %s/a/b && cp ../../assets/*.txt %s/a/b/ && mkdir -p %s/../cache", lib);
	assert_true(archive_open(&ar, lib, cache, &err));
	assert_int_equal(ar.n, 3);
	same_hits(&ar, cache, "秸秆");
	same_hits(&ar, cache, "青河 社区");
	same_hits(&ar, cache, "ＱＲ");
	same_hits(&ar, cache, "不存在的词语");
	archive_close(&ar);

	/* a new issue is found at once: never stale results */
	snprintf(path, sizeof path, "%s/2025-07-01.txt", lib);
	f = fopen(path, "w");
	fputs("## 新来的一期\n\n本报讯 记者某某报道:独一无二的句子。\n", f);
	fclose(f);
	assert_true(archive_open(&ar, lib, cache, &err));
	assert_int_equal(ar.n, 4);
	assert_string_equal(ar.v[3].date, "2025-07-01");
	same_hits(&ar, cache, "独一无二");
	archive_close(&ar);

	/*
	 * an edit in place that keeps the size and the mtime (to the
	 * nanosecond, as rsync -t or touch -r leave it) is seen too
	 */
	{
		char			 cmd[1024];
		struct query_hit	*h;
		size_t			 nh;

		snprintf(cmd, sizeof cmd, "cd %s && cp -p 2025-07-01.txt ../ref && "
		    "sed -i 's/独一无二/举世无双/' 2025-07-01.txt && "
		    "touch -r ../ref 2025-07-01.txt && rm ../ref", lib);
		assert_int_equal(system(cmd), 0);
		assert_true(archive_open(&ar, lib, cache, &err));
		assert_true(search_library(&ar, "举世无双", cache, NULL, NULL, &h,
		    &nh, &err, NULL));
		assert_int_equal(nh, 1);
		query_free_hits(h, nh);
		same_hits(&ar, cache, "独一无二");
		archive_close(&ar);
	}

	/* a scanned archive (no dates read) finds the same, with dates */
	{
		struct archive		 sc;
		struct query_hit	*a, *b;
		size_t			 na, nb, i;

		assert_true(archive_open(&ar, lib, cache, &err));
		assert_true(archive_scan(&sc, lib, &err));
		assert_int_equal(sc.n, ar.n);
		for (i = 0; i < sc.n; i++)
			assert_string_equal(sc.v[i].date, "");
		assert_true(search_library(&ar, "秸秆", cache, NULL, NULL, &a,
		    &na, &err, NULL));
		assert_true(search_library(&sc, "秸秆", cache, NULL, NULL, &b,
		    &nb, &err, NULL));
		assert_int_equal(na, nb);
		assert_true(na > 0);
		for (i = 0; i < na; i++) {
			assert_string_equal(ar.v[a[i].entry].path,
			    sc.v[b[i].entry].path);
			assert_string_equal(a[i].date, b[i].date);
			assert_string_equal(a[i].date, ar.v[a[i].entry].date);
		}
		query_free_hits(a, na);
		query_free_hits(b, nb);
		/* a query led by an ideographic space, and two words */
		same_hits(&sc, cache, "\xe3\x80\x80秸秆");
		same_hits(&sc, cache, "ｑｒ 青河");
		archive_close(&sc);
		archive_close(&ar);
	}

	/* damage inside the index: never a crash; rebuilt once files change */
	sh("for f in %s/../cache/index-*; do n=$(stat -c %%s $f); "
	    "for p in 20 40 60 80; do head -c 4096 /dev/zero | tr '\\0' '\\377' | "
	    "dd of=$f bs=1 seek=$((n * p / 100)) conv=notrunc 2>/dev/null; "
	    "done; done", lib);
	assert_true(archive_open(&ar, lib, cache, &err));
	{
		struct query_hit	*h;
		size_t			 nh;

		assert_true(search_library(&ar, "秸秆", cache, NULL, NULL, &h,
		    &nh, &err, NULL));
		query_free_hits(h, nh);
	}
	archive_close(&ar);

	/* a corrupt index and list cache are rebuilt, not trusted */
	sh("for f in %s/../cache/*; do head -c 100 /dev/urandom > $f; done", lib);
	assert_true(archive_open(&ar, lib, cache, &err));
	assert_int_equal(ar.n, 4);
	same_hits(&ar, cache, "举世无双");
	same_hits(&ar, cache, "秸秆");
	archive_close(&ar);
	sh("rm -rf %s", tmpdir);
}

/* The main segment's (index-*) and second segment's (delta-*) files. */
static bool
segment(const char *cache, const char *prefix, struct stat *st)
{
	char	cmd[512], path[512];
	FILE	*p;
	bool	ok;

	snprintf(cmd, sizeof cmd, "ls %s/%s-* 2>/dev/null", cache, prefix);
	if ((p = popen(cmd, "r")) == NULL)
		return false;
	ok = fgets(path, sizeof path, p) != NULL;
	pclose(p);
	if (ok)
		path[strcspn(path, "\n")] = '\0';
	return ok && stat(path, st) == 0;
}

/*
 * Damages the middle of every text block of the index segment named by
 * pattern (a shell glob): bytes a zstd frame's sum does not match.
 */
static void
damage_blocks(const char *pattern)
{
	struct hdr	h;
	struct iblock	b;
	char		path[512], cmd[600];
	const char	junk[8] = "\377\377\377\377\377\377\377\377";
	FILE		*p, *f;
	uint64_t	i;

	snprintf(cmd, sizeof cmd, "ls %s", pattern);
	assert_non_null(p = popen(cmd, "r"));
	assert_non_null(fgets(path, sizeof path, p));
	pclose(p);
	path[strcspn(path, "\n")] = '\0';
	assert_non_null(f = fopen(path, "r+b"));
	assert_int_equal(fread(&h, sizeof h, 1, f), 1);
	assert_true(h.nblocks > 0);
	for (i = 0; i < h.nblocks; i++) {
		assert_int_equal(fseek(f, (long)(h.off_blocks + i * sizeof b),
		    SEEK_SET), 0);
		assert_int_equal(fread(&b, sizeof b, 1, f), 1);
		assert_int_equal(fseek(f, (long)(h.off_str + b.off + b.clen / 2),
		    SEEK_SET), 0);
		assert_int_equal(fwrite(junk, sizeof junk, 1, f), 1);
	}
	fclose(f);
}

/*
 * An issue edited, added or removed after the index was built goes into a
 * second, small segment: the main one is not written again (a search after
 * an edit costs that issue, not the library), the hits stay those of a
 * scan; past a share of the library the main segment is built again.
 */
static void
index_segments(void **state)
{
	struct archive	 ar;
	struct stat	 main0, st;
	const char	*err;
	char		 lib[256], cache[256], kc[300];
	int		 i;

	char		 dir[] = "/tmp/kanbao-segments-XXXXXX";

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(lib, sizeof lib, "%s/lib", dir);
	snprintf(cache, sizeof cache, "%s/cache", dir);
	snprintf(kc, sizeof kc, "%s/cache", dir);
	sh("mkdir -p %s && cp ../../assets/*.txt %s/ && mkdir -p %s/../cache", lib);
	/* 60 small issues besides: the second segment takes up to 35 */
	for (i = 0; i < 60; i++) {
		char	path[512];
		FILE	*f;

		snprintf(path, sizeof path, "%s/2024-01-%02d-%d.txt", lib,
		    i % 28 + 1, i);
		assert_non_null(f = fopen(path, "w"));
		fprintf(f, "## 第%d期\n\n本报讯 记者某某报道：编号%d的麦田。\n",
		    i, i);
		fclose(f);
	}
	assert_true(archive_open(&ar, lib, NULL, &err));
	same_hits(&ar, cache, "麦田");
	archive_close(&ar);
	assert_true(segment(kc, "index", &main0));
	assert_false(segment(kc, "delta", &st));

	/* an edit: found at once, the main segment untouched */
	sh("echo '追加的一句话。' >> %s/2024-01-05-4.txt%.0s%.0s", lib);
	assert_true(archive_open(&ar, lib, NULL, &err));
	same_hits(&ar, cache, "追加的一句");
	same_hits(&ar, cache, "麦田");
	archive_close(&ar);
	assert_true(segment(kc, "index", &st));
	assert_true(st.st_ino == main0.st_ino &&
	    st.st_mtim.tv_nsec == main0.st_mtim.tv_nsec &&
	    st.st_mtime == main0.st_mtime);
	assert_true(segment(kc, "delta", &st));

	/* a removed issue: gone from the hits; a damaged second segment */
	sh("rm %s/2024-01-07-6.txt%.0s%.0s", lib);
	sh("for f in %s/../cache/delta-*; do printf 'XXXXXXXXXXXXXXXX' | "
	    "dd of=$f bs=1 seek=200 conv=notrunc 2>/dev/null; done%.0s%.0s", lib);
	assert_true(archive_open(&ar, lib, NULL, &err));
	same_hits(&ar, cache, "编号6的");
	same_hits(&ar, cache, "追加的一句");
	same_hits(&ar, cache, "麦田");
	archive_close(&ar);

	/*
	 * many changes: the main segment built again, the second gone; the
	 * old one's unchanged issues are taken from it, but its text blocks
	 * are damaged: it is built from the files alone
	 */
	{
		char	pat[320];

		assert_true(segment(kc, "index", &main0));
		snprintf(pat, sizeof pat, "%s/index-*", kc);
		damage_blocks(pat);
	}
	sh("for f in %s/2024-01-1*.txt %s/2024-01-2*.txt; do "
	    "echo '又一句。' >> $f; done%.0s", lib);
	assert_true(archive_open(&ar, lib, NULL, &err));
	assert_true(ar.n == 62);
	same_hits(&ar, cache, "又一句");
	same_hits(&ar, cache, "麦田");
	same_hits(&ar, cache, "秸秆");
	{
		struct query_hit	*h;
		size_t			 nh;
		const char		*warn = NULL;

		assert_true(search_library(&ar, "麦田", cache, NULL, NULL, &h,
		    &nh, &err, &warn));
		assert_null(warn);
		query_free_hits(h, nh);
	}
	archive_close(&ar);
	assert_true(segment(kc, "index", &st));
	assert_false(st.st_ino == main0.st_ino &&
	    st.st_mtim.tv_nsec == main0.st_mtim.tv_nsec);
	assert_false(segment(kc, "delta", &st));
	sh("rm -rf %s", dir);
}

/* Links to folders are not followed (no circles); links to files are. */
/*
 * A page folder of a day's folder renamed (01-a -> 03-a) changes the
 * order of its articles, not their sizes or times: the index is made
 * again, and a hit names the article it is in (issue 27).
 */
static void
day_folder_renamed(void **state)
{
	char		 dir[] = "/tmp/kanbao-day-XXXXXX", cache[1100];
	struct archive	 ar;
	const char	*err;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(cache, sizeof cache, "%s/cache", dir);
	sh("mkdir -p %s/lib/2025-01-02/01-a %s/lib/2025-01-02/02-b %s/cache", dir);
	sh("printf '# 甲文\\n\\n独有词甲。\\n' > %s/lib/2025-01-02/01-a/x.md", dir);
	sh("printf '# 乙文\\n\\n独有词乙。\\n' > %s/lib/2025-01-02/02-b/y.md", dir);
	{
		char	lib[1100];

		snprintf(lib, sizeof lib, "%s/lib", dir);
		assert_true(archive_open(&ar, lib, cache, &err));
		same_hits(&ar, cache, "独有词乙");
		archive_close(&ar);
		sh("mv %s/lib/2025-01-02/01-a %s/lib/2025-01-02/03-a", dir);
		assert_true(archive_open(&ar, lib, cache, &err));
		same_hits(&ar, cache, "独有词乙");
		same_hits(&ar, cache, "独有词甲");
		archive_close(&ar);
	}
	sh("rm -rf %s", dir);
}

/*
 * The index's snippet and the scan's start at the same place, also when
 * the word as typed stands later than a wider form of it (issue 27).
 */
static void
snippets_agree(void **state)
{
	char		 dir[] = "/tmp/kanbao-snip-XXXXXX", lib[1100], cache[1100];
	struct archive	 ar;
	const char	*err;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(lib, sizeof lib, "%s/lib", dir);
	snprintf(cache, sizeof cache, "%s/cache", dir);
	sh("mkdir -p %s/lib %s/cache", dir);
	sh("printf '# 扫码乘车\\n\\n车站贴出了ＱＲ码，乘客排队办理。"
	    "一个月后，公交车上也都有了QR码，扫一下就能上车。\\n' > "
	    "%s/lib/2025-02-03.md", dir);
	assert_true(archive_open(&ar, lib, cache, &err));
	same_hits(&ar, cache, "QR码");
	same_hits(&ar, cache, "ｑｒ码 乘客");
	archive_close(&ar);
	sh("rm -rf %s", dir);
}

/*
 * An index built under a memory budget so small that every few articles
 * go out as a segment is, once the segments are merged, the same file
 * byte for byte as one built in memory, and finds the same (issue 24).
 */
static void
build_under_a_budget(void **state)
{
	char		 dir[] = "/tmp/kanbao-budget-XXXXXX", cache[1100],
			 small[1100], cmd[2400];
	struct archive	 ar;
	const char	*err;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(cache, sizeof cache, "%s/whole", dir);
	snprintf(small, sizeof small, "%s/small", dir);
	sh("mkdir -p %s/whole %s/small", dir);
	assert_true(archive_open(&ar, "../../assets", NULL, &err));
	same_hits(&ar, cache, "青河");
	ar.index_memory = 1 << 16;	/* a segment every few articles */
	same_hits(&ar, small, "青河");
	same_hits(&ar, small, "秸秆 农机");
	same_hits(&ar, small, "ＱＲ");
	snprintf(cmd, sizeof cmd, "cmp %s/whole/index-* %s/small/index-*",
	    dir, dir);
	assert_int_equal(system(cmd), 0);
	archive_close(&ar);
	sh("rm -rf %s", dir);
}

static void
links_in_a_library(void **state)
{
	char		 dir[] = "/tmp/kanbao-links-XXXXXX";
	struct archive	 ar;
	const char	*err;

	(void)state;
	assert_non_null(mkdtemp(dir));
	sh("mkdir -p %s/a/b && cp ../../assets/qinghe-2025-06-10.txt %s/a/b/ && "
	    "ln -s .. %s/a/b/up", dir);
	sh("ln -s . %s/a/self && ln -s a/b/qinghe-2025-06-10.txt %s/2025-07-01.txt && "
	    "ln -s nowhere %s/broken.txt", dir);
	assert_true(archive_open(&ar, dir, NULL, &err));
	assert_int_equal(ar.n, 2);
	archive_close(&ar);
	sh("rm -rf %s", dir);
}

/*
 * Enough files for the walk to share out, in folders under a lone folder
 * (library/paper/a, library/paper/b), and the same found by a scan.
 */
static void
large_library_walk(void **state)
{
	char		 dir[] = "/tmp/kanbao-walk-XXXXXX", path[128];
	struct archive	 ar;
	const char	*err;
	FILE		*f;
	int		 i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/paper", dir);
	mkdir(path, 0700);
	for (i = 0; i < 700; i++) {
		snprintf(path, sizeof path, "%s/paper/%s", dir, i % 2 ? "a" : "b");
		mkdir(path, 0700);
		snprintf(path, sizeof path, "%s/paper/%s/2020%04d.txt", dir,
		    i % 2 ? "a" : "b", 101 + i % 28 + (i / 28 % 12) * 100);
		if ((f = fopen(path, "a")) != NULL) {
			fprintf(f, "## 第%d期\n\n正文%d。\n", i, i);
			fclose(f);
		}
	}
	assert_true(archive_open(&ar, dir, NULL, &err));
	assert_true(ar.n > 300);
	for (size_t k = 0; k < ar.n; k++) {
		assert_true(ar.v[k].size > 0);
		assert_int_equal(strlen(ar.v[k].date), 10);
		if (k > 0)
			assert_true(strcmp(ar.v[k - 1].date, ar.v[k].date) <= 0);
	}
	{
		struct archive	sc;

		assert_true(archive_scan(&sc, dir, &err));
		assert_int_equal(sc.n, ar.n);
		archive_close(&sc);
	}
	archive_close(&ar);
	sh("rm -rf %s", dir);
}

/* Whether a hit of the query is in the issue file path. */
static bool
found_in(const struct archive *ar, const char *cache, const char *q,
    const char *path)
{
	struct query_hit	*h;
	size_t			 n, i;
	const char		*err;
	bool			 found = false;

	assert_true(search_library(ar, q, cache, NULL, NULL, &h, &n, &err, NULL));
	for (i = 0; i < n && !found; i++)
		found = strcmp(ar->v[h[i].entry].path, path) == 0;
	query_free_hits(h, n);
	return found;
}

/*
 * No text of an issue is out of reach of a search: the first and last
 * four Han characters of every run in every line of a file (what a
 * grep-like tool finds there) find that file.
 */
static void
every_phrase_found(const char *dir)
{
	struct archive	 ar;
	const char	*err;
	char		 cache[] = "/tmp/kanbao-phrase-XXXXXX", q[16];
	char		*line = NULL;
	size_t		 cap = 0, e, tried = 0;
	FILE		*f;

	assert_non_null(mkdtemp(cache));
	if (!archive_open(&ar, dir, NULL, &err)) {
		sh("rm -rf %s", cache);
		return;
	}
	for (e = 0; e < ar.n; e++) {
		assert_non_null(f = fopen(ar.v[e].path, "r"));
		while (getline(&line, &cap, f) != -1) {
			const unsigned char	*l = (const unsigned char *)line;
			size_t			 i = 0, len, run = 0, nrun = 0;

			for (;;) {
				len = l[i] < 0x80 ? 1 : l[i] < 0xe0 ? 2 :
				    l[i] < 0xf0 ? 3 : 4;
				if (l[i] >= 0xe4 && l[i] <= 0xe9 &&
				    l[i + 1] >= 0x80 && l[i + 2] >= 0x80) {
					if (nrun++ == 0)
						run = i;
					i += 3;
					continue;
				}
				if (nrun >= 4) {
					memcpy(q, line + run, 12), q[12] = '\0';
					if (!found_in(&ar, cache, q, ar.v[e].path))
						fail_msg("%s: '%s' not found",
						    ar.v[e].path, q);
					memcpy(q, line + i - 12, 12), q[12] = '\0';
					if (!found_in(&ar, cache, q, ar.v[e].path))
						fail_msg("%s: '%s' not found",
						    ar.v[e].path, q);
					tried += 2;
				}
				nrun = 0;
				if (l[i] == '\0')
					break;
				while (len-- > 0 && l[i] != '\0')
					i++;
			}
		}
		fclose(f);
	}
	free(line);
	assert_true(tried > 0);
	archive_close(&ar);
	sh("rm -rf %s", cache);
}

static void
every_phrase_of_the_samples(void **state)
{
	(void)state;
	every_phrase_found("../../assets");
}

/* The real issues beside the project, when they are there. */
static void
every_phrase_of_the_seeds(void **state)
{
	struct stat	st;

	(void)state;
	if (stat("../../../shared/seeds", &st) != 0)
		skip();
	every_phrase_found("../../../shared/seeds");
}

/* An item of the ordered pool: a square, and a mark that it was done. */
static void
square(void *arg, size_t i)
{
	unsigned long	*v = arg;

	v[i] = (unsigned long)i * i + 1;
}

/*
 * The index builder's pool: every item waited for is done, in order, on
 * whichever thread; stopped early, it returns once those under way are.
 */
static void
ordered_pool_gives_items_in_order(void **state)
{
	struct pool_ordered	*p;
	unsigned long		*v;
	size_t			 i, n = 5000, done = 0;

	(void)state;
	v = calloc(n, sizeof *v);
	assert_non_null(v);
	assert_non_null(p = pool_start(n, square, v));
	for (i = 0; i < n; i++) {
		pool_wait(p, i);
		assert_int_equal(v[i], (unsigned long)i * i + 1);
	}
	pool_stop(p);
	memset(v, 0, n * sizeof *v);
	assert_non_null(p = pool_start(n, square, v));
	for (i = 0; i < 10; i++)
		pool_wait(p, i);
	pool_stop(p);
	for (i = 0; i < n; i++)
		done += v[i] != 0;
	/* the ten waited for, and any others done by then: none half done */
	assert_true(done >= 10);
	for (i = 0; i < n; i++)
		assert_true(v[i] == 0 || v[i] == (unsigned long)i * i + 1);
	/* fewer items than a thread's share: the caller alone */
	assert_non_null(p = pool_start(3, square, v));
	pool_wait(p, 0);
	pool_wait(p, 1);
	pool_wait(p, 2);
	pool_stop(p);
	assert_non_null(p = pool_start(0, square, v));
	pool_stop(p);
	free(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_from_file_names),
		cmocka_unit_test(folding),
		cmocka_unit_test(fold_chars_as_fold),
		cmocka_unit_test(find_folded),
		cmocka_unit_test(list_and_search_samples),
		cmocka_unit_test(index_build_update_and_recovery),
		cmocka_unit_test(index_segments),
		cmocka_unit_test(large_library_walk),
		cmocka_unit_test(links_in_a_library),
		cmocka_unit_test(typed_dates),
		cmocka_unit_test(day_folder_renamed),
		cmocka_unit_test(snippets_agree),
		cmocka_unit_test(build_under_a_budget),
		cmocka_unit_test(every_phrase_of_the_samples),
		cmocka_unit_test(every_phrase_of_the_seeds),
		cmocka_unit_test(ordered_pool_gives_items_in_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
