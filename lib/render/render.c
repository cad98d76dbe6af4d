/*
 * policy_render(): checks its arguments and hands the document to the
 * renderer of the format asked for. Each format lives in its own file and
 * only formats; none of them decides anything about the document.
 */
#include <stddef.h>
#include <string.h>

#include "error.h"
#include "internal.h"
#include "policy/render.h"
#include "render_internal.h"

int policy_render_format_from_name(policy_format *out, const char *name)
{
	static const struct {
		const char *name;
		policy_format format;
	} formats[] = {
		{"html", POLICY_FORMAT_HTML},
		{"fragment", POLICY_FORMAT_FRAGMENT},
		{"markdown", POLICY_FORMAT_MARKDOWN},
		{"json", POLICY_FORMAT_JSON},
	};

	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (strcmp(formats[i].name, name) == 0) {
			*out = formats[i].format;
			return 0;
		}
	}
	return policy__error_set(POLICY_ENOTFOUND,
				 "no format is named \"%.40s\" (html, fragment, markdown, json)",
				 name);
}

int policy_render(policy_buf *out, const policy_doc *doc, policy_format format,
		  const policy_render_options *opts)
{
	static const policy_render_options defaults = POLICY_RENDER_OPTIONS_INIT;

	if (out == NULL || doc == NULL)
		return policy__error_set(POLICY_EINVALID, "nothing to render");
	if (policy_doc_usable(doc) < 0)
		return policy__error_set(POLICY_EINVALID, "%s", policy_error_last()->message);
	if (policy__doc_elided_count(doc) > 0)
		return policy__error_set(
			POLICY_EINVALID,
			"%s was read for a diff, its unchanged sections not parsed",
			policy_doc_path(doc));
	if (opts == NULL)
		opts = &defaults;
	if (policy__options_check(opts->version, POLICY_RENDER_OPTIONS_VERSION,
				  "policy_render_options") < 0)
		return POLICY_EINVALID;
	switch (format) {
	case POLICY_FORMAT_HTML:
		return policy__render_page(out, doc, opts);
	case POLICY_FORMAT_FRAGMENT:
		return policy__render_fragment(out, doc);
	case POLICY_FORMAT_MARKDOWN:
		return policy__render_markdown(out, doc);
	case POLICY_FORMAT_JSON:
		return policy__render_json(out, doc);
	}
	return policy__error_set(POLICY_EINVALID, "unknown format %d", (int)format);
}

int policy_render_options_init(policy_render_options *opts, unsigned version)
{
	static const policy_render_options defaults = POLICY_RENDER_OPTIONS_INIT;
	int rc = policy__options_check(version, POLICY_RENDER_OPTIONS_VERSION,
				       "policy_render_options");

	/* only the fields of the caller's version: its struct may be smaller */
	if (rc == 0)
		memcpy(opts, &defaults, policy__render_options_size(version));
	if (rc == 0)
		opts->version = version;
	return rc;
}
