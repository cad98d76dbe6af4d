/* The document model: front matter, sections, categories, records and
 * every validation code. */
#include <stdio.h>
#include <unistd.h>

#include "chunks.h"
#include "common.h"

static void expect_diag(const char *src, const char *code, policy_severity sev, unsigned line)
{
	policy_doc *doc = parse(src);
	const policy_diag *d = find_diag(doc, code);

	ck_assert_msg(d != NULL, "no %s diagnostic", code);
	ck_assert_int_eq(d->severity, sev);
	ck_assert_uint_eq(d->line, line);
	ck_assert_str_eq(d->file, "policies/privacy/en.md");
	ck_assert(strlen(d->message) > 0);
	if (sev == POLICY_SEVERITY_FATAL)
		ck_assert_int_eq(policy_doc_usable(doc), POLICY_EPARSE);
	policy_doc_free(doc);
}

/* ---- front matter ---- */

START_TEST(front_matter_keys)
{
	policy_doc *doc =
		parse("---\ntitle: 隐私政策\nversion: \"2.10\"\nreleased: 2024-05-26\n"
		      "effective: 2024-06-26\nsummary: 新增SDK\nrisk: high\n---\n# A\n\nText.\n");
	const policy_meta *m = policy_doc_meta(doc);

	ck_assert_int_eq(policy_doc_usable(doc), 0);
	ck_assert_str_eq(m->title, "隐私政策");
	ck_assert_str_eq(m->version_text, "2.10");
	ck_assert_uint_eq(m->version.minor, 10);
	ck_assert_int_eq(m->released.day, 26);
	ck_assert_int_eq(m->effective.month, 6);
	ck_assert_str_eq(m->summary, "新增SDK");
	ck_assert_str_eq(m->risk, "high");
	ck_assert_str_eq(m->policy, "privacy");
	ck_assert_str_eq(m->locale, "en");
	ck_assert_int_eq(m->in_layout, 1);
	ck_assert_uint_eq(m->body_line, 9);
	policy_doc_free(doc);
}
END_TEST

START_TEST(front_matter_plain_version)
{
	/* YAML would make 2.10 a float; policyctl keeps the text. */
	policy_doc *doc = parse("---\ntitle: T\nversion: 2.10\nreleased: 2024-01-01\n"
				"effective: '2024-01-01'\n---\n# A\n");

	ck_assert_int_eq(policy_doc_usable(doc), 0);
	ck_assert_str_eq(policy_doc_meta(doc)->version_text, "2.10");
	policy_doc_free(doc);
}
END_TEST

START_TEST(front_matter_errors)
{
	expect_diag("# no front matter\n", "no-front-matter", POLICY_SEVERITY_FATAL, 1);
	expect_diag("---\ntitle: T\n# body\n", "unclosed-front-matter", POLICY_SEVERITY_FATAL, 1);
	expect_diag("---\ntitle: [unclosed\n---\n# A\n", "front-matter-syntax",
		    POLICY_SEVERITY_FATAL, 3);
	expect_diag("---\n- a\n- b\n---\n# A\n", "front-matter-syntax", POLICY_SEVERITY_FATAL, 2);
	expect_diag("---\n---\n# A\n", "empty-front-matter", POLICY_SEVERITY_FATAL, 1);
	expect_diag(
		"---\nversion: \"1.0\"\nreleased: 2024-01-01\neffective: 2024-01-01\n---\n# A\n",
		"missing-key", POLICY_SEVERITY_FATAL, 1);
	expect_diag(FM("title: again\n") "# A\n", "duplicate-key", POLICY_SEVERITY_FATAL, 6);
	expect_diag(FM("summary:\n  - a\n") "# A\n", "bad-value", POLICY_SEVERITY_FATAL, 6);
	expect_diag(FM("colour: blue\n") "# A\n", "unknown-key", POLICY_SEVERITY_WARNING, 6);
	expect_diag(FM("risk: extreme\n") "# A\n", "bad-risk", POLICY_SEVERITY_FATAL, 6);
	/* A NUL would cut the value silently; an ESC would reach terminals. */
	expect_diag(FM("summary: \"a\\0hidden\"\n") "# A\n", "bad-value", POLICY_SEVERITY_FATAL, 6);
	expect_diag(FM("summary: \"a\\e[31mred\"\n") "# A\n", "bad-value", POLICY_SEVERITY_FATAL,
		    6);
	expect_diag(FM("summary: \"a\\x85b\"\n") "# A\n", "bad-value", POLICY_SEVERITY_FATAL, 6);
}
END_TEST

START_TEST(front_matter_missing_each_key)
{
	static const char *const keys[] = {"title", "version", "released", "effective"};

	for (size_t k = 0; k < 4; k++) {
		char src[512];
		size_t off = (size_t)snprintf(src, sizeof(src), "---\n");
		policy_doc *doc;
		const policy_diag *d;

		for (size_t j = 0; j < 4; j++) {
			static const char *const lines[] = {"title: T\n", "version: \"1.0\"\n",
							    "released: 2024-01-01\n",
							    "effective: 2024-01-02\n"};

			if (j != k)
				off += (size_t)snprintf(src + off, sizeof(src) - off, "%s",
							lines[j]);
		}
		snprintf(src + off, sizeof(src) - off, "---\n# A\n");
		doc = parse(src);
		d = find_diag(doc, "missing-key");
		ck_assert_ptr_nonnull(d);
		ck_assert_ptr_nonnull(strstr(d->message, keys[k]));
		ck_assert_int_eq(policy_doc_usable(doc), POLICY_EPARSE);
		policy_doc_free(doc);
	}
}
END_TEST

START_TEST(bad_versions_and_dates)
{
	expect_diag(
		"---\ntitle: T\nversion: \"2\"\nreleased: 2024-01-01\neffective: 2024-01-01\n---\n",
		"bad-version", POLICY_SEVERITY_FATAL, 3);
	expect_diag("---\ntitle: T\nversion: \"../../1.0\"\nreleased: 2024-01-01\neffective: "
		    "2024-01-01\n---\n",
		    "bad-version", POLICY_SEVERITY_FATAL, 3);
	expect_diag("---\ntitle: T\nversion: \"1.0\"\nreleased: 2023-02-30\neffective: "
		    "2024-01-01\n---\n",
		    "bad-date", POLICY_SEVERITY_FATAL, 4);
	expect_diag(
		"---\ntitle: T\nversion: \"1.0\"\nreleased: 2024-01-01\neffective: tomorrow\n---\n",
		"bad-date", POLICY_SEVERITY_FATAL, 5);
	expect_diag("---\ntitle: T\nversion: \"1.0\"\nreleased: 2024-05-01\neffective: "
		    "2024-04-01\n---\n",
		    "effective-before-released", POLICY_SEVERITY_FATAL, 5);
}
END_TEST

START_TEST(identity_from_path_and_front_matter)
{
	policy_doc *doc;

	expect_diag(FM("locale: zh-CN\n") "# A\n", "locale-mismatch", POLICY_SEVERITY_FATAL, 6);
	expect_diag(FM("policy: terms\n") "# A\n", "policy-mismatch", POLICY_SEVERITY_FATAL, 6);
	expect_diag(FM("policy: ../../etc\n") "# A\n", "bad-policy-id", POLICY_SEVERITY_FATAL, 6);
	expect_diag(FM("locale: en/../../x\n") "# A\n", "bad-locale", POLICY_SEVERITY_FATAL, 6);

	doc = parse_as("drafts/next.md", FM("") "# A\n");
	ck_assert_ptr_nonnull(find_diag(doc, "no-policy-id"));
	ck_assert_int_eq(policy_doc_usable(doc), 0);
	ck_assert_str_eq(policy_doc_meta(doc)->policy, "next");
	ck_assert_str_eq(policy_doc_meta(doc)->locale, "und");
	ck_assert_int_eq(policy_doc_meta(doc)->in_layout, 0);
	policy_doc_free(doc);

	doc = parse_as("drafts/next.md", FM("policy: privacy\nlocale: zh-Hans-CN\n") "# A\n");
	ck_assert_ptr_null(find_diag(doc, "no-policy-id"));
	ck_assert_str_eq(policy_doc_meta(doc)->locale, "zh-Hans-CN");
	policy_doc_free(doc);

	doc = parse_as("repo/policies/bad$id/en.md", FM("") "# A\n");
	ck_assert_ptr_nonnull(find_diag(doc, "bad-policy-id"));
	policy_doc_free(doc);
}
END_TEST

/* ---- sections ---- */

START_TEST(section_tree)
{
	policy_doc *doc = parse(
		FM("") "Preamble text.\n\n# Policy\n\n## 1. Data we collect {#collect}\n\n"
		       "Body one.\n\n### Detail\n\nMore.\n\nSetext heading\n--------------\n\n"
		       "After setext.\n");
	const policy_section *s;
	size_t len;
	const char *pre = policy_doc_preamble(doc, &len);

	ck_assert_uint_eq(policy_doc_section_count(doc), 4);
	ck_assert_int_eq((int)len, 14);
	ck_assert(strncmp(pre, "Preamble text.", len) == 0);
	s = policy_doc_section_at(doc, 1);
	ck_assert_str_eq(s->id, "collect");
	ck_assert_int_eq(s->explicit_id, 1);
	ck_assert_str_eq(s->title, "1. Data we collect");
	ck_assert_int_eq(s->level, 2);
	ck_assert_uint_eq(s->line, 11);
	ck_assert_int_eq(s->parent, 0);
	ck_assert_uint_eq(s->text_len, 9);
	ck_assert(strncmp(s->text, "Body one.", s->text_len) == 0);
	s = policy_doc_section_at(doc, 2);
	ck_assert_str_eq(s->id, "detail");
	ck_assert_int_eq(s->parent, 1);
	s = policy_doc_section_at(doc, 3);
	ck_assert_str_eq(s->title, "Setext heading");
	ck_assert_int_eq(s->level, 2);
	ck_assert_int_eq(s->parent, 0);
	ck_assert(strncmp(s->text, "After setext.", s->text_len) == 0);
	ck_assert_ptr_eq(policy_doc_find_section(doc, "collect"), policy_doc_section_at(doc, 1));
	ck_assert_ptr_null(policy_doc_find_section(doc, "nothing"));
	policy_doc_free(doc);
}
END_TEST

/* Headings real Markdown marks otherwise (lib/document/outline.c). */
START_TEST(headings_in_lists_and_bold)
{
	policy_doc *doc = parse(
		FM("") "# Policy\n\nIntro.\n\n**1. Introduction**\n\nWe are X.\n\n"
		       "**2.1 Data we collect**\n\nYour name.\n\n**Account data**\n\nE-mail.\n\n"
		       "1. ## Sharing\n   With Y.\n2. **Rights**\n\n   You may ask.\n3. plain\n\n"
		       "###\n\nTail.\n\n**Note**\n\n**Also**\n");
	const char *want[][3] = {
		{"policy", "Policy", "1"},
		{"introduction", "1. Introduction", "2"},
		{"data-we-collect", "2.1 Data we collect", "3"},
		{"account-data", "Account data", "4"},
		{"sharing", "1. Sharing", "2"},
		{"rights", "2. Rights", "3"},
	};
	const policy_section *s;
	const policy_diag *d;

	ck_assert_int_eq(policy_doc_usable(doc), 0);
	ck_assert_uint_eq(policy_doc_section_count(doc), 6);
	for (size_t i = 0; i < 6; i++) {
		s = policy_doc_section_at(doc, i);
		ck_assert_str_eq(s->id, want[i][0]);
		ck_assert_str_eq(s->title, want[i][1]);
		ck_assert_int_eq(s->level, want[i][2][0] - '0');
	}
	s = policy_doc_section_at(doc, 1);
	ck_assert_uint_eq(s->line, 11);
	ck_assert(strncmp(s->text, "We are X.", s->text_len) == 0);
	s = policy_doc_section_at(doc, 4);
	ck_assert_uint_eq(s->line, 23);
	ck_assert(strncmp(s->text, "   With Y.", s->text_len) == 0);
	/* the rest of the list, the empty heading's text and two bold lines
	 * in a row (emphasis, not headings) stay with the last section */
	s = policy_doc_section_at(doc, 5);
	ck_assert_ptr_nonnull(strstr(s->text, "You may ask."));
	ck_assert_ptr_nonnull(strstr(s->text, "3. plain"));
	ck_assert_ptr_nonnull(strstr(s->text, "**Also**"));
	d = find_diag(doc, "empty-heading");
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(d->severity, POLICY_SEVERITY_WARNING);
	ck_assert_uint_eq(d->line, 30);
	ck_assert_ptr_null(find_diag(doc, "heading-skip"));
	policy_doc_free(doc);
}
END_TEST

START_TEST(bold_inside_text_is_not_a_heading)
{
	/* bold with other text, bold at the end of the document, a bold
	 * paragraph over two lines */
	policy_doc *doc = parse(FM("") "# A\n\n**Bold** and text.\n\nText.\n\n**Two\nlines**\n\n"
				       "Text.\n\n**Last**\n");

	ck_assert_uint_eq(policy_doc_section_count(doc), 1);
	policy_doc_free(doc);
}
END_TEST

START_TEST(attribute_blocks)
{
	policy_doc *doc = parse(FM("") "## Title *stressed* {#sdk_a-b .recipients .contact}\n\n"
				       "## Braces {not attributes}\n\n## Key {#k lang=en}\n");
	const policy_section *s = policy_doc_section_at(doc, 0);

	ck_assert_str_eq(s->id, "sdk_a-b");
	ck_assert_str_eq(s->title, "Title stressed");
	ck_assert_uint_eq(s->tagged, POLICY_CATEGORY_RECIPIENTS | POLICY_CATEGORY_CONTACT);
	s = policy_doc_section_at(doc, 1);
	ck_assert_str_eq(s->title, "Braces {not attributes}");
	ck_assert_int_eq(s->explicit_id, 0);
	s = policy_doc_section_at(doc, 2);
	ck_assert_str_eq(s->id, "k");
	ck_assert_str_eq(s->title, "Key");
	policy_doc_free(doc);
}
END_TEST

START_TEST(section_errors)
{
	/* Titles that slug alike: a warning (and a suffix); one {#id} twice:
	 * an error. A skipped level is style, not a fault. */
	expect_diag(FM("") "## A\n\n## A\n", "duplicate-id", POLICY_SEVERITY_WARNING, 9);
	expect_diag(FM("") "## A {#x}\n\n## B {#x}\n", "duplicate-id", POLICY_SEVERITY_ERROR, 9);
	expect_diag(FM("") "# A\n\n### C\n", "heading-skip", POLICY_SEVERITY_WARNING, 9);
	expect_diag(FM("") "\n  \n", "empty-body", POLICY_SEVERITY_ERROR, 7);
	expect_diag(FM("") "## A {#bad/id}\n", "bad-section-id", POLICY_SEVERITY_ERROR, 7);
	expect_diag(FM("") "## A {.recipient}\n", "unknown-category", POLICY_SEVERITY_ERROR, 7);
}
END_TEST

START_TEST(duplicate_ids_stay_unique)
{
	policy_doc *doc = parse(FM("") "## A\n\n## A\n\n## A\n");

	ck_assert_str_eq(policy_doc_section_at(doc, 0)->id, "a");
	ck_assert_str_eq(policy_doc_section_at(doc, 1)->id, "a-2");
	ck_assert_str_eq(policy_doc_section_at(doc, 2)->id, "a-3");
	policy_doc_free(doc);
}
END_TEST

/* ---- categories and records ---- */

START_TEST(categories_tagged_inherited_inferred_zh)
{
	policy_doc *doc = parse_as(
		"policies/privacy/zh-CN.md",
		FM("") "# 隐私政策\n\n## 一、我们收集哪些信息\n\n## 二、Cookie 与本地存储\n\n"
		       "## 三、特别说明 {.transfer}\n\n### 1. 细则\n\n"
		       "## 四、您的权利\n\n## 五、如何联系我们\n\n## 六、保存期限\n\n"
		       "## 七、跨境传输\n\n## 八、关于我们\n");

	ck_assert_uint_eq(policy_doc_section_at(doc, 0)->categories, 0);
	ck_assert_uint_eq(policy_doc_section_at(doc, 1)->keyword, POLICY_CATEGORY_PURPOSES);
	ck_assert_uint_eq(policy_doc_section_at(doc, 2)->categories, 0);
	ck_assert_uint_eq(policy_doc_section_at(doc, 3)->tagged, POLICY_CATEGORY_TRANSFER);
	ck_assert_uint_eq(policy_doc_section_at(doc, 4)->inherited, POLICY_CATEGORY_TRANSFER);
	ck_assert_uint_eq(policy_doc_section_at(doc, 4)->categories, POLICY_CATEGORY_TRANSFER);
	ck_assert_uint_eq(policy_doc_section_at(doc, 5)->categories, POLICY_CATEGORY_RIGHTS);
	ck_assert_uint_eq(policy_doc_section_at(doc, 6)->categories, POLICY_CATEGORY_CONTACT);
	ck_assert_uint_eq(policy_doc_section_at(doc, 7)->categories, POLICY_CATEGORY_RETENTION);
	ck_assert_uint_eq(policy_doc_section_at(doc, 8)->categories, POLICY_CATEGORY_TRANSFER);
	ck_assert_uint_eq(policy_doc_section_at(doc, 9)->categories, POLICY_CATEGORY_CONTROLLER);
	ck_assert_ptr_nonnull(find_diag(doc, "missing-category")); /* no recipients */
	policy_doc_free(doc);
}
END_TEST

START_TEST(categories_inferred_en)
{
	policy_doc *doc = parse(
		FM("") "## Information We Collect\n\n## Cookies and local storage\n\n"
		       "## Sharing with third parties\n\n## Your Rights\n\n## Contact us\n\n"
		       "## How long we keep data\n\n## International transfers\n\n## Who we are\n");
	static const unsigned want[] = {
		POLICY_CATEGORY_PURPOSES,   0,
		POLICY_CATEGORY_RECIPIENTS, POLICY_CATEGORY_RIGHTS,
		POLICY_CATEGORY_CONTACT,    POLICY_CATEGORY_RETENTION,
		POLICY_CATEGORY_TRANSFER,   POLICY_CATEGORY_CONTROLLER,
	};

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		ck_assert_msg(policy_doc_section_at(doc, i)->categories == want[i],
			      "section %zu: %u", i, policy_doc_section_at(doc, i)->categories);
	ck_assert_ptr_null(find_diag(doc, "missing-category"));
	policy_doc_free(doc);
	/* Titles of real policies the first keyword list missed. */
	doc = parse(FM(
		"") "## How Twitch Uses Personal Information\n\n## Provision of Personal Data\n\n"
		    "## Inquiries\n\n## 我们如何存储个人信息\n\n## 对外提供\n\n## "
		    "您如何管理您的信息\n");
	{
		static const unsigned real[] = {
			POLICY_CATEGORY_PURPOSES,   POLICY_CATEGORY_RECIPIENTS,
			POLICY_CATEGORY_CONTACT,    POLICY_CATEGORY_RETENTION,
			POLICY_CATEGORY_RECIPIENTS, POLICY_CATEGORY_RIGHTS,
		};

		for (size_t i = 0; i < sizeof(real) / sizeof(real[0]); i++)
			ck_assert_msg(policy_doc_section_at(doc, i)->categories & real[i],
				      "title %zu: %u", i,
				      policy_doc_section_at(doc, i)->categories);
	}
	policy_doc_free(doc);
}
END_TEST

START_TEST(keywords_match_after_folding)
{
	policy_doc *doc = parse(FM(
		"") "## ＳＨＡＲＩＮＧ （第１部分）\n\n## ＣＯＮＴＡＣＴ Ⅰ\n\n## 我们的ＳＤＫ\n");

	ck_assert_uint_eq(policy_doc_section_at(doc, 0)->keyword, POLICY_CATEGORY_RECIPIENTS);
	ck_assert_uint_eq(policy_doc_section_at(doc, 1)->keyword, POLICY_CATEGORY_CONTACT);
	ck_assert_uint_eq(policy_doc_section_at(doc, 2)->keyword, POLICY_CATEGORY_RECIPIENTS);
	policy_doc_free(doc);
}
END_TEST

START_TEST(tagging_overrides_keywords)
{
	policy_doc *doc = parse(FM("") "## Contact us {.rights}\n");

	ck_assert_uint_eq(policy_doc_section_at(doc, 0)->categories, POLICY_CATEGORY_RIGHTS);
	ck_assert_uint_eq(policy_doc_section_at(doc, 0)->keyword, 0);
	policy_doc_free(doc);
}
END_TEST

START_TEST(custom_keyword_rules)
{
	policy_rules *rules;
	policy_doc *doc = NULL;
	policy_doc_options opts = POLICY_DOC_OPTIONS_INIT;
	const char *src = FM("") "## Partner list\n";

	ck_assert_int_eq(policy_rules_new(&rules), 0);
	ck_assert_int_eq(policy_rules_add(rules, POLICY_CATEGORY_RECIPIENTS, "PARTNER"), 0);
	ck_assert_int_eq(
		policy_rules_add(rules, POLICY_CATEGORY_RECIPIENTS | POLICY_CATEGORY_RIGHTS, "x"),
		POLICY_EINVALID);
	ck_assert_int_eq(policy_rules_add(rules, POLICY_CATEGORY_RIGHTS, ""), POLICY_EINVALID);
	opts.rules = rules;
	ck_assert_int_eq(policy_doc_parse(&doc, "policies/p/en.md", src, strlen(src), &opts), 0);
	ck_assert_uint_eq(policy_doc_section_at(doc, 0)->categories, POLICY_CATEGORY_RECIPIENTS);
	policy_doc_free(doc);
	policy_rules_free(rules);
}
END_TEST

/* The repository's keywords are found anywhere in a title: at its start
 * or end, after a CJK character, in full width, one character long. */
START_TEST(repository_keywords_found_anywhere)
{
	policy_rules *rules;

	ck_assert_int_eq(policy_rules_new(&rules), 0);
	ck_assert_int_eq(policy_rules_add(rules, POLICY_CATEGORY_CONTACT, "a类"), 0);
	ck_assert_int_eq(policy_rules_add(rules, POLICY_CATEGORY_RISK, "风"), 0);
	ck_assert_int_eq(policy_rules_add(rules, POLICY_CATEGORY_RETENTION, "kid"), 0);
	ck_assert_int_eq(policy_rules_add(rules, POLICY_CATEGORY_CONTROLLER, "zq"), 0);
	ck_assert_uint_eq(policy_rules_match(rules, "A类信息") & POLICY_CATEGORY_CONTACT,
			  POLICY_CATEGORY_CONTACT);
	ck_assert_uint_eq(policy_rules_match(rules, "信息Ａ类") & POLICY_CATEGORY_CONTACT,
			  POLICY_CATEGORY_CONTACT);
	ck_assert_uint_eq(policy_rules_match(rules, "大风") & POLICY_CATEGORY_RISK,
			  POLICY_CATEGORY_RISK);
	ck_assert_uint_eq(policy_rules_match(rules, "For KIDS") & POLICY_CATEGORY_RETENTION,
			  POLICY_CATEGORY_RETENTION);
	ck_assert_uint_eq(policy_rules_match(rules, "ki") & POLICY_CATEGORY_RETENTION, 0);
	ck_assert_uint_eq(policy_rules_match(rules, "XZQ") & POLICY_CATEGORY_CONTROLLER,
			  POLICY_CATEGORY_CONTROLLER);
	ck_assert_uint_eq(policy_rules_match(rules, "B类") & POLICY_CATEGORY_CONTACT, 0);
	policy_rules_free(rules);
}
END_TEST

/* The built-in keywords, tried only where a title holds their first two
 * bytes: at a title's start and end, after a CJK character or a letter,
 * in upper case and full width, several categories in one title, and a
 * keyword's first character alone matching nothing. */
START_TEST(builtin_keywords_found_anywhere)
{
	ck_assert_uint_eq(policy_rules_match(NULL, "共享"), POLICY_CATEGORY_RECIPIENTS);
	ck_assert_uint_eq(policy_rules_match(NULL, "三、个人信息的共享"),
			  POLICY_CATEGORY_RECIPIENTS);
	ck_assert_uint_eq(policy_rules_match(NULL, "COLLECTION"), POLICY_CATEGORY_PURPOSES);
	ck_assert_uint_eq(policy_rules_match(NULL, "Data ＣＯＬＬＥＣＴＥＤ"),
			  POLICY_CATEGORY_PURPOSES);
	ck_assert_uint_eq(policy_rules_match(NULL, "第三方SDK与联系我们"),
			  POLICY_CATEGORY_RECIPIENTS | POLICY_CATEGORY_CONTACT);
	ck_assert_uint_eq(policy_rules_match(NULL, "Overseas transfers and your rights"),
			  POLICY_CATEGORY_TRANSFER | POLICY_CATEGORY_RIGHTS);
	ck_assert_uint_eq(policy_rules_match(NULL, "共"), 0);
	ck_assert_uint_eq(policy_rules_match(NULL, "s"), 0);
	ck_assert_uint_eq(policy_rules_match(NULL, ""), 0);
}
END_TEST

START_TEST(recipient_records)
{
	policy_doc *doc =
		parse_as("policies/privacy/zh-CN.md",
			 FM("") "## 三、共享 {#sharing .recipients}\n\n- 不是记录: 父节\n\n"
				"### 极光推送SDK {#sdk-jpush}\n- 用途: 推送系统通知\n- "
				"机构名称：某某信息技术有限公司\n"
				"- no colon here\n\n#### 子项\n\n- a: b\n\n### Map SDK\n\n- "
				"Purpose: maps\n\n"
				"## 四、其他\n\n- k: v\n");
	const policy_section *s = policy_doc_section_at(doc, 1);

	ck_assert_int_eq(policy_doc_section_at(doc, 0)->is_record, 0);
	ck_assert_uint_eq(policy_doc_section_at(doc, 0)->field_count, 0);
	ck_assert_int_eq(s->is_record, 1);
	ck_assert_uint_eq(s->field_count, 2);
	ck_assert_str_eq(s->fields[0].key, "用途");
	ck_assert_str_eq(s->fields[0].value, "推送系统通知");
	ck_assert_str_eq(s->fields[1].key, "机构名称");
	ck_assert_str_eq(s->fields[1].value, "某某信息技术有限公司");
	ck_assert_uint_eq(s->fields[1].line, 13);
	/* A record's own subsection is not a record. */
	ck_assert_int_eq(policy_doc_section_at(doc, 2)->is_record, 0);
	ck_assert_int_eq(policy_doc_section_at(doc, 3)->is_record, 1);
	ck_assert_str_eq(policy_doc_section_at(doc, 3)->fields[0].key, "Purpose");
	ck_assert_int_eq(policy_doc_section_at(doc, 4)->is_record, 0);
	policy_doc_free(doc);
}
END_TEST

/* Rows of a table of recipients are records: a table in a recipients
 * section, or one whose header names a party, wherever it sits; a row
 * is named by the party column, and a row without a name is none. */
START_TEST(table_rows_are_records)
{
	policy_doc *doc = parse_as(
		"policies/privacy/zh-CN.md",
		FM("") "## 一、收集的信息\n\n| 数据 | 目的 |\n|---|---|\n| 手机号 | 登录 |\n\n"
		       "## 二、其他\n\n| 使用目的 | SDK名称 | 第三方名称 |\n|---|---|---|\n"
		       "| 推送 | 极光推送SDK | 某某信息技术有限公司 |\n| 附注 | | |\n"
		       "| 地图 | 高德地图SDK |\n\n"
		       "## 三、共享\n\n| 名单 | 用途 |\n|---|---|\n| Acme | 统计 |\n");
	const policy_section *data = policy_doc_section_at(doc, 0);
	const policy_section *sdk = policy_doc_section_at(doc, 1);
	const policy_section *shared = policy_doc_section_at(doc, 2);

	ck_assert_uint_eq(data->record_count, 0);
	ck_assert_ptr_null(data->records);
	ck_assert_uint_eq(sdk->record_count, 2);
	ck_assert_str_eq(sdk->records[0].name, "极光推送SDK");
	ck_assert_uint_eq(sdk->records[0].line, 17);
	ck_assert_uint_eq(sdk->records[0].field_count, 3);
	ck_assert_str_eq(sdk->records[0].fields[2].key, "第三方名称");
	ck_assert_str_eq(sdk->records[0].fields[2].value, "某某信息技术有限公司");
	/* a short row: the cells it has */
	ck_assert_str_eq(sdk->records[1].name, "高德地图SDK");
	ck_assert_uint_eq(sdk->records[1].field_count, 3);
	ck_assert_str_eq(sdk->records[1].fields[2].value, "");
	/* in a recipients section, the first column names the row */
	ck_assert_uint_eq(shared->record_count, 1);
	ck_assert_str_eq(shared->records[0].name, "Acme");
	ck_assert_int_eq(shared->is_record, 0);
	policy_doc_free(doc);
}
END_TEST

/* ---- content checks ---- */

START_TEST(raw_html_and_unsafe_links)
{
	policy_doc *doc =
		parse(FM("") "# A\n\n<script>alert(1)</script>\n\nx <b>y</b>\n\n"
			     "[a](javascript:alert(1)) [b](JAVASCRIPT:x) [c](java\tscript:x) "
			     "![i](data:text/html,x) [ok](https://e.example) [m](mailto:a@b) "
			     "[r](#x) [t](tel:1)\n");
	const policy_diags *d = policy_doc_diags(doc);
	const policy_diag *first;
	size_t html = 0, links = 0;

	for (size_t i = 0; i < policy_diags_count(d); i++) {
		html += strcmp(policy_diags_at(d, i)->code, "raw-html") == 0;
		links += strcmp(policy_diags_at(d, i)->code, "unsafe-link") == 0;
	}
	ck_assert_uint_eq(html, 3);
	ck_assert_uint_eq(links, 3); /* the tab keeps "java\tscript:x" from being a link at all */
	first = find_diag(doc, "raw-html");
	ck_assert_uint_eq(first ? first->line : 0, 9);
	ck_assert_int_eq(policy_doc_usable(doc), 0);
	policy_doc_free(doc);
}
END_TEST

/* Relative links of any length stay; long or odd schemes do not; remote
 * images become links (the pages load nothing from elsewhere). */
START_TEST(relative_links_and_remote_images)
{
	policy_doc *doc = parse(FM("") "# A\n\n[c](cookie-policy.html) [p](privacy-policy-2024.md) "
				       "[u](our_file:x) [l](verylongschemename-abc:x)\n\n"
				       "![pixel](https://tracker.example/p.gif) ![logo](logo.png) "
				       "![](//cdn.example/x.gif)\n");
	const policy_diags *d = policy_doc_diags(doc);
	policy_buf out = POLICY_BUF_INIT;
	size_t links = 0, images = 0;

	for (size_t i = 0; i < policy_diags_count(d); i++) {
		links += strcmp(policy_diags_at(d, i)->code, "unsafe-link") == 0;
		images += strcmp(policy_diags_at(d, i)->code, "remote-image") == 0;
	}
	ck_assert_uint_eq(links, 1);
	ck_assert_uint_eq(images, 2);
	ck_assert_int_eq(policy_render(&out, doc, POLICY_FORMAT_FRAGMENT, NULL), 0);
	ck_assert_ptr_nonnull(strstr(out.ptr, "<a href=\"cookie-policy.html\">c</a>"));
	ck_assert_ptr_nonnull(strstr(out.ptr, "<a href=\"privacy-policy-2024.md\">p</a>"));
	ck_assert_ptr_nonnull(strstr(out.ptr, "<a href=\"our_file:x\">u</a>"));
	ck_assert_ptr_nonnull(
		strstr(out.ptr, "<a href=\"https://tracker.example/p.gif\">pixel</a>"));
	ck_assert_ptr_nonnull(strstr(out.ptr, "<img src=\"logo.png\""));
	ck_assert_ptr_null(strstr(out.ptr, "<img src=\"https:"));
	ck_assert_ptr_null(strstr(out.ptr, "<img src=\"//"));
	policy_buf_dispose(&out);
	policy_doc_free(doc);
}
END_TEST

/* <br> of pages turned into Markdown is a line break, not raw HTML. */
START_TEST(br_is_a_line_break)
{
	policy_doc *doc = parse(FM("") "# A\n\none<br>two<BR/>three<br />four\n");
	policy_buf out = POLICY_BUF_INIT;

	ck_assert_ptr_null(find_diag(doc, "raw-html"));
	ck_assert_int_eq(policy_render(&out, doc, POLICY_FORMAT_FRAGMENT, NULL), 0);
	ck_assert_ptr_nonnull(strstr(out.ptr, "one<br />\ntwo<br />\nthree<br />\nfour"));
	policy_buf_dispose(&out);
	policy_doc_free(doc);
	/* In a table cell, which holds no line break, it is a space. */
	doc = parse(FM("") "# A\n\n| SDK | 用途 |\n|---|---|\n| 推送SDK | 推送<br>统计 |\n");
	ck_assert_int_eq(policy_doc_usable(doc), 0);
	ck_assert_ptr_null(find_diag(doc, "raw-html"));
	ck_assert_int_eq(policy_render(&out, doc, POLICY_FORMAT_FRAGMENT, NULL), 0);
	ck_assert_ptr_nonnull(strstr(out.ptr, "<td>推送 统计</td>"));
	policy_buf_dispose(&out);
	policy_doc_free(doc);
	/* An inline tag loses nothing but itself: a warning. */
	doc = parse(FM("") "# A\n\nsome <b>bold</b> text\n");
	{
		const policy_diag *d = find_diag(doc, "raw-html");

		ck_assert_ptr_nonnull(d);
		ck_assert_int_eq(d ? (int)d->severity : -1, (int)POLICY_SEVERITY_WARNING);
	}
	policy_doc_free(doc);
}
END_TEST

START_TEST(invalid_utf8_everywhere)
{
	static const char *const srcs[] = {
		"---\ntitle: \xff\nversion: \"1.0\"\nreleased: 2024-01-01\neffective: "
		"2024-01-01\n---\n# A\n",
		FM("") "# A \xc0\xaf\n",
		FM("summary: \xed\xa0\x80\n") "# A\n",
		FM("") "text\0more\n",
	};
	static const unsigned lines[] = {2, 7, 6, 7};

	for (size_t i = 0; i < 4; i++) {
		policy_doc *doc = NULL;
		size_t len = i == 3 ? strlen(FM("")) + 10 : strlen(srcs[i]);
		const policy_diag *d;

		ck_assert_int_eq(
			policy_doc_parse(&doc, "policies/privacy/en.md", srcs[i], len, NULL), 0);
		d = find_diag(doc, "invalid-utf8");
		ck_assert_ptr_nonnull(d);
		ck_assert_uint_eq(d->line, lines[i]);
		ck_assert_int_eq(policy_doc_usable(doc), POLICY_EPARSE);
		ck_assert_uint_eq(policy_error_last()->line, lines[i]);
		policy_doc_free(doc);
	}
}
END_TEST

START_TEST(too_large)
{
	size_t len = POLICY_DOC_MAX_SIZE + 1;
	char *big = malloc(len);
	policy_doc *doc = NULL;

	ck_assert_ptr_nonnull(big);
	memset(big, 'a', len);
	ck_assert_int_eq(policy_doc_parse(&doc, "policies/privacy/en.md", big, len, NULL), 0);
	ck_assert_ptr_nonnull(find_diag(doc, "too-large"));
	ck_assert_int_eq(policy_doc_usable(doc), POLICY_EPARSE);
	policy_doc_free(doc);
	free(big);
}
END_TEST

START_TEST(stale_release_warning)
{
	policy_doc *doc = parse("---\ntitle: T\nversion: \"1.0\"\nreleased: 2023-05-31\n"
				"effective: 2023-06-01\n---\n# A\n");
	const policy_diag *d = find_diag(doc, "stale-release");

	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(d->severity, POLICY_SEVERITY_WARNING);
	policy_doc_free(doc);
	doc = parse("---\ntitle: T\nversion: \"1.0\"\nreleased: 2023-06-01\n"
		    "effective: 2023-06-01\n---\n# A\n");
	ck_assert_ptr_null(find_diag(doc, "stale-release"));
	policy_doc_free(doc);
}
END_TEST

START_TEST(load_too_large_file)
{
	char path[] = "/tmp/policy-big-XXXXXX";
	int fd = mkstemp(path);
	policy_doc *doc = NULL;
	const policy_diag *d;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, (off_t)POLICY_DOC_MAX_SIZE + 1), 0);
	close(fd);
	ck_assert_int_eq(policy_doc_load(&doc, path, NULL), 0);
	d = find_diag(doc, "too-large");
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d ? d->line : 0, 1);
	ck_assert_int_eq(policy_doc_usable(doc), POLICY_EPARSE);
	policy_doc_free(doc);
	unlink(path);
}
END_TEST

/* A loaded file is read in place (mapped) unless its size is a multiple
 * of the page size (no NUL would follow it); every size gives the same
 * document, its last section's text to the last byte. */
START_TEST(load_any_size)
{
	static const size_t sizes[] = {0, 4095, 4096, 4097, 8192, 12288 + 7};
	const char *head = FM("") "# A\n\n## B\n\n";

	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		char path[] = "/tmp/policy-size-XXXXXX";
		int fd = mkstemp(path);
		size_t n = sizes[k] > strlen(head) ? sizes[k] : strlen(head) + 1, len;
		char *src = malloc(n);
		policy_doc *doc = NULL;
		const policy_section *b;

		ck_assert_int_ge(fd, 0);
		ck_assert_ptr_nonnull(src);
		memset(src, 'x', n);
		memcpy(src, head, strlen(head));
		src[n - 1] = 'y';
		ck_assert_int_eq(write(fd, src, n), (ssize_t)n);
		close(fd);
		ck_assert_int_eq(policy_doc_load(&doc, path, NULL), 0);
		ck_assert_int_eq(policy_doc_usable(doc), 0);
		b = policy_doc_section_at(doc, 1);
		len = n - strlen(head);
		ck_assert_uint_eq(b->text_len, len);
		ck_assert_int_eq(b->text[len - 1], 'y');
		ck_assert_int_eq(b->text[len], '\0');
		policy_doc_free(doc);
		free(src);
		unlink(path);
	}
}
END_TEST

START_TEST(load_missing_file)
{
	policy_doc *doc = NULL;

	ck_assert_int_eq(policy_doc_load(&doc, "/nonexistent/policies/p/en.md", NULL),
			 POLICY_ENOTFOUND);
	ck_assert_ptr_null(doc);
	ck_assert_str_eq(policy_error_last()->file, "/nonexistent/policies/p/en.md");
}
END_TEST

/* Options: _init gives the defaults of a version the library knows and
 * refuses one it does not; every function refuses such a struct. */
START_TEST(options_versions)
{
	policy_doc_options o;
	policy_render_options r;
	policy_import_options im;
	policy_publish_options pb;
	policy_serve_options sv;
	policy_doc *doc = NULL;
	policy_import *imp = NULL;
	const char *src = "---\npolicy: p\nlocale: en\ntitle: T\nversion: 1.0\n"
			  "released: 2024-01-01\neffective: 2024-01-01\n---\n# T\n\n## A\n\nx\n";

	ck_assert_int_eq(policy_doc_options_init(&o, POLICY_DOC_OPTIONS_VERSION), 0);
	ck_assert_uint_eq(o.version, POLICY_DOC_OPTIONS_VERSION);
	ck_assert_ptr_null(o.rules);
	ck_assert_int_eq(policy_doc_options_init(&o, POLICY_DOC_OPTIONS_VERSION + 1),
			 POLICY_EINVALID);
	ck_assert_int_eq(policy_doc_options_init(&o, 0), POLICY_EINVALID);
	ck_assert_int_eq(policy_render_options_init(&r, POLICY_RENDER_OPTIONS_VERSION), 0);
	ck_assert_int_eq(policy_import_options_init(&im, POLICY_IMPORT_OPTIONS_VERSION), 0);
	ck_assert_int_eq(policy_publish_options_init(&pb, POLICY_PUBLISH_OPTIONS_VERSION), 0);
	ck_assert_int_eq(policy_serve_options_init(&sv, POLICY_SERVE_OPTIONS_VERSION), 0);
	ck_assert_uint_eq(sv.port, 8080);

	policy_doc_options_init(&o, POLICY_DOC_OPTIONS_VERSION);
	o.version = POLICY_DOC_OPTIONS_VERSION + 1;
	ck_assert_int_eq(policy_doc_parse(&doc, "p.md", src, strlen(src), &o), POLICY_EINVALID);
	ck_assert_ptr_null(doc);
	ck_assert_ptr_nonnull(strstr(policy_error_last()->message, "policy_doc_options version 3"));
	o.version = POLICY_DOC_OPTIONS_VERSION;
	ck_assert_int_eq(policy_doc_parse(&doc, "p.md", src, strlen(src), &o), 0);
	r.version = 0;
	{
		policy_buf out = POLICY_BUF_INIT;

		ck_assert_int_eq(policy_render(&out, doc, POLICY_FORMAT_HTML, &r), POLICY_EINVALID);
		policy_buf_dispose(&out);
	}
	im.version = 99;
	ck_assert_int_eq(policy_import_parse(&imp, "x", 1, &im), POLICY_EINVALID);
	ck_assert_ptr_null(imp);
	policy_doc_free(doc);
}
END_TEST

/* The chunks of `body` as "line+lines:s" ('s' simple, '-' not), one per
 * chunk, ";" after each; "none" when the body is not cut. */
static void expect_chunks(const char *body, const char *want)
{
	body_chunk *c = NULL;
	size_t n = 0, len = strlen(body), used = 0;
	char got[512] = "none";

	ck_assert_int_eq(policy__body_chunks(body, len, &c, &n), 0);
	for (size_t i = 0; i < n; i++) {
		used += (size_t)snprintf(got + used, sizeof(got) - used, "%u+%u:%c;", c[i].line,
					 c[i].lines, c[i].simple ? 's' : '-');
		ck_assert_uint_lt(used, sizeof(got));
		/* chunks tile the body */
		ck_assert_uint_eq(c[i].start, i == 0 ? 0 : c[i - 1].end);
	}
	if (n > 0)
		ck_assert_uint_eq(c[n - 1].end, len);
	ck_assert_msg(strcmp(got, want) == 0, "got %s, want %s", got, want);
	free(c);
}

START_TEST(chunks_cut_at_top_level_headings)
{
	/* the text before the first heading is no section */
	expect_chunks("Intro.\n\n# A\n\nText.\n## B\nMore.\n", "1+2:-;3+3:s;6+2:s;");
	/* "#tag" and an indented "#" are not where a chunk begins */
	expect_chunks("# A\n#tag\n  # B\n", "1+3:-;");
	/* lists, tables, quotes and links keep a chunk simple */
	expect_chunks("# A\n\n- one\n- two\n1. three\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> q\n"
		      "[x](https://example.com)\n",
		      "1+12:s;");
	/* "\r\n" is one line ending, a lone "\r" another */
	expect_chunks("# A\r\nx\r\n# B\ry\rz", "1+2:s;3+3:s;");
	/* an empty heading, or one of attributes only, is no section */
	expect_chunks("#\nx\n# {#id}\ny\n# ##\n", "1+2:-;3+2:-;5+1:-;");
}
END_TEST

START_TEST(chunks_that_could_hold_more_are_not_simple)
{
	static const char *const lines[] = {
		"Title\n===\n",           /* setext */
		"Title\n---\n",           /* setext, or a break */
		"  ## Sub\n",             /* indented ATX */
		"> # Quoted\n",           /* ATX in a quote */
		"1. ## Item\n",           /* ATX in a list item, lifted */
		"**3. UPDATES**\n",       /* a bold paragraph, lifted */
		"- **Item**\n\n  more\n", /* a bold list item, lifted */
		"* * *\n",                /* a break */
		">>>>>>>>>>>>>>>>>> deep\n",
	};
	char body[256], stars[160];

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		snprintf(body, sizeof(body), "# A\n%s# B\nx\n", lines[i]);
		body_chunk *c = NULL;
		size_t n = 0;

		ck_assert_int_eq(policy__body_chunks(body, strlen(body), &c, &n), 0);
		ck_assert_uint_eq(n, 2);
		ck_assert_msg(!c[0].simple, "simple with %s", lines[i]);
		ck_assert(c[1].simple);
		free(c);
	}
	/* emphasis nested deep enough to come near the limit */
	memset(stars, '*', sizeof(stars) - 1);
	stars[sizeof(stars) - 1] = '\0';
	snprintf(body, sizeof(body), "# A\nx%s\n", stars);
	expect_chunks(body, "1+2:-;");
}
END_TEST

START_TEST(bodies_that_read_otherwise_cut_are_not_cut)
{
	/* a '#' line in a fence is code */
	expect_chunks("# A\n```\n# not a heading\n```\n", "none");
	expect_chunks("# A\n~~~\n# not a heading\n~~~\n", "none");
	/* an HTML block may run past a heading */
	expect_chunks("# A\n<div>\n\n# inside\n</div>\n", "none");
	expect_chunks("# A\n> <script>\n", "none");
	/* a link reference definition serves the whole body */
	expect_chunks("# A\n[x][ref]\n# B\n[ref]: https://example.com\n", "none");
	/* and identical bytes hash the same, different ones apart */
	{
		const char *body = "# A\nx\n# A\nx\n# A\ny\n";
		body_chunk *c = NULL;
		size_t n = 0;

		ck_assert_int_eq(policy__body_chunks(body, strlen(body), &c, &n), 0);
		ck_assert_uint_eq(n, 3);
		ck_assert(c[0].hash == c[1].hash);
		ck_assert(c[1].hash != c[2].hash);
		free(c);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("document");
	TCase *fm = tcase_create("front-matter");
	TCase *sec = tcase_create("sections");
	TCase *cat = tcase_create("categories");
	TCase *val = tcase_create("validation");

	tcase_add_test(fm, front_matter_keys);
	tcase_add_test(fm, front_matter_plain_version);
	tcase_add_test(fm, front_matter_errors);
	tcase_add_test(fm, front_matter_missing_each_key);
	tcase_add_test(fm, bad_versions_and_dates);
	tcase_add_test(fm, identity_from_path_and_front_matter);
	tcase_add_test(sec, section_tree);
	tcase_add_test(sec, headings_in_lists_and_bold);
	tcase_add_test(sec, bold_inside_text_is_not_a_heading);
	tcase_add_test(sec, attribute_blocks);
	tcase_add_test(sec, section_errors);
	tcase_add_test(sec, duplicate_ids_stay_unique);
	tcase_add_test(cat, categories_tagged_inherited_inferred_zh);
	tcase_add_test(cat, categories_inferred_en);
	tcase_add_test(cat, tagging_overrides_keywords);
	tcase_add_test(cat, keywords_match_after_folding);
	tcase_add_test(cat, custom_keyword_rules);
	tcase_add_test(cat, repository_keywords_found_anywhere);
	tcase_add_test(cat, builtin_keywords_found_anywhere);
	tcase_add_test(cat, recipient_records);
	tcase_add_test(cat, table_rows_are_records);
	tcase_add_test(val, raw_html_and_unsafe_links);
	tcase_add_test(val, invalid_utf8_everywhere);
	tcase_add_test(val, relative_links_and_remote_images);
	tcase_add_test(val, br_is_a_line_break);
	tcase_add_test(val, too_large);
	tcase_add_test(val, stale_release_warning);
	tcase_add_test(val, load_missing_file);
	tcase_add_test(val, load_any_size);
	tcase_add_test(val, load_too_large_file);
	tcase_add_test(val, options_versions);
	tcase_add_test(sec, chunks_cut_at_top_level_headings);
	tcase_add_test(sec, chunks_that_could_hold_more_are_not_simple);
	tcase_add_test(sec, bodies_that_read_otherwise_cut_are_not_cut);
	tcase_set_timeout(val, 30);
	suite_add_tcase(s, fm);
	suite_add_tcase(s, sec);
	suite_add_tcase(s, cat);
	suite_add_tcase(s, val);
	return run_suite(s);
}
