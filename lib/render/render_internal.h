/* Entry points of the per-format renderers, dispatched by render.c. */
#ifndef POLICY_RENDER_INTERNAL_H
#define POLICY_RENDER_INTERNAL_H

#include "policy/diff.h"
#include "policy/render.h"

/* Append the document's body as HTML to `out`. */
int policy__html_body(policy_buf *out, const policy_doc *doc);

int policy__render_page(policy_buf *out, const policy_doc *doc, const policy_render_options *opts);
int policy__render_fragment(policy_buf *out, const policy_doc *doc);
int policy__render_markdown(policy_buf *out, const policy_doc *doc);
int policy__render_json(policy_buf *out, const policy_doc *doc);

/* Append front matter for `m` (policy, locale, title, version, dates,
 * summary, risk; NULL strings left out), between "---" lines but for the
 * closing one, through libyaml's emitter. */
int policy__markdown_front_matter(policy_buf *out, const policy_meta *m);

/* The redline page (render_redline.c) and CriticMarkup (render_critic.c). */
int policy__render_redline(policy_buf *out, const policy_diff *diff, const char *template_dir);
int policy__render_critic(policy_buf *out, const policy_diff *diff);

/* The bytes of policy_render_options a caller of options `version` has. */
size_t policy__render_options_size(unsigned version);

#endif
