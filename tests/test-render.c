/* Rendering: golden files per format, escaping, Markdown round trips,
 * template overrides. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

#include "buf.h"
#include "common.h"
#include "labels.h"
#include "template.h"

static char *read_all(const char *path, size_t *len)
{
	policy_buf b = POLICY_BUF_INIT;

	if (policy_file_read(&b, path, 64u << 20) < 0)
		return NULL;
	*len = b.size;
	return b.ptr ? b.ptr : strdup("");
}

/* Golden cases render the bundled sample policies. */
static const struct {
	const char *name;
	const char *input;
} cases[] = {
	{"zh", "policies/sample/privacy/zh-CN/2.0.md"},
	{"en", "policies/sample/privacy/en/2.0.md"},
	{"tricky", "policies/sample/tricky/zh-CN.md"},
};

static policy_doc *load_case(const char *name)
{
	char path[1024] = "";
	policy_doc *doc = NULL;
	policy_doc_options opts = POLICY_DOC_OPTIONS_INIT;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (strcmp(cases[i].name, name) == 0)
			snprintf(path, sizeof(path), "%s/%s", getenv("POLICY_SOURCE_ROOT"),
				 cases[i].input);
	opts.now.year = 2024;
	opts.now.month = 6;
	opts.now.day = 1;
	ck_assert_int_eq(policy_doc_load(&doc, path, &opts), 0);
	ck_assert_int_eq(policy_doc_usable(doc), 0);
	return doc;
}

/* Compare with tests/data/render/<case>/<file>; POLICY_UPDATE_GOLDEN=1
 * rewrites the golden file instead. */
static void expect_golden(const char *name, const char *file, const policy_buf *got)
{
	char path[1024], got_path[1100];
	size_t len = 0;
	char *want;

	snprintf(path, sizeof(path), "%s/render/%s", getenv("POLICY_TEST_DATA"), name);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/render/%s/%s", getenv("POLICY_TEST_DATA"), name, file);
	if (getenv("POLICY_UPDATE_GOLDEN") != NULL)
		ck_assert_int_eq(policy_file_write(path, got->ptr, got->size), 0);
	want = read_all(path, &len);
	snprintf(got_path, sizeof(got_path), "%s.got", path);
	if (want == NULL || len != got->size || memcmp(want, got->ptr, len) != 0) {
		/* what came beside the golden file, and a unified diff of the two */
		char cmd[2200];

		ck_assert_int_eq(policy_file_write(got_path, got->ptr, got->size), 0);
		snprintf(cmd, sizeof(cmd), "diff -u '%s' '%s' | head -n 80 >&2", path, got_path);
		if (want != NULL && system(cmd) == -1)
			fprintf(stderr, "cannot run diff\n");
	} else {
		unlink(got_path);
	}
	ck_assert_msg(want != NULL, "no golden file %s (what came is in %s)", path, got_path);
	ck_assert_msg(len == got->size && memcmp(want, got->ptr, len) == 0,
		      "%s differs from its golden file: the diff above, what came in %s "
		      "(POLICY_UPDATE_GOLDEN=1 rewrites it)",
		      path, got_path);
	free(want);
}

static void golden_case(const char *name)
{
	static const struct {
		policy_format format;
		const char *file;
	} formats[] = {
		{POLICY_FORMAT_HTML, "expected.html"},
		{POLICY_FORMAT_FRAGMENT, "expected.fragment.html"},
		{POLICY_FORMAT_MARKDOWN, "expected.md"},
		{POLICY_FORMAT_JSON, "expected.json"},
	};
	policy_doc *doc = load_case(name);

	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		policy_buf out = POLICY_BUF_INIT;

		ck_assert_int_eq(policy_render(&out, doc, formats[i].format, NULL), 0);
		expect_golden(name, formats[i].file, &out);
		policy_buf_dispose(&out);
	}
	policy_doc_free(doc);
}

START_TEST(golden_zh)
{
	golden_case("zh");
}
END_TEST

START_TEST(golden_en)
{
	golden_case("en");
}
END_TEST

START_TEST(golden_tricky)
{
	golden_case("tricky");
}
END_TEST

static policy_buf render_src(const char *src, policy_format format)
{
	policy_doc *doc = parse(src);
	policy_buf out = POLICY_BUF_INIT;

	ck_assert_int_eq(policy_render(&out, doc, format, NULL), 0);
	policy_doc_free(doc);
	return out;
}

START_TEST(hostile_input_is_inert)
{
	policy_buf out = render_src(
		"---\ntitle: \"<script>alert(1)</script> Policy\"\nversion: \"1.0\"\nreleased: "
		"2024-01-01\n"
		"effective: 2024-01-01\nsummary: \"<img src=x onerror=alert(5)>\"\n---\n"
		"# Hostile {#x\" onmouseover=\"alert(6)}\n\n<script>alert(2)</script>\n\n<img "
		"src=x onerror=\"alert(3)\">\n\n"
		"[click](javascript:alert(4)) ![i](javascript:alert(7)) <javascript:alert(8)>\n\n"
		"`<b>code</b>` and **<i>x</i>**\n",
		POLICY_FORMAT_HTML);

	ck_assert_ptr_null(strstr(out.ptr, "<script>alert"));
	ck_assert_ptr_null(strstr(out.ptr, "<img src=x"));
	ck_assert_ptr_null(strstr(out.ptr, "onerror=\""));
	ck_assert_ptr_null(strstr(out.ptr, "href=\"javascript"));
	ck_assert_ptr_null(strstr(out.ptr, "src=\"javascript"));
	ck_assert_ptr_null(strstr(out.ptr, "onmouseover=\""));
	ck_assert_ptr_null(strstr(out.ptr, "<i>"));
	ck_assert_ptr_nonnull(strstr(out.ptr, "&lt;script&gt;alert(1)&lt;/script&gt; Policy"));
	ck_assert_ptr_nonnull(strstr(out.ptr, "<code>&lt;b&gt;code&lt;/b&gt;</code>"));
	ck_assert_ptr_nonnull(strstr(out.ptr, ">click</a>"));
	policy_buf_dispose(&out);
}
END_TEST

START_TEST(heading_ids_and_no_attribute_blocks)
{
	policy_buf out = render_src(
		FM("") "## 三、共享 {#sharing .recipients}\n\n> ## Quoted\n\n## 1. Plain\n",
		POLICY_FORMAT_FRAGMENT);

	ck_assert_ptr_nonnull(strstr(out.ptr, "<h2 id=\"sharing\">三、共享</h2>"));
	ck_assert_ptr_nonnull(strstr(out.ptr, "<h2 id=\"plain\">1. Plain</h2>"));
	ck_assert_ptr_nonnull(strstr(out.ptr, "<h2>Quoted</h2>"));
	ck_assert_ptr_null(strstr(out.ptr, "{#"));
	policy_buf_dispose(&out);
}
END_TEST

START_TEST(toc_with_a_deeper_first_heading)
{
	policy_buf out = render_src(FM("") "### Deep first\n\n## Then shallow\n\n### Nested\n",
				    POLICY_FORMAT_HTML);

	ck_assert_ptr_nonnull(strstr(out.ptr, "<a href=\"#deep-first\">Deep first</a>"));
	ck_assert_ptr_nonnull(strstr(
		out.ptr, "<a href=\"#then-shallow\">Then shallow</a><ol><li><a href=\"#nested\">"));
	policy_buf_dispose(&out);
}
END_TEST

START_TEST(markdown_is_a_fixed_point)
{
	const char *src =
		FM("summary: \"新增: SDK\"\nrisk: high\n") "Intro *text*\nwith a soft break.\n\n# "
							   "政策\n\n## 一、共享 {#sharing "
							   ".recipients}\n\n"
							   "1. one\n2. two\n\n- a: b\n- c：d\n\n> "
							   "quote\n\n```\ncode "
							   "{#x}\n```\n\n<b>raw</b>\n\n"
							   "[x](javascript:y) "
							   "[ok](https://example.com "
							   "\"t\")\n\n---\n\nLast\\\nline.\n";
	policy_buf once = render_src(src, POLICY_FORMAT_MARKDOWN);
	policy_buf twice = render_src(once.ptr, POLICY_FORMAT_MARKDOWN);
	policy_doc *a = parse(src), *b = parse(once.ptr);

	ck_assert_str_eq(once.ptr, twice.ptr);
	ck_assert_ptr_null(strstr(once.ptr, "<b>"));
	ck_assert_ptr_null(strstr(once.ptr, "javascript"));
	ck_assert_ptr_nonnull(strstr(once.ptr, "version: \"1.0\""));
	/* The ids and categories survive the round trip. */
	ck_assert_uint_eq(policy_doc_section_count(a), policy_doc_section_count(b));
	for (size_t i = 0; i < policy_doc_section_count(a); i++) {
		ck_assert_str_eq(policy_doc_section_at(a, i)->id, policy_doc_section_at(b, i)->id);
		ck_assert_uint_eq(policy_doc_section_at(a, i)->categories,
				  policy_doc_section_at(b, i)->categories);
	}
	ck_assert_str_eq(policy_doc_meta(b)->summary, "新增: SDK");
	policy_doc_free(a);
	policy_doc_free(b);
	policy_buf_dispose(&once);
	policy_buf_dispose(&twice);
}
END_TEST

static int puts_into(policy_buf *b, const char *s)
{
	return policy_buf_append(b, s, strlen(s));
}

/* GitHub tables: an HTML table, kept in Markdown output, and hostile
 * cells as inert as any text. A table of 10,000 columns renders. */
START_TEST(tables_render)
{
	static const char table[] =
		FM("") "## 三、第三方SDK\n\n| SDK名称 | 第三方名称 | 使用目的 |\n"
		       "|---|---|---|\n| 极光推送SDK | 深圳市和讯华谷信息技术有限公司 | 推送 |\n"
		       "| <script>x</script> | [a](javascript:b) | ok |\n";
	policy_buf html = render_src(table, POLICY_FORMAT_FRAGMENT);
	policy_buf md = render_src(table, POLICY_FORMAT_MARKDOWN);
	policy_buf wide = POLICY_BUF_INIT, out;

	ck_assert_ptr_nonnull(strstr(html.ptr, "<table>"));
	ck_assert_ptr_nonnull(strstr(html.ptr, "<th>SDK名称</th>"));
	ck_assert_ptr_nonnull(strstr(html.ptr, "<td>极光推送SDK</td>"));
	ck_assert_ptr_null(strstr(html.ptr, "<script>"));
	ck_assert_ptr_null(strstr(html.ptr, "javascript"));
	ck_assert_ptr_nonnull(
		strstr(md.ptr, "| 极光推送SDK | 深圳市和讯华谷信息技术有限公司 | 推送 |"));
	policy_buf_dispose(&html);
	policy_buf_dispose(&md);

	ck_assert_int_eq(puts_into(&wide, FM("") "# Wide\n\n|"), 0);
	for (int i = 0; i < 10000; i++)
		ck_assert_int_eq(puts_into(&wide, " c |"), 0);
	ck_assert_int_eq(puts_into(&wide, "\n|"), 0);
	for (int i = 0; i < 10000; i++)
		ck_assert_int_eq(puts_into(&wide, "---|"), 0);
	ck_assert_int_eq(puts_into(&wide, "\n| x |\n"), 0);
	out = render_src(wide.ptr, POLICY_FORMAT_FRAGMENT);
	ck_assert_ptr_nonnull(strstr(out.ptr, "<table>"));
	policy_buf_dispose(&out);
	policy_buf_dispose(&wide);
}
END_TEST

START_TEST(template_override)
{
	char dir[] = "/tmp/policy-tmpl-XXXXXX", path[256];
	const char *tmpl =
		"<!DOCTYPE html><html><head><title data-slot=\"title\">x</title></head>"
		"<body><p data-if=\"lang-zh\">中文</p><p data-if=\"!lang-zh\">English</p>"
		"<p data-slot=\"version\">v</p><div data-slot=\"body\"></div></body></html>";
	policy_render_options opts = POLICY_RENDER_OPTIONS_INIT;
	policy_doc *doc = parse(FM("") "# Hello\n");
	policy_buf out = POLICY_BUF_INIT;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/page.html", dir);
	ck_assert_int_eq(policy_file_write(path, tmpl, strlen(tmpl)), 0);
	opts.template_dir = dir;
	ck_assert_int_eq(policy_render(&out, doc, POLICY_FORMAT_HTML, &opts), 0);
	ck_assert_ptr_nonnull(strstr(out.ptr, "<html lang=\"en\">"));
	ck_assert_ptr_nonnull(strstr(out.ptr, "<p>English</p>"));
	ck_assert_ptr_null(strstr(out.ptr, "中文"));
	ck_assert_ptr_nonnull(strstr(out.ptr, "<p data-slot=\"version\">1.0</p>"));
	ck_assert_ptr_nonnull(strstr(out.ptr, "<h1 id=\"hello\">Hello</h1>"));
	/* A directory without page.html falls back to the built-in one. */
	unlink(path);
	ck_assert_int_eq(policy_render(&out, doc, POLICY_FORMAT_HTML, &opts), 0);
	ck_assert_ptr_nonnull(strstr(out.ptr, "name=\"viewport\""));
	rmdir(dir);
	policy_buf_dispose(&out);
	policy_doc_free(doc);
}
END_TEST

/* A compiled template, nothing filled and every condition true, writes
 * what libxml2 writes of the same file without its data-if and
 * data-label attributes: comments, <script> and <style> text, bare and
 * escaped attributes, void elements, entities, non-ASCII URIs. */
static int always(void *payload, const char *name)
{
	(void)payload;
	(void)name;
	return 1;
}

static int keep_all(void *payload, const char *name, template_el *el)
{
	(void)payload;
	(void)name;
	(void)el;
	return 0;
}

static int libxml2_write(policy_buf *out, const char *html)
{
	htmlDocPtr doc =
		htmlReadMemory(html, (int)strlen(html), "t.html", "UTF-8",
			       HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	xmlChar *mem = NULL;
	int size = 0;

	for (xmlNodePtr n = xmlDocGetRootElement(doc); n != NULL;) {
		xmlUnsetProp(n, BAD_CAST "data-if");
		if (n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL)
			n = n->parent && n->parent->type == XML_ELEMENT_NODE ? n->parent : NULL;
		if (n != NULL)
			n = n->next;
	}
	htmlDocDumpMemoryFormat(doc, &mem, &size, 0);
	policy__buf_clear(out);
	policy__buf_put(out, (const char *)mem, (size_t)size);
	xmlFree(mem);
	xmlFreeDoc(doc);
	return 0;
}

/* Compile `html` and write it with `f` into `out`: the write's result. */
static int compile_write(policy_buf *out, const char *html, const template_filler *f,
			 const char *lang)
{
	template_program *p = NULL;
	const template_node *nodes;
	size_t count;
	int rc;

	ck_assert_int_eq(policy__template_compile(&p, html, strlen(html), "t.html"), 0);
	nodes = policy__template_nodes(p, &count);
	rc = policy__template_write(out, nodes, count, f, NULL, lang);
	policy__template_program_free(p);
	return rc;
}

START_TEST(compiled_template_writes_what_libxml2_writes)
{
	const char *html =
		"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title>"
		"<style>p > a { color: red; }</style><script>if (a < b && c) x();</script></head>"
		"<body><!-- a comment --><p class=\"x &quot;y&quot;\" data-if=\"yes\">a &amp; b "
		"&lt; c"
		"<br><input type=\"checkbox\" checked data-if=\"c\"></p>"
		"<a href=\"/政策 v1.html?a=1&amp;b=2\" data-slot=\"link\" "
		"title=\"&lt;t&gt;\">link</a>"
		"<ul data-slot=\"list\"><li>one</li><li>two <em>2</em></li></ul>"
		"<img src=\"a b.png\" alt=\"\" data-if=\"img\"></body></html>";
	template_filler f = {keep_all, always, NULL};
	policy_buf got = POLICY_BUF_INIT, want = POLICY_BUF_INIT;

	ck_assert_int_eq(compile_write(&got, html, &f, NULL), 0);
	libxml2_write(&want, html);
	ck_assert_int_eq(policy__buf_putc(&want, '\n'), 0);
	ck_assert_str_eq(got.ptr, want.ptr);
	policy_buf_dispose(&got);
	policy_buf_dispose(&want);
}
END_TEST

static int fill_some(void *payload, const char *name, template_el *el)
{
	int *calls = payload;

	(*calls)++;
	if (strcmp(name, "a") == 0) {
		/* in the template's place, and a new one last, both escaped */
		ck_assert_int_eq(policy__template_set_attr(el, "class", "b \"&<"), 0);
		ck_assert_int_eq(policy__template_set_attr(el, "title", "first"), 0);
		ck_assert_int_eq(policy__template_set_attr(el, "title", "t"), 0);
		ck_assert_int_eq(policy__template_set_text(el, "x < y"), 0);
		/* too late for an attribute once the start tag is out */
		ck_assert_int_eq(policy__template_set_attr(el, "id", "late"), POLICY_EINVALID);
		return 1;
	}
	return 0; /* "b": keeps its label */
}

static int cond_named(void *payload, const char *name)
{
	(void)payload;
	return strcmp(name, "on") == 0;
}

START_TEST(template_fill_attributes_and_conditions)
{
	const char *html =
		"<html><body><p data-if=\"on\" data-slot=\"a\" class=\"a\" id=\"i\">old</p>"
		"<p data-if=\"off\">gone</p><p data-if=\"!off\">kept</p>"
		"<a href=\"x\" data-slot=\"b\" data-label=\"version\">v</a></body></html>";
	int calls = 0;
	template_filler f = {fill_some, cond_named, &calls};
	policy_buf out = POLICY_BUF_INIT;

	ck_assert_int_eq(compile_write(&out, html, &f, "zh-CN"), 0);
	ck_assert_ptr_nonnull(
		strstr(out.ptr, "<html lang=\"zh-CN\"><body>"
				"<p data-slot=\"a\" class='b \"&amp;&lt;' id=\"i\" "
				"title=\"t\">x &lt; y</p><p>kept</p>"
				"<a href=\"x\" data-slot=\"b\">Version</a></body></html>\n\n"));
	ck_assert_int_eq(calls, 2);
	policy_buf_dispose(&out);
}
END_TEST

static int item(void *payload, size_t i, template_el *el)
{
	template_filler f = {keep_all, always, NULL};
	char n[8];

	(void)payload;
	snprintf(n, sizeof(n), "%zu", i);
	ck_assert_int_eq(policy__template_set_attr(el, "data-n", n), 0);
	return policy__template_fill_node(el, &f);
}

static int fill_list(void *payload, const char *name, template_el *el)
{
	size_t *count = payload;

	(void)name;
	return policy__template_repeat(el, *count, item, NULL) < 0 ? -1 : 1;
}

START_TEST(template_repeats_the_sample_item)
{
	const char *html = "<ol data-slot=\"l\">\n<li class=\"i\">x <b>y</b></li>\n</ol>";
	const char *bare = "<ol data-slot=\"l\">just text</ol>";
	size_t n = 2;
	template_filler f = {fill_list, always, &n};
	policy_buf out = POLICY_BUF_INIT;

	ck_assert_int_eq(compile_write(&out, html, &f, NULL), 0);
	ck_assert_ptr_nonnull(strstr(out.ptr, "<ol data-slot=\"l\"><li class=\"i\" data-n=\"0\">x "
					      "<b>y</b></li>\n<li class=\"i\" data-n=\"1\">x "
					      "<b>y</b></li>\n</ol>"));
	n = 0;
	ck_assert_int_eq(compile_write(&out, html, &f, NULL), 0);
	ck_assert_ptr_nonnull(strstr(out.ptr, "<ol data-slot=\"l\"></ol>"));
	/* a list without a sample item lists nothing */
	n = 3;
	ck_assert_int_eq(compile_write(&out, bare, &f, NULL), 0);
	ck_assert_ptr_nonnull(strstr(out.ptr, "<ol data-slot=\"l\"></ol>"));
	policy_buf_dispose(&out);
}
END_TEST

START_TEST(unusable_document_is_refused)
{
	policy_doc *doc = parse("# no front matter\n");
	policy_buf out = POLICY_BUF_INIT;

	ck_assert_int_eq(policy_render(&out, doc, POLICY_FORMAT_HTML, NULL), POLICY_EINVALID);
	ck_assert_ptr_null(out.ptr);
	policy_doc_free(doc);
}
END_TEST

START_TEST(upcoming_version_and_archive_link)
{
	policy_render_options opts = POLICY_RENDER_OPTIONS_INIT;
	policy_doc *doc = parse(FM("") "# Hello\n");
	policy_buf out = POLICY_BUF_INIT;

	ck_assert_int_eq(policy_render(&out, doc, POLICY_FORMAT_HTML, &opts), 0);
	ck_assert_ptr_null(strstr(out.ptr, "takes effect on"));
	ck_assert_ptr_null(strstr(out.ptr, "Earlier versions"));
	opts.upcoming_version = "2.0";
	opts.upcoming_effective = "2031-02-03";
	opts.archive_href = "versions.html";
	ck_assert_int_eq(policy_render(&out, doc, POLICY_FORMAT_HTML, &opts), 0);
	ck_assert_ptr_nonnull(strstr(out.ptr, "Version 2.0 takes effect on 2031-02-03."));
	ck_assert_ptr_nonnull(strstr(out.ptr, "href=\"versions.html\">Earlier versions</a>"));
	ck_assert_ptr_null(strstr(out.ptr, "class=\"upcoming upcoming-major\""));
	ck_assert_ptr_null(strstr(out.ptr, "This version"));
	/* a known level: this version's, with its redline, and the upcoming
	 * one's, announced prominently with links to it and its changes */
	opts.level = POLICY_LEVEL_MINOR;
	opts.changes_href = "diff/1.0..1.1.html";
	opts.upcoming_level = POLICY_LEVEL_CONSENT;
	opts.upcoming_href = "2.0.html";
	opts.upcoming_changes_href = "diff/1.1..2.0.html";
	ck_assert_int_eq(policy_render(&out, doc, POLICY_FORMAT_HTML, &opts), 0);
	ck_assert_ptr_nonnull(strstr(out.ptr, "class=\"level level-minor\">Minor change</span>"));
	ck_assert_ptr_nonnull(strstr(out.ptr, "href=\"diff/1.0..1.1.html\">See what changed</a>"));
	ck_assert_ptr_nonnull(strstr(out.ptr, "class=\"upcoming upcoming-major\""));
	ck_assert_ptr_nonnull(strstr(
		out.ptr, "Version 2.0 (Needs your consent again) takes effect on 2031-02-03."));
	ck_assert_ptr_nonnull(strstr(out.ptr, "href=\"2.0.html\">Read the new version</a>"));
	ck_assert_ptr_nonnull(strstr(out.ptr, "href=\"diff/1.1..2.0.html\">See what changed</a>"));
	/* a first release: no redline */
	opts.level = POLICY_LEVEL_NONE;
	opts.changes_href = NULL;
	ck_assert_int_eq(policy_render(&out, doc, POLICY_FORMAT_HTML, &opts), 0);
	ck_assert_ptr_nonnull(strstr(out.ptr, ">First release</span>"));
	policy_buf_dispose(&out);
	policy_doc_free(doc);
}
END_TEST

/* Every label in the page's language: zh for zh, English for any other
 * language (never a mix), and labels.json in the template directory
 * gives another language its words; a broken one is an error naming it. */
/* Every built-in label is found by its key, wherever it stands in the
 * catalogue (first, last, between); a key it lacks is its own label. */
START_TEST(builtin_labels_by_key)
{
	static const char *const pairs[][2] = {
		{"version", "Version"},           {"released", "Released"},
		{"status-moved", "moved"},        {"moved-from", "(moved) \u2191"},
		{"list-separator", ", "},         {"policies", "Policies"},
		{"all-versions", "All versions"},
	};

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		ck_assert_str_eq(policy__label(NULL, pairs[i][0]), pairs[i][1]);
	ck_assert_str_eq(policy__label(NULL, "no-such-label"), "no-such-label");
	ck_assert_str_eq(policy__label_of(NULL, "status", "moved"), "moved");
	ck_assert_str_eq(policy__label_of(NULL, "status", "unheard-of"), "unheard-of");
}
END_TEST

START_TEST(labels_by_language)
{
	policy_render_options opts = POLICY_RENDER_OPTIONS_INIT;
	policy_doc *zh = parse_as("policies/p/zh-CN.md", FM("") "# 你好\n");
	policy_doc *de = parse_as("policies/p/de.md", FM("") "# Hallo\n");
	policy_buf out = POLICY_BUF_INIT;
	char dir[] = "/tmp/policy-labels-XXXXXX", path[64];
	FILE *f;

	opts.level = POLICY_LEVEL_MAJOR;
	opts.changes_href = "diff/1.0..2.0.html";
	opts.upcoming_version = "3.0";
	opts.upcoming_effective = "2031-02-03";
	opts.upcoming_level = POLICY_LEVEL_MAJOR;
	ck_assert_int_eq(policy_render(&out, zh, POLICY_FORMAT_HTML, &opts), 0);
	ck_assert_ptr_nonnull(strstr(out.ptr, "<dt>版本</dt>"));
	ck_assert_ptr_nonnull(strstr(out.ptr, ">重大变更</span>"));
	ck_assert_ptr_nonnull(strstr(out.ptr, "新版本 3.0（重大变更）将于 2031-02-03 生效"));
	ck_assert_ptr_null(strstr(out.ptr, "Version"));
	ck_assert_int_eq(policy_render(&out, de, POLICY_FORMAT_HTML, &opts), 0);
	ck_assert_ptr_nonnull(strstr(out.ptr, "<dt>Version</dt>"));
	ck_assert_ptr_nonnull(strstr(out.ptr, ">Major change</span>"));
	ck_assert_ptr_null(strstr(out.ptr, "版本"));

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/labels.json", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("{\"de\": {\"version\": \"Fassung\", \"level-major\": \"Wesentliche Änderung\"}}", f);
	fclose(f);
	opts.template_dir = dir;
	ck_assert_int_eq(policy_render(&out, de, POLICY_FORMAT_HTML, &opts), 0);
	ck_assert_ptr_nonnull(strstr(out.ptr, "<dt>Fassung</dt>"));
	ck_assert_ptr_nonnull(strstr(out.ptr, ">Wesentliche Änderung</span>"));
	ck_assert_ptr_nonnull(strstr(out.ptr, "<dt>Released</dt>")); /* not given: English */
	f = fopen(path, "w");
	fputs("{\"de\": {\"version\": 3}}", f);
	fclose(f);
	ck_assert_int_eq(policy_render(&out, de, POLICY_FORMAT_HTML, &opts), POLICY_EPARSE);
	ck_assert_ptr_nonnull(strstr(policy_error_last()->file, "labels.json"));
	unlink(path);
	rmdir(dir);
	policy_buf_dispose(&out);
	policy_doc_free(zh);
	policy_doc_free(de);
}
END_TEST

START_TEST(format_names)
{
	policy_format f;

	ck_assert_int_eq(policy_render_format_from_name(&f, "fragment"), 0);
	ck_assert_int_eq(f, POLICY_FORMAT_FRAGMENT);
	ck_assert_int_eq(policy_render_format_from_name(&f, "pdf"), POLICY_ENOTFOUND);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("render");
	TCase *g = tcase_create("golden");
	TCase *e = tcase_create("escaping");
	TCase *m = tcase_create("markdown");
	TCase *t = tcase_create("template");

	tcase_add_test(g, golden_zh);
	tcase_add_test(g, golden_en);
	tcase_add_test(g, golden_tricky);
	tcase_add_test(e, hostile_input_is_inert);
	tcase_add_test(e, heading_ids_and_no_attribute_blocks);
	tcase_add_test(t, toc_with_a_deeper_first_heading);
	tcase_add_test(m, markdown_is_a_fixed_point);
	tcase_add_test(t, tables_render);
	tcase_add_test(t, template_override);
	tcase_add_test(t, compiled_template_writes_what_libxml2_writes);
	tcase_add_test(t, template_fill_attributes_and_conditions);
	tcase_add_test(t, template_repeats_the_sample_item);
	tcase_add_test(t, unusable_document_is_refused);
	tcase_add_test(t, format_names);
	tcase_add_test(t, upcoming_version_and_archive_link);
	tcase_add_test(t, labels_by_language);
	tcase_add_test(t, builtin_labels_by_key);
	suite_add_tcase(s, g);
	suite_add_tcase(s, e);
	suite_add_tcase(s, m);
	suite_add_tcase(s, t);
	return run_suite(s);
}
