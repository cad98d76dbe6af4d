/*
 * Content negotiation (RFC 9110, section 12). Header values are lists of
 * items separated by commas, each with optional parameters after ';', of
 * which only q matters here. Lists are short (a phone sends a handful of
 * languages), so they are scanned in place, without allocation.
 */
#include "negotiate.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ITEMS_MAX 16
#define TAG_MAX 36

typedef struct {
	char value[TAG_MAX];
	double q;
	size_t order;
} item;

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* The q parameter of an item's parameters (1 when absent). */
static double q_of(const char *params, const char *end)
{
	for (const char *p = params; p < end; p++) {
		if ((*p == 'q' || *p == 'Q') && p + 1 < end && p[1] == '=' &&
		    (p == params || p[-1] == ';' || is_space(p[-1]))) {
			double q = strtod(p + 2, NULL);

			return q < 0 ? 0 : q > 1 ? 1 : q;
		}
	}
	return 1;
}

static int by_q(const void *x, const void *y)
{
	const item *a = x, *b = y;

	if (a->q != b->q)
		return a->q > b->q ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Split a header into items sorted by q (stable), q=0 dropped. A header
 * of more than ITEMS_MAX items keeps the ITEMS_MAX it prefers most (the
 * weakest kept is replaced by a stronger one found later), so that
 * however long the list, its best choices count. */
static size_t parse_list(const char *header, item *out)
{
	size_t n = 0, order = 0;
	const char *p = header;

	while (p != NULL && *p != '\0') {
		const char *end = strchr(p, ','), *semi, *v, *ve;

		if (end == NULL)
			end = p + strlen(p);
		for (semi = p; semi < end && *semi != ';'; semi++)
			;
		for (v = p; v < semi && is_space(*v); v++)
			;
		for (ve = semi; ve > v && is_space(ve[-1]); ve--)
			;
		if (ve > v && (size_t)(ve - v) < TAG_MAX) {
			item it;

			memcpy(it.value, v, (size_t)(ve - v));
			it.value[ve - v] = '\0';
			it.q = q_of(semi, end);
			it.order = order++;
			if (it.q > 0 && n < ITEMS_MAX) {
				out[n++] = it;
			} else if (it.q > 0) {
				size_t weakest = 0;

				for (size_t i = 1; i < n; i++)
					if (by_q(&out[i], &out[weakest]) > 0)
						weakest = i;
				if (by_q(&it, &out[weakest]) < 0)
					out[weakest] = it;
			}
		}
		p = *end ? end + 1 : NULL;
	}
	qsort(out, n, sizeof(*out), by_q);
	return n;
}

static const char *find(const char *tag, const char *const *available, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strcasecmp(available[i], tag) == 0)
			return available[i];
	return NULL;
}

/* A locale whose language is `lang` ("zh" finds "zh-CN"). */
static const char *find_language(const char *lang, const char *const *available, size_t count)
{
	size_t n = strlen(lang);

	for (size_t i = 0; i < count; i++)
		if (strncasecmp(available[i], lang, n) == 0 && available[i][n] == '-')
			return available[i];
	return NULL;
}

/* Drop a four-letter script subtag: zh-Hans-CN becomes zh-CN. */
static int drop_script(char *tag)
{
	char *a = strchr(tag, '-'), *b;

	if (a == NULL)
		return 0;
	b = strchr(a + 1, '-');
	if ((b ? (size_t)(b - a - 1) : strlen(a + 1)) != 4)
		return 0;
	memmove(a, b ? b : a + 5, strlen(b ? b : a + 5) + 1);
	return 1;
}

const char *policy__negotiate_locale(const char *header, const char *const *available, size_t count,
				     const char *fallback)
{
	item items[ITEMS_MAX];
	size_t n = parse_list(header, items);
	const char *hit;

	if (count == 0)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char tag[TAG_MAX], *dash;

		if (strcmp(items[i].value, "*") == 0)
			break;                            /* anything: the site's default below */
		memcpy(tag, items[i].value, sizeof(tag)); /* both TAG_MAX, NUL inside */
		if ((hit = find(tag, available, count)) != NULL)
			return hit;
		if (drop_script(tag) && (hit = find(tag, available, count)) != NULL)
			return hit;
		while ((dash = strrchr(tag, '-')) != NULL) {
			*dash = '\0';
			if ((hit = find(tag, available, count)) != NULL)
				return hit;
		}
		if ((hit = find_language(tag, available, count)) != NULL)
			return hit;
	}
	if (fallback != NULL && (hit = find(fallback, available, count)) != NULL)
		return hit;
	return available[0];
}

negotiate_format policy__negotiate_accept(const char *header)
{
	item items[ITEMS_MAX];
	size_t n = parse_list(header, items);

	for (size_t i = 0; i < n; i++) {
		if (strcasecmp(items[i].value, "text/html") == 0 ||
		    strcasecmp(items[i].value, "application/xhtml+xml") == 0)
			return NEGOTIATE_HTML;
		if (strcasecmp(items[i].value, "application/json") == 0)
			return NEGOTIATE_JSON;
		if (strcasecmp(items[i].value, "text/markdown") == 0)
			return NEGOTIATE_MARKDOWN;
	}
	return NEGOTIATE_HTML;
}

int policy__negotiate_gzip(const char *header)
{
	item items[ITEMS_MAX];
	size_t n = parse_list(header, items);

	for (size_t i = 0; i < n; i++)
		if (strcasecmp(items[i].value, "gzip") == 0 || strcmp(items[i].value, "*") == 0)
			return 1;
	return 0;
}

int policy__negotiate_etag_matches(const char *header, const char *etag)
{
	size_t n = strlen(etag);
	const char *p = header;

	while (p != NULL && *p != '\0') {
		while (is_space(*p) || *p == ',')
			p++;
		if (*p == '*')
			return 1;
		if (strncmp(p, "W/", 2) == 0)
			p += 2; /* weak comparison, as If-None-Match asks */
		if (strncmp(p, etag, n) == 0 && (p[n] == '\0' || p[n] == ',' || is_space(p[n])))
			return 1;
		p = strchr(p, ',');
	}
	return 0;
}
