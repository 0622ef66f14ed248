/*
 * parse: what the issue parser's passes and its front-ends share (private
 * to model/).
 *
 *   front-end (issue.c: text, a paragraph a line; vault.c: YAML front
 *   matter; record.c: one record per article; HTML inside any of them)
 *     -> raw blocks with source offsets (struct raw)
 *   classify.c: each block's kind by its shape (tests in lines.c, words
 *     from the issue's lexicon)
 *   assemble.c, heads.c: articles and their roles
 *   finish.c: repairs, continuations, guessed headlines, the issue
 */
#ifndef KANBAO_PARSE_H
#define KANBAO_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "issue.h"
#include "lexicon.h"
#include "masthead.h"
#include "repair.h"
#include "text.h"

struct arena;

enum rkind {
	R_EMPTY,	/* nothing left after markup */
	R_MAST,		/* masthead line */
	R_TITLE,	/* short line without sentence punctuation */
	R_BODY,		/* body text */
	R_BYLINE,	/* □本报记者 某某 */
	R_SIGN,		/* □某某: a commentary's signature */
	R_CREDIT,	/* □本报记者 某某摄 */
	R_CAPTION,	/* text followed by a credit */
	R_SECTION,	/* 一、... */
	R_NOTE,		/* — 开栏语 — */
	R_CONT,		/* (下转02版) */
	R_PAGE,		/* 第02版 */
	R_META,		/* 责任编辑：某某: the page's credits, not an article */
	R_SERIES,	/* 系列：某某: the series or column, a kicker */
	R_REPEAT	/* a footer the source repeats after every article */
};

/* A paragraph of the text: 48 bytes, as there are many (a file is < 4 GiB). */
struct raw {
	size_t		 src;		/* offset in the sanitised text */
	char		*text;		/* markup stripped, in the arena */
	const char	*credit;	/* of a caption */
	uint32_t	 len;
	uint32_t	 chars;
	uint32_t	 by;		/* line_byline() of its text, asked once */
	int		 gap;		/* empty paragraphs before it */
	int		 page;		/* of R_PAGE and R_CONT */
	uint8_t		 kind;		/* enum rkind */
	uint8_t		 hlevel;	/* markup: leading '#', 0 if none */
	bool		 kicker_mark;	/* markup: led by » or › */
	bool		 bold_lead;	/* markup: began with **bold** */
	bool		 up;		/* R_CONT: 上接 (continued from) */
	bool		 image;		/* markup: an image's description */
	bool		 section;	/* a heading above the stories' level
					   over text of its own (## 摘要) */
};

/*
 * A block of an article being assembled: its text is a raw block's (in the
 * raw arena) until another is joined to it, then its own buffer's.
 */
#define BY_UNKNOWN	UINT32_MAX

struct bblock {
	enum block_kind	 kind;
	uint32_t	 by;		/* line_byline() of text, or BY_UNKNOWN */
	const char	*text;
	size_t		 len;
	struct buf	*own;		/* the text once joined */
	const char	*credit;
	size_t		 src;
};

struct bart {
	struct article	 a;
	struct bblock	*b;
	size_t		 nb, cap;
	size_t		 nbody;		/* paragraphs so far */
	bool		 sign;		/* signed like a commentary */
	bool		 marked;	/* its headline is a marked heading */
};

struct item {
	bool	 banner;
	size_t	 idx;
};

struct parser {
	struct issue		*is;
	struct arena		*a;		/* the issue's strings */
	struct arena		*tmp;		/* the raw blocks', freed after */
	const struct issue_opts	*opts;
	const struct lexicon	*lx;
	struct raw		*raw;
	size_t			 nraw;
	struct mast		 mast;
	struct bart		*art;
	size_t			 nart, artcap;
	struct bblock		*ban;
	size_t			 nban, bancap;
	struct bblock		*mastb;
	size_t			 nmastb, mastcap;
	struct item		*items;
	size_t			 nitems, itemcap;
	const struct raw	*upcont;	/* (上接01版) before a headline */
	const struct raw	*series;	/* 系列：… before a headline */
	struct bblock		*pend;		/* photos waiting for a home */
	size_t			 npend, pendcap;
	int			 page;
	bool			 damaged;	/* spaces between CJK throughout */
	bool			 gapless;	/* no extra blank line anywhere:
						   stories are not set apart */
	bool			 broken;	/* paragraphs cut mid-sentence
						   throughout: rejoin them */
	bool			 outline;	/* stories are marked headings one
						   level down or more (a digest,
						   a transcript): an unmarked
						   line opens none */
	struct buf		 scratch[2];	/* finish.c's, reused */
	bool			 failed;
};

/*
 * Parses sanitised text with lexicon lx (NULL: the one its text shows),
 * which the new issue takes over (it is freed with the issue, or at once
 * on failure).  Its strings and arrays go to the arena into when it is
 * given (parts.c: an issue of many small parts packs them together), to
 * an arena of the issue's own otherwise.  NULL when memory runs out.
 */
struct issue	*issue_parse_text(char *text, size_t len,
		    const struct issue_opts *, const struct lexicon *,
		    struct arena *into, const char **err);

/* parts.c: an issue of articles a front-end found */
struct part_meta {
	const char	*title, *deck, *kicker;	/* in the issue's arena */
	const char	*date, *section, *author;
	size_t		 start;		/* where its record or front matter starts */
	size_t		 body;		/* where the article's text starts */
	size_t		 end;		/* and ends */
	bool		 known;		/* title, deck and author are the
					   article's: its text is all body */
};

/* A new issue over text (taken over), its arena ready for the metas. */
struct issue	*parts_new(char *text, size_t len, const char *format);
/* A new zeroed meta at the end of *m; NULL when memory runs out. */
struct part_meta *parts_add(struct part_meta **m, size_t *cap, size_t *n);
/*
 * Parses each part's text [body, end) as one article, the text before the
 * first part as an issue's, and makes them one issue.  Frees is and
 * returns NULL when memory runs out.
 */
struct issue	*parts_parse(struct issue *is, const struct part_meta *, size_t,
		    const struct issue_opts *, bool lines, const char **err);
/* The last part ended at the text's end, parts_parse(), the metas freed. */
struct issue	*parts_done(struct issue *is, struct part_meta *, size_t,
		    const struct issue_opts *, bool lines, const char **err);

/* record.c: a database dump, one record an article */
bool		 record_is(const char *, size_t);
struct issue	*record_parse(char *, size_t, const struct issue_opts *,
		    const char **err);

/* stack.c: articles of three head lines at fixed places, then their text */
bool		 stack_is(const char *, size_t);
struct issue	*stack_parse(char *, size_t, const struct issue_opts *,
		    const char **err);

/* feed.c: a saved RSS or Atom feed, one article an item */
bool		 feed_is(const char *, size_t);
struct issue	*feed_parse(char *, size_t, const struct issue_opts *,
		    const char **err);

/* html.c: HTML inside a text, made plain */
bool	 html_is(const char *, size_t);
char	*html_flatten(const char *, size_t, size_t *outlen);

/* A line of a text: its words without indent and trailing space. */
struct tline {
	const char	*s;
	size_t		 n;
	size_t		 start, next;	/* offsets of this line and the next */
	size_t		 indent;	/* spaces, tabs and U+3000 before it */
};

/* lines.c: the line of t[0..len) that starts at i */
void		 tline_at(const char *t, size_t len, size_t i, struct tline *);

/* lines.c: string helpers */
size_t		 u8_count(const char *, size_t);
bool		 u8_over(const char *, size_t, size_t);	/* more chars than */
text_char	 u8_last(const char *, size_t);	/* the last non-space */
text_char	 u8_first(const char *, size_t);
size_t		 str_count(const char *, size_t, const char *);
bool		 str_starts(const char *, size_t, const char *);
bool		 str_ends(const char *, size_t, const char *);
bool		 ends_sentence(const char *, size_t);
const char	*skip_box(const char *, size_t *);

/* lines.c: what one block of text is, by its shape and the lexicon */
bool	line_is_credit(const struct lexicon *, const char *, size_t);
bool	line_is_sign(const char *, size_t);
bool	line_is_byline(const struct lexicon *, const char *, size_t);
bool	line_is_section(const char *, size_t);
bool	line_is_note(const struct lexicon *, const char *, size_t);
bool	line_is_cont(const struct lexicon *, const char *, size_t, int *,
	    bool *);
bool	line_is_page(const struct lexicon *, const char *, size_t, int *);
bool	line_is_meta(const struct lexicon *, const char *, size_t);
bool	line_is_title(const struct lexicon *, const char *, size_t, size_t,
	    size_t by);
size_t	line_byline(const struct lexicon *, const char *, size_t);
size_t	line_trailing_cont(const struct lexicon *, const char *, size_t);
size_t	line_credit(const struct lexicon *, const char *, size_t);
size_t	line_is_series(const struct lexicon *, const char *, size_t);
bool	line_is_source(const char *, size_t);
bool	line_photo_mark(const struct lexicon *, const char *, size_t);
void	line_tidy_byline(const struct lexicon *, const char *, size_t,
	    struct buf *);

/*
 * Lengths, in characters, that tell a line's part: a page's furniture is
 * short and a sentence of text long, so each part has a most it runs to.
 * (Bytes where a scan reaches: three to a Han character.)
 */
#define LEN_NAME	30	/* a byline, a credit, a dateline's lead, a
				   clause of a title: names, a place, a few
				   words -- never a sentence */
#define LEN_HEAD	40	/* a headline or section head: one line of a
				   page's widest column */
#define LEN_LINE	60	/* a line of furniture with names and a date
				   (page credits, a source line) or a deck:
				   a full line of a page */
#define LEN_PAGE	20	/* 第02版 要闻: a number and a word or two */
#define LEN_NOTE	16	/* — 编者按 —: a label, a word or two */
#define LEN_HEADING	80	/* a marked heading that is still a heading
				   (beyond, a paragraph marked by mistake) */
#define REACH_BRACKET	90	/* bytes: 【记者=홍길동】 closes within 30
				   characters of its opening */
#define REACH_LEAD	240	/* bytes: a byline at a paragraph's start
				   ends within 80 characters */
#define REACH_LATIN	80	/* bytes: a Latin dateline's PLACE, ends */
#define REACH_CREDIT	120	/* bytes: a credit at a caption's end, or a
				   bracket's close after a byline, within 40
				   characters */

/* plain.c: the plain-text front-end's blocks */
bool	plain_split(struct parser *);

/* classify.c */
void	parse_classify(struct parser *);

/* article.c: the issue under construction (below assemble.c and heads.c) */
struct bart	*art_cur(struct parser *);
struct bart	*art_new(struct parser *, size_t);
struct bblock	*art_block(struct parser *, struct bart *, enum block_kind,
		    const char *, size_t, size_t);
void		 bb_join(struct parser *, struct bblock *, const char *, size_t);
void		 bb_free(struct bblock *);
void		 art_banner(struct parser *, const struct raw *);
void		 art_banner_text(struct parser *, const char *, size_t, size_t);
void		 art_flush_photos(struct parser *, struct bart *);
size_t		 raw_next(struct parser *, size_t);

/* assemble.c */
void		 art_flush_upcont(struct parser *, struct bart *);
/* The raw blocks made into articles and banners, and freed. */
void		 parse_assemble(struct parser *);

/* heads.c */
bool		 heads_opens(struct parser *, size_t, size_t, bool);
size_t		 heads_open(struct parser *, size_t, size_t);
void		 heads_series(struct parser *, struct bart *);
const char	*parse_dup_punct(struct parser *, const char *, size_t);
const char	*parse_dup_byline(struct parser *, const char *, size_t);

/* finish.c */
void	parse_finish(struct parser *);

#endif
