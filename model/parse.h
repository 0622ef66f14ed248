/*
 * parse: what the issue parser and its front-ends share (private to
 * model/).
 */
#ifndef KANBAO_PARSE_H
#define KANBAO_PARSE_H

#include <stddef.h>

struct issue;
struct issue_opts;

/*
 * Parses sanitised text, which the new issue takes over (it is freed with
 * the issue, or at once on failure).  NULL when memory runs out.
 */
struct issue	*issue_parse_text(char *text, size_t len,
		    const struct issue_opts *, const char **err);

#endif
