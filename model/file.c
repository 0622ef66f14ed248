/* file: whole-file reads with text checks. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "file.h"
#include "text.h"

#define MAX_FILE	((size_t)1 << 30)
#define FILE_OUT_BLOCK	((size_t)64 << 10)	/* file_out_write()'s keeping */

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
		if (text_3byte(s + i, n - i, 0xe3, 0xe9)) {	/* CJK */
			i += 3;
			continue;
		}
		len = text_decode_fast(s + i, n - i, &c);
		if (c == 0xfffd && len == 1)
			bad++;
		i += len;
	}
	return lim > 0 && bad * 10 > lim;
}

const char	file_is_dir[] = "is a directory, not an issue file";
const char	file_no_memory[] = "out of memory";

int
file_open(const char *path, bool nofollow, off_t *size, const char **err)
{
	struct stat	st;
	int		fd;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC |
	    (nofollow ? O_NOFOLLOW : 0));
	if (fd == -1) {
		*err = errno == ELOOP && nofollow ? "is a symbolic link" :
		    strerror(errno);
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		*err = strerror(errno);
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*err = S_ISDIR(st.st_mode) ? file_is_dir : "not a regular file";
		close(fd);
		return -1;
	}
	/* O_NONBLOCK stays: a regular file's reads do not heed it */
	*size = st.st_size;
	return fd;
}

/* Reads up to max bytes of fd into s (room for max); -1 on error. */
static ssize_t
read_full(int fd, char *s, size_t max)
{
	size_t	n = 0;
	ssize_t	r;

	while (n < max) {
		r = read(fd, s + n, max - n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return -1;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	return (ssize_t)n;
}

char *
file_read(const char *path, size_t *len, const char **err)
{
	return file_read_max(path, MAX_FILE, false, len, err);
}

char *
file_read_max(const char *path, size_t max, bool head, size_t *len,
    const char **err)
{
	char		*s = NULL, *p;
	size_t		 n = 0, cap, want;
	ssize_t		 r;
	off_t		 size;
	int		 fd;

	if ((fd = file_open(path, false, &size, err)) == -1)
		return NULL;
	if (!head && (size < 0 || (unsigned long long)size > max)) {
		*err = "file too large (over 1 GiB)";
		goto fail;
	}
	/* the size is known before a byte is read: no guessing */
	cap = (size_t)size < max ? (size_t)size : max;
	if ((s = malloc(cap + 1)) == NULL) {
		*err = file_no_memory;
		goto fail;
	}
	/* binary data is refused after its first 64 KiB, not after 1 GiB */
	want = cap < 65536 ? cap : 65536;
	if ((r = read_full(fd, s, want)) == -1) {
		*err = strerror(errno);
		goto fail;
	}
	n = (size_t)r;
	if (looks_binary(s, n)) {
		*err = "binary data, not a text issue";
		goto fail;
	}
	if (n == want && (r = read_full(fd, s + n, cap - n)) == -1) {
		*err = strerror(errno);
		goto fail;
	}
	if (n == want)
		n += (size_t)r;
	/*
	 * A file that grew while read: what it holds now, up to max.  One
	 * byte is read first, so that a file of the size fstat(2) gave --
	 * nearly every one -- costs no second buffer.
	 */
	while (!head && n == cap) {
		char	c;

		if ((r = read_full(fd, &c, 1)) == 0)
			break;
		if (r == -1) {
			*err = strerror(errno);
			goto fail;
		}
		if (cap >= max) {
			*err = "file too large (over 1 GiB)";
			goto fail;
		}
		want = cap > 65536 ? cap : 65536;
		if (want > max - cap)
			want = max - cap;
		if ((p = realloc(s, cap + want + 1)) == NULL) {
			*err = file_no_memory;
			goto fail;
		}
		s = p;
		s[n++] = c;
		cap += want;
		if ((r = read_full(fd, s + n, cap - n)) == -1) {
			*err = strerror(errno);
			goto fail;
		}
		n += (size_t)r;
	}
	close(fd);
	s[n] = '\0';
	*len = n;
	return s;
fail:
	free(s);
	close(fd);
	return NULL;
}

/*
 * The temporary file is made by mkstemp(3) beside the target, named
 * TARGET.tmp.PID.XXXXXX: never a predictable name that a link planted in
 * a shared folder could send elsewhere; the PID in the name lets
 * file_clean_stale() remove those of a process that was killed.
 */
/* An unnamed file in the folder of path (O_TMPFILE), or -1. */
static int
unnamed_near(const char *path)
{
#ifdef O_TMPFILE
	const char	*slash = strrchr(path, '/');
	struct buf	 dir = { 0 };
	int		 fd = -1;

	buf_add(&dir, path, slash != NULL ? (size_t)(slash - path + 1) : 0);
	buf_adds(&dir, slash != NULL ? "" : ".");
	if (!dir.failed)
		fd = open(dir.p, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	buf_free(&dir);
	return fd;
#else
	(void)path;
	return -1;
#endif
}

int
file_scratch(const char *path)
{
	struct buf	 t = { 0 };
	int		 fd;

	if ((fd = unnamed_near(path)) != -1)
		return fd;
	/* named for an instant: made, then unlinked */
	buf_addf(&t, "%s.tmp.%ld.XXXXXX", path, (long)getpid());
	if (!t.failed && (fd = mkostemp(t.p, O_CLOEXEC)) != -1)
		unlink(t.p);
	buf_free(&t);
	return fd;
}

bool
file_out_open(struct file_out *o, const char *path)
{
	struct buf	t = { 0 };

	memset(o, 0, sizeof *o);
	o->fd = -1;
	buf_addf(&t, "%s.tmp.%ld.XXXXXX", path, (long)getpid());
	if (t.failed)
		return false;
	/* appends kept a block at a time; no room for it: written at once */
	o->buf = malloc(FILE_OUT_BLOCK);
	/*
	 * Unnamed until it is whole: however the process ends (a signal, a
	 * kill, a crash), nothing of it is left.  It is linked in at close
	 * through /proc; where either is missing, a named file as below.
	 */
	if (access("/proc/self/fd", X_OK) == 0 &&
	    (o->fd = unnamed_near(path)) != -1) {
		o->unnamed = true;
		o->tmp = t.p;	/* the name it gets at close */
		return true;
	}
	if ((o->fd = mkostemp(t.p, O_CLOEXEC)) == -1) {
		buf_free(&t);
		free(o->buf);
		o->buf = NULL;
		return false;
	}
	o->tmp = t.p;
	return true;
}

/* Writes p[0..n) at off, as it is. */
static void
put_at(struct file_out *o, uint64_t off, const void *p, size_t n)
{
	const char	*s = p;
	ssize_t		 w;

	while (!o->failed && n > 0) {
		if ((w = pwrite(o->fd, s, n, (off_t)off)) == -1 && errno == EINTR)
			continue;
		if (w <= 0) {
			o->failed = true;
			break;
		}
		s += w;
		n -= (size_t)w;
		off += (uint64_t)w;
	}
}

/* Writes what is kept. */
static void
flush(struct file_out *o)
{
	if (o->blen > 0)
		put_at(o, o->len - o->blen, o->buf, o->blen);
	o->blen = 0;
}

void
file_out_write_at(struct file_out *o, uint64_t off, const void *p, size_t n)
{
	flush(o);
	put_at(o, off, p, n);
	if (off + n > o->len)
		o->len = off + n;
}

/*
 * Appends p[0..n): kept and written a block at a time, so that the index's
 * terms, 24 bytes each, are not a system call each.
 */
void
file_out_write(struct file_out *o, const void *p, size_t n)
{
	if (o->buf == NULL || n >= FILE_OUT_BLOCK) {
		file_out_write_at(o, o->len, p, n);
		return;
	}
	if (o->blen + n > FILE_OUT_BLOCK)
		flush(o);
	memcpy(o->buf + o->blen, p, n);
	o->blen += n;
	o->len += n;
}

bool
file_out_close(struct file_out *o, const char *path, bool durable)
{
	bool	ok;
	char	proc[64];
	int	fd;

	if (o->fd != -1)
		flush(o);
	ok = o->fd != -1 && !o->failed;

	ok = ok && (!durable || fsync(o->fd) == 0);
	if (ok && o->unnamed) {
		/* a name for the whole file (unique: pid and random), then
		 * its own, in one rename */
		snprintf(proc, sizeof proc, "/proc/self/fd/%d", o->fd);
		if ((fd = mkostemp(o->tmp, O_CLOEXEC)) == -1)
			ok = false;
		else {
			close(fd);
			unlink(o->tmp);
			ok = linkat(AT_FDCWD, proc, AT_FDCWD, o->tmp,
			    AT_SYMLINK_FOLLOW) == 0;
		}
	}
	if (o->fd != -1 && close(o->fd) != 0)
		ok = false;
	if (ok)
		ok = rename(o->tmp, path) == 0;
	if (!ok && o->tmp != NULL)
		unlink(o->tmp);
	free(o->tmp);
	free(o->buf);
	memset(o, 0, sizeof *o);
	o->fd = -1;
	return ok;
}

/* SIGINT, SIGTERM and SIGHUP wait while the file is made: none is left. */
bool
file_write_atomic(const char *path, const char *data, size_t len,
    bool durable)
{
	struct file_out	 o;
	sigset_t	 block, old;
	bool		 ok = false;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	if (file_out_open(&o, path)) {
		file_out_write(&o, data, len);
		ok = file_out_close(&o, path, durable);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return ok;
}

void
file_clean_stale(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	const char	*p;
	char		*end;
	long		 pid;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if ((p = strstr(de->d_name, ".tmp.")) == NULL)
			continue;
		errno = 0;
		pid = strtol(p + 5, &end, 10);
		if (errno != 0 || end == p + 5 || pid <= 0 ||
		    (*end != '\0' && *end != '.'))
			continue;
		if (pid == (long)getpid() ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;	/* its writer is alive */
		unlinkat(dirfd(d), de->d_name, 0);
	}
	closedir(d);
}

bool
file_private_dir(const char *dir, const char **err)
{
	struct stat	st;

	if (lstat(dir, &st) != 0) {
		*err = strerror(errno);
		return false;
	}
	if (!S_ISDIR(st.st_mode)) {
		*err = S_ISLNK(st.st_mode) ? "is a symbolic link, not a folder" :
		    "not a folder";
		return false;
	}
	if (st.st_uid != geteuid()) {
		*err = "belongs to another user";
		return false;
	}
	if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
		*err = "can be written by other users";
		return false;
	}
	return true;
}

uint64_t
file_checksum(const void *p, size_t n, uint64_t h)
{
	const unsigned char	*s = p;
	uint64_t		 w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	for (; n > 0; s++, n--)
		h = (h ^ *s) * 0x100000001b3ULL;
	return h ^ (h >> 32);
}

bool
file_is_issue(const char *name)
{
	static const char *const ext[] = { ".txt", ".md", ".xml", ".rss",
	    ".atom" };
	size_t	n = strlen(name), k, e;

	if (name[0] == '.')
		return false;
	for (k = 0; k < sizeof ext / sizeof ext[0]; k++)
		if (n > (e = strlen(ext[k])) && strcmp(name + n - e, ext[k]) == 0)
			return true;
	return false;
}

void
file_add_sum(struct buf *b)
{
	buf_addf(b, "sum %016llx\n",
	    (unsigned long long)file_checksum(b->p, b->len, 0));
}

char *
file_read_summed(const char *path, size_t max, size_t *len)
{
	const char	*err;
	char		*s, *p, *end;
	size_t		 n;

	if ((s = file_read_max(path, max, false, &n, &err)) == NULL)
		return NULL;
	if (n < 2 || s[n - 1] != '\n')
		goto bad;
	for (p = s + n - 1; p > s && p[-1] != '\n'; p--)
		;
	if (strncmp(p, "sum ", 4) != 0 ||
	    strtoull(p + 4, &end, 16) != file_checksum(s, (size_t)(p - s), 0) ||
	    *end != '\n')
		goto bad;
	*p = '\0';
	*len = (size_t)(p - s);
	return s;
bad:
	free(s);
	return NULL;
}

char *
file_cache_path(const char *cachedir, const char *dir, const char *prefix)
{
	char		*real = realpath(dir, NULL);
	const char	*p = real ? real : dir;
	unsigned long	 h = 5381;
	struct buf	 b = { 0 };

	for (; *p != '\0'; p++)
		h = h * 33 ^ (unsigned char)*p;
	free(real);
	buf_addf(&b, "%s/%s-%016lx", cachedir, prefix, h);
	return buf_take(&b, NULL);
}
