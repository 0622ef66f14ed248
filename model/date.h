/*
 * date: calendar dates, checked in one place for the masthead, the
 * archive, the front-ends and the calendar (no 2025-02-30).
 */
#ifndef KANBAO_DATE_H
#define KANBAO_DATE_H

#include <stdbool.h>

#define DATE_MIN_YEAR	1800	/* the first year a paper's date may have */
#define DATE_MAX_YEAR	2200

int	date_days_in(int y, int m);	/* 0 for no such month */
bool	date_valid(int y, int m, int d);
int	date_weekday(int y, int m, int d);	/* 0 = Monday */
/* YYYY-MM-DD into out[11] when the date is valid. */
bool	date_format(char *out, int y, int m, int d);
/*
 * The date in a name (2025-03-27, 2025_03_27, 2025.03.27, 20250327) into
 * out[11]; false when it has none that is valid.
 */
bool	date_from_name(const char *name, char *out);

#endif
