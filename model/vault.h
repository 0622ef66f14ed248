/*
 * vault: Markdown files with YAML front matter (a web edition's articles),
 * concatenated or kept as a day's folder with page folders, read as one
 * issue.
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
 * Whether dir is a day's folder: named by a date (2025-01-02, 20250102),
 * holding issue files (*.md, *.txt) directly or in page folders, none of
 * them with a date of its own.  Such a folder is one issue.
 */
bool		 vault_is_day(const char *dir);

struct stat;
/*
 * For a day's folder, what stands for its stat(2) in the caches: the
 * sizes of its files summed (and their count), their latest mtime and
 * ctime, so that editing, adding or removing an article is seen.  False
 * when dir is not a day's folder.
 */
bool		 vault_day_stat(const char *dir, struct stat *);

/*
 * The text of the issue at path: a file's bytes, or a day's folder's
 * files in name order with their page folders as front matter.  Free
 * with free(); NULL and *err when it cannot be read.  A day's file that
 * cannot be read (or is binary) is left out, with a line "PATH: why"
 * added to skipped when it is not NULL.
 */
struct buf;
char		*vault_read(const char *path, size_t *len, const char **err,
		    struct buf *skipped);
/* The same, each file's first max bytes only: what a library entry needs. */
char		*vault_read_head(const char *path, size_t max, size_t *len,
		    const char **err);

#endif
