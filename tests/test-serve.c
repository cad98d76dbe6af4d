/* The server's negotiation of locale, format and encoding, its ETag
 * matching, and its refusals to start; the routes themselves are tested
 * over HTTP by serve-test.py. */
#include <stdio.h>

#include "common.h"
#include "negotiate.h"
#include "serve_path.h"

static const char *const locales[] = {"en", "zh-CN", "zh-TW"};

static const char *pick(const char *header, const char *fallback)
{
	return policy__negotiate_locale(header, locales, 3, fallback);
}

START_TEST(accept_language)
{
	ck_assert_str_eq(pick("zh-CN", NULL), "zh-CN");
	ck_assert_str_eq(pick("zh-cn", NULL), "zh-CN");
	ck_assert_str_eq(pick("zh-Hans-CN", NULL), "zh-CN"); /* script dropped */
	ck_assert_str_eq(pick("zh-Hant-TW", NULL), "zh-TW");
	ck_assert_str_eq(pick("zh", NULL), "zh-CN"); /* a language's first locale */
	ck_assert_str_eq(pick("en-GB", NULL), "en"); /* shortened */
	ck_assert_str_eq(pick("fr-FR, en;q=0.5", NULL), "en");
	ck_assert_str_eq(pick("en;q=0.2, zh-TW;q=0.9", NULL), "zh-TW"); /* by q */
	ck_assert_str_eq(pick("en;q=0, zh-CN;q=0.1", NULL), "zh-CN");   /* q=0 refuses */
	ck_assert_str_eq(pick("fr", "zh-TW"), "zh-TW");                 /* the site's default */
	ck_assert_str_eq(pick("fr", "de"), "en");                       /* else the first */
	ck_assert_str_eq(pick(NULL, "zh-CN"), "zh-CN");
	ck_assert_str_eq(pick("*", "zh-TW"), "zh-TW");
	ck_assert_str_eq(pick(" , ;q=1,,", NULL), "en"); /* junk */
	ck_assert_str_eq(
		pick("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx, zh", NULL),
		"zh-CN");
	ck_assert_ptr_null(policy__negotiate_locale("en", locales, 0, NULL));
	/* The 20th item of a long list still counts (the first 16 were all
	 * that were read), and outranks weaker ones before it. */
	{
		char header[1024] = "";
		size_t n = 0;

		for (int i = 0; i < 19; i++)
			n += (size_t)snprintf(header + n, sizeof(header) - n, "x%d;q=0.5, ", i);
		snprintf(header + n, sizeof(header) - n, "zh-TW;q=0.9, en;q=0.1");
		ck_assert_str_eq(pick(header, NULL), "zh-TW");
	}
}
END_TEST

START_TEST(accept_and_encoding)
{
	ck_assert_int_eq(policy__negotiate_accept(NULL), NEGOTIATE_HTML);
	ck_assert_int_eq(policy__negotiate_accept("*/*"), NEGOTIATE_HTML);
	ck_assert_int_eq(policy__negotiate_accept("application/json"), NEGOTIATE_JSON);
	ck_assert_int_eq(policy__negotiate_accept("text/markdown, text/html;q=0.5"),
			 NEGOTIATE_MARKDOWN);
	ck_assert_int_eq(policy__negotiate_accept("text/html;q=0.5, application/json"),
			 NEGOTIATE_JSON);
	ck_assert(policy__negotiate_gzip("gzip, deflate, br"));
	ck_assert(policy__negotiate_gzip("GZIP;q=0.5"));
	ck_assert(!policy__negotiate_gzip("gzip;q=0"));
	ck_assert(!policy__negotiate_gzip("br"));
	ck_assert(!policy__negotiate_gzip(NULL));
}
END_TEST

START_TEST(etags)
{
	ck_assert(policy__negotiate_etag_matches("\"abc\"", "\"abc\""));
	ck_assert(policy__negotiate_etag_matches("\"x\", \"abc\"", "\"abc\""));
	ck_assert(policy__negotiate_etag_matches("W/\"abc\"", "\"abc\""));
	ck_assert(policy__negotiate_etag_matches("*", "\"abc\""));
	ck_assert(!policy__negotiate_etag_matches("\"abcd\"", "\"abc\""));
	ck_assert(!policy__negotiate_etag_matches("\"ab\"", "\"abc\""));
	ck_assert(!policy__negotiate_etag_matches("", "\"abc\""));
}
END_TEST

static const char *route(const char *raw)
{
	static char out[2100];
	char path[1100];
	serve_route r;

	snprintf(path, sizeof(path), "%s", raw);
	policy__serve_unescape(path);
	policy__serve_route_path(&r, path);
	switch (r.kind) {
	case SERVE_HEALTH:
		return "health";
	case SERVE_NEGOTIATE:
		snprintf(out, sizeof(out), "negotiate %s", r.policy);
		return out;
	case SERVE_CURRENT:
	case SERVE_NOTICE:
		snprintf(out, sizeof(out), "%s %s %s",
			 r.kind == SERVE_CURRENT ? "current" : "notice", r.policy, r.locale);
		return out;
	case SERVE_FILE:
		snprintf(out, sizeof(out), "file %s", r.rel);
		return out;
	case SERVE_NOT_FOUND:
		break;
	}
	return "not found";
}

START_TEST(paths)
{
	ck_assert_str_eq(route("/healthz"), "health");
	ck_assert_str_eq(route("/"), "file index.html");
	ck_assert_str_eq(route("/privacy/current"), "negotiate privacy");
	ck_assert_str_eq(route("/privacy/zh-CN/current"), "current privacy zh-CN");
	ck_assert_str_eq(route("/privacy/zh-CN/notice"), "notice privacy zh-CN");
	ck_assert_str_eq(route("/privacy/zh-CN/2.0"), "file privacy/zh-CN/2.0.html");
	ck_assert_str_eq(route("/privacy/zh-CN/2.0.md"), "file privacy/zh-CN/2.0.md");
	ck_assert_str_eq(route("/privacy/zh-CN/diff/1.0..2.0.html"),
			 "file privacy/zh-CN/diff/1.0..2.0.html");
	ck_assert_str_eq(route("/privacy/%7A%68-CN/current"), "current privacy zh-CN");
	/* Nothing that could leave the site, or name a hidden file. */
	ck_assert_str_eq(route("/../etc/passwd"), "not found");
	ck_assert_str_eq(route("/privacy/%2e%2e/%2E%2E/etc/passwd"), "not found");
	ck_assert_str_eq(route("/privacy/..%2f..%2fetc"), "not found");
	ck_assert_str_eq(route("//etc/passwd"), "not found");
	ck_assert_str_eq(route("/privacy/.git/config"), "not found");
	ck_assert_str_eq(route("/privacy/en/"), "not found");
	ck_assert_str_eq(route("/a\\b"), "not found");
	ck_assert_str_eq(route("/a%5cb"), "not found");
	ck_assert_str_eq(route("/1.1.html%00.md"), "not found");
	ck_assert_str_eq(route("/a/b/c/d/e/f/g/h/i"), "not found");
	ck_assert_str_eq(route("privacy/current"), "not found");
	ck_assert_str_eq(route("/%"), "file %");
	ck_assert_str_eq(route("/%zz"), "file %zz");
}
END_TEST

START_TEST(refuses_to_start)
{
	policy_serve_options opts = POLICY_SERVE_OPTIONS_INIT;
	policy_server *s = NULL;

	opts.site_dir = "/nonexistent/site";
	ck_assert_int_eq(policy_serve_start(&s, &opts), POLICY_ENOTFOUND);
	ck_assert_ptr_null(s);
	opts.site_dir = NULL;
	ck_assert_int_eq(policy_serve_start(&s, &opts), POLICY_EINVALID);
	policy_serve_stop(NULL);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("serve");
	TCase *n = tcase_create("negotiate");
	TCase *d = tcase_create("daemon");

	tcase_add_test(n, accept_language);
	tcase_add_test(n, accept_and_encoding);
	tcase_add_test(n, etags);
	tcase_add_test(n, paths);
	tcase_add_test(d, refuses_to_start);
	suite_add_tcase(s, n);
	suite_add_tcase(s, d);
	return run_suite(s);
}
