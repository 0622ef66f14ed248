/*
 * date: calendar dates.
 */
#include <stdio.h>

#include "date.h"

int
date_days_in(int y, int m)
{
	static const int	d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

bool
date_valid(int y, int m, int d)
{
	return y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR && d >= 1 &&
	    d <= date_days_in(y, m);
}

int
date_weekday(int y, int m, int d)
{
	static const int	t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };

	if (m < 1 || m > 12)
		return 0;
	if (m < 3)
		y--;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d + 6) % 7;
}

bool
date_format(char *out, int y, int m, int d)
{
	if (!date_valid(y, m, d))
		return false;
	/* unsigned: the compiler sees that it fits, at any -O */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
	return true;
}

static bool
digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
num(const char *p, int k)
{
	int	v = 0;

	while (k-- > 0)
		v = v * 10 + (*p++ - '0');
	return v;
}

bool
date_from_name(const char *name, char *out)
{
	const char	*p;
	int		 k;

	for (p = name; *p != '\0'; p++) {
		if ((p > name && digit(p[-1])) || !digit(*p))
			continue;
		for (k = 0; k < 4 && digit(p[k]); k++)
			;
		if (k < 4)
			continue;
		if ((p[4] == '-' || p[4] == '_' || p[4] == '.') && digit(p[5]) &&
		    digit(p[6]) && p[7] == p[4] && digit(p[8]) && digit(p[9]) &&
		    !digit(p[10])) {
			if (date_format(out, num(p, 4), num(p + 5, 2),
			    num(p + 8, 2)))
				return true;
		} else if (digit(p[4]) && digit(p[5]) && digit(p[6]) &&
		    digit(p[7]) && !digit(p[8])) {
			if (date_format(out, num(p, 4), num(p + 4, 2),
			    num(p + 6, 2)))
				return true;
		}
	}
	return false;
}

int
date_parse_typed(const char *s, int y, int m, char *out)
{
	int		 f[3], nf = 0, len[3] = { 0 };
	const char	*p = s;

	/* numbers apart by anything else: -, /, ., 年, 月, 日, spaces */
	while (*p != '\0' && nf <= 3) {
		int	v = -1, k = 0;

		for (;;) {
			if (*p >= '0' && *p <= '9') {
				v = (v < 0 ? 0 : v) * 10 + (*p - '0');
				p++;
			} else if ((unsigned char)p[0] == 0xef &&
			    (unsigned char)p[1] == 0xbc &&
			    (unsigned char)p[2] >= 0x90 &&
			    (unsigned char)p[2] <= 0x99) {
				/* a full-width digit: EF BC 90..99 */
				v = (v < 0 ? 0 : v) * 10 +
				    ((unsigned char)p[2] - 0x90);
				p += 3;
			} else
				break;
			if (++k > 8)
				return 0;
		}
		if (v >= 0) {
			if (nf == 3)
				return 0;
			len[nf] = k;
			f[nf++] = v;
		} else
			p++;
	}
	/* 20250327: one number of eight digits */
	if (nf == 1 && len[0] == 8) {
		f[2] = f[0] % 100;
		f[1] = f[0] / 100 % 100;
		f[0] /= 10000;
		nf = 3;
	}
	if (nf == 2) {			/* 03-27: this year */
		f[2] = f[1];
		f[1] = f[0];
		f[0] = y;
	} else if (nf == 1 && len[0] <= 2) {	/* 27: this month */
		f[2] = f[0];
		f[1] = m;
		f[0] = y;
	} else if (nf != 3)
		return 0;
	if (f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 ||
	    f[0] < DATE_MIN_YEAR || f[0] > DATE_MAX_YEAR)
		return f[1] >= 1 && f[1] <= 12 && f[2] >= 1 && f[2] <= 31 ? -1 :
		    0;
	return date_format(out, f[0], f[1], f[2]) ? 1 : -1;
}
