/* file: whole-file reads with text checks. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "file.h"
#include "text.h"

#define MAX_FILE	((size_t)1 << 30)

/*
 * Binary data: many NULs or many bytes that are neither UTF-8 nor text
 * controls in the first 64 KiB.  A few bad bytes are damage, not binary.
 */
static int
looks_binary(const char *s, size_t n)
{
	size_t		 i = 0, bad = 0, len, lim = n < 65536 ? n : 65536;
	text_char	 c;

	while (i < lim) {
		unsigned char	u = (unsigned char)s[i];

		if (u < 0x80) {
			if (u == 0 || (u < 0x20 && u != '\n' && u != '\r' &&
			    u != '\t' && u != 0x1b && u != '\f'))
				bad++;
			i++;
			continue;
		}
		len = text_decode(s + i, n - i, &c);
		if (c == 0xfffd && len == 1)
			bad++;
		i += len;
	}
	return lim > 0 && bad * 10 > lim;
}

char *
file_read(const char *path, size_t *len, const char **err)
{
	struct stat	 st;
	char		*s = NULL, *p;
	size_t		 n = 0, cap;
	ssize_t		 r;
	int		 fd;

	if ((fd = open(path, O_RDONLY)) == -1) {
		*err = strerror(errno);
		return NULL;
	}
	if (fstat(fd, &st) == -1) {
		*err = strerror(errno);
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		*err = "is a directory, not an issue file";
		goto fail;
	}
	cap = S_ISREG(st.st_mode) && st.st_size > 0 ?
	    (size_t)st.st_size + 1 : 65536;
	if (cap > MAX_FILE) {
		*err = "file too large (over 1 GiB)";
		goto fail;
	}
	if ((s = malloc(cap)) == NULL) {
		*err = "out of memory";
		goto fail;
	}
	for (;;) {
		if (n + 1 >= cap) {
			if (cap >= MAX_FILE) {
				*err = "file too large (over 1 GiB)";
				goto fail;
			}
			if ((p = realloc(s, cap * 2)) == NULL) {
				*err = "out of memory";
				goto fail;
			}
			s = p;
			cap *= 2;
		}
		r = read(fd, s + n, cap - n - 1);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			*err = strerror(errno);
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	s[n] = '\0';
	if (looks_binary(s, n)) {
		free(s);
		*err = "binary data, not a text issue";
		return NULL;
	}
	*len = n;
	return s;
fail:
	free(s);
	close(fd);
	return NULL;
}

bool
file_write_atomic(const char *path, const char *data, size_t len)
{
	struct file_part	part = { data, len };

	return file_write_atomic_parts(path, &part, 1);
}

bool
file_write_atomic_parts(const char *path, const struct file_part *part,
    size_t nparts)
{
	struct buf	 t = { 0 };
	int		 fd;
	ssize_t		 w;
	size_t		 done, i;
	bool		 ok = true;

	buf_addf(&t, "%s.tmp.%ld", path, (long)getpid());
	if (t.failed)
		return false;
	if ((fd = open(t.p, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1) {
		buf_free(&t);
		return false;
	}
	for (i = 0; ok && i < nparts; i++) {
		for (done = 0; done < part[i].len; done += (size_t)w) {
			w = write(fd, part[i].p + done, part[i].len - done);
			if (w == -1 && errno == EINTR) {
				w = 0;
				continue;
			}
			if (w <= 0) {
				ok = false;
				break;
			}
		}
	}
	ok = ok && fsync(fd) == 0;
	if (close(fd) != 0)
		ok = false;
	if (ok)
		ok = rename(t.p, path) == 0;
	if (!ok)
		unlink(t.p);
	buf_free(&t);
	return ok;
}
