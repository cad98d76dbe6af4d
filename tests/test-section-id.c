/* Section ids: numbering prefixes of every style, slugging. */
#include "common.h"

static void expect_slug(const char *title, const char *id)
{
	policy_buf out = POLICY_BUF_INIT;

	ck_assert_int_eq(policy_section_slug(&out, title), 0);
	ck_assert_msg(strcmp(out.ptr, id) == 0, "\"%s\" slugged to \"%s\", want \"%s\"", title,
		      out.ptr, id);
	policy_buf_dispose(&out);
}

START_TEST(numbering_styles)
{
	static const struct {
		const char *title, *id;
	} cases[] = {
		{"一、我们收集的信息", "我们收集的信息"},
		{"十一、附则", "附则"},
		{"（一）基本功能", "基本功能"},
		{"(一) 基本功能", "基本功能"},
		{"(1) 基本功能", "基本功能"},
		{"（1）基本功能", "基本功能"},
		{"1. Information we collect", "information-we-collect"},
		{"1、账号注册", "账号注册"},
		{"1) Account", "account"},
		{"1.2 Device data", "device-data"},
		{"1.2.3. Device data", "device-data"},
		{"①设备信息", "设备信息"},
		{"⑩设备信息", "设备信息"},
		{"I. Who we are", "who-we-are"},
		{"IV) Rights", "rights"},
		{"A. Cookies", "cookies"},
		{"a) Cookies", "cookies"},
		{"Article 3 Your rights", "your-rights"},
		{"Article 3. Your rights", "your-rights"},
		{"Section 2.1: Sharing", "sharing"},
		{"Chapter IV Transfers", "transfers"},
		{"第三条 个人信息的保存", "个人信息的保存"},
		{"第一部分 定义", "定义"},
		{"第12条 联系我们", "联系我们"},
		{"１．全角数字", "全角数字"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_slug(cases[i].title, cases[i].id);
}
END_TEST

START_TEST(not_numbering)
{
	expect_slug("Information we collect", "information-we-collect");
	expect_slug("Cookies and local storage", "cookies-and-local-storage");
	expect_slug("一些说明", "一些说明");
	expect_slug("360 Security", "360-security");
	expect_slug("Inc. details", "inc-details");
	expect_slug("I am here", "i-am-here");
	/* A heading that is only a number keeps it. */
	expect_slug("1.", "1");
	expect_slug("第三条", "第三条");
}
END_TEST

START_TEST(slug_rules)
{
	expect_slug("二、Cookie 与本地存储", "cookie-与本地存储");
	expect_slug("我们如何共享、转让、公开披露您的个人信息",
		    "我们如何共享-转让-公开披露您的个人信息");
	expect_slug("  Your   Rights!! ", "your-rights");
	expect_slug("ＳＤＫ列表", "sdk列表");
	expect_slug("!!!", "section");
	expect_slug("Ærø Straße", "ærø-strasse");
}
END_TEST

START_TEST(slug_rejects_invalid_utf8)
{
	policy_buf out = POLICY_BUF_INIT;

	ck_assert_int_eq(policy_section_slug(&out, "bad \xff"), POLICY_EINVALID);
	policy_buf_dispose(&out);
}
END_TEST

START_TEST(slug_is_bounded)
{
	char title[4096];
	policy_buf out = POLICY_BUF_INIT;

	memset(title, 'a', sizeof(title) - 1);
	title[sizeof(title) - 1] = '\0';
	ck_assert_int_eq(policy_section_slug(&out, title), 0);
	ck_assert_uint_le(out.size, 100);
	policy_buf_dispose(&out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("section-id");
	TCase *t = tcase_create("numbering");
	TCase *u = tcase_create("slug");

	tcase_add_test(t, numbering_styles);
	tcase_add_test(t, not_numbering);
	tcase_add_test(u, slug_rules);
	tcase_add_test(u, slug_rejects_invalid_utf8);
	tcase_add_test(u, slug_is_bounded);
	suite_add_tcase(s, t);
	suite_add_tcase(s, u);
	return run_suite(s);
}
