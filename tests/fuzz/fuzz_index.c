/*
 * libFuzzer target: a damaged or hostile index file is rebuilt, or used
 * within its bounds, and never crashes a search.
 *
 * An input whose first byte is even is the whole index file.  Otherwise
 * the rest is a list of patches -- 4 bytes of offset, 1 byte of value --
 * applied to a valid index of a small library, so that the fuzzer reaches
 * past the header into the terms, postings, articles and strings that a
 * search checks only where it uses them.  The file is checksummed, so a
 * damaged index is found and rebuilt: the hits are those of the valid
 * index, whatever the damage.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../model/archive.h"
#include "../../model/file.h"
#include "../../model/search.h"
#include "library.h"

static const char *const issues[] = {
	"## 标题\n\n本报讯 记者某某报道:青河的麦子熟了。\n",
	("# 青河日报\n\n2025年6月11日 星期三\n\n## 麦收\n\n麦子进仓。\n\n"
	    "## 夜市\n\n老街的夜市开张了，ＱＲ码点单。\n"),
	"### 小标题\n\n第三期没有标题的正文，麦子和秸秆。\n",
};

static char	 dir[64], lib[128], cache[128], *ixfile;
static char	*valid;
static size_t	 validlen;
static char	 want[256];	/* the hits of 麦子: entry:article ... */

/* The hits as text, to compare. */
static void
hits_text(const struct query_hit *h, size_t n, char *out, size_t cap)
{
	size_t	i, k = 0;

	out[0] = '\0';
	for (i = 0; i < n && k + 32 < cap; i++)
		k += (size_t)snprintf(out + k, cap - k, "%zu:%zu ",
		    h[i].entry, h[i].article);
}

static int
setup(void)
{
	struct archive	 ar;
	struct query_hit	*h;
	size_t		 i, n;
	const char	*err;
	FILE		*f;

	strcpy(dir, "/tmp/kanbao-fuzz-ix-XXXXXX");
	if (fuzz_library(dir, lib, cache, issues,
	    sizeof issues / sizeof *issues) != 0)
		return -1;
	if (!archive_open(&ar, lib, NULL, &err))
		return -1;
	if (!search_library(&ar, "麦子", cache, NULL, NULL, &h, &n, &err, NULL))
		return -1;
	hits_text(h, n, want, sizeof want);
	query_free_hits(h, n);
	archive_close(&ar);
	/* file_read() is for text: it refuses the NUL bytes of an index */
	if ((ixfile = file_cache_path(cache, lib, "index")) == NULL ||
	    (f = fopen(ixfile, "rb")) == NULL)
		return -1;
	if (fseek(f, 0, SEEK_END) != 0 || (i = (size_t)ftell(f)) == 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (valid = malloc(i)) == NULL ||
	    fread(valid, 1, i, f) != i) {
		fclose(f);
		return -1;
	}
	fclose(f);
	validlen = i;
	return 0;
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int		 ready;
	struct archive		 ar;
	struct query_hit	*h;
	size_t			 n, i;
	const char		*err;
	char			*ix;
	FILE			*f;

	if (ready == 0)
		ready = setup() == 0 ? 1 : -1;
	if (ready < 0 || size == 0)
		return 0;
	if (data[0] % 2 == 0) {
		ix = malloc(size);
		if (ix != NULL)
			memcpy(ix, data + 1, size - 1);
		n = size - 1;
	} else {
		ix = malloc(validlen);
		if (ix != NULL)
			memcpy(ix, valid, validlen);
		for (i = 1; ix != NULL && i + 5 <= size; i += 5) {
			uint32_t	off = (uint32_t)data[i] |
			    (uint32_t)data[i + 1] << 8 |
			    (uint32_t)data[i + 2] << 16 |
			    (uint32_t)data[i + 3] << 24;

			ix[off % validlen] = (char)data[i + 4];
		}
		n = validlen;
	}
	if (ix == NULL)
		return 0;
	if ((f = fopen(ixfile, "wb")) != NULL) {
		fwrite(ix, 1, n, f);
		fclose(f);
	}
	free(ix);
	if (!archive_open(&ar, lib, NULL, &err))
		return 0;
	/* damage is found and the index rebuilt: the same hits */
	if (search_library(&ar, "麦子", cache, NULL, NULL, &h, &n, &err, NULL)) {
		char	got[256];

		for (i = 0; i < n; i++)
			if (h[i].entry >= ar.n || strlen(h[i].date) > 10 ||
			    h[i].headline == NULL || h[i].snippet == NULL)
				abort();
		hits_text(h, n, got, sizeof got);
		if (strcmp(got, want) != 0) {
			fprintf(stderr, "hits %s, want %s\n", got, want);
			abort();
		}
		query_free_hits(h, n);
	}
	if (search_library(&ar, "ｑｒ 夜市", cache, NULL, NULL, &h, &n, &err, NULL))
		query_free_hits(h, n);
	archive_close(&ar);
	return 0;
}
