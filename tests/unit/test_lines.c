/*
 * Unit tests: what one block of text is (model/lines.c), by script, from
 * tables; and the choice of lexicon.  Each row is a line as a paper of
 * that script prints it and what a reader takes it for.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "../../model/parse.h"

enum what { BYLINE, CREDIT, CONT_DOWN, CONT_UP, PAGE, META, NOTE, SERIES,
    SOURCE, PHOTO_MARK, INLINE_BYLINE, NONE };

static const struct row {
	const char	*profile;
	const char	*text;
	enum what	 what;
	int		 page;		/* of PAGE and CONT */
	const char	*byline;	/* of INLINE_BYLINE: the byline */
} rows[] = {
	/* simplified Chinese */
	{ "zh-Hans", "□本报记者 林晓川", BYLINE, 0, NULL },
	{ "zh-Hans", "本报特约记者 何嘉禾", BYLINE, 0, NULL },
	{ "zh-Hans", "文/周明远", BYLINE, 0, NULL },
	{ "zh-Hans", "记者林晓川", BYLINE, 0, NULL },
	{ "zh-Hans", "记者：这是一次采访。", NONE, 0, NULL },
	{ "zh-Hans", "□本报记者 周明远摄", CREDIT, 0, NULL },
	{ "zh-Hans", "（何嘉禾 摄影）", CREDIT, 0, NULL },
	{ "zh-Hans", "（下转02版）", CONT_DOWN, 2, NULL },
	{ "zh-Hans", "(上接第1版)", CONT_UP, 1, NULL },
	{ "zh-Hans", "第02版：综合", PAGE, 2, NULL },
	{ "zh-Hans", "第 02 版", NONE, 0, NULL },
	{ "zh-Hans", "责任编辑：林晓川", META, 0, NULL },
	{ "zh-Hans", "编者按：本版今起开设专栏。", NOTE, 0, NULL },
	{ "zh-Hans", "— 开栏语 —", NOTE, 0, NULL },
	{ "zh-Hans", "系列：走进基层文化站", SERIES, 0, NULL },
	{ "zh-Hans", "系列报道正在进行", NONE, 0, NULL },
	{ "zh-Hans", "林晓川《青河日报》（2025年03月04日第 05 版）", SOURCE, 0,
	  NULL },
	{ "zh-Hans", "《青河日报》是一份地方报纸", NONE, 0, NULL },
	{ "zh-Hans", "图①：新桥夜景。", PHOTO_MARK, 0, NULL },
	{ "zh-Hans", "上图 市民在桥上散步。", PHOTO_MARK, 0, NULL },
	{ "zh-Hans", "（左）桥头的花坛。", PHOTO_MARK, 0, NULL },
	{ "zh-Hans", "图书馆每天开到晚上十点。", NONE, 0, NULL },
	{ "zh-Hans", "本报讯 记者林晓川报道：新桥昨天通车。", INLINE_BYLINE, 0,
	  "本报讯 记者林晓川报道" },
	{ "zh-Hans", "本报讯（记者 何嘉禾）新桥昨天通车。", INLINE_BYLINE, 0,
	  "本报讯（记者 何嘉禾）" },
	{ "zh-Hans", "青河日报河湾3月4日讯 新桥昨天通车。", INLINE_BYLINE, 0,
	  "青河日报河湾3月4日讯" },
	{ "zh-Hans", "本报 讯 记 者林晓川报道：新桥通车。", INLINE_BYLINE, 0,
	  "本报 讯 记 者林晓川报道" },
	{ "zh-Hans", "他说，本报讯息很快。", NONE, 0, NULL },
	/* traditional Chinese */
	{ "zh-Hant", "□本報記者 林曉川", BYLINE, 0, NULL },
	{ "zh-Hant", "□本報記者 周明遠攝", CREDIT, 0, NULL },
	{ "zh-Hant", "（下轉02版）", CONT_DOWN, 2, NULL },
	{ "zh-Hant", "責任編輯：林曉川", META, 0, NULL },
	{ "zh-Hant", "本報訊 記者林曉川報導：新橋昨天通車。", INLINE_BYLINE, 0,
	  "本報訊 記者林曉川報導" },
	{ "zh-Hant", "圖②：市民在橋上散步。", PHOTO_MARK, 0, NULL },
	/* Japanese */
	{ "ja", "山田太郎記者", BYLINE, 0, NULL },
	{ "ja", "編集委員 山田太郎", BYLINE, 0, NULL },
	{ "ja", "（山田太郎撮影）", CREDIT, 0, NULL },
	{ "ja", "写真＝完成した閲覧室", CREDIT, 0, NULL },
	{ "ja", "（２面に続く）", CONT_DOWN, 2, NULL },
	{ "ja", "（1面から続く）", CONT_UP, 1, NULL },
	{ "ja", "3面", PAGE, 3, NULL },
	{ "ja", "連載：まちの図書館", SERIES, 0, NULL },
	{ "ja", "【青河＝山田太郎】市立図書館が完成した。", INLINE_BYLINE, 0,
	  "【青河＝山田太郎】" },
	/* Korean */
	{ "ko", "홍길동 기자 gildong@example.com", BYLINE, 0, NULL },
	{ "ko", "워싱턴=홍길동 특파원", BYLINE, 0, NULL },
	{ "ko", "기자들이 모였다. 회의가 시작됐다.", NONE, 0, NULL },
	{ "ko", "사진=김철수 기자", CREDIT, 0, NULL },
	{ "ko", "(2면에 계속)", CONT_DOWN, 2, NULL },
	{ "ko", "(1면에서 계속)", CONT_UP, 1, NULL },
	{ "ko", "[청하=홍길동 기자] 시립도서관이 완공됐다.", INLINE_BYLINE, 0,
	  "[청하=홍길동 기자]" },
	{ "ko", "(서울=연합뉴스) 홍길동 기자 = 도서관이 문을 연다.",
	  INLINE_BYLINE, 0, "(서울=연합뉴스) 홍길동 기자 =" },
};

static enum what
what_of(const struct lexicon *lx, const char *s, int *page)
{
	size_t	n = strlen(s);
	bool	up;

	if (line_is_cont(lx, s, n, page, &up))
		return up ? CONT_UP : CONT_DOWN;
	if (line_is_credit(lx, s, n))
		return CREDIT;
	if (line_is_byline(lx, s, n))
		return BYLINE;
	if (line_is_note(lx, s, n))
		return NOTE;
	if (line_is_page(lx, s, n, page))
		return PAGE;
	if (line_is_meta(lx, s, n))
		return META;
	if (line_is_series(lx, s, n) > 0)
		return SERIES;
	if (line_is_source(s, n))
		return SOURCE;
	if (line_photo_mark(lx, s, n))
		return PHOTO_MARK;
	if (line_byline(lx, s, n) > 0)
		return INLINE_BYLINE;
	return NONE;
}

static void
every_row_is_what_a_reader_takes_it_for(void **state)
{
	size_t			 i;
	const struct lexicon	*lx;
	int			 page;
	char			 msg[256];

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct row	*r = &rows[i];
		enum what		 w;

		lx = lexicon_get(r->profile);
		assert_non_null(lx);
		page = 0;
		w = what_of(lx, r->text, &page);
		snprintf(msg, sizeof msg, "%s: %s", r->profile, r->text);
		if (w != r->what)
			fail_msg("%s: %d, want %d", msg, (int)w, (int)r->what);
		if ((w == PAGE || w == CONT_UP || w == CONT_DOWN) &&
		    page != r->page)
			fail_msg("%s: page %d, want %d", msg, page, r->page);
		if (w == INLINE_BYLINE) {
			size_t	k = line_byline(lx, r->text, strlen(r->text));

			if (k != strlen(r->byline) ||
			    memcmp(r->text, r->byline, k) != 0)
				fail_msg("%s: byline %.*s", msg, (int)k, r->text);
		}
	}
}

/* The profile is chosen from the text's characters. */
static void
the_lexicon_follows_the_script(void **state)
{
	static const struct {
		const char	*text, *want;
	} t[] = {
		{ "青河两岸的桃花提前十天开放，游客说这里的春天来得早。", "zh-Hans" },
		{ "青河兩岸的桃花提前十天開放，遊客說這裡的春天來得早。", "zh-Hant" },
		{ "駅前で建設が進んでいた市立図書館が完成した。", "ja" },
		{ "역 앞에 짓던 시립도서관이 완공돼 다음 달 문을 연다.", "ko" },
		{ "The library opens next month.", "zh-Hans" },
		{ "", "zh-Hans" },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		assert_string_equal(lexicon_detect(t[i].text,
		    strlen(t[i].text))->name, t[i].want);
	assert_null(lexicon_get("klingon"));
}

/* A byline's set words lose a converter's stray spaces, its parts keep theirs. */
static void
byline_tidy_keeps_the_parts(void **state)
{
	static const struct {
		const char	*profile, *in, *want;
	} t[] = {
		{ "zh-Hans", "本报 讯 记 者 林晓川报 道", "本报讯 记者 林晓川报道" },
		{ "zh-Hans", "本 报记者 林晓川", "本报记者 林晓川" },
		{ "zh-Hant", "本報 訊 記 者 林曉川", "本報訊 記者 林曉川" },
		{ "zh-Hans", "林晓川 何嘉禾", "林晓川 何嘉禾" },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct buf	b = { 0 };

		line_tidy_byline(lexicon_get(t[i].profile), t[i].in,
		    strlen(t[i].in), &b);
		assert_string_equal(b.p ? b.p : "", t[i].want);
		buf_free(&b);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(every_row_is_what_a_reader_takes_it_for),
		cmocka_unit_test(the_lexicon_follows_the_script),
		cmocka_unit_test(byline_tidy_keeps_the_parts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
