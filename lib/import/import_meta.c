/*
 * The import's metadata stage: short lines (and dates at either end of
 * long paragraphs) naming a release or effective date or a version give
 * the front matter and leave the body; each value found, guessed or
 * missing is a note.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "buf.h"
#include "error.h"
#include "import_internal.h"
#include "internal.h"
#include "policy/document.h"
#include "utf8.h"

#define META_LINE_MAX 120 /* code points: longer lines are text, not metadata */

/* --- metadata ----------------------------------------------------------- */

static const struct {
	const char *key;
	meta_field field;
} meta_keys[] = {
	{"版本生效日期", META_EFFECTIVE},   {"版本更新日期", META_RELEASED},
	{"版本发布日期", META_RELEASED},    {"最近更新日期", META_RELEASED},
	{"最后更新日期", META_RELEASED},    {"更新日期", META_RELEASED},
	{"最近更新时间", META_RELEASED},    {"最后更新时间", META_RELEASED},
	{"最近更新", META_RELEASED},        {"最后更新", META_RELEASED},
	{"最后发布", META_RELEASED},        {"最近发布", META_RELEASED},
	{"更新于", META_RELEASED},          {"发布于", META_RELEASED},
	{"更新时间", META_RELEASED},        {"发布日期", META_RELEASED},
	{"发布时间", META_RELEASED},        {"生效日期", META_EFFECTIVE},
	{"生效时间", META_EFFECTIVE},       {"当前政策版本", META_VERSION},
	{"政策版本", META_VERSION},         {"当前版本", META_VERSION},
	{"版本号", META_VERSION},           {"版本", META_VERSION},
	{"last updated", META_RELEASED},    {"last modified", META_RELEASED},
	{"last revised", META_RELEASED},    {"updated on", META_RELEASED},
	{"updated", META_RELEASED},         {"release date", META_RELEASED},
	{"published", META_RELEASED},       {"effective date", META_EFFECTIVE},
	{"effective from", META_EFFECTIVE}, {"effective as of", META_EFFECTIVE},
	{"effective", META_EFFECTIVE},      {"version", META_VERSION},
};

static const char *const months[] = {"january",   "february", "march",    "april",
				     "may",       "june",     "july",     "august",
				     "september", "october",  "november", "december"};

static size_t skip_blank_punct(const char *s, size_t i, size_t n)
{
	while (i < n && (s[i] == ' ' || s[i] == ':' || s[i] == '-' || s[i] == '\t'))
		i++;
	if (i + 3 <= n && strncasecmp(s + i, "is ", 3) == 0)
		i += 3;
	if (i + 3 <= n && strncasecmp(s + i, "on ", 3) == 0)
		i += 3;
	if (i + 3 <= n && strncasecmp(s + i, "as ", 3) == 0)
		i += 3;
	if (i + 3 <= n && strncasecmp(s + i, "of ", 3) == 0)
		i += 3;
	while (i < n && (s[i] == ' ' || s[i] == ':'))
		i++;
	return i;
}

static size_t number(const char *s, size_t i, size_t n, int *out)
{
	size_t start = i;
	int v = 0;

	while (i < n && isdigit((unsigned char)s[i]) && i - start < 5)
		v = v * 10 + (s[i++] - '0');
	*out = v;
	return i - start;
}

static int month_name(const char *s, size_t i, size_t n, int *month, size_t *used)
{
	for (int m = 0; m < 12; m++) {
		size_t full = strlen(months[m]);

		if (i + full <= n && strncasecmp(s + i, months[m], full) == 0) {
			*month = m + 1;
			*used = full;
			return 1;
		}
		if (i + 3 <= n && strncasecmp(s + i, months[m], 3) == 0 &&
		    (i + 3 == n || !isalpha((unsigned char)s[i + 3]) || s[i + 3] == '.')) {
			*month = m + 1;
			*used = 3 + (i + 3 < n && s[i + 3] == '.');
			return 1;
		}
	}
	return 0;
}

/* A date at s[i] (NFKC text): 2023年5月26日, 2023年8月, 2023-05-26,
 * 2023/5/26, 2023.05.26, 2023-05, May 26, 2023, 26 May 2023, May 2023. */
static size_t parse_date(const char *s, size_t i, size_t n, meta_value *v)
{
	int y = 0, m = 0, d = 0;
	size_t k, start = i, used;
	char text[16];

	v->month_only = 0;
	if ((k = number(s, i, n, &y)) == 4) {
		size_t sp;

		i += k;
		/* "2020 年 05 月 25 日": spaces around each part */
		for (sp = i; sp < n && s[sp] == ' '; sp++)
			;
		if (sp + 3 <= n && memcmp(s + sp, "年", 3) == 0) {
			i = sp + 3;
			while (i < n && s[i] == ' ')
				i++;
			if ((k = number(s, i, n, &m)) == 0)
				return 0;
			for (sp = i + k; sp < n && s[sp] == ' '; sp++)
				;
			if (sp + 3 > n || memcmp(s + sp, "月", 3) != 0)
				return 0;
			i = sp + 3;
			while (i < n && s[i] == ' ')
				i++;
			k = number(s, i, n, &d);
			for (sp = i + k; sp < n && s[sp] == ' '; sp++)
				;
			if (k > 0 && sp + 3 <= n &&
			    (memcmp(s + sp, "日", 3) == 0 || memcmp(s + sp, "号", 3) == 0))
				i = sp + 3;
			else
				d = 0;
		} else if (i < n && strchr("-/.", s[i]) != NULL && s[i] != '\0') {
			char sep = s[i++];

			if ((k = number(s, i, n, &m)) == 0)
				return 0;
			i += k;
			if (i < n && s[i] == sep && (k = number(s, i + 1, n, &d)) > 0)
				i += 1 + k;
		} else {
			return 0;
		}
	} else if (month_name(s, i, n, &m, &used)) {
		i += used;
		while (i < n && s[i] == ' ')
			i++;
		if ((k = number(s, i, n, &d)) > 0 && k <= 2) {
			i += k;
			while (i < n && (s[i] == ',' || s[i] == ' '))
				i++;
		} else {
			d = 0;
		}
		if (number(s, i, n, &y) != 4)
			return 0;
		i += 4;
	} else if ((k = number(s, i, n, &d)) > 0 && k <= 2) {
		i += k;
		while (i < n && s[i] == ' ')
			i++;
		if (!month_name(s, i, n, &m, &used))
			return 0;
		i += used;
		while (i < n && (s[i] == ' ' || s[i] == ','))
			i++;
		if (number(s, i, n, &y) != 4)
			return 0;
		i += 4;
	} else {
		return 0;
	}
	if (d == 0) {
		d = 1;
		v->month_only = 1;
	}
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	snprintf(text, sizeof(text), "%04d-%02d-%02d", y, m, d);
	if (policy_date_parse(&v->date, text) < 0) {
		policy_error_clear();
		return 0;
	}
	return i - start;
}

/* A version at s[i]: 2.0, V2.0.1, 2 (read as 2.0). */
static size_t parse_version(const char *s, size_t i, size_t n, meta_value *v)
{
	size_t start = i, k = 0;
	policy_version parsed;

	if (i < n && (s[i] == 'v' || s[i] == 'V'))
		i++;
	while (i + k < n && (isdigit((unsigned char)s[i + k]) || s[i + k] == '.') && k < 20)
		k++;
	while (k > 0 && s[i + k - 1] == '.')
		k--;
	if (k == 0 || !isdigit((unsigned char)s[i]))
		return 0;
	snprintf(v->version, sizeof(v->version), "%.*s%s", (int)k, s + i,
		 memchr(s + i, '.', k) ? "" : ".0");
	if (policy_version_parse(&parsed, v->version) < 0) {
		policy_error_clear();
		return 0;
	}
	return i + k - start;
}

/* Find metadata in one short block; drop the block when it holds nothing
 * else. */
/* A date the word after it names: "本政策于2017年9月1日发布，自2017年9月7日
 * 起生效", "2023年5月26日更新". The bytes it used, or 0. */
static size_t date_then_word(const char *s, size_t i, size_t n, const block *b, meta_value *found)
{
	static const struct {
		const char *word;
		meta_field field;
	} after[] = {{"发布", META_RELEASED},  {"更新", META_RELEASED},  {"修订", META_RELEASED},
		     {"生效", META_EFFECTIVE}, {"施行", META_EFFECTIVE}, {"实施", META_EFFECTIVE}};
	static const char *const fillers[] = {"起", "正式", "开始", "并", " ", NULL};
	meta_value v;
	size_t got, at;

	if (i > 0 && isdigit((unsigned char)s[i - 1]))
		return 0;
	memset(&v, 0, sizeof(v));
	if ((got = parse_date(s, i, n, &v)) == 0)
		return 0;
	at = i + got;
	for (int again = 1; again;) {
		again = 0;
		for (size_t k = 0; fillers[k] != NULL; k++)
			if (at + strlen(fillers[k]) <= n &&
			    memcmp(s + at, fillers[k], strlen(fillers[k])) == 0) {
				at += strlen(fillers[k]);
				again = 1;
			}
	}
	/* "对《隐私政策》进行了更新": what was updated, then the word */
	if (at + 3 <= n && memcmp(s + at, "对", 3) == 0) {
		const char *close = memmem(s + at, n - at < 90 ? n - at : 90, "》", 3);
		static const char *const done[] = {"进行了", "进行", "作了", "做了", NULL};

		if (close != NULL) {
			at = (size_t)(close - s) + 3;
			for (size_t k = 0; done[k] != NULL; k++)
				if (at + strlen(done[k]) <= n &&
				    memcmp(s + at, done[k], strlen(done[k])) == 0) {
					at += strlen(done[k]);
					break;
				}
		}
	}
	for (size_t k = 0; k < sizeof(after) / sizeof(after[0]); k++) {
		size_t wl = strlen(after[k].word);

		if (at + wl > n || memcmp(s + at, after[k].word, wl) != 0)
			continue;
		v.found = 1;
		v.line = b->line;
		snprintf(v.text, sizeof(v.text), "%.*s", (int)(at + wl - i), s + i);
		if (!found[after[k].field].found)
			found[after[k].field] = v;
		return at + wl - i;
	}
	return 0;
}

/* Drop the brackets some policies put around a date's parts
 * ("【2020 年 12 月 08 日】", "2020年【10】月【29】日"); NFKC keeps them. */
static size_t drop_brackets(char *s, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n;) {
		if (i + 3 <= n && (memcmp(s + i, "【", 3) == 0 || memcmp(s + i, "】", 3) == 0)) {
			i += 3;
			continue;
		}
		if (s[i] == '[' || s[i] == ']') {
			i++;
			continue;
		}
		s[o++] = s[i++];
	}
	s[o] = '\0';
	return o;
}

/* `edge`: the block is among the first or last few of the document,
 * where a long paragraph may still state the policy's dates in a
 * sentence ("我们于2019年10月17日对《隐私政策》进行了更新"). */
int policy__import_scan_meta(block *b, meta_value *found, policy_buf *norm, int edge)
{
	size_t n, rest = 0;
	int hits = 0, sentence_only = 0;

	if (policy__import_code_points(b->plain) > META_LINE_MAX) {
		if (!edge || policy__import_code_points(b->plain) > 4 * META_LINE_MAX)
			return 0;
		sentence_only = 1; /* dates named by a word after them, no keys */
	}
	policy__buf_clear(norm);
	if (policy__utf8_nfkc(norm, b->plain, strlen(b->plain), 0) < 0 || norm->ptr == NULL)
		return policy_error_last()->code == POLICY_ENOMEM ? POLICY_ENOMEM : 0;
	n = norm->size = drop_brackets(norm->ptr, norm->size);
	for (size_t i = 0; i < n;) {
		size_t used = 0;

		for (size_t k = 0; k < sizeof(meta_keys) / sizeof(meta_keys[0]) && !sentence_only;
		     k++) {
			size_t kl = strlen(meta_keys[k].key), at, got;
			meta_value v;

			if (i + kl > n || strncasecmp(norm->ptr + i, meta_keys[k].key, kl) != 0)
				continue;
			/* "version" inside "conversion" is no key. */
			if (isalpha((unsigned char)meta_keys[k].key[0]) && i > 0 &&
			    isalpha((unsigned char)norm->ptr[i - 1]))
				continue;
			memset(&v, 0, sizeof(v));
			at = skip_blank_punct(norm->ptr, i + kl, n);
			got = meta_keys[k].field == META_VERSION
				      ? parse_version(norm->ptr, at, n, &v)
				      : parse_date(norm->ptr, at, n, &v);
			if (got == 0)
				continue;
			v.found = 1;
			v.line = b->line;
			snprintf(v.text, sizeof(v.text), "%.*s", (int)(at + got - i),
				 norm->ptr + i);
			if (!found[meta_keys[k].field].found)
				found[meta_keys[k].field] = v;
			used = at + got - i;
			hits++;
			break;
		}
		if (used == 0 && (used = date_then_word(norm->ptr, i, n, b, found)) > 0)
			hits++;
		if (used > 0) {
			i += used;
		} else {
			/* Letters and digits outside key and value are text. */
			size_t at = i;
			int32_t c = policy__utf8_next(norm->ptr, n, &at);

			rest += c > 0 && policy__utf8_is_alnum(c);
			i = at > i ? at : i + 1;
		}
	}
	/* A line that is only "key: value" pairs is metadata, not text. */
	if (hits > 0 && rest <= 2 && !sentence_only)
		b->dropped = 1;
	return 0;
}

static int note_date(import_doc *d, const char *field, meta_value *v)
{
	char day[11], message[200];

	policy_date_format(day, &v->date);
	snprintf(message, sizeof(message), "from \"%.100s\"%s", v->text,
		 v->month_only ? "; the month alone is given, so the first of the month is used"
			       : "");
	return policy__import_note(d, v->month_only ? "guessed" : "found", field, day, v->line,
				   message);
}

/* The front matter's values from what was found, and notes on each. */
int policy__import_settle_meta(import_doc *d, meta_value *meta, policy_meta *m,
			       const policy_date *today, char *released, char *effective)
{
	int rc = 0;

	if (meta[META_RELEASED].found)
		rc = note_date(d, "released", &meta[META_RELEASED]);
	if (rc == 0 && meta[META_EFFECTIVE].found)
		rc = note_date(d, "effective", &meta[META_EFFECTIVE]);
	if (!meta[META_RELEASED].found && !meta[META_EFFECTIVE].found) {
		meta[META_RELEASED].date = meta[META_EFFECTIVE].date = *today;
		policy_date_format(released, today);
		rc = policy__import_note(
			d, "missing", "released", released, 0,
			"no release or effective date found; today's date is used for both");
	} else if (!meta[META_RELEASED].found) {
		meta[META_RELEASED].date = meta[META_EFFECTIVE].date;
		policy_date_format(released, &meta[META_RELEASED].date);
		rc = policy__import_note(d, "guessed", "released", released, 0,
					 "no release date found; the effective date is used");
	} else if (!meta[META_EFFECTIVE].found) {
		meta[META_EFFECTIVE].date = meta[META_RELEASED].date;
		policy_date_format(effective, &meta[META_EFFECTIVE].date);
		rc = policy__import_note(d, "guessed", "effective", effective, 0,
					 "no effective date found; the release date is used");
	}
	if (rc == 0 && policy_date_cmp(&meta[META_EFFECTIVE].date, &meta[META_RELEASED].date) < 0) {
		meta[META_EFFECTIVE].date = meta[META_RELEASED].date;
		policy_date_format(effective, &meta[META_EFFECTIVE].date);
		rc = policy__import_note(
			d, "guessed", "effective", effective, meta[META_EFFECTIVE].line,
			"the effective date was before the release date; the release date is used");
	}
	if (rc == 0 && meta[META_VERSION].found) {
		char message[120];

		snprintf(message, sizeof(message), "from \"%.100s\"", meta[META_VERSION].text);
		rc = policy__import_note(d, "found", "version", meta[META_VERSION].version,
					 meta[META_VERSION].line, message);
	} else if (rc == 0) {
		snprintf(meta[META_VERSION].version, sizeof(meta[META_VERSION].version), "1.0");
		rc = policy__import_note(d, "missing", "version", "1.0", 0,
					 "no version found; 1.0 is used");
	}
	policy_date_format(released, &meta[META_RELEASED].date);
	policy_date_format(effective, &meta[META_EFFECTIVE].date);
	m->released = meta[META_RELEASED].date;
	m->effective = meta[META_EFFECTIVE].date;
	m->version_text = meta[META_VERSION].version;
	return rc;
}
