/*
 * policyctl render: one source to HTML, an HTML fragment, Markdown or
 * JSON. A source with fatal problems is refused (exit 2) with every fatal
 * problem on stderr, and nothing is written.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "policyctl.h"

int cmd_render(int argc, char **argv)
{
	cli_getopt g;
	policy_render_options ropts = POLICY_RENDER_OPTIONS_INIT;
	policy_format format = POLICY_FORMAT_HTML;
	policy_buf out = POLICY_BUF_INIT;
	policy_doc *doc = NULL;
	const char *output = NULL, *template_dir = NULL, *repo_dir = NULL;
	char *found_templates = NULL;
	int c, rc;

	cli_getopt_start(&g, "render");
	while ((c = cli_getopt_next(&g, argc, argv)) != -1) {
		switch (c) {
		case 'f':
			if (policy_render_format_from_name(&format, optarg) < 0)
				return cli_usage_error("render", "--format: %s",
						       policy_error_last()->message);
			break;
		case 'o':
			output = optarg;
			break;
		case 't':
			template_dir = optarg;
			break;
		case 'r':
			repo_dir = optarg;
			break;
		case 'h':
			return cli_help("render");
		default:
			return cli_getopt_refuse(&g, c);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("render", "give exactly one FILE");

	if (template_dir == NULL)
		template_dir = found_templates = cli_find_templates(argv[optind]);
	/* before the source is read: the module reads it again */
	if (format == POLICY_FORMAT_HTML &&
	    cli_run_xml_for_template(argc, argv, template_dir, "page.html", &rc))
		goto done;
	if ((rc = cli_load_doc(&doc, argv[optind], repo_dir, "render")) != EXIT_OK)
		goto done;
	ropts.template_dir = template_dir;
	if (policy_render(&out, doc, format, &ropts) < 0) {
		rc = cli_library_error("render");
		goto done;
	}
	rc = cli_write_output(output, &out);
done:
	free(found_templates);
	policy_buf_dispose(&out);
	if (cli_frees_documents())
		policy_doc_free(doc);
	return rc;
}
