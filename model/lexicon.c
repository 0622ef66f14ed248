/*
 * lexicon: a newspaper's own words per script, and the choice of profile.
 */
#include <stdint.h>
#include <string.h>

#include "lexicon.h"
#include "text.h"

/* ---- simplified Chinese ------------------------------------------------- */

static lex_words	hans_own = { "本报", "本刊", NULL };
static lex_words	hans_prefix = { "特约", "实习", "见习", "特派", "驻站", NULL };
static lex_words	hans_reporter = { "记者", "通讯员", NULL };
static lex_words	hans_dateline = { "讯", "电", NULL };
static lex_words	hans_dateline_by = { "日", "报", "社", NULL };
static lex_words	hans_report = { "报道", NULL };
static lex_words	hans_lead = { "文/", "文／", "文·图/", "文·图／", "图/",
			    "图／", NULL };
static lex_words	hans_credit = { "摄", "摄影", NULL };
static lex_words	hans_photo = { "上图", "下图", "左图", "右图", "图", NULL };
static const struct lex_cont hans_cont[] = {
	{ "下转", "版", false }, { "上接", "版", true }, { NULL, NULL, false }
};
static lex_words	hans_page = { "版", NULL };
static lex_words	hans_meta = { "责任编辑", "责编", "美术编辑", "美编",
			    "责任校对", "校对", "版式", "组版", "编辑：", "编辑:",
			    NULL };
static lex_words	hans_series = { "系列", "栏目", "专栏", "专题", NULL };
static lex_words	hans_note = { "编者按", "【编者按】", "编者的话", NULL };
static lex_words	hans_commentary = { "评", "社论", "论坛", "观点", NULL };
static lex_words	hans_paper = { "报", NULL };
static lex_words	hans_contact = { "邮箱", "网", "社", NULL };

/* ---- traditional Chinese ------------------------------------------------ */

static lex_words	hant_own = { "本報", "本刊", NULL };
static lex_words	hant_prefix = { "特約", "實習", "見習", "特派", "駐站", NULL };
static lex_words	hant_reporter = { "記者", "通訊員", NULL };
static lex_words	hant_dateline = { "訊", "電", NULL };
static lex_words	hant_dateline_by = { "日", "報", "社", NULL };
static lex_words	hant_report = { "報導", "報道", NULL };
static lex_words	hant_lead = { "文/", "文／", "文·圖/", "文·圖／", "圖/",
			    "圖／", NULL };
static lex_words	hant_credit = { "攝", "攝影", NULL };
static lex_words	hant_photo = { "上圖", "下圖", "左圖", "右圖", "圖", NULL };
static const struct lex_cont hant_cont[] = {
	{ "下轉", "版", false }, { "上接", "版", true }, { "接上", "版", true },
	{ NULL, NULL, false }
};
static lex_words	hant_meta = { "責任編輯", "責編", "美術編輯", "美編",
			    "責任校對", "校對", "版式", "組版", "編輯：", "編輯:",
			    NULL };
static lex_words	hant_series = { "系列", "欄目", "專欄", "專題", NULL };
static lex_words	hant_note = { "編者按", "【編者按】", "編者的話", NULL };
static lex_words	hant_commentary = { "評", "社論", "論壇", "觀點", NULL };
static lex_words	hant_paper = { "報", NULL };
static lex_words	hant_contact = { "郵箱", "網", "社", NULL };

/* ---- Japanese ----------------------------------------------------------- */

static lex_words	ja_own = { "本紙", "本社", NULL };
static lex_words	ja_prefix = { "特派", NULL };
static lex_words	ja_reporter = { "記者", "特派員", "編集委員", "論説委員",
			    "支局長", "通信員", NULL };
static lex_words	ja_lead = { "文・", "文と写真・", "文・写真", NULL };
static lex_words	ja_credit = { "撮影", NULL };
static lex_words	ja_credit_lead = { "写真＝", "写真=", "写真・", NULL };
static lex_words	ja_photo = { "写真", NULL };
static const struct lex_cont ja_cont[] = {
	{ "", "面に続く", false }, { "", "面へ続く", false },
	{ "", "面から続く", true }, { "", "面から", true },
	{ NULL, NULL, false }
};
static lex_words	ja_page = { "面", NULL };
static lex_words	ja_series = { "連載", "シリーズ", "特集", NULL };
static lex_words	ja_note = { "編集部注", NULL };
static lex_words	ja_commentary = { "社説", "論説", "主張", "コラム",
			    "評論", "論点", "オピニオン", NULL };
static lex_words	ja_paper = { "新聞", "日報", NULL };

/* ---- Korean ------------------------------------------------------------- */

static lex_words	ko_own = { "본지", NULL };
static lex_words	ko_reporter = { "기자", "특파원", "통신원", "선임기자",
			    NULL };
static lex_words	ko_lead = { "글=", "글·사진=", "글ㆍ사진=", NULL };
static lex_words	ko_credit = { "촬영", NULL };
static lex_words	ko_credit_lead = { "사진=", "사진 =", "사진제공=",
			    "사진 제공=", NULL };
static const struct lex_cont ko_cont[] = {
	{ "", "면에 계속", false }, { "", "면으로 계속", false },
	{ "", "면에서 계속", true }, { NULL, NULL, false }
};
static lex_words	ko_page = { "면", NULL };
static lex_words	ko_series = { "연재", "시리즈", "기획", NULL };
static lex_words	ko_note = { "편집자 주", "편집자주", NULL };
static lex_words	ko_commentary = { "사설", "칼럼", "논평", "시론",
			    "오피니언", "기고", NULL };
static lex_words	ko_paper = { "신문", "일보", NULL };

static lex_words	none = { NULL };

/* Masthead fields, every script's (see struct lex_mast). */
static lex_words	mast_lunar = { "农历", "農曆", "農历", NULL };
static lex_words	mast_leap = { "闰", "閏", NULL };
static lex_words	mast_ja_day = { "曜日", "曜", NULL };
static lex_words	mast_ko_day = { "요일", NULL };
static lex_words	mast_week = { "星期", "周", "週", "礼拜", "禮拜", NULL };
static lex_words	mast_number_lead = { "总第", "總第", "第", "제", NULL };
static lex_words	mast_number_tail = { "期", "号", "號", "호", NULL };
static lex_words	mast_pages_lead = { "今日", "本期", "共", NULL };
static lex_words	mast_pages_tail = { "版", NULL };
static lex_words	mast_year = { "年", "년", NULL };
static lex_words	mast_month = { "月", "월", NULL };
static lex_words	mast_day = { "日", "일", NULL };
static lex_words	mast_contact = { "刊号", "刊號", "邮发代号", "郵發代號",
			    "ISSN", NULL };
static lex_words	mast_publisher = { "主管", "主办", "主辦", "出版", NULL };

const char	lex_numerals[] = "一二三四五六七八九十";

const struct lex_mast	lex_mast = {
	.lunar = mast_lunar,
	.stems = "甲乙丙丁戊己庚辛壬癸",
	.branches = "子丑寅卯辰巳午未申酉戌亥",
	.leap = mast_leap,
	.lunar_month = "正一二三四五六七八九十冬腊臘",
	.month_tail = "一二",
	.day_tens = "初十廿二三卅",
	.numerals = lex_numerals,
	.ja_days = "月火水木金土日",
	.ja_day = mast_ja_day,
	.ko_days = "월화수목금토일",
	.ko_day = mast_ko_day,
	.week = mast_week,
	.week_days = "一二三四五六日天",
	.weekday = "星期",
	.number_lead = mast_number_lead,
	.number_tail = mast_number_tail,
	.pages_lead = mast_pages_lead,
	.pages_tail = mast_pages_tail,
	.year = mast_year,
	.month = mast_month,
	.day = mast_day,
	.contact = mast_contact,
	.publisher = mast_publisher,
};

lex_words	lex_ordinal = { "第", NULL };
lex_words	lex_part = { "部分", NULL };
lex_words	lex_photo_place = { "（上）", "（下）", "（左）", "（右）", "（中）",
		    "(上)", "(下)", "(左)", "(右)", NULL };
lex_words	lex_photo_after = { "为", "為", "：", ":", " ", "（", "(", "＝",
		    "=", "|", "｜", NULL };
lex_words	lex_date_year = { "年", NULL };
lex_words	lex_date_month = { "月", NULL };
lex_words	lex_page_units = { "版", "面", "면", NULL };

static const struct lexicon	profiles[] = {
	{
		.name = "zh-Hans",
		.own = hans_own, .prefix = hans_prefix,
		.reporter = hans_reporter, .name_first = false,
		.dateline = hans_dateline, .dateline_by = hans_dateline_by,
		.report = hans_report, .lead = hans_lead,
		.credit = hans_credit, .credit_lead = none,
		.photo = hans_photo, .cont = hans_cont, .page_unit = hans_page,
		.meta = hans_meta, .note = hans_note, .series = hans_series,
		.commentary = hans_commentary, .paper = hans_paper,
		.contact = hans_contact,
		.joiners = "的之与和及在为把让向从对将被给同并且或以于跟使由至“《（〈「(",
		.photo_label = "[图]",
	},
	{
		.name = "zh-Hant",
		.own = hant_own, .prefix = hant_prefix,
		.reporter = hant_reporter, .name_first = false,
		.dateline = hant_dateline, .dateline_by = hant_dateline_by,
		.report = hant_report, .lead = hant_lead,
		.credit = hant_credit, .credit_lead = none,
		.photo = hant_photo, .cont = hant_cont, .page_unit = hans_page,
		.meta = hant_meta, .note = hant_note, .series = hant_series,
		.commentary = hant_commentary, .paper = hant_paper,
		.contact = hant_contact,
		.joiners = "的之與和及在為把讓向從對將被給同並且或以於跟使由至“《（〈「『(",
		.photo_label = "[圖]",
	},
	{
		.name = "ja",
		.own = ja_own, .prefix = ja_prefix,
		.reporter = ja_reporter, .name_first = true,
		.dateline = none, .dateline_by = none,
		.report = none, .lead = ja_lead,
		.credit = ja_credit, .credit_lead = ja_credit_lead,
		.photo = ja_photo, .cont = ja_cont, .page_unit = ja_page,
		.meta = none, .note = ja_note, .series = ja_series,
		.commentary = ja_commentary, .paper = ja_paper,
		.contact = none,
		.joiners = "のとにをがへでや“《（〈「『(",
		.photo_label = "[写真]",
	},
	{
		.name = "ko",
		.own = ko_own, .prefix = none,
		.reporter = ko_reporter, .name_first = true,
		.dateline = none, .dateline_by = none,
		.report = none, .lead = ko_lead,
		.credit = ko_credit, .credit_lead = ko_credit_lead,
		.photo = none, .cont = ko_cont, .page_unit = ko_page,
		.meta = none, .note = ko_note, .series = ko_series,
		.commentary = ko_commentary, .paper = ko_paper,
		.contact = none,
		.joiners = "“《（〈「(",
		.photo_label = "[사진]",
	},
};

/*
 * Characters whose traditional and simplified forms differ, common in
 * news, sorted: 這們說國會發來時經與為對開關門長東車馬見記報導讀區書學習
 * 體當點動還進過問實現將應業變權議訊電攝歲種農產黨員頭級營務給讓從總 and
 * their simplified forms.
 */
static const uint16_t	trad[] = {
	0x4f86, 0x5011, 0x52d5, 0x52d9, 0x5340, 0x54e1, 0x554f, 0x570b,
	0x5831, 0x5b78, 0x5be6, 0x5c07, 0x5c0d, 0x5c0e, 0x5f9e, 0x61c9,
	0x651d, 0x6642, 0x66f8, 0x6703, 0x6771, 0x696d, 0x6b0a, 0x6b72,
	0x70ba, 0x71df, 0x73fe, 0x7522, 0x7576, 0x767c, 0x7a2e, 0x7d1a,
	0x7d66, 0x7d93, 0x7e3d, 0x7fd2, 0x8207, 0x898b, 0x8a0a, 0x8a18,
	0x8aaa, 0x8b70, 0x8b80, 0x8b8a, 0x8b93, 0x8eca, 0x8fb2, 0x9019,
	0x9032, 0x904e, 0x9084, 0x9577, 0x9580, 0x958b, 0x95dc, 0x96fb,
	0x982d, 0x99ac, 0x9ad4, 0x9ede, 0x9ee8,
};

static const uint16_t	simp[] = {
	0x4e0e, 0x4e1a, 0x4e1c, 0x4e3a, 0x4e60, 0x4e66, 0x4ea7, 0x4ece,
	0x4eec, 0x4f1a, 0x4f53, 0x515a, 0x5173, 0x519c, 0x52a1, 0x52a8,
	0x533a, 0x53d1, 0x53d8, 0x5458, 0x56fd, 0x5934, 0x5b66, 0x5b9e,
	0x5bf9, 0x5bfc, 0x5c06, 0x5c81, 0x5e94, 0x5f00, 0x5f53, 0x603b,
	0x62a5, 0x6444, 0x65f6, 0x6743, 0x6765, 0x70b9, 0x73b0, 0x7535,
	0x79cd, 0x7ea7, 0x7ecf, 0x7ed9, 0x8425, 0x89c1, 0x8ba9, 0x8bae,
	0x8baf, 0x8bb0, 0x8bf4, 0x8bfb, 0x8f66, 0x8fc7, 0x8fd8, 0x8fd9,
	0x8fdb, 0x957f, 0x95e8, 0x95ee, 0x9a6c,
};

/*
 * A map of U+4E00..U+9FFF, two bits a character: 1 for a traditional
 * form, 2 for a simplified one.  Sets bit for each of v[0..n-1].
 */
#define FORMS	((0xa000 - 0x4e00) / 32)

static void
form_map(uint64_t *map, const uint16_t *v, size_t n, unsigned bit)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (v[i] >= 0x4e00 && v[i] <= 0x9fff)
			map[(v[i] - 0x4e00) / 32] |= (uint64_t)bit <<
			    (2 * ((v[i] - 0x4e00) % 32));
}

/* The form bits of c, U+4E00..U+9FFF. */
static unsigned
form_of(const uint64_t *map, text_char c)
{
	return (unsigned)(map[(c - 0x4e00) / 32] >> (2 * ((c - 0x4e00) % 32))) &
	    3;
}

bool
lex_in(unsigned c, const char *set)
{
	char	e[4];
	size_t	k;

	/* UTF-8 synchronises: the bytes of c occur only where c does */
	if (c == 0 || (k = text_encode(c, e)) == 0)
		return false;
	return text_find(set, strlen(set), e, k) != NULL;
}

const struct lexicon *
lexicon_detect(const char *s, size_t n)
{
	size_t		i = 0, han = 0, kana = 0, hangul = 0, t = 0, sc = 0;
	text_char	c;
	uint64_t	forms[FORMS] = { 0 };
	unsigned	f;

	/* a look-up a character, not two searches */
	form_map(forms, trad, sizeof trad / sizeof *trad, 1);
	form_map(forms, simp, sizeof simp / sizeof *simp, 2);
	/* the first 16 KiB tell as much as the whole */
	if (n > 16384)
		n = 16384;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;	/* no ASCII character counts */
			continue;
		}
		i += text_decode_fast(s + i, n - i, &c);
		if (c >= 0x4e00 && c <= 0x9fff) {
			han++;
			f = form_of(forms, c);
			t += f & 1;
			sc += f >> 1;
		} else if (text_is_han(c))
			han++;
		else if (c >= 0x3041 && c <= 0x30ff && c != 0x30fb)
			kana++;
		else if (text_is_hangul(c))
			hangul++;
	}
	if (hangul > 0 && hangul * 2 >= han + kana + hangul)
		return &profiles[3];
	if (kana > 0 && kana * 8 >= kana + han)
		return &profiles[2];
	return &profiles[t > sc ? 1 : 0];
}

const char *
lexicon_photo_label(const char *profile)
{
	const struct lexicon	*lx = profile != NULL ? lexicon_get(profile) :
				    NULL;

	return lx != NULL ? lx->photo_label : profiles[0].photo_label;
}

const struct lexicon *
lexicon_get(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof profiles / sizeof profiles[0]; i++)
		if (strcmp(profiles[i].name, name) == 0)
			return &profiles[i];
	return NULL;
}

size_t
lex_starts(const char *s, size_t n, const char *const *w)
{
	size_t	k;

	if (n == 0)
		return 0;
	for (; *w != NULL; w++)
		if (**w == *s && (k = strlen(*w)) > 0 && n >= k &&
		    memcmp(s, *w, k) == 0)
			return k;
	return 0;
}

size_t
lex_ends(const char *s, size_t n, const char *const *w)
{
	size_t	k, best = 0;

	/* the longest: 摄影 before 摄 */
	for (; *w != NULL; w++)
		if ((k = strlen(*w)) > best && n >= k &&
		    memcmp(s + n - k, *w, k) == 0)
			best = k;
	return best;
}

bool
lex_has(const char *s, size_t n, const char *const *w)
{
	for (; *w != NULL; w++)
		if (text_has(s, n, *w))
			return true;
	return false;
}

/* Whether a, b stand side by side in one of the words. */
static bool
pair_in(const char *const *w, text_char a, text_char b)
{
	size_t		i, n, len;
	text_char	c, prev;

	for (; *w != NULL; w++) {
		n = strlen(*w);
		for (i = 0, prev = 0; i < n; i += len, prev = c) {
			len = text_decode_fast(*w + i, n - i, &c);
			if (prev == a && c == b)
				return true;
		}
	}
	return false;
}

static text_char
last_of(const char *w)
{
	size_t		i = strlen(w);
	text_char	c = 0;

	while (i > 0 && ((unsigned char)w[i - 1] & 0xc0) == 0x80)
		i--;
	if (i > 0)
		text_decode_fast(w + i - 1, strlen(w) - i + 1, &c);
	return c;
}

static bool
joins(const char *const *x, const char *const *y, text_char a, text_char b)
{
	text_char	c;

	for (; *x != NULL; x++) {
		if (last_of(*x) != a)
			continue;
		for (const char *const *w = y; *w != NULL; w++)
			if (text_decode_fast(*w, strlen(*w), &c) > 0 && c == b)
				return true;
	}
	return false;
}

bool
lex_pair(const struct lexicon *lx, unsigned a, unsigned b)
{
	return pair_in(lx->own, a, b) || pair_in(lx->reporter, a, b) ||
	    pair_in(lx->prefix, a, b) || pair_in(lx->report, a, b) ||
	    joins(lx->own, lx->dateline, a, b) ||
	    joins(lx->own, lx->reporter, a, b) ||
	    joins(lx->own, lx->prefix, a, b) ||
	    joins(lx->prefix, lx->reporter, a, b);
}
