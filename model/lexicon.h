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
};

/* The profile for the text s[0..n-1]: its script and, for Chinese, forms. */
const struct lexicon	*lexicon_detect(const char *s, size_t n);
const struct lexicon	*lexicon_get(const char *name);

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
