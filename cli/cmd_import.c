/*
 * policyctl import: an existing policy, as text copied out of an app or a
 * web page, turned into a source: headings from the numbering, front
 * matter from the dates and version found in the text. The source goes to
 * -o FILE (all or nothing) or stdout; what was found, guessed or missing
 * goes to stderr, or with --json into one object on stdout.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "policyctl.h"

/* policies/<policy>/<locale>.md: the locale part, or NULL. */
static char *layout_locale(const char *path)
{
	const char *end = path + strlen(path), *slash, *dir;
	char *locale;

	if (end - path < 4 || strcmp(end - 3, ".md") != 0 || (slash = strrchr(path, '/')) == NULL)
		return NULL;
	for (dir = slash - 1; dir > path && *dir != '/'; dir--)
		;
	if (dir < path + 8 || strncmp(dir - 8, "policies", 8) != 0 ||
	    (dir - 8 > path && dir[-9] != '/'))
		return NULL;
	locale = strndup(slash + 1, (size_t)(end - 3 - slash - 1));
	if (locale != NULL && !policy_locale_valid(locale)) {
		free(locale);
		return NULL;
	}
	return locale;
}

static void print_notes(const policy_import *r, const char *name)
{
	for (size_t i = 0; i < policy_import_note_count(r); i++) {
		const policy_import_note *n = policy_import_note_at(r, i);

		if (n->line > 0)
			fprintf(stderr, "%s:%u: ", name, n->line);
		else
			fprintf(stderr, "%s: ", name);
		fprintf(stderr, "%s %s", n->kind, n->field);
		if (n->value[0])
			fprintf(stderr, " \"%s\"", n->value);
		fprintf(stderr, ": %s\n", n->message);
	}
}

static int print_json(const policy_import *r, const char *output)
{
	json_t *o = json_object(), *notes = json_array();
	size_t len;
	const char *src = policy_import_source(r, &len);

	for (size_t i = 0; notes && i < policy_import_note_count(r); i++) {
		const policy_import_note *n = policy_import_note_at(r, i);

		json_array_append_new(notes, json_pack("{s:s, s:s, s:s, s:i, s:s}", "kind", n->kind,
						       "field", n->field, "value", n->value, "line",
						       (json_int_t)n->line, "message", n->message));
	}
	if (o == NULL) {
		json_decref(notes);
		return cli_print_json(NULL);
	}
	json_object_set_new(o, "format", json_string(policy_import_format_name(r)));
	json_object_set_new(o, "locale", json_string(policy_import_locale(r)));
	json_object_set_new(o, "output", output ? json_string(output) : json_null());
	json_object_set_new(o, "notes", notes);
	json_object_set_new(o, "source", output ? json_null() : json_stringn(src, len));
	return cli_print_json(o);
}

int cmd_import(int argc, char **argv)
{
	cli_getopt g;
	policy_import_options opts = POLICY_IMPORT_OPTIONS_INIT;
	policy_buf data = POLICY_BUF_INIT, out = POLICY_BUF_INIT;
	policy_import *r = NULL;
	const char *output = NULL, *src;
	char *path_locale = NULL;
	size_t len;
	int c, rc, json = 0;

	cli_getopt_start(&g, "import");
	while ((c = cli_getopt_next(&g, argc, argv)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				opts.format = POLICY_IMPORT_TEXT;
			else if (strcmp(optarg, "html") == 0)
				opts.format = POLICY_IMPORT_HTML;
			else if (strcmp(optarg, "docx") == 0)
				opts.format = POLICY_IMPORT_DOCX;
			else if (strcmp(optarg, "markdown") == 0)
				opts.format = POLICY_IMPORT_MARKDOWN;
			else
				return cli_usage_error(
					"import", "--format takes text, html, docx or markdown");
			break;
		case 'l':
			if (!policy_locale_valid(optarg))
				return cli_usage_error(
					"import", "--locale: \"%s\" is not a language tag", optarg);
			opts.locale = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			return cli_help("import");
		default:
			return cli_getopt_refuse(&g, c);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("import", "give one FILE");
	/* Written into the layout, the source takes its locale from the path. */
	if (output != NULL && (path_locale = layout_locale(output)) != NULL) {
		if (opts.locale != NULL && strcmp(opts.locale, path_locale) != 0) {
			free(path_locale);
			return cli_usage_error("import", "--locale %s disagrees with the path %s",
					       opts.locale, output);
		}
		opts.locale = path_locale;
	}
	opts.name = argv[optind];
	if (policy_file_read(&data, argv[optind], POLICY_DOC_MAX_SIZE) < 0) {
		rc = policy_error_last()->code == POLICY_EINVALID
			     ? (fprintf(stderr,
					"%s:1: the file is over %u bytes or not a regular file\n",
					argv[optind], POLICY_DOC_MAX_SIZE),
				EXIT_USAGE)
			     : cli_library_error("import");
		goto done;
	}
	if (policy_import_parse(&r, data.ptr ? data.ptr : "", data.size, &opts) < 0) {
		rc = cli_library_error("import");
		goto done;
	}
	src = policy_import_source(r, &len);
	if ((rc = policy_buf_append(&out, src, len)) < 0) {
		rc = cli_library_error("import");
		goto done;
	}
	if (output != NULL || !json)
		rc = cli_write_output(output, &out);
	if (rc == EXIT_OK && json)
		rc = print_json(r, output);
	else if (rc == EXIT_OK)
		print_notes(r, argv[optind]);
done:
	policy_import_free(r);
	policy_buf_dispose(&data);
	policy_buf_dispose(&out);
	free(path_locale);
	return rc;
}
