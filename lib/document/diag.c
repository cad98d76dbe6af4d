/*
 * The list behind policy_diags: an array of entries whose strings live in
 * the list's arena, so a diagnostic outlives the buffers it was made from.
 */
#include "policy/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "array.h"
#include "error.h"
#include "internal.h"

struct policy_diags {
	arena strings;
	policy_diag *items;
	size_t count;
	size_t cap;
};

int policy_diags_new(policy_diags **out)
{
	*out = calloc(1, sizeof(**out));
	return *out == NULL ? policy__error_nomem() : 0;
}

void policy_diags_free(policy_diags *list)
{
	if (list == NULL)
		return;
	policy__arena_free(&list->strings);
	free(list->items);
	free(list);
}

size_t policy_diags_count(const policy_diags *list)
{
	return list->count;
}

const policy_diag *policy_diags_at(const policy_diags *list, size_t i)
{
	return i < list->count ? &list->items[i] : NULL;
}

size_t policy_diags_count_severity(const policy_diags *list, policy_severity severity)
{
	size_t n = 0;

	for (size_t i = 0; i < list->count; i++)
		n += list->items[i].severity == severity;
	return n;
}

int policy_diags_add(policy_diags *list, const policy_diag *diag)
{
	policy_diag d = *diag;

	if (ARRAY_RESERVE(list->items, list->cap, list->count) < 0)
		return POLICY_ENOMEM;
	d.code = policy__arena_strdup(&list->strings, diag->code);
	d.file = policy__arena_strdup(&list->strings, diag->file ? diag->file : "");
	d.message = policy__arena_strdup(&list->strings, diag->message);
	if (d.code == NULL || d.file == NULL || d.message == NULL)
		return policy__error_nomem();
	list->items[list->count++] = d;
	return 0;
}

const char *policy_diag_severity_name(policy_severity severity)
{
	switch (severity) {
	case POLICY_SEVERITY_WARNING:
		return "warning";
	case POLICY_SEVERITY_ERROR:
		return "error";
	case POLICY_SEVERITY_FATAL:
		return "fatal";
	}
	return "unknown";
}

void policy__diags_sort_by_line(policy_diags *list)
{
	/* Insertion sort: lists are short and nearly sorted, and it is stable. */
	for (size_t i = 1; i < list->count; i++) {
		policy_diag d = list->items[i];
		size_t j = i;

		while (j > 0 && list->items[j - 1].line > d.line) {
			list->items[j] = list->items[j - 1];
			j--;
		}
		list->items[j] = d;
	}
}

int policy__diag_addf(policy_diags *list, policy_severity severity, const char *code,
		      const char *file, unsigned line, const char *fmt, ...)
{
	char message[512];
	policy_diag d;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	d.severity = severity;
	d.code = code;
	d.file = file;
	d.line = line;
	d.message = message;
	return policy_diags_add(list, &d);
}
