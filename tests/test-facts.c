/* The privacy facts a document states (policy/facts.h): vocabularies and
 * patterns in zh and en, negation, tables and records, context, and bad
 * input. */
#include <stdio.h>

#include "common.h"
#include "facts_internal.h"

#define FM_ZH                                                                                      \
	"---\ntitle: 隐私政策\nversion: \"1.0\"\nreleased: 2024-01-01\neffective: "            \
	"2024-01-02\n---\n"
#define FM_EN                                                                                      \
	"---\ntitle: Privacy Policy\nversion: \"1.0\"\nreleased: 2024-01-01\neffective: "          \
	"2024-01-02\n---\n"

static policy_doc *doc_of(const char *path, const char *src)
{
	policy_doc *doc = NULL;

	ck_assert_int_eq(policy_doc_parse(&doc, path, src, strlen(src), NULL), 0);
	ck_assert_int_eq(policy_doc_usable(doc), 0);
	return doc;
}

static policy_facts *facts_of(const char *path, const char *src, policy_doc **doc)
{
	policy_facts *f = NULL;

	*doc = doc_of(path, src);
	ck_assert_int_eq(policy_facts_read(&f, *doc), 0);
	return f;
}

/* The fact of `kind` whose value is `value`, or NULL. */
static const policy_fact *find(const policy_facts *f, policy_fact_kind kind, const char *value)
{
	for (size_t i = 0; i < policy_facts_count(f); i++) {
		const policy_fact *x = policy_facts_at(f, i);

		if (x->kind == kind && strcmp(x->value, value) == 0)
			return x;
	}
	return NULL;
}

/* The fact, which must be there (never NULL: a stand-in when missing). */
static const policy_fact *must(const policy_facts *f, policy_fact_kind kind, const char *value)
{
	static const policy_fact missing = {POLICY_FACT_DATA, "", "", NULL, -1, -1, "", ""};
	const policy_fact *x = find(f, kind, value);

	ck_assert_msg(x != NULL, "no %s fact \"%s\"", policy_facts_kind_name(kind), value);
	return x ? x : &missing;
}

static void expect(const policy_facts *f, policy_fact_kind kind, const char *value)
{
	ck_assert_msg(find(f, kind, value) != NULL, "no %s fact \"%s\"",
		      policy_facts_kind_name(kind), value);
}

static const char ZH_POLICY[] = FM_ZH
	"# 隐私政策\n\n本政策由北京示例科技有限公司（以下简称“我们”）制定并运营。\n\n"
	"## "
	"一、我们收集的信息\n\n注册时我们收集您的手机号码；实名认证时收集您的身份证号和人脸信息。\n"
	"我们不会收集您的通讯录。\n\n"
	"## 二、第三方SDK {.recipients}\n\n"
	"| SDK名称 | 第三方名称 | 收集的个人信息 |\n|---|---|---|\n"
	"| 极光推送SDK | 深圳市和讯华谷信息技术有限公司 | 设备标识 |\n"
	"| 高德地图SDK | 高德软件有限公司 | 位置信息 |\n\n"
	"## 三、您的权利\n\n您有权查阅、更正、删除您的个人信息，也可以注销账户或撤回同意。\n\n"
	"## 四、保存期限\n\n我们在您注销账户后十五日内删除您的信息，日志保存三年。\n\n"
	"## 五、联系我们\n\n邮箱：privacy@example.cn，客服电话：400-123-4567。\n";

START_TEST(zh_policy)
{
	policy_doc *doc;
	policy_facts *f = facts_of("policies/privacy/zh-CN.md", ZH_POLICY, &doc);
	const policy_fact *face;

	expect(f, POLICY_FACT_CONTROLLER, "北京示例科技有限公司");
	expect(f, POLICY_FACT_DATA, "phone");
	expect(f, POLICY_FACT_DATA, "id-number");
	face = must(f, POLICY_FACT_DATA, "face");
	ck_assert_int_eq(face->sensitive, 1);
	ck_assert_str_eq(face->label, "生物识别信息");
	ck_assert_str_eq(face->section, "我们收集的信息");
	/* a table of SDKs: each SDK and each company is a recipient */
	expect(f, POLICY_FACT_RECIPIENT, "极光推送sdk");
	expect(f, POLICY_FACT_RECIPIENT, "高德地图sdk");
	expect(f, POLICY_FACT_RECIPIENT, "深圳市和讯华谷信息技术有限公司");
	expect(f, POLICY_FACT_RECIPIENT, "高德软件有限公司");
	expect(f, POLICY_FACT_RIGHT, "access");
	expect(f, POLICY_FACT_RIGHT, "deletion");
	expect(f, POLICY_FACT_RIGHT, "account-deletion");
	expect(f, POLICY_FACT_RIGHT, "withdraw-consent");
	expect(f, POLICY_FACT_RETENTION, "15 day");
	expect(f, POLICY_FACT_RETENTION, "3 year");
	expect(f, POLICY_FACT_CONTACT, "privacy@example.cn");
	expect(f, POLICY_FACT_CONTACT, "4001234567");
	/* 不会收集: stated, and negated */
	ck_assert_int_eq(must(f, POLICY_FACT_DATA, "contacts")->negated, 1);
	ck_assert_int_eq(must(f, POLICY_FACT_DATA, "phone")->negated, 0);
	policy_facts_free(f);
	policy_doc_free(doc);
}
END_TEST

static const char EN_POLICY[] = FM_EN
	"# Privacy Policy\n\nThe data controller is Example Platforms Ireland Limited.\n\n"
	"## Information we collect\n\nWe collect your email address, precise location and heart "
	"rate. We do not sell your personal information. We use it for advertising and to train "
	"our models.\n\n"
	"## Sharing\n\nWe share data with Stripe and with our affiliates, and transfer it to the "
	"United States.\n\n"
	"## Your rights\n\nYou have the right to access, correct and delete your data, and to "
	"lodge a complaint.\n\n"
	"## Retention\n\nWe keep data for 30 days, and logs for one (1) year.\n\n"
	"## Contact\n\nWrite to our [Data Protection Officer](mailto:dpo@example.com) or call "
	"+353 1 234 5678. Under 13 years of age? Ask a parent.\n";

START_TEST(en_policy)
{
	policy_doc *doc;
	policy_facts *f = facts_of("policies/privacy/en.md", EN_POLICY, &doc);

	expect(f, POLICY_FACT_CONTROLLER, "example platforms ireland limited");
	expect(f, POLICY_FACT_DATA, "email");
	expect(f, POLICY_FACT_DATA, "precise-location");
	ck_assert_int_eq(must(f, POLICY_FACT_DATA, "heart-rate")->sensitive, 1);
	ck_assert_str_eq(must(f, POLICY_FACT_DATA, "heart-rate")->label, "health data");
	ck_assert_int_eq(must(f, POLICY_FACT_PURPOSE, "sale")->negated, 1);
	expect(f, POLICY_FACT_PURPOSE, "advertising");
	expect(f, POLICY_FACT_PURPOSE, "ai-training");
	expect(f, POLICY_FACT_RECIPIENT, "stripe");
	expect(f, POLICY_FACT_RECIPIENT, "affiliates");
	expect(f, POLICY_FACT_TRANSFER, "us");
	expect(f, POLICY_FACT_RIGHT, "access");
	expect(f, POLICY_FACT_RIGHT, "complaint");
	expect(f, POLICY_FACT_RETENTION, "30 day");
	expect(f, POLICY_FACT_RETENTION, "1 year");
	/* a mailto: target is a contact point, the link text a role */
	expect(f, POLICY_FACT_CONTACT, "dpo@example.com");
	expect(f, POLICY_FACT_CONTACT, "dpo");
	expect(f, POLICY_FACT_CONTACT, "+35312345678");
	/* an age is not a retention period; "us" the pronoun is no country */
	ck_assert_ptr_null(find(f, POLICY_FACT_RETENTION, "13 year"));
	policy_facts_free(f);
	policy_doc_free(doc);
}
END_TEST

/* The same fact in two versions reads the same: URLs without tracking
 * parameters, scheme or trailing slash; phones as digits. */
START_TEST(normalised_values)
{
	policy_doc *a, *b;
	policy_facts *fa = facts_of(
		"policies/privacy/en.md",
		FM_EN "# P\n\n## Contact\n\nUse [our form](https://www.example.com/privacy/form/) "
		      "or call 01 541 3300.\n",
		&a);
	policy_facts *fb = facts_of(
		"policies/privacy/en.md",
		FM_EN
		"# P\n\n## Contact\n\nUse [our form](http://example.com/privacy/form?utm_source=x) "
		"or call 01-541-3300.\n",
		&b);

	expect(fa, POLICY_FACT_CONTACT, "example.com/privacy/form");
	expect(fb, POLICY_FACT_CONTACT, "example.com/privacy/form");
	expect(fa, POLICY_FACT_CONTACT, "015413300");
	expect(fb, POLICY_FACT_CONTACT, "015413300");
	policy_facts_free(fa);
	policy_facts_free(fb);
	policy_doc_free(a);
	policy_doc_free(b);
}
END_TEST

/* Context: a right only where rights are meant; a date is no period. */
START_TEST(context_decides)
{
	policy_doc *doc;
	policy_facts *f =
		facts_of("policies/privacy/zh-CN.md",
			 FM_ZH "# 隐私政策\n\n本政策于2017年9月1日发布，自2017年9月7日起生效。\n\n"
			       "## 一、存储\n\n超过保存期限后我们会删除或匿名化您的信息。\n",
			 &doc);

	ck_assert_ptr_null(find(f, POLICY_FACT_RIGHT, "deletion"));
	ck_assert_ptr_null(find(f, POLICY_FACT_RETENTION, "1 day"));
	ck_assert_ptr_null(find(f, POLICY_FACT_RETENTION, "7 day"));
	ck_assert_ptr_null(find(f, POLICY_FACT_CONTACT, "2017917"));
	policy_facts_free(f);
	policy_doc_free(doc);
}
END_TEST

/* A negation reaches to the end of its clause: a fact after the last
 * comma before it is stated, in zh (full width) and en; one in the same
 * clause is negated, wherever the sentence has commas before. */
START_TEST(negation_ends_at_a_comma)
{
	policy_doc *doc;
	policy_facts *f = facts_of(
		"policies/privacy/zh-CN.md",
		FM_ZH "# 隐私政策\n\n## "
		      "一、信息\n\n我们不会出售您的信息，也不会转让，但会收集您的位置信息。"
		      "为了安全，我们不会收集您的通讯录。\n\n## Two\n\nWe never sell data, "
		      "but we collect your email address.\n",
		&doc);

	ck_assert_int_eq(must(f, POLICY_FACT_DATA, "location")->negated, 0);
	ck_assert_int_eq(must(f, POLICY_FACT_DATA, "contacts")->negated, 1);
	ck_assert_int_eq(must(f, POLICY_FACT_DATA, "email")->negated, 0);
	policy_facts_free(f);
	policy_doc_free(doc);
}
END_TEST

/* A negation counts only wholly before its fact and in its clause, and
 * not when it is part of "not limited to" or 不限于; a cue (a right, a
 * retention period) counts only in the fact's own sentence, before or
 * after it. */
START_TEST(negations_and_cues_stay_in_their_place)
{
	policy_doc *doc;
	policy_facts *f = facts_of(
		"policies/privacy/zh-CN.md",
		FM_ZH "# 隐私政策\n\n## 一、信息\n\n我们收集包括但不限于您的位置信息。"
		      "我们收集您的通讯录，不会出售。删除账号后的数据。您可以申请更正。"
		      "我们会保存三年。这一句在三个月之后。\n\n## Two\n\nWe collect, including but "
		      "not limited to, your email address. Your phone number is not sold.\n",
		&doc);

	ck_assert_int_eq(must(f, POLICY_FACT_DATA, "location")->negated, 0);
	ck_assert_int_eq(must(f, POLICY_FACT_DATA, "contacts")->negated, 0);
	ck_assert_int_eq(must(f, POLICY_FACT_DATA, "email")->negated, 0);
	ck_assert_int_eq(must(f, POLICY_FACT_DATA, "phone")->negated, 0);
	/* 删除 with no cue in its sentence is no right; 更正 after 您可以 is */
	ck_assert_ptr_null(find(f, POLICY_FACT_RIGHT, "deletion"));
	expect(f, POLICY_FACT_RIGHT, "correction");
	/* 三年 beside 保存 is a period; 三个月 with no cue in its sentence is not */
	expect(f, POLICY_FACT_RETENTION, "3 year");
	ck_assert_ptr_null(find(f, POLICY_FACT_RETENTION, "3 month"));
	policy_facts_free(f);
	policy_doc_free(doc);
}
END_TEST

/* A text made mostly of negations keeps none of them: each fact's clause
 * is searched in place, with the same answers. */
START_TEST(a_text_of_negations_is_read_in_place)
{
	static const char head[] = FM_ZH "# 隐私政策\n\n## 一、信息\n\n我们";
	static const char tail[] = "收集您的位置信息，也收集您的通讯录。\n";
	size_t n = 70000, len = strlen(head) + 3 * n + strlen(tail);
	char *src = malloc(len + 1), *p = src;
	policy_doc *doc;
	policy_facts *f;

	ck_assert_ptr_nonnull(src);
	memcpy(p, head, strlen(head));
	p += strlen(head);
	for (size_t i = 0; i < n; i++, p += 3)
		memcpy(p, "不", 3);
	memcpy(p, tail, strlen(tail) + 1);
	f = facts_of("policies/privacy/zh-CN.md", src, &doc);
	ck_assert_int_eq(must(f, POLICY_FACT_DATA, "location")->negated, 1);
	ck_assert_int_eq(must(f, POLICY_FACT_DATA, "contacts")->negated, 0);
	policy_facts_free(f);
	policy_doc_free(doc);
	free(src);
}
END_TEST

START_TEST(bad_input)
{
	policy_doc *doc;
	policy_facts *f = NULL;
	size_t n = 16u * 1024u * 1024u - 4096u, len;
	char *big;

	/* a policy that states no fact */
	f = facts_of("policies/privacy/en.md", FM_EN "# Terms\n\nBe nice.\n", &doc);
	ck_assert_uint_eq(policy_facts_count(f), 0);
	ck_assert_ptr_null(policy_facts_at(f, 0));
	policy_facts_free(f);
	policy_doc_free(doc);
	/* NULL and unusable documents */
	ck_assert_int_eq(policy_facts_read(&f, NULL), POLICY_EINVALID);
	ck_assert_ptr_null(f);
	policy_facts_free(NULL);
	/* hostile text: markup, unterminated addresses, long runs of digits,
	 * a suffix with nothing before it */
	f = facts_of("policies/privacy/en.md",
		     FM_EN
		     "# P\n\n@ @@ a@ @b .@. x@y. <script>alert(1)</script> 1234567890123456789 "
		     "+ + (((((( Inc. LLC SDK 有限公司 https:// www. 0000000000\n",
		     &doc);
	ck_assert_ptr_null(find(f, POLICY_FACT_CONTACT, "1234567890123456789"));
	policy_facts_free(f);
	policy_doc_free(doc);
	/* close to 16 MiB of one line with facts all over it */
	big = malloc(n + 256);
	ck_assert_ptr_nonnull(big);
	len = (size_t)snprintf(big, 256, "%s# P\n\n", FM_EN);
	while (len + 48 < n)
		len += (size_t)snprintf(big + len, 64,
					"We collect your email address and x%zu@e.com. ", len);
	big[len++] = '\n';
	big[len] = '\0';
	ck_assert_int_eq(policy_doc_parse(&doc, "policies/privacy/en.md", big, len, NULL), 0);
	ck_assert_int_eq(policy_facts_read(&f, doc), 0);
	ck_assert_ptr_nonnull(find(f, POLICY_FACT_DATA, "email"));
	ck_assert_uint_gt(policy_facts_count(f), 1000);
	policy_facts_free(f);
	policy_doc_free(doc);
	free(big);
}
END_TEST

/* policyctl.yaml's phrases join the vocabularies: whole words in Latin,
 * anywhere in Chinese, a data item with its kind and sensitivity. */
START_TEST(repository_vocabulary)
{
	static const char cfg[] = "facts:\n  data:\n    - 心率\n"
				  "    - {phrase: Sleep Score, kind: health}\n"
				  "  recipients: [Acme Analytics]\n  purposes: [模型训练]\n";
	static const char src[] =
		FM_EN "# Policy\n\n## Data\n\nWe read your sleep scores and share "
		      "them with ACME Analytics, not with Acme Analyticsville. "
		      "我们收集心率，用于模型训练。\n";
	policy_config *c = NULL;
	policy_doc_options opts = POLICY_DOC_OPTIONS_INIT;
	policy_doc *doc = NULL;
	policy_facts *f = NULL;
	const policy_fact *x;
	size_t recipients = 0;

	ck_assert_int_eq(policy_config_parse(&c, "policyctl.yaml", cfg, strlen(cfg)), 0);
	opts.rules = policy_config_rules(c);
	ck_assert_int_eq(policy_doc_parse(&doc, "policies/privacy/en.md", src, strlen(src), &opts),
			 0);
	policy_config_free(c); /* the document keeps its own copy */
	ck_assert_int_eq(policy_facts_read(&f, doc), 0);
	x = must(f, POLICY_FACT_DATA, "sleep score");
	ck_assert_str_eq(x->label, "health data");
	ck_assert_int_eq(x->sensitive, 1);
	ck_assert_str_eq(x->text, "sleep scores");
	expect(f, POLICY_FACT_DATA, "心率");
	expect(f, POLICY_FACT_PURPOSE, "模型训练");
	for (size_t i = 0; i < policy_facts_count(f); i++)
		recipients += policy_facts_at(f, i)->kind == POLICY_FACT_RECIPIENT &&
			      strcmp(policy_facts_at(f, i)->value, "acme analytics") == 0;
	ck_assert_uint_eq(recipients, 1);
	policy_facts_free(f);
	policy_doc_free(doc);
	/* without the phrases, none of them is a fact */
	doc = doc_of("policies/privacy/en.md", src);
	ck_assert_int_eq(policy_facts_read(&f, doc), 0);
	ck_assert_ptr_null(find(f, POLICY_FACT_DATA, "sleep score"));
	ck_assert_ptr_null(find(f, POLICY_FACT_PURPOSE, "模型训练"));
	policy_facts_free(f);
	policy_doc_free(doc);
}
END_TEST

START_TEST(kind_names)
{
	ck_assert_str_eq(policy_facts_kind_name(POLICY_FACT_DATA), "data");
	ck_assert_str_eq(policy_facts_kind_name(POLICY_FACT_CONTROLLER), "controller");
	ck_assert_str_eq(policy_facts_kind_name(POLICY_FACT_KIND_COUNT), "unknown");
	ck_assert_uint_eq(policy_facts_kind_category(POLICY_FACT_RIGHT), POLICY_CATEGORY_RIGHTS);
	ck_assert_uint_eq(policy_facts_kind_category(POLICY_FACT_DATA), POLICY_CATEGORY_PURPOSES);
}
END_TEST

START_TEST(ascii_lowering)
{
	char src[300], got[301];

	/* every byte value, at every offset from a word boundary */
	for (int i = 0; i < 300; i++)
		src[i] = (char)(i < 256 ? i : 'A' + i % 26);
	for (size_t from = 0; from < 9; from++) {
		size_t n = sizeof(src) - from;

		ascii_lower(got, src + from, n);
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)src[from + i];
			unsigned char want = c >= 'A' && c <= 'Z' ? c + 32 : c;

			ck_assert_msg((unsigned char)got[i] == want,
				      "byte 0x%02x lowered to 0x%02x", c, (unsigned char)got[i]);
		}
		ck_assert_int_eq(got[n], '\0');
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("facts");
	TCase *t = tcase_create("facts");

	tcase_set_timeout(t, 120);
	tcase_add_test(t, zh_policy);
	tcase_add_test(t, en_policy);
	tcase_add_test(t, normalised_values);
	tcase_add_test(t, context_decides);
	tcase_add_test(t, negation_ends_at_a_comma);
	tcase_add_test(t, negations_and_cues_stay_in_their_place);
	tcase_add_test(t, a_text_of_negations_is_read_in_place);
	tcase_add_test(t, bad_input);
	tcase_add_test(t, repository_vocabulary);
	tcase_add_test(t, kind_names);
	tcase_add_test(t, ascii_lowering);
	suite_add_tcase(s, t);
	return run_suite(s);
}
