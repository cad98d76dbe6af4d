/*
 * Versions and dates: the two typed values of the front matter. Both are
 * parsed strictly, since they end up in file names, tag names and in the
 * promises a policy makes (a version is never reused, an effective date is
 * a real day).
 */
#include "policy/version.h"

#include <string.h>
#include <time.h>

#include "error.h"

static int parse_number(uint32_t *out, const char **p)
{
	const char *s = *p;
	uint32_t v = 0;
	size_t n = 0;

	while (s[n] >= '0' && s[n] <= '9') {
		if (n == 9)
			return -1;
		v = v * 10 + (uint32_t)(s[n] - '0');
		n++;
	}
	if (n == 0 || (n > 1 && s[0] == '0'))
		return -1;
	*out = v;
	*p = s + n;
	return 0;
}

int policy_version_parse(policy_version *out, const char *text)
{
	const char *p = text;
	policy_version v = {0, 0, 0, 0};

	if (text == NULL)
		return policy__error_set(POLICY_EINVALID, "no version given");
	if (parse_number(&v.major, &p) < 0 || *p++ != '.' || parse_number(&v.minor, &p) < 0)
		goto bad;
	if (*p == '.') {
		p++;
		if (parse_number(&v.patch, &p) < 0)
			goto bad;
		v.has_patch = 1;
	}
	if (*p != '\0')
		goto bad;
	*out = v;
	return 0;
bad:
	return policy__error_set(
		POLICY_EINVALID,
		"version \"%.40s\" is not MAJOR.MINOR[.PATCH] with plain decimal numbers", text);
}

static int cmp_u32(uint32_t a, uint32_t b)
{
	return (a > b) - (a < b);
}

int policy_version_cmp(const policy_version *a, const policy_version *b)
{
	int c = cmp_u32(a->major, b->major);

	if (c == 0)
		c = cmp_u32(a->minor, b->minor);
	if (c == 0)
		c = cmp_u32(a->patch, b->patch);
	return c;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static int digits(const char *s, size_t n, int *out)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int policy_date_parse(policy_date *out, const char *text)
{
	policy_date d;

	if (text == NULL)
		return policy__error_set(POLICY_EINVALID, "no date given");
	if (strlen(text) != 10 || text[4] != '-' || text[7] != '-' ||
	    digits(text, 4, &d.year) < 0 || digits(text + 5, 2, &d.month) < 0 ||
	    digits(text + 8, 2, &d.day) < 0)
		return policy__error_set(POLICY_EINVALID, "date \"%.40s\" is not YYYY-MM-DD", text);
	if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 ||
	    d.day > days_in_month(d.year, d.month))
		return policy__error_set(POLICY_EINVALID, "date %s is not a calendar date", text);
	*out = d;
	return 0;
}

int policy_date_cmp(const policy_date *a, const policy_date *b)
{
	long x = policy_date_to_days(a);
	long y = policy_date_to_days(b);

	return (x > y) - (x < y);
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
long policy_date_to_days(const policy_date *date)
{
	long y = date->year - (date->month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long m = date->month;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + date->day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

policy_date policy_date_from_days(long days)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	policy_date d;

	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

policy_date policy_date_today(void)
{
	return policy_date_from_days((long)(time(NULL) / 86400));
}

void policy_date_format(char out[11], const policy_date *date)
{
	int y = date->year, m = date->month, d = date->day;

	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}
