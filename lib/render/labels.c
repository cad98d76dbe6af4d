/*
 * The words of the pages: every label a page, a redline, the archive page
 * and the index show, in the page's language. zh and en are built in; any
 * other language gets English throughout, never a mix, unless labels.json
 * in the template directory gives its words:
 *
 *     { "de": { "version": "Version", "level-major": "Wesentliche Änderung" } }
 *
 * A locale's own entry ("de-AT") wins over its language's ("de"); a key
 * neither gives is English. Templates name labels with data-label="key"
 * (lib/render/template.c); code asks for them by key.
 */
#include "labels.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "policy/category.h"
#include "policy/file.h"

typedef struct {
	const char *key;
	const char *en;
	const char *zh;
} entry;

static const entry builtin[] = {
	/* page.html */
	{"version", "Version", "版本"},
	{"released", "Released", "发布日期"},
	{"effective", "Effective", "生效日期"},
	{"this-version", "This version", "本版本"},
	{"see-changes", "See what changed", "查看变更内容"},
	{"earlier-versions", "Earlier versions", "历史版本"},
	{"upcoming", "Version {version} ({level}) takes effect on {date}. Read it before then.",
	 "新版本 {version}（{level}）将于 {date} 生效，请在此之前阅读。"},
	{"upcoming-plain", "Version {version} takes effect on {date}. Read it before then.",
	 "新版本 {version} 将于 {date} 生效，请在此之前阅读。"},
	{"read-upcoming", "Read the new version", "阅读新版本"},
	{"contents", "Contents", "目录"},
	/* levels: of a version against the one before */
	{"level-none", "No change in content", "内容无变化"},
	{"level-editorial", "Editorial change", "文字修订"},
	{"level-minor", "Minor change", "一般更新"},
	{"level-major", "Major change", "重大变更"},
	{"level-consent", "Needs your consent again", "需重新同意"},
	{"level-first", "First release", "首次发布"},
	/* categories */
	{"category-purposes", "purposes and personal data", "处理目的与个人信息"},
	{"category-controller", "who is responsible", "个人信息处理者"},
	{"category-recipients", "recipients and third parties", "接收方与第三方"},
	{"category-rights", "your rights", "您的权利"},
	{"category-contact", "contact", "联系方式"},
	{"category-transfer", "cross-border transfer", "跨境传输"},
	{"category-retention", "retention", "保存期限"},
	{"category-risk", "high risk", "高风险"},
	/* changes and statuses */
	{"change-added", "added", "新增"},
	{"change-removed", "removed", "删除"},
	{"change-changed", "changed", "变更"},
	{"status-unchanged", "unchanged", "未改动"},
	{"status-changed", "changed", "已修改"},
	{"status-added", "added", "新增"},
	{"status-removed", "removed", "删除"},
	{"status-moved", "moved", "移动"},
	{"status-editorial", "editorial", "文字调整"},
	{"risk-assessment", "risk assessment", "风险评估"},
	{"moved-to", "(moved) ↓", "（移至）↓"},
	{"moved-from", "(moved) ↑", "（移自）↑"},
	{"rule", "rule", "规则"},
	/* redline.html */
	{"from", "From", "旧版本"},
	{"to", "To", "新版本"},
	{"level", "Level", "变更级别"},
	{"changes", "Changes", "改动"},
	{"findings", "Findings", "变更要点"},
	{"no-findings", "No change that users must be told about.", "没有需要提示用户的变更。"},
	{"section-by-section", "Section by section", "逐节对照"},
	{"version-dates", "{version} (released {released}, effective {effective})",
	 "{version}（发布 {released}，生效 {effective}）"},
	{"stats", "+{inserted} −{deleted}, moved {moved}", "+{inserted} −{deleted}，移动 {moved}"},
	{"coarse",
	 "{count} heavily rewritten passage(s) too large to compare word by word are shown whole.",
	 "有 {count} 处大幅改写的段落过大，整段显示。"},
	/* versions.html */
	{"read-current", "Read the policy in effect", "查看现行版本"},
	{"in-effect", "in effect", "现行"},
	{"upcoming-badge", "upcoming", "即将生效"},
	{"effective-lower", "effective", "生效日期"},
	{"read", "Read", "阅读"},
	{"changes-from-before", "Changes from the version before", "与上一版本对比"},
	{"source", "Source", "源文件"},
	{"download-all", "Download every version:", "下载全部版本："},
	{"checksums", "checksums", "校验和"},
	{"what-changed", "What changed:", "变更涉及："},
	{"list-separator", ", ", "、"},
	/* index.html */
	{"policies", "Policies", "政策"},
	{"all-versions", "All versions", "全部版本"},
};

#define BUILTIN_COUNT (sizeof(builtin) / sizeof(builtin[0]))

struct labels {
	int zh;
	json_t *root;  /* labels.json, or NULL */
	json_t *local; /* its entry for the locale, or NULL */
	json_t *lang;  /* its entry for the locale's language, or NULL */
};

/* Is `locale` in language `lang` (zh for zh-CN)? */
static int in_language(const char *locale, const char *lang)
{
	size_t n = strlen(lang);

	return strncmp(locale, lang, n) == 0 && (locale[n] == '\0' || locale[n] == '-');
}

/* The catalogue by key, sorted once: a page of a thousand versions looks
 * labels up a million times (a linear search was 4% of a publish). */
static const entry *by_key[BUILTIN_COUNT];
static pthread_once_t by_key_once = PTHREAD_ONCE_INIT;

static int entry_order(const void *x, const void *y)
{
	return strcmp((*(const entry *const *)x)->key, (*(const entry *const *)y)->key);
}

static void sort_keys(void)
{
	for (size_t i = 0; i < BUILTIN_COUNT; i++)
		by_key[i] = &builtin[i];
	qsort(by_key, BUILTIN_COUNT, sizeof(by_key[0]), entry_order);
}

static const entry *find(const char *key)
{
	const entry probe = {key, NULL, NULL};
	const entry *p = &probe;
	const entry *const *hit;

	pthread_once(&by_key_once, sort_keys);
	hit = bsearch(&p, by_key, BUILTIN_COUNT, sizeof(by_key[0]), entry_order);
	return hit != NULL ? *hit : NULL;
}

/* Every value of labels.json is a string under a locale: anything else is
 * an error naming the file, so a typo is not silently English. */
static int valid(json_t *root, const char *path)
{
	const char *locale, *key;
	json_t *map, *v;

	if (!json_is_object(root))
		return policy__error_set_at(POLICY_EPARSE, path, 1,
					    "labels.json must be an object of locales");
	json_object_foreach(root, locale, map)
	{
		if (!json_is_object(map))
			return policy__error_set_at(POLICY_EPARSE, path, 1,
						    "labels.json: \"%s\" must map keys to texts",
						    locale);
		json_object_foreach(map, key, v)
		{
			if (!json_is_string(v))
				return policy__error_set_at(POLICY_EPARSE, path, 1,
							    "labels.json: %s.%s is not a text",
							    locale, key);
		}
	}
	return 0;
}

int policy__labels_open(labels **out, const char *locale, const char *override_dir)
{
	labels *l = calloc(1, sizeof(*l));
	policy_buf path = POLICY_BUF_INIT, data = POLICY_BUF_INIT;
	int rc = 0;

	*out = NULL;
	if (l == NULL)
		return policy__error_nomem();
	locale = locale ? locale : "und";
	l->zh = in_language(locale, "zh");
	if (override_dir != NULL) {
		if (policy__buf_puts(&path, override_dir) < 0 ||
		    policy__buf_puts(&path, "/labels.json") < 0) {
			rc = policy__error_nomem();
		} else if ((rc = policy_file_read(&data, path.ptr, 1u << 20)) == POLICY_ENOTFOUND) {
			rc = 0; /* no catalogue: the built-in one */
		} else if (rc == 0) {
			json_error_t e;

			l->root = json_loadb(data.ptr ? data.ptr : "", data.size, 0, &e);
			if (l->root == NULL)
				rc = policy__error_set_at(POLICY_EPARSE, path.ptr, (unsigned)e.line,
							  "%s", e.text);
			else
				rc = valid(l->root, path.ptr);
		}
	}
	if (rc == 0 && l->root != NULL) {
		char lang[16];
		size_t n = strcspn(locale, "-");

		l->local = json_object_get(l->root, locale);
		snprintf(lang, sizeof(lang), "%.*s", (int)(n < 15 ? n : 15), locale);
		l->lang = json_object_get(l->root, lang);
	}
	policy_buf_dispose(&path);
	policy_buf_dispose(&data);
	if (rc < 0) {
		policy__labels_free(l);
		return rc;
	}
	*out = l;
	return 0;
}

void policy__labels_free(labels *l)
{
	if (l == NULL)
		return;
	json_decref(l->root);
	free(l);
}

const char *policy__label(const labels *l, const char *key)
{
	const entry *e = find(key);
	json_t *v;

	if (l != NULL && l->local && json_is_string(v = json_object_get(l->local, key)))
		return json_string_value(v);
	if (l != NULL && l->lang && json_is_string(v = json_object_get(l->lang, key)))
		return json_string_value(v);
	if (e == NULL)
		return key;
	/* any language but the built-in ones gets English for what it lacks */
	return l != NULL && l->zh ? e->zh : e->en;
}

int policy__label_format(policy_buf *out, const labels *l, const char *key,
			 const char *const *names, const char *const *values, size_t count)
{
	const char *p = policy__label(l, key);
	int rc = 0;

	policy__buf_clear(out);
	while (*p && rc == 0) {
		const char *close;
		size_t i = count;

		if (*p == '{' && (close = strchr(p, '}')) != NULL)
			for (i = 0; i < count; i++)
				if (strlen(names[i]) == (size_t)(close - p - 1) &&
				    strncmp(p + 1, names[i], (size_t)(close - p - 1)) == 0)
					break;
		if (i < count) {
			rc = policy__buf_puts(out, values[i]);
			p = strchr(p, '}') + 1;
		} else {
			rc = policy__buf_putc(out, *p++);
		}
	}
	if (rc == 0 && out->ptr == NULL)
		rc = policy__buf_puts(out, "");
	return rc;
}

const char *policy__label_of(const labels *l, const char *prefix, const char *name)
{
	char key[64];
	const entry *e;

	snprintf(key, sizeof(key), "%s-%s", prefix, name);
	/* through the built-in entry's own key, which outlives this call (a
	 * key the catalogue lacks has no labels.json text either: labels.json
	 * translates the built-in keys) */
	return (e = find(key)) != NULL ? policy__label(l, e->key) : name;
}

const char *policy__label_level(const labels *l, policy_level level)
{
	return policy__label_of(l, "level", policy_level_name(level));
}

const char *policy__label_category(const labels *l, unsigned category)
{
	const char *name = policy_category_name(category);

	return name ? policy__label_of(l, "category", name) : "-";
}

const char *policy__label_language(const char *locale)
{
	/* endonyms of the languages policies are most often written in */
	static const char *const names[][2] = {
		{"zh-CN", "简体中文"}, {"zh-Hans", "简体中文"},    {"zh-SG", "简体中文"},
		{"zh-TW", "繁體中文"}, {"zh-HK", "繁體中文"},      {"zh-Hant", "繁體中文"},
		{"zh", "中文"},        {"en", "English"},          {"de", "Deutsch"},
		{"fr", "Français"},    {"es", "Español"},          {"it", "Italiano"},
		{"pt", "Português"},   {"ja", "日本語"},           {"ko", "한국어"},
		{"ru", "Русский"},     {"ar", "العربية"},          {"nl", "Nederlands"},
		{"pl", "Polski"},      {"tr", "Türkçe"},           {"vi", "Tiếng Việt"},
		{"th", "ไทย"},         {"id", "Bahasa Indonesia"},
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (in_language(locale, names[i][0]))
			return names[i][1];
	return locale;
}
