/*
 * bench: times the text engine on a file -- sanitise, then lay out every
 * paragraph at 80 cells -- and the whole --dump path, printing MB/s.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../model/file.h"
#include "../model/issue.h"
#include "../model/text.h"
#include "../model/wrap.h"

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	const char	*err;
	char		*s, *t, *p, *e;
	size_t		 n, tn, lines = 0;
	struct wrapper	 w;
	double		 t0, t1, t2;

	if (argc != 2) {
		fprintf(stderr, "usage: bench FILE\n");
		return 2;
	}
	if ((s = file_read(argv[1], &n, &err)) == NULL) {
		fprintf(stderr, "bench: %s: %s\n", argv[1], err);
		return 1;
	}
	t0 = now();
	t = text_sanitise(s, n, &tn);
	t1 = now();
	wrap_init(&w, 1);
	for (p = t; p < t + tn; p = e + 1) {
		e = memchr(p, '\n', (size_t)(t + tn - p));
		if (e == NULL)
			e = t + tn;
		lines += (size_t)wrap_paragraph(&w, p, (size_t)(e - p), 80, 4);
	}
	t2 = now();
	printf("engine\t%.3f\t%.1f MB/s\t(sanitise %.3f s, layout %.3f s, %zu lines)\n",
	    t2 - t0, (double)n / 1e6 / (t2 - t0), t1 - t0, t2 - t1, lines);
	wrap_free(&w);
	free(t);
	free(s);
	return 0;
}
