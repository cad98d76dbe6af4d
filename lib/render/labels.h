/* The words of the pages (lib/render/labels.c): one catalogue per page
 * language, built in for zh and en, extended by labels.json in a
 * template directory. */
#ifndef POLICY_LABELS_H
#define POLICY_LABELS_H

#include "policy/buf.h"
#include "policy/level.h"

typedef struct labels labels;

/* The catalogue for a page in `locale` (a BCP 47 tag): the built-in
 * labels of its language (zh, else en), and over them those labels.json
 * in `override_dir` (may be NULL) gives for the locale or its language.
 * 0, POLICY_EPARSE naming labels.json and its line, or POLICY_ENOMEM. */
int policy__labels_open(labels **out, const char *locale, const char *override_dir);
void policy__labels_free(labels *l);

/* The text of `key`; the English one when the catalogue lacks it, the key
 * itself when nobody has it (never NULL). `l` may be NULL: English. */
const char *policy__label(const labels *l, const char *key);

/* The label of `key` with "{name}" replaced by values[i] for names[i],
 * into `out` (cleared). 0 or POLICY_ENOMEM. */
int policy__label_format(policy_buf *out, const labels *l, const char *key,
			 const char *const *names, const char *const *values, size_t count);

/* The label of key "<prefix>-<name>" ("change" and "added": "change-added"),
 * or `name` itself when nobody has one. */
const char *policy__label_of(const labels *l, const char *prefix, const char *name);

/* The words of a level ("level-major") and a category
 * ("category-recipients"; "-" for none). */
const char *policy__label_level(const labels *l, policy_level level);
const char *policy__label_category(const labels *l, unsigned category);

/* A language's own name for a locale ("简体中文" for zh-CN, "English"
 * for en), or the tag itself. */
const char *policy__label_language(const char *locale);

#endif
