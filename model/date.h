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
/*
 * A date as a person types it: 2025-03-27, 2025/3/27, 20250327,
 * 2025年3月27日, full-width digits; 03-27 or 3月27日 in year y, 27 in
 * month y-m.  1 and *out (YYYY-MM-DD) for a date, 0 for no date's shape,
 * -1 for a shape with no such day (2025-02-30).
 */
int	date_parse_typed(const char *s, int y, int m, char *out);

#endif
