/*
 * masthead: recognises the lines of a front-page masthead -- dates split
 * over several lines, weekday, lunar date, running number, page count --
 * by pattern, in any order.
 */
#ifndef KANBAO_MASTHEAD_H
#define KANBAO_MASTHEAD_H

#include <stdbool.h>
#include <stddef.h>

struct mast {
	int	year, month, day;	/* 0 when not seen */
	char	weekday[16];		/* 星期二, UTF-8 */
	char	lunar[64];		/* lunar date, e.g. 乙巳年五月十五 */
	char	number[24];		/* digits of the running number */
	int	pages;			/* page count */
};

/*
 * If every space-separated token of s[0..n-1] is a masthead field, records
 * them in *m (fields already set are kept) and returns true; otherwise
 * returns false and leaves *m alone.  A bare day number counts only after
 * a year and month without a day.
 */
bool	mast_fields(const char *s, size_t n, struct mast *m);

/* Whether s looks like a registration/contact line (刊号, 邮发代号, ISSN). */
bool	mast_is_contact(const char *s, size_t n);

/* Whether s looks like a publisher line (主管, 主办, 出版). */
bool	mast_is_publisher(const char *s, size_t n);

#endif
