/*
 * issue: one converted newspaper issue as a model a reader can navigate.
 *
 * issue_parse() runs the passes of the model: sanitise -> split into blocks
 * -> strip markup -> classify -> assemble masthead and articles -> repair
 * the converter's damage.  It never drops content: every character of text
 * in the input ends up in the masthead, a banner or an article block (only
 * markup, stray spaces and line breaks go).  No ncurses, no globals.
 */
#ifndef KANBAO_ISSUE_H
#define KANBAO_ISSUE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The most text an issue may hold once sanitised (tabs become spaces and
 * bad bytes U+FFFD, so a 1 GiB file can grow): the passes and the layout
 * keep lengths and offsets in 32 bits, many of them, to stay small.
 */
#define ISSUE_TEXT_MAX	((size_t)3 << 30)

enum block_kind {
	BLOCK_PARA,		/* body paragraph */
	BLOCK_SUBHEAD,		/* subhead inside an article */
	BLOCK_SECTION,		/* numbered section head: 一、... */
	BLOCK_NOTE,		/* editor's note label: — 开栏语 — */
	BLOCK_PHOTO,		/* text = caption, extra = credit */
	BLOCK_CONT,		/* continuation note: (下转02版) */
	BLOCK_BANNER,		/* slogan or banner; not part of an article */
	BLOCK_MAST,		/* a masthead line, as it stood */
	BLOCK_SOURCE		/* the source's footer after every article
				   (link to the original, copyright,
				   contact), its lines as one */
};

struct block {
	enum block_kind	 kind;
	const char	*text;		/* repaired text, NUL-terminated */
	size_t		 len;
	const char	*extra;		/* photo credit, or NULL */
	size_t		 src;		/* byte offset in the sanitised input */
};

enum article_kind {
	ARTICLE_STORY,
	ARTICLE_PHOTO,
	ARTICLE_COMMENTARY,
	ARTICLE_SIDEBAR
};

struct article {
	enum article_kind	 kind;
	const char		*kicker;	/* NULL when none */
	const char		*headline;	/* NULL only if nothing to guess from */
	bool			 guessed;	/* headline made from the first words */
	const char		*deck;
	const char		*byline;
	bool			 byline_inline;	/* the byline opens the first paragraph */
	int			 page;		/* 0 when the input does not say */
	struct block		*blocks;
	size_t			 nblocks;
	size_t			 src;		/* where it starts in the input */
};

/* An item of the issue in reading order: a banner or an article. */
struct issue_item {
	struct block	*banner;	/* exactly one of these is set */
	struct article	*article;
};

struct issue {
	const char		*title;		/* NULL when unknown */
	bool			 title_guessed;
	const char		*romanized;
	char			 date[11];	/* YYYY-MM-DD, "" when unknown */
	const char		*weekday;	/* 星期四 */
	const char		*lunar;		/* 乙巳年二月廿八 */
	const char		*number;	/* running number, digits */
	int			 pages;		/* 0 when unknown */
	const char		*publisher;
	const char		*contact;	/* registration/contact line */

	struct block		*mast;		/* masthead lines as they stood */
	size_t			 nmast;
	struct article		*articles;
	size_t			 narticles;
	struct issue_item	*items;
	size_t			 nitems;

	const char		*format;	/* what the input is: text,
						   markdown+yaml, records */
	const char		*profile;	/* its lexicon: zh-Hans, ja */
	/* the converter's damage the parser found and repaired */
	struct {
		bool	spaces;		/* stray spaces between Chinese, throughout */
		size_t	rejoined;	/* paragraphs broken mid-sentence, rejoined */
		size_t	markup;		/* paragraphs with Markdown or HTML residue */
		bool	html;		/* HTML paragraphs and entities */
	} damage;

	char			*text;		/* the sanitised input */
	size_t			 textlen;
	struct arena		*arena;		/* owns every string above */
	void			*owned[3];	/* arrays freed with the issue */
	/*
	 * An issue made of parts (vault.c, record.c: each article's text
	 * parsed on its own): where each part's text is in text.
	 */
	struct issue_part {
		size_t	 from, to;
	}			*parts;
	size_t			 nparts;
};

struct issue_opts {
	bool	keep_punct;	/* do not turn , : ; ( ) ? ! " into full width */
	bool	whole;		/* paragraphs and spaces as the author wrote
				   them (a web edition): none rejoined */
	bool	one_article;	/* the text is one article's (a front-end
				   knows its headline): no other opens */
	bool	lines;		/* every line is a paragraph */
	bool	known;		/* with one_article: the front-end has the
				   headline, deck and byline; the text is
				   all the article's body */
	bool	head;		/* only what a library entry shows: the date,
				   the title and the first article's headline
				   (its blocks, and the others', left out) */
	size_t	parallel;	/* bytes of text from which the articles are
				   finished in parts, one processor a part
				   (0: POOL_PARALLEL; SIZE_MAX: never, for a
				   caller that runs issues in parallel; the
				   result is the same) */
};

/*
 * Parses in[0..n-1].  Returns a new issue (free with issue_free()), or NULL
 * when memory runs out; *err then says so.  Any bytes give an issue, maybe
 * an empty one.
 */
struct issue	*issue_parse(const char *in, size_t n,
		    const struct issue_opts *, const char **err);
/* issue_parse() that frees in (malloc'd) as soon as it is sanitised. */
struct issue	*issue_parse_free(char *in, size_t n,
		    const struct issue_opts *, const char **err);
void		 issue_free(struct issue *);

const char	*issue_kind_name(enum article_kind);

/*
 * The date of an issue into out[11]: its masthead's, else the one in its
 * file name (path's); "" when neither has one.  is may be NULL.
 */
void		 issue_date_of(const struct issue *, const char *path,
		    char *out);

#define ARTICLE_HEADS	4
/*
 * The article's head as its lines are shown, saved and searched: kicker,
 * headline (not a guessed one), deck, byline (not one inside the text);
 * NULL for each one it lacks or has empty.
 */
void		 article_heads(const struct article *,
		    const char *out[ARTICLE_HEADS]);

/*
 * The masthead's fields on one line, as the front page shows them:
 * "2025-06-10 星期二 乙巳年五月十五  No. 8812  pages: 4" (date, when the
 * issue has none, the one given); "" when there is nothing to say.
 */
void		 issue_date_line(const struct issue *, const char *date,
		    char *buf, size_t len);

#endif
