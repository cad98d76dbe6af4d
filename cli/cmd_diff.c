/*
 * policyctl diff: compare two versions of a policy given as files. Prints
 * the level, the findings and a redline; exit 1 when --fail-on LEVEL is
 * reached, so a policy repository can gate merges on it.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policyctl.h"

int cmd_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"fail-on", required_argument, NULL, 'F'},
		{"color", required_argument, NULL, 'c'},
		{"output", required_argument, NULL, 'o'},
		{"template", required_argument, NULL, 't'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	policy_diff_format format = POLICY_DIFF_TEXT;
	policy_level fail_on = POLICY_LEVEL_CONSENT;
	policy_doc *a = NULL, *b = NULL;
	policy_diff *diff = NULL;
	policy_buf out = POLICY_BUF_INIT;
	const char *output = NULL, *color = "auto", *template_dir = NULL;
	char *found_templates = NULL;
	int c, rc, fail = 0, use_color;

	optind = 1;
	while ((c = getopt_long(argc, argv, "f:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (policy_diff_format_from_name(&format, optarg) < 0)
				return cli_usage_error("diff", "--format: %s", policy_error_last()->message);
			break;
		case 'j':
			format = POLICY_DIFF_JSON;
			break;
		case 'F':
			if (policy_level_from_name(&fail_on, optarg) < 0)
				return cli_usage_error("diff", "--fail-on: %s", policy_error_last()->message);
			fail = 1;
			break;
		case 'c':
			if (strcmp(optarg, "auto") != 0 && strcmp(optarg, "always") != 0 &&
			    strcmp(optarg, "never") != 0)
				return cli_usage_error("diff", "--color takes auto, always or never");
			color = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 't':
			template_dir = optarg;
			break;
		case 'h':
			return cli_help("diff");
		default:
			return cli_usage_error("diff", "unknown option");
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("diff", "give OLD and NEW");
	if ((rc = cli_load_doc(&a, argv[optind], "diff")) != EXIT_OK ||
	    (rc = cli_load_doc(&b, argv[optind + 1], "diff")) != EXIT_OK)
		goto done;
	if (policy_diff_new(&diff, a, b) < 0) {
		rc = cli_library_error("diff");
		goto done;
	}
	use_color = strcmp(color, "always") == 0 ||
		    (strcmp(color, "auto") == 0 && output == NULL && isatty(STDOUT_FILENO) &&
		     getenv("NO_COLOR") == NULL);
	if (template_dir == NULL && format == POLICY_DIFF_HTML)
		template_dir = found_templates = cli_find_templates(argv[optind + 1]);
	if (policy_diff_render(&out, diff, format, format == POLICY_DIFF_TEXT && use_color,
			       template_dir) < 0) {
		rc = cli_library_error("diff");
		goto done;
	}
	rc = cli_write_output(output, &out);
	if (rc == EXIT_OK && fail && policy_diff_level(diff) >= fail_on)
		rc = EXIT_FOUND;
done:
	free(found_templates);
	policy_buf_dispose(&out);
	policy_diff_free(diff);
	policy_doc_free(a);
	policy_doc_free(b);
	return rc;
}
