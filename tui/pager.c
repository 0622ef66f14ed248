/*
 * pager: the reader on a terminal that cannot move the cursor (TERM=dumb,
 * an editor's shell buffer): the issue in linear form, a screenful at a
 * time with a plain prompt, as more(1) does there -- no escape sequence
 * at all.  A page is LINES - 2 lines: the prompt and the echoed Enter
 * take the other two.  A library first lists its issues by number,
 * newest first with their headlines, as the full screen does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../model/archive.h"
#include "../model/buf.h"
#include "../model/day.h"
#include "../model/text.h"
#include "tui.h"

/* A number from the environment (COLUMNS, LINES), 1-10000, or def. */
static int
env_number(const char *name, int def)
{
	const char	*v = getenv(name);
	char		*end;
	long		 n;

	if (v == NULL || *v == '\0')
		return def;
	n = strtol(v, &end, 10);
	return *end == '\0' && n >= 1 && n <= 10000 ? (int)n : def;
}

/* s as one safe line: controls and bad bytes '?', tabs spaces. */
static void
put_safe(FILE *f, const char *s)
{
	struct buf	b = { 0 };

	text_clean_out(&b, s, strlen(s), true);
	fwrite(b.p ? b.p : "", 1, b.len, f);
	buf_free(&b);
}

/*
 * One issue, a screenful at a time: Enter the next page, b the one
 * before, /word the next page with the word, q back to the list (or out).
 */
static int
pager_issue(const char *path, pager_render *render, void *arg, bool listed)
{
	struct buf	  text = { 0 };
	char		**v = NULL, *p, *nl, line[256];
	size_t		  n = 0, cap = 0, top = 0, i, rows;
	int		  r = 0;

	rows = (size_t)(env_number("LINES", 24) - 2);
	if (rows < 1)
		rows = 1;
	if (render(path, env_number("COLUMNS", 80), arg, &text) != 0)
		return 1;
	for (p = text.p; p != NULL && *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl = '\0';
		if (!vec_grow(&v, &cap, n, sizeof *v)) {
			r = 1;
			goto out;
		}
		v[n++] = p;
		if (nl == NULL)
			break;
	}
	for (;;) {
		for (i = top; i < n && i < top + rows; i++)
			printf("%s\n", v[i]);
		if (top + rows >= n)
			break;		/* the end: back to the list */
		printf("-- more: Enter next, b back, /word find, q %s --",
		    listed ? "list" : "quit");
		fflush(stdout);
		if (fgets(line, sizeof line, stdin) == NULL ||
		    line[0] == 'q' || line[0] == 'Q')
			break;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == 'b')
			top = top > rows ? top - rows : 0;
		else if (line[0] == '/' && line[1] != '\0') {
			for (i = top + 1; i < n && strstr(v[i], line + 1) == NULL;
			    i++)
				;
			if (i < n)
				top = i;
			else
				printf("not found: %s\n", line + 1);
		} else
			top += rows;
	}
out:
	free(v);
	buf_free(&text);
	return r;
}

int
pager_main(const char *target, pager_render *render, void *arg)
{
	struct archive	 ar;
	struct stat	 st;
	char		 line[256], *p, *end;
	const char	*err;
	size_t		 i, e, nd;
	long		 n;

	memset(&ar, 0, sizeof ar);
	if (!(stat(target, &st) == 0 && S_ISDIR(st.st_mode) &&
	    !day_is(target)))
		return pager_issue(target, render, arg, false);
	if (!archive_open(&ar, target, NULL, &err)) {
		fputs("kanbao: ", stderr);
		put_safe(stderr, target);
		fprintf(stderr, ": %s\n", err);
		return 1;
	}
	/* the library as the reader lists it: newest first, headlines */
	for (nd = 0; nd < ar.n && ar.v[nd].date[0] != '\0'; nd++)
		;
	for (;;) {
		for (i = 0; i < ar.n; i++) {
			e = i < nd ? nd - 1 - i : i;	/* undated last */
			printf("%4zu  %s  ", i + 1, ar.v[e].date[0] ?
			    ar.v[e].date : "undated   ");
			put_safe(stdout, ar.v[e].title ? ar.v[e].title : "");
			printf("%s", ar.v[e].title && ar.v[e].headline ?
			    "  " : "");
			put_safe(stdout, ar.v[e].headline ? ar.v[e].headline :
			    "");
			putchar('\n');
		}
		printf("issue number (q quits): ");
		fflush(stdout);
		if (fgets(line, sizeof line, stdin) == NULL ||
		    (p = strtok(line, " \n")) == NULL)
			break;
		n = strtol(p, &end, 10);
		if (*end != '\0' || n < 1 || (size_t)n > ar.n)
			break;
		i = (size_t)n - 1;
		if (pager_issue(ar.v[i < nd ? nd - 1 - i : i].path, render, arg,
		    true) != 0)
			break;
	}
	archive_close(&ar);
	return fflush(stdout) == 0 ? 0 : 1;
}
