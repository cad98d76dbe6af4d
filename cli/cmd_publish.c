/*
 * policyctl publish: tag every new version in HEAD and write the static
 * site. Problems that stop the publish are printed like check's, one a
 * line with file and line, and then nothing is tagged or written (exit 2).
 * On a terminal, the site's progress is shown on stderr.
 */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policyctl.h"

static void show_progress(void *payload, size_t done, size_t total)
{
	(void)payload;
	fprintf(stderr, "\rwriting the site: %zu/%zu versions", done, total);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

static int report(const policy_publish_result *r, const char *out, int dry_run, int json)
{
	size_t written, kept;

	policy_publish_files(r, &written, &kept);
	if (json) {
		json_t *o = json_object(), *tagged = json_array();

		for (size_t i = 0; tagged && i < policy_publish_item_count(r); i++) {
			const policy_publish_item *it = policy_publish_item_at(r, i);

			json_array_append_new(tagged,
					      json_pack("{s:s, s:s, s:s, s:s, s:o}", "policy",
							it->policy, "locale", it->locale, "version",
							it->version, "level",
							policy_level_name(it->level), "categories",
							cli_categories_json(it->categories)));
		}
		if (o != NULL) {
			json_object_set_new(o, dry_run ? "would_tag" : "tagged", tagged);
			json_object_set_new(o, "site",
					    out && !dry_run ? json_string(out) : json_null());
			json_object_set_new(o, "written", json_integer((json_int_t)written));
			json_object_set_new(o, "kept", json_integer((json_int_t)kept));
		} else {
			json_decref(tagged);
		}
		return cli_print_json(o);
	}
	for (size_t i = 0; i < policy_publish_item_count(r); i++) {
		const policy_publish_item *it = policy_publish_item_at(r, i);

		printf("%s %s/%s/%s (%s", dry_run ? "would tag" : "tagged", it->policy, it->locale,
		       it->version, policy_level_name(it->level));
		if (it->categories) {
			printf(": ");
			cli_print_categories(stdout, it->categories);
		}
		printf(")\n");
	}
	if (policy_publish_item_count(r) == 0)
		printf("nothing new to tag\n");
	if (dry_run)
		printf("dry run: nothing tagged or written\n");
	else if (out != NULL)
		printf("site: %s (%zu files written, %zu kept)\n", out, written, kept);
	return EXIT_OK;
}

int cmd_publish(int argc, char **argv)
{
	cli_getopt g;
	policy_publish_options opts = POLICY_PUBLISH_OPTIONS_INIT;
	policy_publish_result *result = NULL;
	policy_repo *repo = NULL;
	const char *dir = NULL;
	char *out = NULL;
	int c, rc, json = 0;

	cli_getopt_start(&g, "publish");
	while ((c = cli_getopt_next(&g, argc, argv)) != -1) {
		switch (c) {
		case 'r':
			dir = optarg;
			break;
		case 'o':
			opts.out_dir = optarg;
			break;
		case 'n':
			if ((rc = cli_parse_date(&opts.now, "publish", optarg)) != EXIT_OK)
				return rc;
			break;
		case 'd':
			opts.dry_run = 1;
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			return cli_help("publish");
		default:
			return cli_getopt_refuse(&g, c);
		}
	}
	if (optind != argc)
		return cli_usage_error("publish", "takes no arguments");
	if ((rc = cli_open_repo(&repo, dir, "publish")) != EXIT_OK)
		return rc;
	if (opts.out_dir == NULL) {
		const char *top = policy_repo_workdir(repo);

		if (top == NULL) {
			policy_repo_free(repo);
			return cli_usage_error("publish", "a bare repository needs --out");
		}
		if ((out = malloc(strlen(top) + 8)) == NULL) {
			policy_repo_free(repo);
			return cli_error("publish", "out of memory");
		}
		snprintf(out, strlen(top) + 8, "%ssite", top);
		opts.out_dir = out;
	}
	if (isatty(STDERR_FILENO) && !json)
		opts.progress = show_progress;
	rc = policy_publish(&result, repo, &opts);
	if (rc == POLICY_EINVALID && result != NULL) {
		const policy_diags *d = policy_publish_problems(result);

		for (size_t i = 0; i < policy_diags_count(d); i++)
			cli_print_diag(stderr, policy_diags_at(d, i));
		fprintf(stderr, "policyctl publish: %zu problem%s; nothing tagged or written\n",
			policy_diags_count(d), policy_diags_count(d) == 1 ? "" : "s");
		rc = EXIT_USAGE;
	} else if (rc < 0) {
		rc = cli_library_error("publish");
	} else {
		rc = report(result, opts.out_dir, opts.dry_run, json);
	}
	policy_publish_result_free(result);
	policy_repo_free(repo);
	free(out);
	return rc;
}
