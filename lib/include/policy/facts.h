/*
 * Privacy facts: what a version says about personal data, wherever in the
 * document it says it. Each section's text (paragraphs, lists, tables,
 * records and link targets) is read sentence by sentence into an
 * inventory of facts: data items (with their kind and whether they are
 * sensitive), purposes, recipients, rights, contact points, retention
 * periods, transfer destinations and controllers. Vocabularies for zh and
 * en are built in (GB/T 35273-2020 Annexes A and B, PIPL, GDPR Art. 9 and
 * 15-22, the CCPA's categories); patterns find e-mail addresses, phone
 * numbers, URLs, durations and company names by legal form.
 *
 * The classifier compares two inventories (policy/diff.h); `policyctl
 * facts` prints one. docs/diff.md describes each kind.
 */
#ifndef POLICY_FACTS_H
#define POLICY_FACTS_H

#include <stddef.h>

#include "buf.h"
#include "common.h"
#include "document.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a fact is about. */
typedef enum {
	POLICY_FACT_DATA,       /**< a kind of personal data collected or used */
	POLICY_FACT_PURPOSE,    /**< a purpose of processing */
	POLICY_FACT_RECIPIENT,  /**< a third party, SDK, affiliate or authority */
	POLICY_FACT_RIGHT,      /**< a right of the user, or a way to exercise one */
	POLICY_FACT_CONTACT,    /**< an e-mail, phone, URL, DPO or representative */
	POLICY_FACT_RETENTION,  /**< how long data is kept */
	POLICY_FACT_TRANSFER,   /**< a place data goes to */
	POLICY_FACT_CONTROLLER, /**< who is responsible */
	POLICY_FACT_KIND_COUNT
} policy_fact_kind;

/** One fact. Strings are owned by the inventory. */
typedef struct {
	policy_fact_kind kind;
	const char *value;    /**< normalised: the same fact reads the same in two versions */
	const char *text;     /**< as written */
	const char *label;    /**< a data item's kind ("health", "健康生理信息"), or NULL */
	int sensitive;        /**< a data item of a sensitive kind (PIPL Art. 28, GDPR Art. 9) */
	int negated;          /**< said not to happen ("we do not sell", "不会共享") */
	const char *section;  /**< the id of the section it is in ("preamble" before the first) */
	const char *sentence; /**< the sentence it came from */
} policy_fact;

typedef struct policy_facts policy_facts;

/**
 * Read every section of `doc` (and the text before the first heading)
 * into an inventory. Returns 0 and the inventory (free it with
 * policy_facts_free()), POLICY_EINVALID for an unusable document, or
 * POLICY_ENOMEM. A document that states no fact gives an empty inventory.
 */
POLICY_EXTERN int policy_facts_read(policy_facts **out, const policy_doc *doc);

/** The number of facts, and the i-th (NULL past the end), in document order. */
POLICY_EXTERN size_t policy_facts_count(const policy_facts *facts);
POLICY_EXTERN const policy_fact *policy_facts_at(const policy_facts *facts, size_t i);

/**
 * The inventory of `doc` as JSON text into `out` (replacing what it held):
 * `{"facts": [{"kind", "value", "text", "label", "sensitive", "negated",
 * "section", "sentence"}, ...]}` and a newline, as `policyctl facts
 * --json` prints it and the site's `<version>.facts.json` holds it.
 * 0, POLICY_EINVALID for an unusable document, or POLICY_ENOMEM.
 */
POLICY_EXTERN int policy_facts_json(policy_buf *out, const policy_doc *doc);

/** Free an inventory; NULL is fine. */
POLICY_EXTERN void policy_facts_free(policy_facts *facts);

/** "data", "purpose", "recipient", "right", "contact", "retention",
 * "transfer", "controller". */
POLICY_EXTERN const char *policy_facts_kind_name(policy_fact_kind kind);

/** The category (policy/category.h) a kind of fact belongs to. */
POLICY_EXTERN unsigned policy_facts_kind_category(policy_fact_kind kind);

#ifdef __cplusplus
}
#endif

#endif
