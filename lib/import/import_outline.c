/*
 * The import's outline stage: which blocks are headings, and at which
 * depth. A short numbered line that does not read as a sentence is a
 * heading; a table of contents is kept as a list; each numbering style
 * gets a depth by its place in the numbering system (style_rank).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "buf.h"
#include "error.h"
#include "import_internal.h"
#include "internal.h"
#include "policy/document.h"
#include "utf8.h"

#define HEADING_CJK_MAX 30 /* code points of a heading after its number */
#define HEADING_LATIN_MAX 80
#define STYLES_MAX 8
#define BARE_MAX 64 /* unnumbered body titles a table of contents numbers */

/* --- headings ------------------------------------------------------------ */

int policy__import_ends_like_sentence(const char *s)
{
	static const char *const ends[] = {"。", "；", "，", "：", "！", "？",
					   ".",  ";",  ",",  ":",  "!",  "?"};
	size_t n = strlen(s);

	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		size_t k = strlen(ends[i]);

		if (n >= k && memcmp(s + n - k, ends[i], k) == 0)
			return 1;
	}
	return 0;
}

static int mostly_cjk(const char *s)
{
	size_t pos = 0, n = strlen(s), cjk = 0, all = 0;

	while (pos < n) {
		int32_t c = policy__utf8_next(s, n, &pos);

		if (c < 0)
			continue;
		all += policy__utf8_is_alnum(c);
		cjk += policy__utf8_is_cjk(c);
	}
	return all > 0 && cjk * 5 > all;
}

/* policy__numbering_style(), and two more forms plain-text policies number their
 * headings with: "4 如何访问您的信息" (a number, a blank, a Chinese title)
 * and "7 .标题"; both count as "1." does. Section ids keep such numbers
 * (an English "2024 update" is no numbering), so only import reads them. */
static size_t line_numbering(const char *s, char *style, size_t size)
{
	size_t n = policy__numbering_style(s, style, size), i = 0, j;

	if (n > 0)
		return n;
	while (i < 3 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0 || (s[i] >= '0' && s[i] <= '9'))
		return 0;
	for (j = i; s[j] == ' '; j++)
		;
	if (j == i)
		return 0;
	if (s[j] == '.')
		for (j++; s[j] == ' '; j++)
			;
	if ((unsigned char)s[j] < 0xE3 || (unsigned char)s[j] > 0xE9)
		return 0; /* a CJK character must follow */
	snprintf(style, size, "num1");
	return j;
}

/* A title that introduces what follows ("我们如何收集个人信息："): short,
 * its colon its only punctuation of a sentence. */
static int colon_title(const char *rest)
{
	static const char *const inner[] = {"。", "，", "；", ". ", ", ", "; "};
	size_t n = strlen(rest), k = n >= 3 && strcmp(rest + n - 3, "：") == 0 ? 3
				     : n >= 1 && rest[n - 1] == ':'            ? 1
									       : 0;

	if (k == 0 || policy__import_code_points(rest) > 20)
		return 0;
	for (size_t i = 0; i < sizeof(inner) / sizeof(inner[0]); i++)
		if (memmem(rest, n - k, inner[i], strlen(inner[i])) != NULL)
			return 0;
	return 1;
}

/* A numbered paragraph short enough, and not a sentence: a heading. The
 * style is written to `style`. */
static int numbered_heading(const block *b, char *style, size_t size)
{
	size_t prefix = line_numbering(b->plain, style, size);
	const char *rest = b->plain + prefix;

	if (prefix == 0 || *rest == '\0' ||
	    (policy__import_ends_like_sentence(rest) && !colon_title(rest)))
		return 0;
	return policy__import_code_points(rest) <=
	       (mostly_cjk(rest) ? HEADING_CJK_MAX : HEADING_LATIN_MAX);
}

/* "**text**" as a whole (a bold line used as a heading): "text". */
static const char *unwrap_emphasis(import_doc *d, const char *md)
{
	size_t n = strlen(md);

	if (n > 4 && strncmp(md, "**", 2) == 0 && strcmp(md + n - 2, "**") == 0 &&
	    strstr(md + 2, "**") == md + n - 2) {
		const char *inner = policy__arena_strndup(&d->mem, md + 2, n - 4);

		return inner ? inner : md;
	}
	return md;
}

/* --- tables of contents --------------------------------------------------- */

typedef struct {
	const char *rest; /* the title after its numbering, spaces dropped */
	size_t index;
} titled;

static int by_rest(const void *x, const void *y)
{
	const titled *a = x, *b = y;
	int c = strcmp(a->rest, b->rest);

	return c != 0 ? c : (a->index > b->index) - (a->index < b->index);
}

/* The title of a numbered line without its numbering and white space:
 * "1、我们收集的信息" and "一、 我们收集的信息" read the same. */
static const char *bare_title(import_doc *d, const block *b)
{
	char style[24];
	size_t prefix = line_numbering(b->plain, style, sizeof(style)), n = 0;
	const char *rest = b->plain + prefix;
	char *out = policy__arena_alloc(&d->mem, strlen(rest) + 1);

	if (out == NULL)
		return NULL;
	for (; *rest; rest++)
		if (*rest != ' ' && *rest != '\t')
			out[n++] = *rest;
	out[n] = '\0';
	return out;
}

/* Does a numbered line count from the start (一、 1. （1） 2.1 第一条 A. ①)?
 * The last number of its numbering is one. */
static int first_ordinal(const char *plain, size_t prefix)
{
	static const char *const ones[] = {"一", "1", "I", "i", "A", "a", "①", "壹"};
	size_t end = prefix, start;

	/* back over the separator after the number: 、 . ） ) 条 章 节 部分 and blanks */
	while (end > 0 && !((plain[end - 1] >= '0' && plain[end - 1] <= '9') ||
			    (plain[end - 1] >= 'A' && plain[end - 1] <= 'Z') ||
			    (plain[end - 1] >= 'a' && plain[end - 1] <= 'z'))) {
		size_t k = end - 1;

		while (k > 0 && ((unsigned char)plain[k] & 0xC0) == 0x80)
			k--;
		if (end - k == 3 && strncmp(plain + k, "、", 3) != 0 &&
		    strncmp(plain + k, "）", 3) != 0 && strncmp(plain + k, "．", 3) != 0 &&
		    strncmp(plain + k, "条", 3) != 0 && strncmp(plain + k, "章", 3) != 0 &&
		    strncmp(plain + k, "节", 3) != 0 && strncmp(plain + k, "分", 3) != 0 &&
		    strncmp(plain + k, "部", 3) != 0 && strncmp(plain + k, "：", 3) != 0)
			break; /* a CJK numeral or ① */
		end = k;
	}
	start = end;
	while (start > 0 && ((plain[start - 1] >= '0' && plain[start - 1] <= '9') ||
			     ((unsigned char)plain[start - 1] & 0x80)))
		if ((unsigned char)plain[start - 1] & 0x80) {
			size_t k = start - 1;

			while (k > 0 && ((unsigned char)plain[k] & 0xC0) == 0x80)
				k--;
			if (start - k != 3 || strncmp(plain + k, "第", 3) == 0 ||
			    strncmp(plain + k, "（", 3) == 0)
				break;
			start = k;
		} else {
			start--;
		}
	if (start == end && end > 0 &&
	    ((plain[end - 1] >= 'A' && plain[end - 1] <= 'Z') ||
	     (plain[end - 1] >= 'a' && plain[end - 1] <= 'z')))
		start = end - 1;
	for (size_t i = 0; i < sizeof(ones) / sizeof(ones[0]); i++)
		if (end - start == strlen(ones[i]) &&
		    strncmp(plain + start, ones[i], end - start) == 0)
			return 1;
	return 0;
}

/* Are two bare titles the same title reworded a little ("我们如何收集和使用
 * 您的个人信息" in the contents, "我们如何收集和使用您的信息" in the body)?
 * Dice's coefficient over pairs of adjacent characters, at least 0.75:
 * titles of one policy share much ("我们如何…您的个人信息"), so less would
 * pair different sections. */
#define SIMILAR_CP 64
static int similar_titles(const char *a, const char *b)
{
	int32_t x[SIMILAR_CP], y[SIMILAR_CP];
	unsigned char used[SIMILAR_CP] = {0};
	size_t nx = 0, ny = 0, pa = 0, pb = 0, la = strlen(a), lb = strlen(b), common = 0;

	if (strcmp(a, b) == 0)
		return 1;
	while (pa < la && nx < SIMILAR_CP)
		x[nx++] = policy__utf8_next(a, la, &pa);
	while (pb < lb && ny < SIMILAR_CP)
		y[ny++] = policy__utf8_next(b, lb, &pb);
	if (nx < 3 || ny < 3)
		return 0;
	for (size_t i = 0; i + 1 < nx; i++)
		for (size_t j = 0; j + 1 < ny; j++)
			if (!used[j] && x[i] == y[j] && x[i + 1] == y[j + 1]) {
				used[j] = 1;
				common++;
				break;
			}
	return common * 8 >= (nx - 1 + ny - 1) * 3;
}

/* Does line `b` start the count again, in the style of the run's first
 * numbered line or with a title like it: the body after its contents,
 * the titles reworded a little? */
static int restarts_run(import_doc *d, const titled *rest_of, size_t from, size_t to, size_t b)
{
	const block *x = &d->blocks[b];
	char style[24], first_style[24];

	while (from < to && rest_of[from].rest == NULL)
		from++;
	if (from == to || rest_of[b].rest == NULL ||
	    !first_ordinal(x->plain, line_numbering(x->plain, style, sizeof(style))))
		return 0;
	/* a list never counts from one again in its own style */
	line_numbering(d->blocks[from].plain, first_style, sizeof(first_style));
	return strcmp(style, first_style) == 0 ||
	       similar_titles(rest_of[from].rest, rest_of[b].rest);
}

/* Does the text before block `i` announce a table of contents
 * ("本政策将帮助您了解以下内容：", "您可以根据以下索引阅读相应章节", "目录")? */
static int announces_contents(import_doc *d, size_t i)
{
	static const char *const cues[] = {"以下内容", "以下索引", "目录", "章节",
					   "Contents", "contents", NULL};

	while (i > 0 && d->blocks[i - 1].kind == BLOCK_BREAK)
		i--;
	if (i == 0 || d->blocks[i - 1].kind != BLOCK_PARA ||
	    policy__import_code_points(d->blocks[i - 1].plain) > 80)
		return 0;
	for (size_t k = 0; cues[k] != NULL; k++)
		if (strstr(d->blocks[i - 1].plain, cues[k]) != NULL)
			return 1;
	return 0;
}

/*
 * A table of contents is a run of three or more numbered heading-like
 * lines with nothing but blank lines between them, most of whose titles
 * come back as numbered lines after the run, with the body. Its lines are
 * kept as a list, not made sections (before, 58 of 63 real policies with
 * contents got empty sections, and a body numbered in another style than
 * its contents dropped a level). Titles are compared without numbering,
 * so contents numbered 1、 and a body numbered 一、 match; found by
 * sorting, so 100,000 numbered lines stay near linear.
 */
static int mark_contents(import_doc *d)
{
	titled *all = malloc((d->count ? d->count : 1) * sizeof(*all));
	titled *rest_of = calloc(d->count ? d->count : 1, sizeof(*rest_of));
	size_t budget = 1u << 20; /* fuzzy comparisons, for the whole document */
	size_t *last = calloc(d->count ? d->count : 1, sizeof(*last)), n = 0;
	size_t *first = calloc(d->count ? d->count : 1, sizeof(*first));
	char style[24];
	int rc = 0;

	if (all == NULL || last == NULL || first == NULL || rest_of == NULL) {
		rc = policy__error_nomem();
		goto done;
	}
	for (size_t i = 0; i < d->count; i++) {
		block *b = &d->blocks[i];

		if (b->kind != BLOCK_PARA || b->dropped || b->title ||
		    !numbered_heading(b, style, sizeof(style)))
			continue;
		if ((all[n].rest = bare_title(d, b)) == NULL) {
			rc = policy__error_nomem();
			goto done;
		}
		all[n].index = i;
		rest_of[i] = all[n++];
	}
	qsort(all, n, sizeof(*all), by_rest);
	/* last[i]: the last line with the same title as line i */
	for (size_t a = 0, b; a < n; a = b) {
		for (b = a; b < n && strcmp(all[b].rest, all[a].rest) == 0; b++)
			;
		for (size_t k = a; k < b; k++) {
			last[all[k].index] = all[b - 1].index;
			first[all[k].index] = all[a].index;
		}
	}
	for (size_t i = 0; i < d->count;) {
		size_t end = i, lines = 0, back, nbare, bare[BARE_MAX][2];
		int restarted;

		/* The run ends at body text, or where a title repeats one of
		 * the run's own: there the body starts with its first heading,
		 * directly followed by its subheadings. */
		while (end < d->count &&
		       (d->blocks[end].kind == BLOCK_BREAK ||
			(d->blocks[end].kind == BLOCK_PARA && !d->blocks[end].dropped &&
			 !d->blocks[end].title &&
			 numbered_heading(&d->blocks[end], style, sizeof(style)) &&
			 !(first[end] >= i && first[end] < end) &&
			 !restarts_run(d, rest_of, i, end, end)))) {
			lines += d->blocks[end].kind == BLOCK_PARA;
			end++;
		}
		if (end == i) {
			i++;
			continue;
		}
		/* count the titles that come back after the whole run */
		back = 0;
		nbare = 0;
		for (size_t k = i; k < end; k++) {
			int found = 0;

			if (d->blocks[k].kind != BLOCK_PARA)
				continue;
			if (last[k] >= end) {
				back++;
				continue;
			}
			if (rest_of[k].rest == NULL)
				continue;
			/* reworded in the body: a like title among the next lines */
			for (size_t j = end; j < d->count && j < end + 2000 && budget > 0 && !found;
			     j++)
				if (rest_of[j].rest != NULL && budget-- > 0 &&
				    similar_titles(rest_of[k].rest, rest_of[j].rest))
					found = 1;
			/* or the same title with no number: a body that numbers
			 * only its contents */
			for (size_t j = end; j < d->count && j < end + 2000 && budget > 0 && !found;
			     j++) {
				const block *x = &d->blocks[j];

				if (x->kind == BLOCK_PARA && rest_of[j].rest == NULL &&
				    !x->dropped && !x->title && budget-- > 0 &&
				    policy__import_code_points(x->plain) <= HEADING_CJK_MAX &&
				    !policy__import_ends_like_sentence(x->plain) &&
				    similar_titles(rest_of[k].rest, x->plain) && nbare < BARE_MAX) {
					bare[nbare][0] = k;
					bare[nbare++][1] = j;
					found = 1;
				}
			}
			back += found;
		}
		/* With more evidence (a line announcing contents before the run,
		 * or the body restarting at the run's first title right after
		 * it) two in five titles coming back are enough: bodies reword
		 * ("用户权利" comes back as "用户的权利"). */
		restarted = end < d->count && d->blocks[end].kind == BLOCK_PARA &&
			    ((first[end] >= i && first[end] < end) ||
			     restarts_run(d, rest_of, i, end, end));
		if (lines >= 3 &&
		    (back * 5 >= lines * 3 ||
		     (back * 5 >= lines * 2 && (restarted || announces_contents(d, i))))) {
			/* titles the body gives without a number take the one
			 * the contents give them, and so their depth */
			for (size_t b = 0; b < nbare && rc == 0; b++) {
				block *t = &d->blocks[bare[b][1]];
				const block *item = &d->blocks[bare[b][0]];
				size_t prefix = line_numbering(item->plain, style, sizeof(style));
				policy_buf num = POLICY_BUF_INIT;

				if ((rc = policy__buf_put(&num, item->plain, prefix)) == 0 &&
				    (rc = policy__buf_puts(&num, t->plain)) == 0 &&
				    (t->plain = policy__arena_strdup(&d->mem, num.ptr)) == NULL)
					rc = policy__error_nomem();
				policy__buf_clear(&num);
				if (rc == 0 &&
				    ((rc = policy__import_escape(&num, t->plain,
								 strlen(t->plain))) < 0 ||
				     (t->markdown = policy__arena_strdup(&d->mem, num.ptr)) ==
					     NULL))
					rc = rc < 0 ? rc : policy__error_nomem();
				policy_buf_dispose(&num);
				if (rc == 0)
					rc = policy__import_note(d, "guessed", "numbering",
								 t->plain, t->line,
								 "a title the table of contents "
								 "numbers: numbered so");
			}
			if (rc < 0)
				goto done;
			for (size_t k = i; k < end; k++)
				if (d->blocks[k].kind == BLOCK_PARA) {
					d->blocks[k].kind = BLOCK_ITEM;
					d->blocks[k].ordered = 1;
					d->blocks[k].depth = 0;
				}
			{
				char count[32];

				snprintf(count, sizeof(count), "%zu", lines);
				rc = policy__import_note(
					d, "found", "contents", count, d->blocks[i].line,
					"a table of contents: kept as a list, its titles are the "
					"sections after it");
				if (rc < 0)
					goto done;
			}
		}
		i = end;
	}
done:
	free(all);
	free(rest_of);
	free(last);
	free(first);
	return rc;
}

/*
 * Where a numbering style stands in the system Chinese (and English)
 * documents number by, outermost first: 第一部分 > 第一章 > 第一节 > 第一条
 * > 一、 > （一） > 1. > 1.1 > 1.1.1 > (1) > 1) > ①, with I. and A. beside
 * the Chinese ones and a. last. Depth follows this order, not the order
 * styles first appear in: a "1、" list met before the first "一、" does not
 * become the top level.
 */
static int style_rank(const char *style)
{
	static const struct {
		const char *style;
		int rank;
	} order[] = {
		{"di-部分", 0},      {"di-编", 1},      {"di-章", 2},        {"di-节", 3},
		{"di-条", 4},        {"word-Part", 0},  {"word-Chapter", 2}, {"word-Article", 4},
		{"word-Section", 5}, {"roman", 6},      {"cjk", 7},          {"upper", 8},
		{"cjk-paren", 9},    {"num1", 10},      {"num2", 11},        {"num3", 12},
		{"num4", 13},        {"num-paren", 14}, {"num1)", 15},       {"circled", 16},
		{"lower", 17},
	};

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (strcmp(order[i].style, style) == 0)
			return order[i].rank;
	if (strncmp(style, "di-", 3) == 0 || strncmp(style, "word-", 5) == 0)
		return 4;
	if (strncmp(style, "num", 3) == 0)
		return 13;
	return 18;
}

/* Is style x outside style y: more of y's counts start under x than the
 * other way round, or, the document silent, x first in the usual system? */
static int outer(unsigned votes[][STYLES_MAX], char styles[][24], size_t x, size_t y)
{
	if (votes[x][y] != votes[y][x])
		return votes[x][y] > votes[y][x];
	return style_rank(styles[x]) < style_rank(styles[y]);
}

/*
 * The styles of the numbered lines that will be headings, outermost
 * first. The document itself says which style holds which: a style whose
 * count starts (一、, 1、, （1）) right after a heading of another style
 * sits under that style, and the styles are ordered by those votes; where
 * the document does not say, by the usual system (style_rank). So "1、"
 * under "一、" in one policy and "（一）" under "1、" in another both nest as
 * written, and a "1、" list met before the first "一、" does not become the
 * top level.
 */
static void rank_styles(import_doc *d, char styles[][24], size_t *nstyles)
{
	unsigned votes[STYLES_MAX][STYLES_MAX];
	char style[24];
	long prev = -1;

	memset(votes, 0, sizeof(votes));
	*nstyles = 0;
	for (size_t i = 0; i < d->count; i++) {
		block *b = &d->blocks[i];
		size_t s, prefix;

		if (b->kind != BLOCK_PARA || b->dropped || b->title ||
		    !numbered_heading(b, style, sizeof(style)))
			continue;
		for (s = 0; s < *nstyles && strcmp(styles[s], style) != 0; s++)
			;
		if (s == *nstyles) {
			if (*nstyles == STYLES_MAX)
				continue;
			snprintf(styles[(*nstyles)++], sizeof(styles[0]), "%s", style);
		}
		prefix = line_numbering(b->plain, style, sizeof(style));
		if (prev >= 0 && (size_t)prev != s && first_ordinal(b->plain, prefix))
			votes[prev][s]++;
		prev = (long)s;
	}
	/* the order by the votes, the usual system breaking ties */
	{
		size_t order[STYLES_MAX];
		char sorted[STYLES_MAX][24];

		for (size_t i = 0; i < *nstyles; i++)
			order[i] = i;
		for (size_t i = 1; i < *nstyles; i++)
			for (size_t at = i;
			     at > 0 && outer(votes, styles, order[at], order[at - 1]); at--) {
				size_t t = order[at];

				order[at] = order[at - 1];
				order[at - 1] = t;
			}
		for (size_t i = 0; i < *nstyles; i++)
			memcpy(sorted[i], styles[order[i]], sizeof(sorted[0]));
		memcpy(styles, sorted, *nstyles * sizeof(sorted[0]));
	}
}

/* Give every heading its level: the title 1, the rest from 2. */
int policy__import_assign_levels(import_doc *d)
{
	char styles[STYLES_MAX][24], style[24];
	size_t nstyles = 0, explicit_headings = 0;
	int given[7] = {0}, rank[7] = {0}, next = 2, last = 1;
	int rc;

	if ((rc = mark_contents(d)) < 0)
		return rc;
	rank_styles(d, styles, &nstyles);
	for (size_t i = 0; i < d->count; i++)
		if (d->blocks[i].kind == BLOCK_HEADING && !d->blocks[i].title) {
			explicit_headings++;
			given[d->blocks[i].level] = 1;
		}
	if (nstyles > 0 && explicit_headings < 2) {
		/* the decision, for the report: "cjk > cjk-paren > num1" */
		char order[STYLES_MAX * 26] = "";

		for (size_t i = 0; i < nstyles; i++)
			snprintf(order + strlen(order), sizeof(order) - strlen(order), "%s%s",
				 i ? " > " : "", styles[i]);
		if ((rc = policy__import_note(
			     d, "found", "numbering", order, 0,
			     "numbering styles outermost first, by where each style's count "
			     "starts, else by the usual order (docs/import.md)")) < 0)
			return rc;
	}

	/* Levels the page gave, ranked: h2 h4 become 2 3. */
	for (int l = 1; l <= 6; l++)
		if (given[l])
			rank[l] = next++;
	for (size_t i = 0; i < d->count; i++) {
		block *b = &d->blocks[i];

		if (b->dropped || b->title)
			continue;
		if (b->kind == BLOCK_HEADING) {
			b->level = rank[b->level];
			b->markdown = unwrap_emphasis(d, b->markdown);
		} else if (b->kind == BLOCK_PARA && explicit_headings < 2 &&
			   numbered_heading(b, style, sizeof(style))) {
			size_t s;

			for (s = 0; s < nstyles && strcmp(styles[s], style) != 0; s++)
				;
			if (s == nstyles)
				continue; /* past STYLES_MAX styles: text */
			b->kind = BLOCK_HEADING;
			b->level = 2 + (int)s;
			b->markdown = unwrap_emphasis(d, b->markdown);
		} else {
			continue;
		}
		/* No level is skipped: 2 after 1, 3 after 2 at most. */
		if (b->level > last + 1)
			b->level = last + 1;
		if (b->level > 6)
			b->level = 6;
		last = b->level;
	}
	return 0;
}
