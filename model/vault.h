/*
 * vault: Markdown files with YAML front matter (a web edition's articles),
 * concatenated or kept as a day's folder with page folders (read by
 * day.c), parsed as one issue.
 */
#ifndef KANBAO_VAULT_H
#define KANBAO_VAULT_H

#include <stdbool.h>
#include <stddef.h>

struct issue;
struct issue_opts;

/* Whether s opens with a front matter block (---, title: ..., ---). */
bool		 vault_has_front_matter(const char *s, size_t n);

/*
 * Parses sanitised text holding front matter blocks: each block and the
 * text after it is an article, its front matter filling in headline,
 * byline, page and the issue's date.  Takes over text.
 */
struct issue	*vault_parse(char *text, size_t len,
		    const struct issue_opts *, const char **err);

/*
 * Front matter at s[i] (the "---" line): where its closing rule's line
 * ends, or 0 when there is none.
 */
size_t		 vault_front_matter(const char *s, size_t n, size_t i);
/* Where the value of key starts in the front matter s[a..b), or -1. */
size_t		 vault_value_at(const char *s, size_t a, size_t b,
		    const char *key);
struct buf;
/* A section line naming page (a day's page folder) added to b. */
void		 vault_add_section(struct buf *b, const char *page);

#endif
