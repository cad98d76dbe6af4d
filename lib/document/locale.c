/*
 * Locale tags as policyctl names files and pages by them: a BCP 47
 * language subtag of two or three letters, then subtags of one to eight
 * letters or digits, joined by '-' ("zh-CN", "en", "sr-Latn-RS").
 */
#include <string.h>

#include "policy/locale.h"

int policy_locale_valid(const char *s)
{
	size_t n = strlen(s), i = 0, sub = 0;

	if (n == 0 || n > 35)
		return 0;
	while (i <= n) {
		size_t start = i;

		while (i < n && s[i] != '-') {
			char c = s[i];

			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			      (c >= '0' && c <= '9')))
				return 0;
			if (sub == 0 && c >= '0' && c <= '9')
				return 0;
			i++;
		}
		if (i == start || i - start > 8 || (sub == 0 && (i - start < 2 || i - start > 3)))
			return 0;
		sub++;
		i++;
	}
	return 1;
}
