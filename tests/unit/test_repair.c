/* Unit tests: markup stripping, full-width punctuation, stray spaces. */
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "../../model/repair.h"

static void
markup_eq(const char *in, const char *want, int level)
{
	struct buf	b = { 0 };
	struct markup	m;

	repair_markup(in, strlen(in), &b, &m);
	assert_string_equal(b.p ? b.p : "", want);
	assert_int_equal(m.hlevel, level);
	buf_free(&b);
}

static void
punct_eq(const char *in, const char *want)
{
	struct buf	b = { 0 };

	repair_punct(in, strlen(in), &b);
	assert_string_equal(b.p ? b.p : "", want);
	buf_free(&b);
}

static void
spaces_eq(const char *in, bool damaged, const char *want)
{
	struct buf	b = { 0 };

	repair_spaces(in, strlen(in), &b, damaged);
	assert_string_equal(b.p ? b.p : "", want);
	buf_free(&b);
}

static void
markup(void **state)
{
	struct buf	b = { 0 };
	struct markup	m;

	(void)state;
	markup_eq("## 青河日报", "青河日报", 2);
	markup_eq("**本报讯** 记者**苏文远**报道", "本报讯 记者苏文远报道", 0);
	markup_eq("PM<sub>2.5</sub>浓度", "PM2.5浓度", 0);
	markup_eq("网站: <http://www.qinghe-news.example>", "网站: http://www.qinghe-news.example", 0);
	markup_eq("邮箱 [desk@q.example](mailto:desk@q.example)", "邮箱 desk@q.example", 0);
	markup_eq("[看这里](http://x.example/a)", "看这里 (http://x.example/a)", 0);
	/* half-width angle brackets around Chinese are text, not a tag */
	markup_eq("《贯彻<中共中央 国务院意见>方案》", "《贯彻<中共中央 国务院意见>方案》", 0);
	markup_eq("###", "", 3);
	markup_eq("\\*不是粗体\\*", "*不是粗体*", 0);
	repair_markup("» 创新驱动·看园区", strlen("» 创新驱动·看园区"), &b, &m);
	assert_true(m.kicker_mark);
	assert_string_equal(b.p, "创新驱动·看园区");
	buf_free(&b);
}

static void
punctuation(void **state)
{
	(void)state;
	punct_eq("青河,你好:今天(周二)下雨吗?是的!", "青河，你好：今天（周二）下雨吗？是的！");
	punct_eq("公布了\"十项便民举措\"清单", "公布了“十项便民举措”清单");
	/* decimals, times, URLs and Latin text keep theirs */
	punct_eq("增长11.1%,时间10:30", "增长11.1%，时间10:30");
	punct_eq("见 http://a.example/x?y=1,2 吧", "见 http://a.example/x?y=1,2 吧");
	punct_eq("Hello, world (again)!", "Hello, world (again)!");
	punct_eq("共1,000人", "共1,000人");
	punct_eq("《贯彻<中共中央意见>方案》", "《贯彻〈中共中央意见〉方案》");
	/* an address ends before a trailing mark, which is the sentence's */
	punct_eq("登录www.qinghe.example,查询", "登录www.qinghe.example，查询");
	punct_eq("见http://a.example/(x);再说", "见http://a.example/(x)；再说");
	/* an e-mail address from the start of its run, its , included */
	punct_eq("来信a,b@qinghe.example,谢谢", "来信a,b@qinghe.example，谢谢");
	/* only the first prefix of a run opens it: 'm' is no mailto: */
	punct_eq("写mhttp://x.example,好", "写mhttp://x.example，好");
	/* a mark after a converted mark sees it as Chinese: ", ," */
	punct_eq("好,,再见", "好，，再见");
	/* a full-width mark carries its own spacing */
	punct_eq("期间, 昌吉", "期间，昌吉");
	punct_eq("期间 ， 昌吉", "期间 ， 昌吉");
	punct_eq("期间 ， 昌吉,好", "期间，昌吉，好");
	/* Japanese keeps its half-width marks */
	punct_eq("これは(テスト)です,はい", "これは(テスト)です,はい");
}

static void
spaces(void **state)
{
	(void)state;
	/* the converter's damage, throughout an issue */
	spaces_eq("在近日召 开的会议上, 公布了2025年 10月的 清单", true,
	    "在近日召开的会议上, 公布了2025年10月的清单");
	/* real spaces where there is no damage */
	spaces_eq("本报讯 记者某某报道", false, "本报讯 记者某某报道");
	spaces_eq("“光盘行动 珍惜粮食”", false, "“光盘行动 珍惜粮食”");
	/* a paragraph with damage of its own */
	spaces_eq("一二 三四 五六 七八", false, "一二三四五六七八");
	/* Latin words keep theirs */
	spaces_eq("the quick brown 狐狸", true, "the quick brown 狐狸");
	assert_int_equal(repair_count_cjk_spaces("召 开的 会", strlen("召 开的 会")), 2);
}

static void
join(void **state)
{
	struct buf	b = { 0 };

	(void)state;
	buf_adds(&b, "青河渡口的木船刷了新");
	repair_join(&b, "漆，船头挂着灯笼", strlen("漆，船头挂着灯笼"));
	assert_string_equal(b.p, "青河渡口的木船刷了新漆，船头挂着灯笼");
	buf_free(&b);
	buf_adds(&b, "the quick");
	repair_join(&b, "brown fox", 9);
	assert_string_equal(b.p, "the quick brown fox");
	buf_free(&b);
}


static char *
do_punct(const char *in)
{
	struct buf	b = { 0 };

	repair_punct(in, strlen(in), &b);
	return buf_take(&b, NULL);
}

static char *
do_spaces(const char *in, bool damaged)
{
	struct buf	b = { 0 };

	repair_spaces(in, strlen(in), &b, damaged);
	return buf_take(&b, NULL);
}

static char *
do_markup(const char *in)
{
	struct buf	b = { 0 };
	struct markup	m;

	repair_markup(in, strlen(in), &b, &m);
	return buf_take(&b, NULL);
}

#define EQ_FREE(expr, want) do {					\
	char *got_ = (expr);						\
	assert_non_null(got_);						\
	assert_string_equal(got_, want);				\
	free(got_);							\
} while (0)

/* Repairs by script: each script's own spacing and punctuation stay. */
static void
repairs_by_script(void **state)
{
	(void)state;
	/* Korean spaces its words and uses ASCII punctuation: untouched */
	EQ_FREE(do_spaces("자유 운영 체제를 만드는 사람들", true),
	    "자유 운영 체제를 만드는 사람들");
	EQ_FREE(do_punct("우리는 (테스트) 했습니다? 네, 그렇습니다: 좋아요!"),
	    "우리는 (테스트) 했습니다? 네, 그렇습니다: 좋아요!");
	/* Japanese keeps its half-width punctuation */
	EQ_FREE(do_punct("東京の天気は晴れ(気温は20度)です。"),
	    "東京の天気は晴れ(気温は20度)です。");
	/* a Chinese paragraph quoting Japanese is Chinese */
	EQ_FREE(do_punct("团长致辞:「青河の皆さん、ありがとうございます。」双方交换了意见,很好"),
	    "团长致辞：「青河の皆さん、ありがとうございます。」双方交换了意见，很好");
	/* stray spaces between Han and kana go when the issue is damaged */
	EQ_FREE(do_spaces("青河 的 夏天 很 热", true), "青河的夏天很热");
	EQ_FREE(do_spaces("青河 的 夏天", false), "青河 的 夏天");
	/* a number spaced on one side only */
	EQ_FREE(do_spaces("只用了 4个月", false), "只用了4个月");
	EQ_FREE(do_spaces("只用了 4 个月", false), "只用了 4 个月");
	EQ_FREE(do_spaces("지난 4일", false), "지난 4일");
}

/* Markup stripping removes markup only. */
static void
markup_only(void **state)
{
	(void)state;
	EQ_FREE(do_markup("记者**张三**报道"), "记者张三报道");
	EQ_FREE(do_markup("公式 -2**2 等于 -4"), "公式 -2**2 等于 -4");
	EQ_FREE(do_markup("2**3 + 3**2 = 17"), "2**3 + 3**2 = 17");
	EQ_FREE(do_markup("一个 ** 孤零零的星号"), "一个 ** 孤零零的星号");
	EQ_FREE(do_markup("<term> 与 <书名> 是正文"), "<term> 与 <书名> 是正文");
	EQ_FREE(do_markup("<p style=\"color:红\">段落</p><br>"), "段落");
	EQ_FREE(do_markup("路径 C:\\Users\\ 不变"), "路径 C:\\Users\\ 不变");
	EQ_FREE(do_markup("\\*不是强调\\*"), "*不是强调*");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(markup),
		cmocka_unit_test(punctuation),
		cmocka_unit_test(spaces),
		cmocka_unit_test(join),
		cmocka_unit_test(repairs_by_script),
		cmocka_unit_test(markup_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
