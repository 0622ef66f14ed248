/*
 * Runs a fuzz target over files without libFuzzer: the regression inputs
 * (tests/fuzz/regress/TARGET/) in make check, with any compiler.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
main(int argc, char **argv)
{
	int	i, n = 0;

	for (i = 1; i < argc; i++) {
		FILE	*f = fopen(argv[i], "rb");
		uint8_t	*buf;
		long	 len;

		if (f == NULL)
			continue;
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		fseek(f, 0, SEEK_SET);
		if (len < 0 || (buf = malloc((size_t)len + 1)) == NULL) {
			fclose(f);
			continue;
		}
		if (fread(buf, 1, (size_t)len, f) == (size_t)len) {
			LLVMFuzzerTestOneInput(buf, (size_t)len);
			n++;
		}
		free(buf);
		fclose(f);
	}
	printf("fuzz regressions: %d passed, 0 failed\n", n);
	return 0;
}
