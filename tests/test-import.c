/* Importing text and web pages: headings from numbering and from the
 * page, dates and versions found in the text, the round trip through
 * check and render, and bad input. Inputs are in tests/data/import. */
#include <stdio.h>

#include "buf.h"
#include "common.h"

static policy_import *import_file(const char *name, policy_import_format format)
{
	policy_import_options opts = POLICY_IMPORT_OPTIONS_INIT;
	policy_buf data = POLICY_BUF_INIT;
	policy_import *r = NULL;
	char path[512];

	snprintf(path, sizeof(path), "%s/import/%s", getenv("POLICY_TEST_DATA"), name);
	ck_assert_int_eq(policy_file_read(&data, path, 1 << 24), 0);
	opts.format = format;
	opts.name = name;
	opts.today.year = 2025;
	opts.today.month = 1;
	opts.today.day = 2;
	ck_assert_int_eq(policy_import_parse(&r, data.ptr, data.size, &opts), 0);
	policy_buf_dispose(&data);
	return r;
}

/* The imported source, parsed as check would: usable, no errors. */
static policy_doc *reparse(const policy_import *r)
{
	policy_doc *doc = NULL;
	size_t len;
	const char *src = policy_import_source(r, &len);
	const policy_diags *d;
	policy_buf html = POLICY_BUF_INIT;

	ck_assert_int_eq(policy_doc_parse(&doc, "imported.md", src, len, NULL), 0);
	ck_assert_int_eq(policy_doc_usable(doc), 0);
	d = policy_doc_diags(doc);
	for (size_t i = 0; i < policy_diags_count(d); i++)
		ck_assert_msg(policy_diags_at(d, i)->severity == POLICY_SEVERITY_WARNING, "%s: %s",
			      policy_diags_at(d, i)->code, policy_diags_at(d, i)->message);
	ck_assert_int_eq(policy_render(&html, doc, POLICY_FORMAT_HTML, NULL), 0);
	policy_buf_dispose(&html);
	return doc;
}

/* "level title|level title|..." of the document's sections. */
static void outline(char *out, size_t size, const policy_doc *doc)
{
	out[0] = '\0';
	for (size_t i = 0; i < policy_doc_section_count(doc); i++) {
		const policy_section *s = policy_doc_section_at(doc, i);
		size_t n = strlen(out);

		snprintf(out + n, size - n, "%s%d %s", i ? "|" : "", s->level, s->title);
	}
}

static const char *note(const policy_import *r, const char *field)
{
	for (size_t i = 0; i < policy_import_note_count(r); i++)
		if (strcmp(policy_import_note_at(r, i)->field, field) == 0)
			return policy_import_note_at(r, i)->kind;
	return "none";
}

static void check_meta(const policy_doc *doc, const char *version, const char *released,
		       const char *effective, const char *locale)
{
	const policy_meta *m = policy_doc_meta(doc);
	char day[11];

	ck_assert_str_eq(m->version_text, version);
	policy_date_format(day, &m->released);
	ck_assert_str_eq(day, released);
	policy_date_format(day, &m->effective);
	ck_assert_str_eq(day, effective);
	ck_assert_str_eq(m->locale, locale);
}

START_TEST(zh_text)
{
	policy_import *r = import_file("zh.txt", POLICY_IMPORT_AUTO);
	policy_doc *doc = reparse(r);
	char o[2048];

	outline(o, sizeof(o), doc);
	ck_assert_str_eq(
		o, "1 晴天记账隐私政策|2 一、我们如何收集和使用您的个人信息|3 （一）账号注册与登录|"
		   "3 （二）记账功能|4 1. 账目同步|4 2. 导出|2 二、我们如何共享您的个人信息|"
		   "2 三、您的权利|2 四、如何联系我们");
	check_meta(doc, "2.0", "2023-05-26", "2023-06-26", "zh-CN");
	ck_assert_str_eq(policy_import_format_name(r), "text");
	ck_assert_str_eq(note(r, "released"), "found");
	ck_assert_str_eq(note(r, "metadata"), "dropped");
	/* The bullets are a list, and the metadata lines left the body. */
	ck_assert_ptr_nonnull(strstr(policy_import_source(r, NULL),
				     "- 获得您的明确同意后；\n- 根据法律法规的要求。"));
	ck_assert_ptr_null(strstr(policy_import_source(r, NULL), "更新日期"));
	policy_doc_free(doc);
	policy_import_free(r);
}
END_TEST

START_TEST(en_text)
{
	policy_import *r = import_file("en.txt", POLICY_IMPORT_TEXT);
	policy_doc *doc = reparse(r);
	char o[2048];

	outline(o, sizeof(o), doc);
	ck_assert_str_eq(o, "1 Sunny Notes Privacy Policy|2 1. Information we collect|3 1.1 "
			    "Account information|"
			    "3 1.2 Device information|2 2. How we use it|2 3. Sharing|2 4. Your "
			    "rights|2 5. Contact us");
	check_meta(doc, "2.0", "2023-05-26", "2023-06-26", "en");
	policy_doc_free(doc);
	policy_import_free(r);
}
END_TEST

START_TEST(zh_messy_text)
{
	policy_import *r = import_file("zh-messy.txt", POLICY_IMPORT_AUTO);
	policy_doc *doc = reparse(r);
	char o[2048];

	outline(o, sizeof(o), doc);
	ck_assert_str_eq(
		o, "1 小鱼出行隐私政策|2 第一章 总则|3 第一条 适用范围|3 第二条 定义|2 第二章 "
		   "收集与使用|"
		   "3 第三条 我们收集的信息|3 第四条 Cookie|2 第三章 联系我们|3 第五条 联系方式");
	/* A month alone: its first day, and said so. */
	check_meta(doc, "1.0", "2020-08-01", "2020-08-01", "zh-CN");
	ck_assert_str_eq(note(r, "released"), "guessed");
	ck_assert_str_eq(note(r, "version"), "missing");
	/* The tab between two sentences is gone; the numbering keeps a space. */
	ck_assert_ptr_nonnull(strstr(policy_import_source(r, NULL), "小鱼出行App。我们非常重视"));
	policy_doc_free(doc);
	policy_import_free(r);
}
END_TEST

START_TEST(zh_html_in_gbk)
{
	policy_import *r = import_file("zh.html", POLICY_IMPORT_AUTO);
	policy_doc *doc = reparse(r);
	const policy_section *sdk;
	const char *src = policy_import_source(r, NULL);
	char o[2048];

	outline(o, sizeof(o), doc);
	ck_assert_str_eq(o,
			 "1 星空相册隐私政策|2 一、我们收集的信息|3 （一）相册备份|2 二、第三方SDK|"
			 "2 三、联系我们");
	check_meta(doc, "3.1", "2022-03-01", "2022-03-15", "zh-CN");
	ck_assert_str_eq(policy_import_format_name(r), "html");
	/* The table of third parties: a GFM table, one record per row,
	 * fields from the header. */
	ck_assert_ptr_nonnull(strstr(src, "| 第三方名称 | 使用目的 | 收集的信息 |\n"
					  "| --- | --- | --- |\n"
					  "| 某某推送SDK | 推送通知 | 设备标识符 |\n"));
	sdk = policy_doc_find_section(doc, "第三方sdk");
	ck_assert_ptr_nonnull(sdk);
	ck_assert_uint_eq(sdk->record_count, 2);
	ck_assert_str_eq(sdk->records[0].name, "某某推送SDK");
	ck_assert_str_eq(sdk->records[1].name, "某某统计SDK");
	ck_assert_uint_eq(sdk->records[0].field_count, 3);
	ck_assert_str_eq(sdk->records[0].fields[1].key, "使用目的");
	ck_assert_str_eq(sdk->records[0].fields[1].value, "推送通知");
	/* Scripts, styles, navigation and unsafe links are gone; safe ones stay. */
	ck_assert_ptr_null(strstr(src, "alert"));
	ck_assert_ptr_null(strstr(src, "首页"));
	ck_assert_ptr_null(strstr(src, "javascript"));
	ck_assert_ptr_nonnull(strstr(src, "[帮助中心](https://example.cn/help)"));
	ck_assert_ptr_nonnull(
		strstr(src, "开启备份后，照片会上传到云端。\n\n您可以随时关闭备份。"));
	policy_doc_free(doc);
	policy_import_free(r);
}
END_TEST

START_TEST(en_html)
{
	policy_import *r = import_file("en.html", POLICY_IMPORT_HTML);
	policy_doc *doc = reparse(r);
	const char *src = policy_import_source(r, NULL);
	char o[2048];

	outline(o, sizeof(o), doc);
	/* A table of partners stays a table in its section, its rows the
	 * section's records; the subsection after it is no record. */
	ck_assert_str_eq(o, "1 Moon Weather Privacy Policy|2 What we collect|2 Our partners|"
			    "3 Partner contracts|2 Contact");
	check_meta(doc, "1.0", "2024-03-03", "2024-03-03", "en-US");
	ck_assert_uint_eq(policy_doc_find_section(doc, "our-partners")->record_count, 2);
	ck_assert_str_eq(policy_doc_find_section(doc, "our-partners")->records[1].name,
			 "Crashes Ltd.");
	ck_assert(!policy_doc_find_section(doc, "partner-contracts")->is_record);
	ck_assert_ptr_nonnull(
		strstr(src, "- Crash reports:\n  - the device model;\n  - the app version."));
	ck_assert_ptr_nonnull(strstr(src, "**approximate location**"));
	ck_assert_ptr_nonnull(strstr(src, "[privacy@example.org](mailto:privacy@example.org)"));
	ck_assert_ptr_null(strstr(src, "track()"));
	ck_assert_ptr_null(strstr(src, "Blog"));
	policy_doc_free(doc);
	policy_import_free(r);
}
END_TEST

START_TEST(en_messy_html)
{
	policy_import *r = import_file("en-messy.html", POLICY_IMPORT_AUTO);
	policy_doc *doc = reparse(r);
	char o[2048];

	outline(o, sizeof(o), doc);
	ck_assert_str_eq(
		o, "1 Pebble Chat privacy notice|2 1. Data we collect|2 2. Why|2 3. Your choices|"
		   "2 4. Children");
	check_meta(doc, "1.2", "2021-07-01", "2021-07-01", "en");
	/* a table without a header row gets an empty one: GFM needs it */
	ck_assert_ptr_nonnull(
		strstr(policy_import_source(r, NULL),
		       "|  |  |\n| --- | --- |\n| Support | help@pebble.example |\n"));
	ck_assert_ptr_null(strstr(policy_import_source(r, NULL), "bad"));
	policy_doc_free(doc);
	policy_import_free(r);
}
END_TEST

static int import_text(const char *text, policy_import **r)
{
	policy_import_options opts = POLICY_IMPORT_OPTIONS_INIT;

	opts.format = POLICY_IMPORT_TEXT;
	opts.name = "in.txt";
	return policy_import_parse(r, text, strlen(text), &opts);
}

/* A table's cells stay on their row's line whatever they hold
 * (paragraphs, line breaks, lists, a nested table, a '|'), rows are
 * padded to the widest, and no row is lost however many there are. */
START_TEST(html_tables_become_gfm_tables)
{
	policy_buf html = POLICY_BUF_INIT;
	policy_import_options opts = POLICY_IMPORT_OPTIONS_INIT;
	policy_import *r = NULL;
	policy_doc *doc;
	const char *src;

	ck_assert_int_eq(
		policy__buf_puts(
			&html,
			"<h1>P</h1><h2>第三方SDK</h2><table><tr><th>SDK名称</th><th>使用目的</th>"
			"<th>收集的信息</th></tr>"
			"<tr><td><p>A SDK</p></td><td>推送<br>通知</td><td><ul><li>设备标识</"
			"li><li>IP</li></ul></td></tr>"
			"<tr><td>B|SDK</td><td><table><tr><td>x</td></tr></table></td></tr>"),
		0);
	for (int i = 0; i < 600; i++)
		ck_assert_int_eq(policy__buf_printf_line(&html, "<tr><td>R%d</td></tr>", i), 0);
	ck_assert_int_eq(policy__buf_puts(&html, "</table><p>end</p>"), 0);
	opts.format = POLICY_IMPORT_HTML;
	opts.name = "t.html";
	ck_assert_int_eq(policy_import_parse(&r, html.ptr, html.size, &opts), 0);
	src = policy_import_source(r, NULL);
	ck_assert_ptr_nonnull(strstr(src,
				     "| SDK名称 | 使用目的 | 收集的信息 |\n| --- | --- | --- |\n"
				     "| A SDK | 推送 通知 | 设备标识 IP |\n"
				     "| B\\|SDK | x |  |\n"));
	ck_assert_ptr_nonnull(strstr(src, "| R599 |  |  |\n\nend\n"));
	doc = reparse(r);
	ck_assert_uint_eq(policy_doc_find_section(doc, "第三方sdk")->record_count, 602);
	ck_assert_str_eq(policy_doc_find_section(doc, "第三方sdk")->records[1].name, "B|SDK");
	policy_doc_free(doc);
	policy_import_free(r);
	policy_buf_dispose(&html);
}
END_TEST

START_TEST(bad_input)
{
	policy_import *r = NULL;
	policy_import_options opts = POLICY_IMPORT_OPTIONS_INIT;

	ck_assert_int_eq(import_text("Title\nline two\nbad \xff byte\n", &r), POLICY_EPARSE);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(policy_error_last()->file, "in.txt");
	ck_assert_uint_eq(policy_error_last()->line, 3);
	ck_assert_int_eq(import_text("  \n\t\n", &r), POLICY_EPARSE);
	ck_assert_ptr_nonnull(strstr(policy_error_last()->message, "no text"));
	opts.locale = "../etc";
	ck_assert_int_eq(policy_import_parse(&r, "x", 1, &opts), POLICY_EINVALID);
	opts.locale = NULL;
	opts.format = POLICY_IMPORT_HTML;
	ck_assert_int_eq(policy_import_parse(&r, "<html><script>x</script></html>", 31, &opts),
			 POLICY_EPARSE);
}
END_TEST

/* A table of contents (numbered 1、) before a body numbered 一、: a list,
 * not sections; the body's sections keep plain ids and their level. */
START_TEST(contents_are_a_list)
{
	static const char text[] =
		"某某APP隐私政策\n本政策将帮助您了解以下内容：\n1、我们如何收集您的信息\n2、我们如"
		"何共享您的信息\n"
		"3、您的权利\n4、如何联系我们\n"
		"一、我们如何收集您的信息\n（一）注册\n注册时我们收集您的手机号码。\n"
		"二、我们如何共享您的信息\n我们不会共享您的信息。\n三、您的权利\n您可以查阅您的信息"
		"。\n"
		"四、如何联系我们\n请发送邮件至privacy@example.cn。\n";
	policy_import *r = NULL;
	const char *src;

	ck_assert_int_eq(import_text(text, &r), 0);
	src = policy_import_source(r, NULL);
	ck_assert_ptr_nonnull(strstr(src, "- 1、我们如何收集您的信息\n"));
	ck_assert_ptr_nonnull(strstr(src, "## 一、我们如何收集您的信息"));
	ck_assert_ptr_null(strstr(src, "-2}"));
	ck_assert_ptr_nonnull(strstr(src, "### （一）注册"));
	ck_assert_ptr_nonnull(strstr(src, "## 四、如何联系我们"));
	ck_assert_ptr_nonnull(note(r, "contents"));
	policy_import_free(r);
}
END_TEST

/* Contents whose titles the body rewords, numbered in another style; the
 * body restarts at 一、 with a title close to the contents' first. */
START_TEST(contents_reworded)
{
	static const char text[] =
		"某某APP隐私政策\n本政策将帮助您了解以下内容：\n1、我们如何收集和使用您的个人信息\n"
		"2、我们如何共享、转让您的个人信息\n3、我们如何保护您的个人信息\n4、如何联系我们\n"
		"\n"
		"一、我们如何收集和使用您的信息\n注册时我们收集您的手机号码。\n"
		"二、我们如何共享、转让您的信息\n我们不会共享您的信息。\n三、我们如何保护您的信息\n"
		"我们采取加密措施。\n四、如何联系我们\n请发送邮件至privacy@example.cn。\n";
	policy_import *r = NULL;
	const char *src;

	ck_assert_int_eq(import_text(text, &r), 0);
	src = policy_import_source(r, NULL);
	ck_assert_ptr_nonnull(strstr(src, "- 1、我们如何收集和使用您的个人信息\n"));
	ck_assert_ptr_nonnull(strstr(src, "## 一、我们如何收集和使用您的信息\n"));
	ck_assert_ptr_nonnull(strstr(src, "## 三、我们如何保护您的信息\n"));
	ck_assert_ptr_null(strstr(src, "- 一、"));
	policy_import_free(r);
}
END_TEST

/* A body that numbers only its contents: its bare titles take the
 * contents' numbers, and so their depth. */
START_TEST(contents_number_bare_titles)
{
	static const char text[] =
		"某某APP隐私政策\n您可以根据以下索引阅读相应章节：\n一、信息收集与使用\n二、对外提"
		"供信息\n"
		"三、访问和管理自己的信息\n\n信息收集与使用\n注册时我们收集您的手机号码。\n"
		"对外提供信息\n我们不会出售您的信息。\n访问和管理自己的信息\n您可以查阅您的信息。"
		"\n";
	policy_import *r = NULL;
	const char *src;

	ck_assert_int_eq(import_text(text, &r), 0);
	src = policy_import_source(r, NULL);
	ck_assert_ptr_nonnull(strstr(src, "- 一、信息收集与使用\n"));
	ck_assert_ptr_nonnull(strstr(src, "## 一、信息收集与使用\n"));
	ck_assert_ptr_nonnull(strstr(src, "## 三、访问和管理自己的信息\n"));
	policy_import_free(r);
}
END_TEST

/* Markdown as large services publish it: its body is kept as it is, the
 * front matter made from its title and dates; the format is guessed from
 * setext headings and links. */
START_TEST(markdown_kept)
{
	static const char text[] =
		"Privacy Notice\n==============\n\n_Last Updated: 28 October 2024_\n\n"
		"**1\\. Introduction**\n--------------------\n\nWe are "
		"[Example](https://example.com/a).\n\n"
		"1. ## Data we collect\n   Your name.\n\n| SDK | Company |\n|---|---|\n| Push SDK "
		"| Push Ltd. |\n\n"
		"Write to [us](https://example.com/contact).\n";
	policy_import_options opts = POLICY_IMPORT_OPTIONS_INIT;
	policy_import *r = NULL;
	const char *src;
	policy_doc *doc;

	opts.name = "notice.md";
	ck_assert_int_eq(policy_import_parse(&r, text, strlen(text), &opts), 0);
	ck_assert_str_eq(policy_import_format_name(r), "markdown");
	src = policy_import_source(r, NULL);
	ck_assert_ptr_nonnull(strstr(src, "released: 2024-10-28\n"));
	ck_assert_ptr_nonnull(strstr(src, "title: Privacy Notice\n"));
	ck_assert_ptr_nonnull(strstr(src, "---\n\nPrivacy Notice\n==============\n"));
	ck_assert_ptr_nonnull(strstr(src, "| Push SDK | Push Ltd. |\n"));
	doc = reparse(r);
	ck_assert_uint_eq(policy_doc_section_count(doc), 3);
	ck_assert_str_eq(policy_doc_section_at(doc, 2)->title, "1. Data we collect");
	policy_doc_free(doc);
	policy_import_free(r);
}
END_TEST

/* Heading forms of real plain-text policies: "4 标题" (number, blank,
 * title), "7 .标题", a short title ending in a colon; contents announced
 * and mostly reworded, found by the body restarting its count. */
START_TEST(heading_forms_and_announced_contents)
{
	static const char text[] =
		"某某APP隐私政策\n本政策将帮助您了解以下内容：\n1、信息收集\n2、用户权利\n3、未成年"
		"人使用提示\n"
		"4、隐私条款变更\n5、如何联系我们\n\n"
		"1 信息收集：\n我们收集您的手机号码。\n2 用户的权利\n您可以查阅您的信息。\n"
		"3 .未成年人使用我们的服务\n我们不向儿童提供服务。\n4 变更\n我们会通知您。\n"
		"5 如何联系我们\n请发送邮件至privacy@example.cn。\n";
	policy_import *r = NULL;
	const char *src;

	ck_assert_int_eq(import_text(text, &r), 0);
	src = policy_import_source(r, NULL);
	ck_assert_ptr_nonnull(strstr(src, "- 2、用户权利\n"));
	ck_assert_ptr_nonnull(strstr(src, "## 1 信息收集："));
	ck_assert_ptr_nonnull(strstr(src, "## 2 用户的权利"));
	ck_assert_ptr_nonnull(strstr(src, "## 3 .未成年人使用我们的服务"));
	ck_assert_ptr_nonnull(strstr(src, "## 5 如何联系我们"));
	policy_import_free(r);
}
END_TEST

/* Depth by the numbering system, not by first appearance: a "1、" list
 * met before the first "一、" stays under it; a policy whose "（一）"
 * counts start under "1、" nests them there; parts hold their chapters. */
START_TEST(depth_by_numbering_system)
{
	static const char first[] = "某某APP隐私政策\n1、本政策适用于本应用\n2、请仔细阅读\n"
				    "一、我们收集的信息\n1、账号信息\n我们收集手机号码。\n2、设备信"
				    "息\n我们收集设备型号。\n"
				    "二、联系我们\n请发送邮件至privacy@example.cn。\n";
	static const char votes[] =
		"某某APP隐私政策\n1、如何收集您的个人信息\n（一）基本功能\n（1）注册\n我们收集手机"
		"号码。\n"
		"（2）登录\n我们核验密码。\n（二）扩展功能\n（1）推送\n我们收集设备标识。\n"
		"2、如何联系我们\n请发送邮件至privacy@example.cn。\n";
	static const char parts[] =
		"某某APP隐私政策\n第一部分 定义\n个人信息：指各种信息。\n第二部分 隐私政策\n"
		"一、我们收集的信息\n我们收集手机号码。\n二、联系我们\n请发送邮件至privacy@example."
		"cn。\n";
	policy_import *r = NULL;
	const char *src;

	ck_assert_int_eq(import_text(first, &r), 0);
	src = policy_import_source(r, NULL);
	ck_assert_ptr_nonnull(strstr(src, "## 一、我们收集的信息\n"));
	ck_assert_ptr_nonnull(strstr(src, "### 1、账号信息\n"));
	ck_assert_ptr_nonnull(strstr(src, "## 二、联系我们\n"));
	policy_import_free(r);

	ck_assert_int_eq(import_text(votes, &r), 0);
	src = policy_import_source(r, NULL);
	ck_assert_ptr_nonnull(strstr(src, "## 1、如何收集您的个人信息\n"));
	ck_assert_ptr_nonnull(strstr(src, "### （一）基本功能\n"));
	ck_assert_ptr_nonnull(strstr(src, "#### （1）注册\n"));
	ck_assert_ptr_nonnull(strstr(src, "### （二）扩展功能\n"));
	ck_assert_ptr_nonnull(strstr(src, "## 2、如何联系我们\n"));
	policy_import_free(r);

	ck_assert_int_eq(import_text(parts, &r), 0);
	src = policy_import_source(r, NULL);
	ck_assert_ptr_nonnull(strstr(src, "## 第二部分 隐私政策\n"));
	ck_assert_ptr_nonnull(strstr(src, "### 一、我们收集的信息\n"));
	policy_import_free(r);
}
END_TEST

/* A page saved as UTF-8 that still declares another charset is read as
 * the UTF-8 it is; bare CR line ends are line ends. */
START_TEST(misdeclared_charset_and_bare_cr)
{
	static const char page[] =
		"<html><head><meta charset=\"gbk\"><title>隐私政策</title></head>"
		"<body><h1>隐私政策</h1><p>我们收集您的手机号。</p></body></html>";
	policy_import *r = NULL;
	policy_import_options opts = POLICY_IMPORT_OPTIONS_INIT;

	opts.format = POLICY_IMPORT_HTML;
	ck_assert_int_eq(policy_import_parse(&r, page, strlen(page), &opts), 0);
	ck_assert_ptr_nonnull(strstr(policy_import_source(r, NULL), "title: 隐私政策\n"));
	ck_assert_ptr_nonnull(strstr(policy_import_source(r, NULL), "我们收集您的手机号。"));
	policy_import_free(r);
	ck_assert_int_eq(
		import_text("Privacy Policy\r\r1. Data we collect\rWe collect your email.\r"
			    "2. Contact\rWrite to us.\r",
			    &r),
		0);
	ck_assert_ptr_nonnull(strstr(policy_import_source(r, NULL), "## 1\\. Data we collect\n"));
	ck_assert_ptr_nonnull(strstr(policy_import_source(r, NULL), "## 2\\. Contact\n"));
	policy_import_free(r);
}
END_TEST

START_TEST(hostile_text_stays_text)
{
	policy_import *r = NULL;
	policy_doc *doc;
	const char *text = "Policy\n1. <script>alert(1)</script>\n[x](javascript:alert(1))\n# not "
			   "a heading {#id}\n"
			   "- item\n1) also text that ends.\n";

	ck_assert_int_eq(import_text(text, &r), 0);
	doc = reparse(r);
	ck_assert_ptr_null(find_diag(doc, "raw-html"));
	ck_assert_ptr_null(find_diag(doc, "unsafe-link"));
	ck_assert_ptr_nonnull(strstr(policy_import_source(r, NULL), "\\<script\\>"));
	policy_doc_free(doc);
	policy_import_free(r);
}
END_TEST

START_TEST(dates_in_many_forms)
{
	static const struct {
		const char *line, *released;
	} cases[] = {
		{"Last updated: May 26, 2023", "2023-05-26"},
		{"Last updated: 26 May 2023", "2023-05-26"},
		{"Last updated: Sept. 2023", "none"},
		{"Last updated: Sep 2023", "2023-09-01"},
		{"更新日期：２０２３年５月２６日", "2023-05-26"},
		{"更新日期: 2023/5/26", "2023-05-26"},
		{"更新日期：2023.05.26", "2023-05-26"},
		{"更新日期：2023-02-30", "none"},
		{"Updated on 2023-05", "2023-05-01"},
		/* real Chinese policies: spaces inside, other keys, dates in sentences */
		{"更新日期：2020 年 05 月 25 日", "2020-05-25"},
		{"最近更新：2021年3月1日", "2021-03-01"},
		{"最后发布：2019年12月5日", "2019-12-05"},
		{"本政策于2017年9月1日发布，自2017年9月7日起生效。", "2017-09-01"},
		{"生效日期：【2020 年 12 月 08 日】", "2020-12-08"},
		{"更新日期：2020年【10】月【29】日", "2020-10-29"},
		/* a long paragraph at the top that dates the policy in a sentence */
		{"尊敬的用户：我们于2019年10月17日对《隐私政策》进行了更新。此版本的更新内容主要明"
		 "确了各业务"
		 "功能所对应需要获取的个人信息，列举说明了业务逻辑与权限的关系，说明了获取个人信息"
		 "的用途，"
		 "以及为实现部分功能需要获取的权限，并调整了提示字体等。",
		 "2019-10-17"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		policy_import *r = NULL;
		char text[1024], day[11];
		policy_doc *doc;

		snprintf(text, sizeof(text), "Policy\n%s\n\nText.\n", cases[i].line);
		ck_assert_int_eq(import_text(text, &r), 0);
		doc = reparse(r);
		policy_date_format(day, &policy_doc_meta(doc)->released);
		if (strcmp(cases[i].released, "none") == 0)
			ck_assert_msg(strcmp(note(r, "released"), "missing") == 0, "%s",
				      cases[i].line);
		else
			ck_assert_msg(strcmp(day, cases[i].released) == 0, "%s: %s", cases[i].line,
				      day);
		policy_doc_free(doc);
		policy_import_free(r);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("import");
	TCase *t = tcase_create("text");
	TCase *h = tcase_create("html");
	TCase *b = tcase_create("bad");

	tcase_add_test(t, zh_text);
	tcase_add_test(t, en_text);
	tcase_add_test(t, zh_messy_text);
	tcase_add_test(t, dates_in_many_forms);
	tcase_add_test(h, zh_html_in_gbk);
	tcase_add_test(h, en_html);
	tcase_add_test(h, en_messy_html);
	tcase_add_test(h, html_tables_become_gfm_tables);
	tcase_add_test(b, bad_input);
	tcase_add_test(b, hostile_text_stays_text);
	tcase_add_test(b, misdeclared_charset_and_bare_cr);
	tcase_add_test(b, contents_are_a_list);
	tcase_add_test(b, contents_reworded);
	tcase_add_test(b, depth_by_numbering_system);
	tcase_add_test(b, heading_forms_and_announced_contents);
	tcase_add_test(b, markdown_kept);
	tcase_add_test(b, contents_number_bare_titles);
	suite_add_tcase(s, t);
	suite_add_tcase(s, h);
	suite_add_tcase(s, b);
	return run_suite(s);
}
