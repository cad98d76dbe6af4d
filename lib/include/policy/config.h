/*
 * policyctl.yaml: the settings of a policy repository. Every key is
 * optional; an unknown key, a value of the wrong type or a bad value is an
 * error naming the file and line.
 *
 *     title: 城市通隐私政策           # the published site's title
 *     base_url: https://example.org/policies/   # absolute links in the feed
 *     default_locale: zh-CN        # the site's default locale
 *     notice_days: 30              # days between release and effect of a
 *                                  # major (or higher) change; default 0
 *     keywords:                    # extra keyword rules for untagged sections
 *       recipients: [合作伙伴, partners]
 *       purposes: [个性化推荐]
 *     facts:                       # phrases added to the fact vocabularies
 *       data:                      # a phrase, or {phrase, kind, sensitive}
 *         - 心率
 *         - {phrase: heart rate variability, kind: health}
 *       recipients: [某某统计SDK, Acme Analytics]
 *       purposes: [模型训练]       # also rights, contacts, transfers, controllers
 */
#ifndef POLICY_CONFIG_H
#define POLICY_CONFIG_H

#include "category.h"
#include "common.h"
#include "rules.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct policy_config policy_config;

/** The longest notice period accepted, in days (ten years). */
#define POLICY_NOTICE_DAYS_MAX 3650

/**
 * Read the settings in `len` bytes at `data`; `path` names them in errors.
 * Returns 0; POLICY_EPARSE with the last error's file and line set for a
 * problem in the file; or POLICY_ENOMEM. Free with policy_config_free().
 */
POLICY_EXTERN int policy_config_parse(policy_config **out, const char *path, const char *data,
				      size_t len);

/** Read the file at `path` as policy_config_parse() does; POLICY_ENOTFOUND
 * when it does not exist, POLICY_EIO when it cannot be read. */
POLICY_EXTERN int policy_config_load(policy_config **out, const char *path);

/** Free the settings. Accepts NULL. */
POLICY_EXTERN void policy_config_free(policy_config *config);

/** The site title, base URL and default locale; NULL when not set. */
POLICY_EXTERN const char *policy_config_title(const policy_config *config);
POLICY_EXTERN const char *policy_config_base_url(const policy_config *config);
POLICY_EXTERN const char *policy_config_default_locale(const policy_config *config);

/** The notice period in days (0 when not set). */
POLICY_EXTERN unsigned policy_config_notice_days(const policy_config *config);

/** The keyword rules: the built-in ones and the file's. Owned by the
 * settings. */
POLICY_EXTERN const policy_rules *policy_config_rules(const policy_config *config);

#ifdef __cplusplus
}
#endif

#endif
