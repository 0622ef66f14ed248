/*
 * lexicon: the words a newspaper uses for its own furniture -- bylines,
 * photo credits, continuation notes, page names, production credits,
 * commentary columns -- as data, one profile per script.  An issue's
 * profile is chosen from its text (lexicon_detect); the parser asks the
 * profile, never a word in its own code.  No paper or place is named here.
 */
#ifndef KANBAO_LEXICON_H
#define KANBAO_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

/* A NULL-terminated list of UTF-8 words. */
typedef const char *const	 lex_words[];

struct lex_cont {
	const char	*before;	/* 下转, or "" */
	const char	*after;		/* 版, 面に続く */
	bool		 up;		/* continued from (上接) */
};

struct lexicon {
	const char		 *name;		/* zh-Hans, zh-Hant, ja, ko */
	const char *const	 *own;		/* "our paper": 本报 */
	const char *const	 *prefix;	/* before a reporter: 特约, 实习 */
	const char *const	 *reporter;	/* 记者, 通讯员 */
	bool			  name_first;	/* 홍길동 기자: the name leads */
	const char *const	 *dateline;	/* the dateline's last word: 讯, 电 */
	const char *const	 *dateline_by;	/* what stands before it: 日, 报, 社 */
	const char *const	 *report;	/* what ends a byline: 报道 */
	const char *const	 *lead;		/* a byline's lead: 文/, 图/ */
	const char *const	 *credit;	/* a photo credit's last word: 摄 */
	const char *const	 *credit_lead;	/* its first words: 사진= */
	const char *const	 *photo;	/* a caption's mark: 图(①) */
	const struct lex_cont	 *cont;		/* continuation notes */
	const char *const	 *page_unit;	/* 版, 面 */
	const char *const	 *meta;		/* 责任编辑: a page's credits */
	const char *const	 *note;		/* 编者按 */
	const char *const	 *series;	/* 系列: before a series' name */
	const char *const	 *commentary;	/* words of a commentary's kicker */
	const char *const	 *paper;	/* a paper's name ends so: 报 */
	const char *const	 *contact;	/* after the name in a contact line */
	const char		 *joiners;	/* a split headline's first line
						   ends on one of these */
	const char		 *photo_label;	/* before a caption: [图] */
};

/*
 * What a masthead's fields are made of, in every script at once (the
 * fields are read before the script is known): sets of characters as
 * UTF-8 strings, lists of words tried in order.
 */
struct lex_mast {
	const char *const	*lunar;		/* 农历 */
	const char		*stems;		/* 甲乙...: a year's first */
	const char		*branches;	/* 子丑...: its second */
	const char *const	*leap;		/* 闰 */
	const char		*lunar_month;	/* 正, numerals, 冬, 腊 */
	const char		*month_tail;	/* 一二: of 十一, 十二 */
	const char		*day_tens;	/* 初十廿二三卅 */
	const char		*numerals;	/* 一 to 十 */
	const char		*ja_days;	/* 月火水木金土日 */
	const char *const	*ja_day;	/* 曜日, 曜 */
	const char		*ko_days;	/* 월화수목금토일 */
	const char *const	*ko_day;	/* 요일 */
	const char *const	*week;		/* 星期, 周, 礼拜 */
	const char		*week_days;	/* 一二三四五六日天 */
	const char		*weekday;	/* 星期: how a weekday is said */
	const char *const	*number_lead;	/* 总第, 第, 제 */
	const char *const	*number_tail;	/* 期, 号, 호 */
	const char *const	*pages_lead;	/* 今日, 本期, 共 */
	const char *const	*pages_tail;	/* 版 */
	const char *const	*year;		/* 年, 년 */
	const char *const	*month;		/* 月, 월 */
	const char *const	*day;		/* 日, 일 */
	const char *const	*contact;	/* 刊号, 邮发代号: a paper's codes */
	const char *const	*publisher;	/* 主管, 主办, 出版 */
};
extern const struct lex_mast	lex_mast;

/*
 * Words of page furniture the parser reads in every script: the ordinal
 * before a number (第), section numbers, the place a photo stands in
 * (（上）), what follows a photo's mark (为, ：), units of a source line's
 * date or page (年 月 版 面 면).
 */
extern const char	lex_numerals[];		/* 一二三四五六七八九十 */
extern lex_words	lex_ordinal;		/* 第 */
extern lex_words	lex_part;		/* 部分: 第一部分 */
extern lex_words	lex_photo_place;	/* （上）, (左) */
extern lex_words	lex_photo_after;	/* 为, ：, ＝ */
extern lex_words	lex_date_year;		/* 年 */
extern lex_words	lex_date_month;		/* 月 */
extern lex_words	lex_page_units;		/* 版, 面, 면: every script's */

/*
 * Punctuation the parser looks for, by name (UTF-8): full-width forms
 * (FW_), Chinese brackets and marks.
 */
#define PU_COMMA	"\xef\xbc\x8c"	/* ， */
#define PU_STOP		"\xe3\x80\x82"	/* 。 */
#define PU_LIST_COMMA	"\xe3\x80\x81"	/* 、 */
#define PU_COLON	"\xef\xbc\x9a"	/* ： */
#define PU_SEMICOLON	"\xef\xbc\x9b"	/* ； */
#define PU_LPAREN	"\xef\xbc\x88"	/* （ */
#define PU_RPAREN	"\xef\xbc\x89"	/* ） */
#define PU_LLENTIL	"\xe3\x80\x90"	/* 【 */
#define PU_RLENTIL	"\xe3\x80\x91"	/* 】 */
#define PU_LTORTOISE	"\xe3\x80\x94"	/* 〔 */
#define PU_RTORTOISE	"\xe3\x80\x95"	/* 〕 */
#define PU_LBOOK	"\xe3\x80\x8a"	/* 《 */
#define PU_RBOOK	"\xe3\x80\x8b"	/* 》 */
#define PU_LQUOTE	"\xe2\x80\x9c"	/* “ */
#define PU_RQUOTE	"\xe2\x80\x9d"	/* ” */
#define PU_ELLIPSIS	"\xe2\x80\xa6"	/* … */
#define PU_EM_DASH	"\xe2\x80\x94"	/* — */
#define PU_BOX		"\xe2\x96\xa1"	/* □ */
#define PU_IDEO_SPACE	"\xe3\x80\x80"	/* the ideographic space */
#define PU_FW_EQUALS	"\xef\xbc\x9d"	/* ＝ */
#define PU_FW_BAR	"\xef\xbd\x9c"	/* ｜ */
#define PU_FW_LBRACKET	"\xef\xbc\xbb"	/* ［ */
#define PU_FW_RBRACKET	"\xef\xbc\xbd"	/* ］ */
#define PU_FW_HYPHEN	"\xef\xbc\x8d"	/* － */
#define PU_FW_STOP	"\xef\xbc\x8e"	/* ． */

/* The profile for the text s[0..n-1]: its script and, for Chinese, forms. */
const struct lexicon	*lexicon_detect(const char *s, size_t n);
const struct lexicon	*lexicon_get(const char *name);
/* What stands before a photo's caption in a profile's text: [图], [写真]. */
const char		*lexicon_photo_label(const char *profile);

/* Whether s[0..n-1] starts (ends) with one of the words; its length, or 0. */
size_t	lex_starts(const char *s, size_t n, const char *const *words);
size_t	lex_ends(const char *s, size_t n, const char *const *words);
/* Whether one of the words occurs in s[0..n-1]. */
bool	lex_has(const char *s, size_t n, const char *const *words);
/* Whether c is one of the characters of the UTF-8 string set. */
bool	lex_in(unsigned c, const char *set);
/* Whether the characters a, b stand side by side in one of the words. */
bool	lex_pair(const struct lexicon *, unsigned a, unsigned b);

#endif
