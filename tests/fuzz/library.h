/*
 * library.h: a small library of issues in a new temporary folder, for the
 * fuzz targets that damage its cache files (fuzz_index, fuzz_cache).
 */
#ifndef KANBAO_FUZZ_LIBRARY_H
#define KANBAO_FUZZ_LIBRARY_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char	*fuzz_dir;	/* removed at exit */

static int
fuzz_remove(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

static void
fuzz_cleanup(void)
{
	if (fuzz_dir != NULL)
		nftw(fuzz_dir, fuzz_remove, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * Makes dir (a mkdtemp template, 64 bytes) with lib/ holding issues[i] as
 * 2025-06-(10 + i).txt and an empty cache/; lib and cache get their paths
 * (128 bytes each).  0 on success.  The folder is removed at exit.
 */
static int
fuzz_library(char *dir, char *lib, char *cache, const char *const *issues,
    size_t n)
{
	char	path[192];
	size_t	i;
	FILE	*f;

	if (mkdtemp(dir) == NULL)
		return -1;
	fuzz_dir = dir;
	atexit(fuzz_cleanup);
	snprintf(lib, 128, "%s/lib", dir);
	snprintf(cache, 128, "%s/cache", dir);
	mkdir(lib, 0700);
	mkdir(cache, 0700);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/2025-06-%02zu.txt", lib, 10 + i);
		if ((f = fopen(path, "w")) == NULL)
			return -1;
		fputs(issues[i], f);
		fclose(f);
	}
	return 0;
}

#endif
