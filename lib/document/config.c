/*
 * policyctl.yaml, read with libyaml's document loader so that every value
 * keeps the line it stands on for error messages.
 */
#include "policy/config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "arena.h"
#include "error.h"
#include "policy/document.h"
#include "policy/facts.h"
#include "policy/file.h"
#include "utf8.h"

/* policyctl.yaml is a handful of lines; anything near this is a mistake. */
#define CONFIG_MAX_SIZE (1024 * 1024)

struct policy_config {
	arena mem;
	const char *title;
	const char *base_url;
	const char *default_locale;
	unsigned notice_days;
	policy_rules *rules;
};

typedef struct {
	policy_config *c;
	yaml_document_t *doc;
	const char *path;
} reader;

static int bad(const reader *r, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int bad(const reader *r, const yaml_node_t *n, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return policy__error_set_at(POLICY_EPARSE, r->path, (unsigned)n->start_mark.line + 1, "%s",
				    msg);
}

static const char *scalar(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* A non-empty string value, copied. */
static int read_string(const reader *r, const yaml_node_t *key, const yaml_node_t *v,
		       const char **out)
{
	if (v->type != YAML_SCALAR_NODE || v->data.scalar.length == 0)
		return bad(r, v, "%s: a text value is expected", scalar(key));
	if (strlen(scalar(v)) != v->data.scalar.length)
		return bad(r, v, "%s: the value holds a NUL character", scalar(key));
	*out = policy__arena_strndup(&r->c->mem, scalar(v), v->data.scalar.length);
	return *out ? 0 : policy__error_nomem();
}

static int read_base_url(const reader *r, const yaml_node_t *key, const yaml_node_t *v)
{
	const char *url;
	int rc = read_string(r, key, v, &url);

	if (rc < 0)
		return rc;
	if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
		return bad(r, v, "base_url: \"%.80s\" is not an http:// or https:// URL", url);
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>')
			return bad(r, v,
				   "base_url: \"%.80s\" holds a space, quote or control character",
				   url);
	r->c->base_url = url;
	return 0;
}

static int read_notice_days(const reader *r, const yaml_node_t *v)
{
	const char *s = v->type == YAML_SCALAR_NODE ? scalar(v) : "";
	unsigned long n = 0;

	if (*s == '\0')
		return bad(r, v, "notice_days: a number of days is expected");
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return bad(r, v, "notice_days: \"%.40s\" is not a whole number of days", s);
		n = n * 10 + (unsigned long)(*p - '0');
		if (n > POLICY_NOTICE_DAYS_MAX)
			return policy__error_set_at(
				POLICY_EPARSE, r->path, (unsigned)v->start_mark.line + 1,
				"notice_days: more than %d days", POLICY_NOTICE_DAYS_MAX);
	}
	r->c->notice_days = (unsigned)n;
	return 0;
}

static int read_keywords(const reader *r, const yaml_node_t *v)
{
	if (v->type != YAML_MAPPING_NODE)
		return bad(r, v, "keywords: a mapping of category to keywords is expected");
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(r->doc, p->key);
		yaml_node_t *list = yaml_document_get_node(r->doc, p->value);
		unsigned cat;

		if (k->type != YAML_SCALAR_NODE ||
		    policy_category_from_name(&cat, scalar(k), k->data.scalar.length) < 0)
			return bad(r, k,
				   "keywords: \"%.40s\" is not a category (purposes, controller, "
				   "recipients, rights, contact, transfer, retention, risk)",
				   k->type == YAML_SCALAR_NODE ? scalar(k) : "");
		if (list->type != YAML_SEQUENCE_NODE)
			return bad(r, list, "keywords: %s: a list of keywords is expected",
				   scalar(k));
		for (yaml_node_item_t *i = list->data.sequence.items.start;
		     i < list->data.sequence.items.top; i++) {
			yaml_node_t *w = yaml_document_get_node(r->doc, *i);

			if (w->type != YAML_SCALAR_NODE || w->data.scalar.length == 0 ||
			    strlen(scalar(w)) != w->data.scalar.length)
				return bad(r, w, "keywords: %s: each keyword is a non-empty text",
					   scalar(k));
			if (policy_rules_add(r->c->rules, cat, scalar(w)) < 0)
				return policy_error_last()->code == POLICY_ENOMEM
					       ? POLICY_ENOMEM
					       : bad(r, w,
						     "keywords: \"%.40s\" is not a usable keyword",
						     scalar(w));
		}
	}
	return 0;
}

/* facts: kinds of fact to phrases; a data phrase may be a mapping
 * {phrase, kind, sensitive}. */
static const struct {
	const char *key;
	policy_fact_kind kind;
} FACT_KEYS[] = {
	{"data", POLICY_FACT_DATA},
	{"purposes", POLICY_FACT_PURPOSE},
	{"recipients", POLICY_FACT_RECIPIENT},
	{"rights", POLICY_FACT_RIGHT},
	{"contacts", POLICY_FACT_CONTACT},
	{"transfers", POLICY_FACT_TRANSFER},
	{"controllers", POLICY_FACT_CONTROLLER},
};

static const char *const FACT_KEY_LIST =
	"data, purposes, recipients, rights, contacts, transfers, controllers";

static const yaml_node_t *map_get(const reader *r, const yaml_node_t *map, const char *key)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(r->doc, p->key);

		if (k->type == YAML_SCALAR_NODE && strcmp(scalar(k), key) == 0)
			return yaml_document_get_node(r->doc, p->value);
	}
	return NULL;
}

static int text_scalar(const yaml_node_t *n)
{
	return n != NULL && n->type == YAML_SCALAR_NODE && n->data.scalar.length > 0 &&
	       strlen(scalar(n)) == n->data.scalar.length;
}

static int read_term(const reader *r, policy_fact_kind kind, const yaml_node_t *w)
{
	const yaml_node_t *phrase = w, *label = NULL, *sens = NULL;
	int sensitive = -1;

	if (w->type == YAML_MAPPING_NODE && kind == POLICY_FACT_DATA) {
		for (yaml_node_pair_t *p = w->data.mapping.pairs.start;
		     p < w->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(r->doc, p->key);
			const char *name = k->type == YAML_SCALAR_NODE ? scalar(k) : "";

			if (strcmp(name, "phrase") != 0 && strcmp(name, "kind") != 0 &&
			    strcmp(name, "sensitive") != 0)
				return bad(r, k,
					   "facts: data: \"%.40s\" is not a key of a data item "
					   "(phrase, kind, sensitive)",
					   name);
		}
		phrase = map_get(r, w, "phrase");
		label = map_get(r, w, "kind");
		sens = map_get(r, w, "sensitive");
		if (phrase == NULL)
			return bad(r, w,
				   "facts: data: an item written as a mapping needs a phrase");
	}
	if (!text_scalar(phrase))
		return bad(r, phrase, "facts: each phrase is a non-empty text");
	if (label != NULL && !text_scalar(label))
		return bad(r, label, "facts: data: kind is a text");
	if (sens != NULL) {
		const char *v = sens->type == YAML_SCALAR_NODE ? scalar(sens) : "";

		if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0)
			sensitive = 1;
		else if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0)
			sensitive = 0;
		else
			return bad(r, sens, "facts: data: sensitive is true or false");
	}
	if (policy_rules_add_term(r->c->rules, (int)kind, scalar(phrase),
				  label ? scalar(label) : NULL, sensitive) < 0) {
		const char *const *names = policy_rules_data_kinds();
		char list[256] = "";

		if (policy_error_last()->code == POLICY_ENOMEM)
			return POLICY_ENOMEM;
		if (label == NULL)
			return bad(r, phrase, "facts: \"%.40s\" is not a usable phrase",
				   scalar(phrase));
		for (size_t i = 0; names[i] != NULL; i++)
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
				 i ? ", " : "", names[i]);
		return bad(r, label, "facts: data: \"%.40s\" is not a kind of data (%s)",
			   scalar(label), list);
	}
	return 0;
}

static int read_facts(const reader *r, const yaml_node_t *v)
{
	if (v->type != YAML_MAPPING_NODE)
		return bad(r, v, "facts: a mapping of kind of fact to phrases is expected");
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(r->doc, p->key);
		yaml_node_t *list = yaml_document_get_node(r->doc, p->value);
		const char *key = k->type == YAML_SCALAR_NODE ? scalar(k) : "";
		size_t which = 0;
		int rc;

		while (which < sizeof(FACT_KEYS) / sizeof(FACT_KEYS[0]) &&
		       strcmp(FACT_KEYS[which].key, key) != 0)
			which++;
		if (which == sizeof(FACT_KEYS) / sizeof(FACT_KEYS[0]))
			return bad(r, k, "facts: \"%.40s\" is not a kind of fact (%s)", key,
				   FACT_KEY_LIST);
		if (list->type != YAML_SEQUENCE_NODE)
			return bad(r, list, "facts: %s: a list of phrases is expected", key);
		for (yaml_node_item_t *i = list->data.sequence.items.start;
		     i < list->data.sequence.items.top; i++)
			if ((rc = read_term(r, FACT_KEYS[which].kind,
					    yaml_document_get_node(r->doc, *i))) < 0)
				return rc;
	}
	return 0;
}

static int read_pair(const reader *r, const yaml_node_t *k, const yaml_node_t *v)
{
	const char *key = k->type == YAML_SCALAR_NODE ? scalar(k) : "";

	if (strcmp(key, "title") == 0)
		return read_string(r, k, v, &r->c->title);
	if (strcmp(key, "base_url") == 0)
		return read_base_url(r, k, v);
	if (strcmp(key, "default_locale") == 0) {
		int rc = read_string(r, k, v, &r->c->default_locale);

		if (rc == 0 && !policy_locale_valid(r->c->default_locale))
			return bad(r, v,
				   "default_locale: \"%.40s\" is not a locale tag like zh-CN or en",
				   r->c->default_locale);
		return rc;
	}
	if (strcmp(key, "notice_days") == 0)
		return read_notice_days(r, v);
	if (strcmp(key, "keywords") == 0)
		return read_keywords(r, v);
	if (strcmp(key, "facts") == 0)
		return read_facts(r, v);
	return bad(r, k,
		   "unknown setting \"%.40s\" (title, base_url, default_locale, notice_days, "
		   "keywords, facts)",
		   key);
}

int policy_config_parse(policy_config **out, const char *path, const char *data, size_t len)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	reader r;
	policy_config *c;
	int rc = 0;

	*out = NULL;
	if (len > CONFIG_MAX_SIZE)
		return policy__error_set_at(POLICY_EPARSE, path, 0, "the file is over %d bytes",
					    CONFIG_MAX_SIZE);
	if (policy__utf8_invalid_offset(data, len) != len)
		return policy__error_set_at(POLICY_EPARSE, path, 0, "the file is not valid UTF-8");
	c = calloc(1, sizeof(*c));
	if (c == NULL || policy_rules_new(&c->rules) < 0) {
		free(c);
		return policy__error_nomem();
	}
	if (!yaml_parser_initialize(&parser)) {
		policy_config_free(c);
		return policy__error_nomem();
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	if (!yaml_parser_load(&parser, &doc)) {
		rc = policy__error_set_at(POLICY_EPARSE, path,
					  (unsigned)parser.problem_mark.line + 1, "%s",
					  parser.problem ? parser.problem : "not YAML");
		yaml_parser_delete(&parser);
		policy_config_free(c);
		return rc;
	}
	r.c = c;
	r.doc = &doc;
	r.path = path;
	root = yaml_document_get_root_node(&doc);
	if (root != NULL && root->type != YAML_MAPPING_NODE)
		rc = bad(&r, root, "the settings are not a mapping of keys to values");
	for (yaml_node_pair_t *p = root && rc == 0 ? root->data.mapping.pairs.start : NULL;
	     p != NULL && p < root->data.mapping.pairs.top && rc == 0; p++)
		rc = read_pair(&r, yaml_document_get_node(&doc, p->key),
			       yaml_document_get_node(&doc, p->value));
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	if (rc < 0) {
		policy_config_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

int policy_config_load(policy_config **out, const char *path)
{
	policy_buf data = POLICY_BUF_INIT;
	int rc;

	*out = NULL;
	if ((rc = policy_file_read(&data, path, CONFIG_MAX_SIZE)) < 0)
		return rc;
	rc = policy_config_parse(out, path, data.ptr ? data.ptr : "", data.size);
	policy_buf_dispose(&data);
	return rc;
}

void policy_config_free(policy_config *config)
{
	if (config == NULL)
		return;
	policy_rules_free(config->rules);
	policy__arena_free(&config->mem);
	free(config);
}

const char *policy_config_title(const policy_config *config)
{
	return config->title;
}

const char *policy_config_base_url(const policy_config *config)
{
	return config->base_url;
}

const char *policy_config_default_locale(const policy_config *config)
{
	return config->default_locale;
}

unsigned policy_config_notice_days(const policy_config *config)
{
	return config->notice_days;
}

const policy_rules *policy_config_rules(const policy_config *config)
{
	return config->rules;
}
