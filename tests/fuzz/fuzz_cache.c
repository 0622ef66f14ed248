/*
 * libFuzzer target: a damaged or hostile list cache is never trusted.
 * The input is the list cache file of a small library; whatever it holds,
 * the listing is that of the files themselves (their dates and titles),
 * and nothing crashes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../model/archive.h"
#include "../../model/file.h"
#include "library.h"

static const char *const issues[] = {
	"# 青河日报\n\n2025年6月10日 星期二\n\n## 麦收\n\n麦子进仓。\n",
	"## 标题\n\n本报讯 记者某某报道:青河的夜市开张了。\n",
};

static char	 dir[64], lib[128], cache[128], *listfile;
static char	 want[512];

static void
listing(const struct archive *ar, char *out, size_t cap)
{
	size_t	i, k = 0;

	out[0] = '\0';
	for (i = 0; i < ar->n && k + 128 < cap; i++)
		k += (size_t)snprintf(out + k, cap - k, "%s|%s|%s\n",
		    ar->v[i].path, ar->v[i].date,
		    ar->v[i].title ? ar->v[i].title : "-");
}

static int
setup(void)
{
	struct archive	 ar;
	const char	*err;

	strcpy(dir, "/tmp/kanbao-fuzz-list-XXXXXX");
	if (fuzz_library(dir, lib, cache, issues,
	    sizeof issues / sizeof *issues) != 0)
		return -1;
	if (!archive_open(&ar, lib, NULL, &err))
		return -1;
	listing(&ar, want, sizeof want);
	archive_close(&ar);
	if ((listfile = file_cache_path(cache, lib, "list")) == NULL)
		return -1;
	return 0;
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 ready;
	struct archive	 ar;
	const char	*err;
	char		 got[512];
	FILE		*f;

	if (ready == 0)
		ready = setup() == 0 ? 1 : -1;
	if (ready < 0)
		return 0;
	if ((f = fopen(listfile, "wb")) == NULL)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	if (!archive_open(&ar, lib, cache, &err))
		return 0;
	listing(&ar, got, sizeof got);
	if (strcmp(got, want) != 0) {
		fprintf(stderr, "listing:\n%swant:\n%s", got, want);
		abort();
	}
	archive_close(&ar);
	return 0;
}
