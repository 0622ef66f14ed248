/*
 * Unit tests: the issue model -- masthead, articles, repair -- on small
 * fixtures written for each rule, the sample issues, and (when present)
 * the real issues in ../shared/seeds.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "../../model/buf.h"
#include "../../model/file.h"
#include "../../model/issue.h"
#include "../../model/layout.h"
#include "../../model/text.h"

static struct issue *
parse(const char *s)
{
	const char	*err;
	struct issue	*is = issue_parse(s, strlen(s), NULL, &err);

	assert_non_null(is);
	return is;
}

static const char *
body(const struct article *a, size_t i)
{
	size_t	k, n = 0;

	for (k = 0; k < a->nblocks; k++)
		if (a->blocks[k].kind == BLOCK_PARA && n++ == i)
			return a->blocks[k].text;
	return "";
}

static void
masthead_split_over_lines(void **state)
{
	struct issue	*is;

	(void)state;
	is = parse("中共青河市委主管主办\n\n青河日报社出版\n\n# 青河日报\n\n"
	    "## QINGHE RIBAO\n\n2025年6月\n\n10\n\n"
	    "星期二\n\n乙巳年五月十五\n\n总第8812期\n\n今日4版\n\n"
	    "## 标题在这里\n\n本报讯 记者某某报道:正文第一段。\n");
	assert_string_equal(is->title, "青河日报");
	assert_string_equal(is->romanized, "QINGHE RIBAO");
	assert_string_equal(is->date, "2025-06-10");
	assert_string_equal(is->weekday, "星期二");
	assert_string_equal(is->lunar, "乙巳年五月十五");
	assert_string_equal(is->number, "8812");
	assert_int_equal(is->pages, 4);
	assert_int_equal(is->narticles, 1);
	assert_string_equal(is->articles[0].headline, "标题在这里");
	/* both publisher lines are masthead, not banners */
	assert_string_equal(is->publisher, "中共青河市委主管主办");
	assert_string_equal(is->mast[1].text, "青河日报社出版");
	assert_int_equal(is->nitems, 1);
	issue_free(is);
}

static void
masthead_on_shared_lines_without_title(void **state)
{
	struct issue	*is;

	(void)state;
	is = parse("2025年6月\n\n11 星期三\n\n乙巳年五月十六 总第8813期 今日8版\n\n"
	    "□国内统一刊号 CN 99—0123 □青河日报邮箱 desk@q.example\n\n"
	    "便民举措公布\n\n本报讯 记者某某报道:正文。\n");
	assert_string_equal(is->date, "2025-06-11");
	assert_string_equal(is->weekday, "星期三");
	assert_string_equal(is->lunar, "乙巳年五月十六");
	assert_string_equal(is->number, "8813");
	assert_int_equal(is->pages, 8);
	/* guessed from the e-mail label only */
	assert_string_equal(is->title, "青河日报");
	assert_true(is->title_guessed);
	issue_free(is);
}

static void
no_masthead_means_unknown(void **state)
{
	struct issue	*is;

	(void)state;
	is = parse("标题一则\n\n本报讯 记者某某报道:正文。\n");
	assert_null(is->title);
	assert_string_equal(is->date, "");
	assert_int_equal(is->pages, 0);
	issue_free(is);
}

/*
 * An inner page: a short # line is a headline, not the paper's name, when
 * there is no masthead; a note in brackets after the text stays with it.
 */
static void
inner_page_without_masthead(void **state)
{
	struct issue	*is;

	(void)state;
	is = parse("## 青河副刊\n\n# 故乡的老榆树\n\n文/程砚\n\n"
	    "老家门前有一棵老榆树。\n\n（作者单位：青河市第三中学）\n\n"
	    "## 冬日\n\n□林晓岚\n\n雪落在屋檐上，也落在母亲的白发上。\n");
	assert_null(is->title);
	assert_int_equal(is->narticles, 2);
	assert_string_equal(is->articles[0].kicker, "青河副刊");
	assert_string_equal(is->articles[0].headline, "故乡的老榆树");
	assert_string_equal(body(&is->articles[0], 1), "（作者单位：青河市第三中学）");
	assert_null(is->articles[1].kicker);
	assert_string_equal(is->articles[1].headline, "冬日");
	issue_free(is);
	/* a poem's short lines before the next headline stay in the poem */
	is = parse("## 冬日\n\n□林晓岚\n\n雪落在屋檐上\n\n也落在白发上\n\n### 灯\n\n"
	    "一盏灯亮着\n\n有人在等你\n\n## 简讯\n\n本报讯 记者李青报道:夜班公交开通。\n");
	assert_int_equal(is->narticles, 2);
	assert_string_equal(is->articles[0].byline, "林晓岚");
	assert_string_equal(body(&is->articles[0], 0), "雪落在屋檐上");
	assert_string_equal(body(&is->articles[0], 3), "有人在等你");
	assert_null(is->articles[1].kicker);
	assert_string_equal(is->articles[1].headline, "简讯");
	issue_free(is);
}

static void
kicker_headline_deck_byline(void **state)
{
	struct issue		*is;
	const struct article	*a;

	(void)state;
	is = parse("守护一江清水 共享绿色家园\n\n夏粮丰收在青河\n\n## 麦浪翻金迎开镰\n\n"
	    "——青河市今年小麦收获进度过半\n\n□本报记者 林晓岚 通讯员 赵一鸣\n\n"
	    "6月8日清晨，麦田里的收割机排成一列。\n");
	assert_int_equal(is->narticles, 1);
	a = &is->articles[0];
	assert_string_equal(a->kicker, "夏粮丰收在青河");
	assert_string_equal(a->headline, "麦浪翻金迎开镰");
	assert_string_equal(a->deck, "——青河市今年小麦收获进度过半");
	assert_string_equal(a->byline, "本报记者 林晓岚 通讯员 赵一鸣");
	assert_int_equal(a->kind, ARTICLE_STORY);
	/* the slogan above is a banner, kept but not an article */
	assert_int_equal(is->nitems, 2);
	assert_non_null(is->items[0].banner);
	issue_free(is);
}

static void
deck_on_the_headline_line(void **state)
{
	struct issue	*is;

	(void)state;
	is = parse("» 创新驱动·看园区\n\n青河新材料产业园首条生产线试产 年产能可达五百吨填补本地空白\n\n"
	    "本报讯 记者**何嘉禾**报道:正文。\n");
	assert_string_equal(is->articles[0].kicker, "创新驱动·看园区");
	assert_string_equal(is->articles[0].headline, "青河新材料产业园首条生产线试产");
	assert_string_equal(is->articles[0].deck, "年产能可达五百吨填补本地空白");
	assert_string_equal(is->articles[0].byline, "本报讯 记者何嘉禾报道");
	issue_free(is);
}

/*
 * Two short unmarked lines over a story: a kicker and a headline, unless
 * the first cannot end where it does (on 的, 与, an opening quote, a
 * comma): then the converter split one headline.
 */
static void
headline_split_over_two_lines(void **state)
{
	struct issue	*is;

	(void)state;
	is = parse("冬夜里的\n\n暖心驿站\n\n本报讯（记者 王小川）入冬以来，驿站开门了。\n\n"
	    "老街新生\n\n青河夜市重开张\n\n本报讯 记者李青报道:夜市开张了。\n\n"
	    "当“老手艺”与\n\n新课堂相遇\n\n本报讯 记者周明远报道:课堂开课了。\n");
	assert_int_equal(is->narticles, 3);
	assert_null(is->articles[0].kicker);
	assert_string_equal(is->articles[0].headline, "冬夜里的暖心驿站");
	assert_string_equal(is->articles[1].kicker, "老街新生");
	assert_string_equal(is->articles[1].headline, "青河夜市重开张");
	assert_null(is->articles[2].kicker);
	assert_string_equal(is->articles[2].headline, "当“老手艺”与新课堂相遇");
	issue_free(is);
}

/* A column's name over a longer title is its kicker: ## 短评, ### 让…. */
static void
column_name_over_a_title(void **state)
{
	struct issue	*is;

	(void)state;
	is = parse("## 短评\n\n### 让候鸟“留得住”\n\n保护湿地，就是保护家园。\n\n□晨风\n");
	assert_int_equal(is->narticles, 1);
	assert_string_equal(is->articles[0].kicker, "短评");
	assert_string_equal(is->articles[0].headline, "让候鸟“留得住”");
	assert_null(is->articles[0].deck);
	assert_int_equal(is->articles[0].kind, ARTICLE_COMMENTARY);
	issue_free(is);
}

static void
headline_lost_article_starts_at_inline_byline(void **state)
{
	struct issue	*is;

	(void)state;
	is = parse("## 第一篇\n\n本报讯 记者甲报道:第一篇正文。\n\n"
	    "**本报讯** 记者乙报道:空气质量怎么样?市里发布了月报。\n");
	assert_int_equal(is->narticles, 2);
	assert_true(is->articles[1].guessed);
	assert_non_null(strstr(is->articles[1].headline, "空气质量怎么样"));
	assert_string_equal(is->articles[1].byline, "本报讯 记者乙报道");
	issue_free(is);
	/* the names in brackets belong to the byline too */
	is = parse("## 标题\n\n本报讯（记者 张三 通讯员 李四）3月1日，会议召开。\n");
	assert_string_equal(is->articles[0].byline, "本报讯（记者 张三 通讯员 李四）");
	issue_free(is);
}

/* Stray spaces inside a byline's set words do not hide it, and go. */
static void
byline_with_stray_spaces(void **state)
{
	struct issue	*is;

	(void)state;
	is = parse("## 第一篇\n\n本报讯 记者甲报道:第一篇正文。\n\n"
	    "第二篇的标题\n\n本报 讯 记 者王小川报 道:第二篇正文，说的是一件事。\n\n"
	    "## 第三篇\n\n□本报 记者 林晓岚 通讯 员 赵一鸣\n\n第三篇正文。\n");
	assert_int_equal(is->narticles, 3);
	assert_string_equal(is->articles[1].headline, "第二篇的标题");
	assert_string_equal(is->articles[1].byline, "本报讯 记者王小川报道");
	assert_string_equal(body(&is->articles[1], 0),
	    "本报讯 记者王小川报道：第二篇正文，说的是一件事。");
	assert_string_equal(is->articles[2].byline, "本报记者 林晓岚 通讯员 赵一鸣");
	issue_free(is);
}

static void
broken_paragraph_rejoined_across_a_photo(void **state)
{
	struct issue		*is;
	const struct article	*a;

	(void)state;
	is = parse("## 长廊棋局\n\n□本报记者 苏文远\n\n河湾村的老人在村口长廊里下棋，一盘棋往往要下\n\n\n\n"
	    "6月1日，老人在长廊里下棋。\n\n□本报记者 苏文远摄\n\n一个多钟头。\n\n下一段。\n");
	a = &is->articles[0];
	assert_string_equal(body(a, 0), "河湾村的老人在村口长廊里下棋，一盘棋往往要下一个多钟头。");
	assert_string_equal(body(a, 1), "下一段。");
	/* the photo moved after the rejoined paragraph */
	assert_int_equal(a->blocks[1].kind, BLOCK_PHOTO);
	assert_string_equal(a->blocks[1].text, "6月1日，老人在长廊里下棋。");
	assert_string_equal(a->blocks[1].extra, "本报记者 苏文远摄");
	issue_free(is);
}

static void
subhead_then_fragment(void **state)
{
	struct issue		*is;
	const struct article	*a;

	(void)state;
	/* a second broken paragraph: the issue shows the damage */
	is = parse("## 标题\n\n□本报记者 某某\n\n第一段落在这里被转换工具断成了\n\n两半。\n\n### 农机调度\n\n"
	    "渡口的老船工每天清晨先检查\n\n缆绳和救生圈。\n");
	assert_int_equal(is->narticles, 1);
	a = &is->articles[0];
	assert_string_equal(body(a, 0), "第一段落在这里被转换工具断成了两半。");
	assert_int_equal(a->blocks[1].kind, BLOCK_SUBHEAD);
	assert_string_equal(body(a, 1), "渡口的老船工每天清晨先检查缆绳和救生圈。");
	issue_free(is);
}

static void
commentary_sidebar_photo(void **state)
{
	struct issue	*is;

	(void)state;
	is = parse("令日 短评\n\n贵在落实\n\n□程砚\n\n评论正文。\n\n"
	    "今年十项举措\n\n一、优化公交线路\n\n新开线路六条。\n\n\n\n"
	    "夜色中的大桥\n\n6月10日晚，大桥亮起景观灯。 □本报记者 林 晓岚摄\n");
	assert_int_equal(is->narticles, 3);
	assert_int_equal(is->articles[0].kind, ARTICLE_COMMENTARY);
	assert_string_equal(is->articles[0].byline, "程砚");
	assert_int_equal(is->articles[1].kind, ARTICLE_SIDEBAR);
	assert_int_equal(is->articles[1].blocks[0].kind, BLOCK_SECTION);
	assert_int_equal(is->articles[2].kind, ARTICLE_PHOTO);
	assert_string_equal(is->articles[2].blocks[0].extra, "本报记者 林 晓岚摄");
	issue_free(is);
}

static void
continuation_notes(void **state)
{
	struct issue		*is;
	const struct article	*a;
	size_t			 k, conts = 0;

	(void)state;
	is = parse("## 麦收\n\n□本报记者 某某\n\n秸秆将用于饲料。(下转02版)\n\n"
	    "## 老街\n\n本报讯 记者某某报道:老街开街。\n\n"
	    "第02版：要闻\n\n(上接01版)\n\n## 麦收\n\n市里提醒抢种。\n");
	/* the continuation on page 2 joins its article on page 1 */
	assert_int_equal(is->narticles, 2);
	a = &is->articles[0];
	for (k = 0; k < a->nblocks; k++)
		conts += a->blocks[k].kind == BLOCK_CONT;
	assert_int_equal(conts, 2);
	assert_string_equal(body(a, 0), "秸秆将用于饲料。");
	assert_string_equal(body(a, 1), "市里提醒抢种。");
	/* the part's own headline, as page 2 prints it, is kept */
	for (k = 0; k < a->nblocks && !(a->blocks[k].kind == BLOCK_CONT &&
	    strstr(a->blocks[k].text, "上接") != NULL); k++)
		;
	assert_true(k + 1 < a->nblocks);
	assert_int_equal(a->blocks[k + 1].kind, BLOCK_SUBHEAD);
	assert_string_equal(a->blocks[k + 1].text, "麦收");
	assert_string_equal(is->articles[1].headline, "老街");
	issue_free(is);
	/* without a matching headline it stays an article of page 2 */
	is = parse("## 麦收\n\n□本报记者 某某\n\n秸秆将用于饲料。(下转02版)\n\n"
	    "第02版：要闻\n\n(上接03版)\n\n## 别的\n\n另一篇。\n");
	assert_int_equal(is->narticles, 2);
	assert_int_equal(is->articles[1].page, 2);
	assert_int_equal(is->articles[1].blocks[0].kind, BLOCK_CONT);
	issue_free(is);
	/* a 上接 note before a title that opens no article is still there */
	is = parse("## 老街\n\n本报讯 记者某某报道:老街开街。\n\n(上接01版)\n\n"
	    "### 抢种\n\n市里提醒抢种。\n");
	a = &is->articles[is->narticles - 1];
	for (k = 0, conts = 0; k < a->nblocks; k++)
		conts += a->blocks[k].kind == BLOCK_CONT &&
		    strstr(a->blocks[k].text, "上接01版") != NULL;
	assert_int_equal(conts, 1);
	issue_free(is);
}

static void
page_credits_are_not_articles(void **state)
{
	struct issue	*is;

	(void)state;
	is = parse("## 标题一\n\n本报讯 记者甲报道:正文。\n\n责任编辑：张三 美术编辑：李四\n\n"
	    "## 标题二\n\n本报讯 记者乙报道:正文二。\n");
	assert_int_equal(is->narticles, 2);
	assert_int_equal(is->nitems, 3);
	assert_string_equal(is->items[1].banner->text, "责任编辑：张三 美术编辑：李四");
	issue_free(is);
}

static void
latin_article_with_dateline(void **state)
{
	struct issue	*is;

	(void)state;
	is = parse("第一篇\n\n本报讯 记者甲报道:正文。\n\nRiver town welcomes summer visitors\n\n"
	    "QINGHE, June 10 (Staff) — The promenade opened. Guides speak English.\n");
	assert_int_equal(is->narticles, 2);
	assert_string_equal(is->articles[1].headline, "River town welcomes summer visitors");
	assert_string_equal(is->articles[1].byline, "QINGHE, June 10 (Staff)");
	/* Latin punctuation is left alone */
	assert_non_null(strstr(body(&is->articles[1], 0), "opened. Guides"));
	issue_free(is);
}

/* Sorted Han characters of s, with those of the [图] labels taken out. */
static size_t
han_sorted(const char *s, size_t n, text_char **out)
{
	size_t		 i = 0, k = 0, len;
	text_char	 c, *v = malloc((n + 1) * sizeof *v);

	while (i < n) {
		if (strncmp(s + i, "[图]", strlen("[图]")) == 0) {
			i += strlen("[图]");
			continue;
		}
		len = text_decode(s + i, n - i, &c);
		if (text_is_han(c))
			v[k++] = c;
		i += len;
	}
	for (i = 1; i < k; i++)
		for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
			c = v[j];
			v[j] = v[j - 1];
			v[j - 1] = c;
		}
	*out = v;
	return k;
}

static void check_text(char *s, size_t n, bool seed);

/* Lays out at width 37 and checks that no Han character went missing. */
static void
check_no_text_lost(const char *path, bool seed)
{
	const char	*err;
	char		*s;
	size_t		 n;

	s = file_read(path, &n, &err);
	assert_non_null(s);
	check_text(s, n, seed);
	/* the same with one paragraph a line and no blank line */
	{
		char	*p = s, *q = s;

		for (; p < s + n; p++)
			if (!(*p == '\n' && q > s && q[-1] == '\n'))
				*q++ = *p;
		check_text(s, (size_t)(q - s), seed);
	}
	free(s);
}

/* Strings both NULL or equal. */
static void
same_string(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/*
 * What a library entry shows (the head-only parse) is what the whole
 * parse gives: the date, the title and the first headline.
 */
static void
check_head(const char *s, size_t n, const struct issue *is)
{
	static const struct issue_opts	 head = { .head = true };
	const char			*err;
	struct issue			*h = issue_parse(s, n, &head, &err);

	assert_non_null(h);
	assert_string_equal(h->date, is->date);
	same_string(h->title, is->title);
	assert_int_equal(h->narticles, is->narticles);
	if (is->narticles > 0) {
		same_string(h->articles[0].headline, is->articles[0].headline);
		assert_int_equal(h->articles[0].guessed, is->articles[0].guessed);
	}
	issue_free(h);
}

static void
check_text(char *s, size_t n, bool seed)
{
	const char		*err;
	size_t			 i, nin, nout;
	struct issue		*is;
	struct layout		 l;
	struct layout_opts	 o = { .width = 37, .columns = 1,
	    .gutter = 2, .indent = 2, .ambiguous = 1, .masthead = true,
	    .banners = true };
	struct buf		 out = { 0 };
	text_char		*a, *b;

	is = issue_parse(s, n, NULL, &err);
	assert_non_null(is);
	assert_true(is->narticles > 0);
	check_head(s, n, is);
	if (seed && strstr(s, "星期") != NULL && strstr(s, "年") != NULL)
		assert_int_equal(strlen(is->date), 10);
	layout_init(&l);
	assert_true(layout_issue(&l, is, &o, 0, is->narticles));
	for (i = 0; i < l.nlines; i++) {
		assert_true(l.lines[i].cells + l.lines[i].indent * 2 <= 37);
		buf_add(&out, l.lines[i].s, l.lines[i].len);
	}
	nin = han_sorted(is->text, is->textlen, &a);
	nout = han_sorted(out.p, out.len, &b);
	assert_int_equal(nin, nout);
	assert_memory_equal(a, b, nin * sizeof *a);
	free(a);
	free(b);
	buf_free(&out);
	layout_free(&l);
	issue_free(is);
}

/* An article that lost its headline: the head parse guesses the same. */
static void
head_parse_guesses_the_same_headline(void **state)
{
	static const char	 s[] =
	    "本报讯 记者林晓岚报道:6月9日,青河市夏粮收购工作全面展开,"
	    "全市42个收购点同时开秤。\n\n"
	    "市粮食和物资储备局介绍,今年收购价格稳中有升。\n";
	const char		*err;
	struct issue		*is = issue_parse(s, strlen(s), NULL, &err);

	(void)state;
	assert_non_null(is);
	assert_true(is->narticles > 0);
	assert_true(is->articles[0].guessed);
	check_head(s, strlen(s), is);
	issue_free(is);
}

static void
samples_keep_every_han_character(void **state)
{
	(void)state;
	check_no_text_lost("../../assets/qinghe-2025-06-10.txt", false);
	check_no_text_lost("../../assets/qinghe-2025-06-11.txt", false);
	check_no_text_lost("../../assets/qinghe-2025-06-12.txt", false);
}

/* Calls fn on each seed issue; skips the test when there are none. */
static void
each_seed(void (*fn)(const char *))
{
	DIR		*d;
	struct dirent	*de;
	char		 path[1024];
	int		 n = 0;

	if ((d = opendir("../../../shared/seeds")) == NULL)
		skip();
	while ((de = readdir(d)) != NULL) {
		if (strstr(de->d_name, ".txt") == NULL)
			continue;
		snprintf(path, sizeof path, "../../../shared/seeds/%s",
		    de->d_name);
		fn(path);
		n++;
	}
	closedir(d);
	assert_true(n > 0);
}

static void
seed_keeps_every_han_character(const char *path)
{
	check_no_text_lost(path, true);
}

static void
seeds_keep_every_han_character(void **state)
{
	(void)state;
	each_seed(seed_keeps_every_han_character);
}

static void
assert_same_blocks(const struct block *a, const struct block *b, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		assert_int_equal(a[i].kind, b[i].kind);
		assert_int_equal(a[i].len, b[i].len);
		assert_memory_equal(a[i].text, b[i].text, a[i].len);
		same_string(a[i].extra, b[i].extra);
		assert_int_equal(a[i].src, b[i].src);
	}
}

/* Two parses of one text the same, field for field. */
static void
assert_same_issue(const struct issue *a, const struct issue *b)
{
	size_t	i;

	same_string(a->title, b->title);
	assert_int_equal(a->title_guessed, b->title_guessed);
	same_string(a->romanized, b->romanized);
	assert_string_equal(a->date, b->date);
	same_string(a->weekday, b->weekday);
	same_string(a->lunar, b->lunar);
	same_string(a->number, b->number);
	assert_int_equal(a->pages, b->pages);
	same_string(a->publisher, b->publisher);
	same_string(a->contact, b->contact);
	same_string(a->format, b->format);
	same_string(a->profile, b->profile);
	assert_int_equal(a->damage.spaces, b->damage.spaces);
	assert_int_equal(a->damage.rejoined, b->damage.rejoined);
	assert_int_equal(a->damage.markup, b->damage.markup);
	assert_int_equal(a->damage.html, b->damage.html);
	assert_int_equal(a->nmast, b->nmast);
	assert_same_blocks(a->mast, b->mast, a->nmast);
	assert_int_equal(a->narticles, b->narticles);
	for (i = 0; i < a->narticles; i++) {
		const struct article	*x = &a->articles[i], *y = &b->articles[i];

		assert_int_equal(x->kind, y->kind);
		same_string(x->kicker, y->kicker);
		same_string(x->headline, y->headline);
		assert_int_equal(x->guessed, y->guessed);
		same_string(x->deck, y->deck);
		same_string(x->byline, y->byline);
		assert_int_equal(x->byline_inline, y->byline_inline);
		assert_int_equal(x->page, y->page);
		assert_int_equal(x->src, y->src);
		assert_int_equal(x->nblocks, y->nblocks);
		assert_same_blocks(x->blocks, y->blocks, x->nblocks);
	}
	assert_int_equal(a->nitems, b->nitems);
	for (i = 0; i < a->nitems; i++) {
		assert_int_equal(a->items[i].banner == NULL,
		    b->items[i].banner == NULL);
		if (a->items[i].banner != NULL)
			assert_same_blocks(a->items[i].banner,
			    b->items[i].banner, 1);
		else
			assert_int_equal(a->items[i].article - a->articles,
			    b->items[i].article - b->articles);
	}
}

/*
 * s[0..n-1] parsed at once and in parts on all processors (split into
 * blocks, damage counted and articles finished a run of them each): the
 * same issue, with every option that changes the parse.
 */
static void
check_parts(const char *s, size_t n)
{
	struct issue_opts	 o;
	struct issue		*one, *parts;
	const char		*err;
	int			 k;

	for (k = 0; k < 8; k++) {
		memset(&o, 0, sizeof o);
		o.keep_punct = k & 1;
		o.lines = k & 2;
		o.head = k & 4;
		o.parallel = SIZE_MAX;
		one = issue_parse(s, n, &o, &err);
		o.parallel = 1;
		parts = issue_parse(s, n, &o, &err);
		assert_non_null(one);
		assert_non_null(parts);
		assert_same_issue(one, parts);
		issue_free(one);
		issue_free(parts);
	}
}

static void
check_parts_file(const char *path)
{
	const char	*err;
	size_t		 n;
	char		*s = file_read(path, &n, &err);

	if (s == NULL)
		fail_msg("%s: %s", path, err);
	check_parts(s, n);
	free(s);
}

static void
parts_parse_as_one(void **state)
{
	static const char	*files[] = {
		"../../assets/qinghe-2025-06-10.txt",
		"../../assets/qinghe-2025-06-11.txt",
		"../../assets/qinghe-2025-06-12.txt",
		"../fixtures/transcript/evening-20240315.md",
		"../fixtures/scripts/ja-2025-03-04.txt",
		"../fixtures/scripts/ko-2025-03-04.txt",
		"../fixtures/record/1958-04-12.txt",
		"../fixtures/hostile/spaces.txt",
		"../fixtures/hostile/bom-crlf.txt",
		"../fixtures/library/undated.txt",
	};
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof files / sizeof files[0]; i++)
		check_parts_file(files[i]);
}

static void
seeds_parse_in_parts_as_one(void **state)
{
	(void)state;
	each_seed(check_parts_file);
}

static void
any_bytes_give_an_issue(void **state)
{
	unsigned char	 buf[2048];
	const char	*err;
	struct issue	*is;
	size_t		 i;
	static const char pieces[][16] = { "\n\n", "#", "**", "本报讯 ", "□", "摄",
	    "。", "，", "(下转02版)", "<sub>", "[a](", "2025年", "星期三", "——" };

	(void)state;
	srand(11);
	for (int round = 0; round < 300; round++) {
		size_t	n = 0;

		while (n < sizeof buf - 20) {
			const char	*p = pieces[rand() % 14];

			if (rand() % 3 == 0)
				buf[n++] = (unsigned char)rand();
			else {
				memcpy(buf + n, p, strlen(p));
				n += strlen(p);
			}
		}
		is = issue_parse((char *)buf, n, NULL, &err);
		assert_non_null(is);
		for (i = 0; i < is->narticles; i++)
			assert_true(is->articles[i].nblocks < n);
		issue_free(is);
		if (round % 10 == 0)
			check_parts((char *)buf, n);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(masthead_split_over_lines),
		cmocka_unit_test(masthead_on_shared_lines_without_title),
		cmocka_unit_test(no_masthead_means_unknown),
		cmocka_unit_test(inner_page_without_masthead),
		cmocka_unit_test(kicker_headline_deck_byline),
		cmocka_unit_test(headline_split_over_two_lines),
		cmocka_unit_test(column_name_over_a_title),
		cmocka_unit_test(deck_on_the_headline_line),
		cmocka_unit_test(headline_lost_article_starts_at_inline_byline),
		cmocka_unit_test(byline_with_stray_spaces),
		cmocka_unit_test(broken_paragraph_rejoined_across_a_photo),
		cmocka_unit_test(subhead_then_fragment),
		cmocka_unit_test(commentary_sidebar_photo),
		cmocka_unit_test(continuation_notes),
		cmocka_unit_test(page_credits_are_not_articles),
		cmocka_unit_test(latin_article_with_dateline),
		cmocka_unit_test(samples_keep_every_han_character),
		cmocka_unit_test(head_parse_guesses_the_same_headline),
		cmocka_unit_test(seeds_keep_every_han_character),
		cmocka_unit_test(any_bytes_give_an_issue),
		cmocka_unit_test(parts_parse_as_one),
		cmocka_unit_test(seeds_parse_in_parts_as_one),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
