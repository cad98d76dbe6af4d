/*
 * The JSON an app fetches: the site's index.json (every policy and
 * locale with its current and upcoming version) and each policy's
 * manifest (every version, oldest first, with its classification, the
 * SHA-256 of its source and a chain hash). The chain hash of a version
 * covers the one before it, so changing, removing or reordering an old
 * version breaks every hash after it. Built with jansson; keys keep the
 * order written here so that the files are the same bytes on every run.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "internal.h"
#include "json.h"
#include "policy/category.h"
#include "site.h"

int policy__manifest_chain(char out[DIGEST_HEX_SIZE], const char *prev_chain, const char *policy,
			   const char *locale, const char *version, const char *released,
			   const char *effective, const char *sha256)
{
	policy_buf text = POLICY_BUF_INIT;
	const char *parts[] = {prev_chain, "\n",     policy, "/",       locale, "/",    version,
			       "\n",       released, "\n",   effective, "\n",   sha256, "\n"};
	int rc = 0;

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]) && rc == 0; i++)
		rc = policy__buf_puts(&text, parts[i]);
	if (rc == 0)
		rc = policy__digest_sha256(out, text.ptr, text.size);
	policy_buf_dispose(&text);
	return rc;
}

static json_t *str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *version_json(const site_version *v)
{
	char released[11], effective[11];
	json_t *o;

	policy_date_format(released, &v->pub.released);
	policy_date_format(effective, &v->pub.effective);
	o = json_object();
	if (o == NULL)
		return NULL;
	/* json_object_set_new takes ownership even when it fails. */
	json_object_set_new(o, "version", json_string(v->pub.version_text));
	json_object_set_new(o, "released", json_string(released));
	json_object_set_new(o, "effective", json_string(effective));
	json_object_set_new(o, "level", json_string(policy_level_name(v->pub.level)));
	json_object_set_new(o, "categories", policy__category_json(v->pub.categories));
	json_object_set_new(o, "summary", json_string(v->pub.summary));
	json_object_set_new(o, "sha256", json_string(v->pub.sha256));
	json_object_set_new(o, "chain", json_string(v->chain));
	json_object_set_new(o, "html", json_sprintf("%s.html", v->pub.version_text));
	json_object_set_new(o, "markdown", json_sprintf("%s.md", v->pub.version_text));
	json_object_set_new(o, "diff", v->diff[0] ? json_string(v->diff) : json_null());
	return o;
}

static const char *version_at(const site_stream *s, long i)
{
	return i >= 0 ? s->versions[i].pub.version_text : NULL;
}

static json_t *version_item(void *ctx, size_t array, size_t i)
{
	(void)array;
	return version_json(&((const site_stream *)ctx)->versions[i]);
}

/* The manifest with its versions left empty, to be filled: with the
 * day's current and upcoming versions or without. */
static json_t *manifest_head(const site_stream *s, int with_state)
{
	json_t *o = json_object();

	if (o == NULL)
		return NULL;
	json_object_set_new(o, "policy", json_string(s->policy));
	json_object_set_new(o, "locale", json_string(s->locale));
	json_object_set_new(o, "title", json_string(s->title));
	if (with_state) {
		json_object_set_new(o, "current", str_or_null(version_at(s, s->current)));
		json_object_set_new(o, "upcoming", str_or_null(version_at(s, s->upcoming)));
	}
	if (json_object_set_new(o, "versions", json_array()) < 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int policy__manifest_policy(policy_buf *site, policy_buf *bundle, const site_stream *s)
{
	static const char *const names[] = {"versions"};
	policy_buf *outs[] = {site, bundle};
	json_t *roots[] = {manifest_head(s, 1), manifest_head(s, 0)};

	if (roots[0] == NULL || roots[1] == NULL) {
		json_decref(roots[0]);
		json_decref(roots[1]);
		return policy__error_nomem();
	}
	return policy__json_write_shared(outs, roots, 2, 1, names, &s->count, version_item,
					 (void *)s);
}

int policy__manifest_site(policy_buf *out, const site_plan *plan)
{
	json_t *o = json_object(), *list = json_array();

	if (o == NULL || list == NULL) {
		json_decref(o);
		json_decref(list);
		return policy__error_nomem();
	}
	json_object_set_new(o, "title", json_string(plan->title));
	json_object_set_new(o, "default_locale", str_or_null(plan->default_locale));
	for (size_t i = 0; i < plan->count; i++) {
		const site_stream *s = &plan->streams[i];
		json_t *e = json_object();

		if (e == NULL || json_array_append_new(list, e) < 0) {
			json_decref(list);
			json_decref(o);
			return policy__error_nomem();
		}
		json_object_set_new(e, "policy", json_string(s->policy));
		json_object_set_new(e, "locale", json_string(s->locale));
		json_object_set_new(e, "title", json_string(s->title));
		json_object_set_new(e, "current", str_or_null(version_at(s, s->current)));
		json_object_set_new(e, "upcoming", str_or_null(version_at(s, s->upcoming)));
		json_object_set_new(e, "manifest",
				    json_sprintf("%s/%s/index.json", s->policy, s->locale));
		json_object_set_new(e, "archive",
				    json_sprintf("%s/%s/versions.html", s->policy, s->locale));
	}
	json_object_set_new(o, "policies", list);
	return policy__json_write(out, o);
}
