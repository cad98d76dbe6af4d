/*
 * policyctl archive: the bundles of published versions. `verify` checks a
 * bundle (every file against SHA256SUMS, the sources against the
 * manifest and its chain of hashes, and, with --repo, against the tags);
 * `build` writes the bundles of a repository's published versions without
 * the rest of the site.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "policyctl.h"

static int verify(int argc, char **argv)
{
	cli_getopt g;
	const char *dir = NULL;
	policy_repo *repo = NULL;
	policy_diags *problems = NULL;
	int c, rc = EXIT_OK, json = 0;
	size_t total = 0;
	json_t *out = NULL;

	cli_getopt_start(&g, "archive");
	while ((c = cli_getopt_next(&g, argc, argv)) != -1) {
		switch (c) {
		case 'r':
			dir = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			return cli_help("archive");
		default:
			return cli_getopt_refuse(&g, c);
		}
	}
	if (optind == argc)
		return cli_usage_error("archive", "verify: give one or more BUNDLEs");
	if (dir != NULL && (rc = cli_open_repo(&repo, dir, "archive")) != EXIT_OK)
		return rc;
	if (policy_diags_new(&problems) < 0 || (json && (out = json_array()) == NULL)) {
		rc = cli_error("archive", "out of memory");
		goto done;
	}
	for (int i = optind; i < argc; i++) {
		size_t before = policy_diags_count(problems);

		if (access(argv[i], R_OK) != 0) {
			fprintf(stderr, "policyctl archive: %s: cannot read the bundle\n", argv[i]);
			rc = EXIT_USAGE;
			goto done;
		}
		if (policy_archive_verify(problems, argv[i], repo) < 0) {
			rc = cli_library_error("archive");
			goto done;
		}
		if (!json && policy_diags_count(problems) == before)
			printf("%s: ok\n", argv[i]);
	}
	total = policy_diags_count(problems);
	for (size_t i = 0; i < total; i++) {
		const policy_diag *d = policy_diags_at(problems, i);

		if (json)
			json_array_append_new(out,
					      json_pack("{s:s, s:s, s:s}", "bundle", d->file,
							"code", d->code, "message", d->message));
		else
			fprintf(stderr, "%s: error[%s]: %s\n", d->file, d->code, d->message);
	}
	if (json) {
		rc = cli_print_json(json_pack("{s:b, s:O}", "ok", total == 0, "problems", out));
		if (rc != EXIT_OK)
			goto done;
	}
	rc = total > 0 ? EXIT_FOUND : EXIT_OK;
done:
	json_decref(out);
	policy_diags_free(problems);
	policy_repo_free(repo);
	return rc;
}

/* The bundles of every published version, without the rest of the site. */
static int build(int argc, char **argv)
{
	cli_getopt g;
	const char *dir = NULL, *out = "archive";
	policy_repo *repo = NULL;
	int c, rc;

	cli_getopt_start(&g, "archive");
	while ((c = cli_getopt_next(&g, argc, argv)) != -1) {
		switch (c) {
		case 'r':
			dir = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'h':
			return cli_help("archive");
		default:
			return cli_getopt_refuse(&g, c);
		}
	}
	if (optind != argc)
		return cli_usage_error("archive", "build takes no arguments");
	if ((rc = cli_open_repo(&repo, dir, "archive")) != EXIT_OK)
		return rc;
	if (policy_archive_build(repo, out) < 0)
		rc = cli_library_error("archive");
	else
		printf("bundles: %s\n", out);
	policy_repo_free(repo);
	return rc;
}

int cmd_archive(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "verify") == 0)
		return verify(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "build") == 0)
		return build(argc - 1, argv + 1);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		return cli_help("archive");
	return cli_usage_error("archive", "give build or verify");
}
