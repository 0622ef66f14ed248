/*
 * copy: an article's text out of the reader -- to the terminal's
 * clipboard (y, Y) or into a text file (s).
 */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../model/buf.h"
#include "../model/issue.h"
#include "../model/text.h"
#include "../app/paths.h"
#include "view.h"

#define COPY_MAX	74994	/* bytes: 100,000 in base64, what terminals take */
#define NAME_MAX_BYTES	120	/* of a saved file's name, before .txt */

void
article_text(const struct article *a, struct buf *b)
{
	const char	*head[ARTICLE_HEADS];
	size_t		 i;

	article_heads(a, head);
	for (i = 0; i < ARTICLE_HEADS; i++)
		if (head[i] != NULL) {
			buf_adds(b, head[i]);
			buf_addc(b, '\n');
		}
	for (i = 0; i < a->nblocks; i++) {
		if (b->len > 0)
			buf_addc(b, '\n');
		buf_add(b, a->blocks[i].text, a->blocks[i].len);
		if (a->blocks[i].extra != NULL) {
			buf_adds(b, a->blocks[i].len > 0 ? " — " : "");
			buf_adds(b, a->blocks[i].extra);
		}
		buf_addc(b, '\n');
	}
}

/*
 * OSC 52 with the text in base64, so that no byte of it reaches the
 * terminal as a control.  Works over ssh, and through tmux with
 * set-clipboard on.
 */
void
copy_text(struct tui *t, const char *what, const struct buf *text)
{
	static const char	 b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct buf		 clean = { 0 }, out = { 0 };
	const unsigned char	*s;
	size_t			 i, n, chars = 0;
	unsigned		 v;

	if (t->cf->no_clipboard) {
		status(t, "copying is off (clipboard = off)");
		return;
	}
	/* line by line: the newlines stay, any other control goes */
	for (i = 0; i < text->len; i = n + 1) {
		const char	*e = memchr(text->p + i, '\n', text->len - i);

		n = e != NULL ? (size_t)(e - text->p) : text->len;
		text_clean_out(&clean, text->p + i, n - i, false);
		if (e != NULL)
			buf_addc(&clean, '\n');
	}
	n = clean.len;
	if (n > COPY_MAX) {
		status(t, "too long to copy: %zu bytes (at most %d)", n, COPY_MAX);
		goto out;
	}
	s = (const unsigned char *)(clean.p ? clean.p : "");
	buf_adds(&out, "\033]52;c;");
	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 | s[i + 2];
		buf_addc(&out, b64[v >> 18 & 63]);
		buf_addc(&out, b64[v >> 12 & 63]);
		buf_addc(&out, b64[v >> 6 & 63]);
		buf_addc(&out, b64[v & 63]);
	}
	if (i < n) {
		v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0);
		buf_addc(&out, b64[v >> 18 & 63]);
		buf_addc(&out, b64[v >> 12 & 63]);
		buf_addc(&out, i + 1 < n ? b64[v >> 6 & 63] : '=');
		buf_addc(&out, '=');
	}
	buf_adds(&out, "\033\\");
	if (out.failed) {
		status(t, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++)
		chars += (s[i] & 0xc0) != 0x80;
	refresh();
	fflush(stdout);
	if (write(STDOUT_FILENO, out.p, out.len) != (ssize_t)out.len)
		status(t, "could not copy: %s", strerror(errno));
	else
		status(t, "copied %s: %zu characters", what, chars);
out:
	buf_free(&clean);
	buf_free(&out);
}

/* The save folder, ~/ expanded; made (with its parents) when missing. */
static char *
save_dir(const struct tui *t, const char **err)
{
	const char	*d = t->cf->save_dir ? t->cf->save_dir : "~/kanbao";
	char		*p;

	if ((p = paths_expand(d, err)) == NULL)
		return NULL;
	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char	c = *s;

		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			*err = strerror(errno);
			free(p);
			return NULL;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	return p;
}

/* A file name from s: no '/', no control, no leading dot, not too long. */
static void
name_add(struct buf *b, const char *s, size_t max)
{
	size_t		i = 0, len, start = b->len;
	text_char	c;

	while (s != NULL && s[i] != '\0' && b->len - start < max) {
		len = text_decode(s + i, strlen(s + i), &c);
		if (b->len - start + len > max)
			break;
		if (c == '/' || c == '\\' || text_is_unsafe(c, len) ||
		    text_is_space(c) || (c == '.' && b->len == start))
			buf_addc(b, '_');
		else
			buf_add(b, s + i, len);
		i += len;
	}
}

/*
 * An article as a saved file has it: the paper and the date on lines of
 * their own, then the article as y copies it -- kicker, headline, deck,
 * byline a line each, each paragraph one line with a blank line between,
 * unwrapped, so that it reads right wherever it is pasted.
 */
static bool
article_lines(const struct tui *t, size_t art, const char *date,
    struct buf *out)
{
	struct buf	 text = { 0 };
	char		 line[512];
	const char	*title = t->is->title ? t->is->title :
			    t->issue_i < t->ar.n ?
			    t->ar.v[t->issue_i].title : NULL;
	size_t		 i, e;

	if (title != NULL) {
		text_line_out(out, title, strlen(title));
		buf_addc(out, '\n');
	}
	issue_date_line(t->is, date, line, sizeof line);
	text_line_out(out, line, strlen(line));
	buf_adds(out, "\n\n");
	article_text(&t->is->articles[art], &text);
	/* line by line: no control of the text reaches the file */
	for (i = 0; i < text.len; i = e + 1) {
		const char	*nl = memchr(text.p + i, '\n', text.len - i);

		e = nl != NULL ? (size_t)(nl - text.p) : text.len;
		text_line_out(out, text.p + i, e - i);
		buf_addc(out, '\n');
	}
	buf_free(&text);
	return !out->failed && !text.failed;
}

void
save_article(struct tui *t, size_t art)
{
	const struct article	*a;
	const char		*err = NULL, *date;
	struct buf		 name = { 0 }, text = { 0 };
	char			*dir, *path = NULL;
	int			 fd = -1, n, werr;
	size_t			 base, done;
	ssize_t			 w;

	if (t->is == NULL || art >= t->is->narticles) {
		status(t, "nothing to save here");
		return;
	}
	a = &t->is->articles[art];
	if ((dir = save_dir(t, &err)) == NULL) {
		status(t, "could not save in %s: %s", t->cf->save_dir ?
		    t->cf->save_dir : "~/kanbao", err);
		return;
	}
	date = t->is->date[0] ? t->is->date : t->issue_i < t->ar.n ?
	    t->ar.v[t->issue_i].date : "";
	buf_adds(&name, dir);
	buf_adds(&name, "/");
	buf_adds(&name, *date ? date : "undated");
	buf_adds(&name, "-");
	name_add(&name, a->headline ? a->headline : "article", NAME_MAX_BYTES);
	base = name.len;
	if (!article_lines(t, art, date, &text) || name.failed) {
		status(t, "out of memory");
		goto out;
	}
	/* never over another file: -2, -3 ... after the name */
	for (n = 1; n < 100; n++) {
		name.len = base;
		if (n > 1)
			buf_addf(&name, "-%d", n);
		buf_adds(&name, ".txt");
		if (name.failed)
			break;
		fd = open(name.p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0) {
		status(t, "could not save in %s: %s", dir, strerror(errno));
		goto out;
	}
	path = name.p;
	/* the write's own error: errno is stale from the tries above */
	done = 0;
	werr = 0;
	while (done < text.len && werr == 0) {
		if ((w = write(fd, text.p + done, text.len - done)) > 0)
			done += (size_t)w;
		else if (w == 0)
			werr = ENOSPC;
		else if (errno != EINTR)
			werr = errno;
	}
	if (close(fd) != 0 && werr == 0)
		werr = errno;
	if (werr != 0) {
		status(t, "could not save %s: %s", path, strerror(werr));
		unlink(path);
		goto out;
	}
	status(t, "saved to %s", path);
out:
	free(dir);
	buf_free(&name);
	buf_free(&text);
}
