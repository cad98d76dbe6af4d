/*
 * policyctl show: the source of one published version, exactly as it was
 * tagged, read from git (never from the working tree).
 */
#include <getopt.h>

#include "policyctl.h"

int cmd_show(int argc, char **argv)
{
	cli_getopt g;
	const char *dir = NULL, *output = NULL;
	const policy_published *v;
	policy_buf source = POLICY_BUF_INIT;
	policy_repo *repo = NULL;
	int c, rc;

	cli_getopt_start(&g, "show");
	while ((c = cli_getopt_next(&g, argc, argv)) != -1) {
		switch (c) {
		case 'r':
			dir = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			return cli_help("show");
		default:
			return cli_getopt_refuse(&g, c);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("show", "give one REF, like privacy/zh-CN@2.0");
	if ((rc = cli_open_repo(&repo, dir, "show")) != EXIT_OK)
		return rc;
	if (policy_repo_resolve(&v, repo, argv[optind]) < 0 ||
	    policy_repo_read_version(&source, repo, v) < 0)
		rc = cli_library_error("show");
	else
		rc = cli_write_output(output, &source);
	policy_buf_dispose(&source);
	policy_repo_free(repo);
	return rc;
}
