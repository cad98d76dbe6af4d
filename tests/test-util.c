/* The library's UTF-8 helpers: decoding, validation and NFKC (whose fast
 * path for CJK and ASCII text must agree with utf8proc's full algorithm);
 * the string map, the arena and the parallel loop. */
#define _GNU_SOURCE /* sched_getaffinity, pthread_getaffinity_np */
#include "arena.h"
#include "buf.h"
#include "common.h"
#include "digest.h"
#include "error.h"
#include "gzip.h"
#include "hash.h"
#include "json.h"
#include "parallel.h"
#include "strmap.h"
#include "utf8.h"
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <utf8proc.h>
#include <zlib.h>

static void expect_nfkc(const char *in, int casefold, const char *want)
{
	policy_buf out = POLICY_BUF_INIT;

	ck_assert_int_eq(policy__utf8_nfkc(&out, in, strlen(in), casefold), 0);
	ck_assert_msg(strcmp(out.ptr ? out.ptr : "", want) == 0, "NFKC(%s) = %s, want %s", in,
		      out.ptr ? out.ptr : "", want);
	policy_buf_dispose(&out);
}

START_TEST(nfkc)
{
	expect_nfkc("您好，世界！（一）", 0, "您好,世界!(一)");
	expect_nfkc("ＡＢＣ　abc", 0, "ABC abc");
	expect_nfkc("ＡＢＣ Abc", 1, "abc abc");
	expect_nfkc("①…™", 0, "1...TM");
	expect_nfkc("“引号”、。", 0, "“引号”、。");
	/* Outside the fast path: composition, half-width kana, ligatures. */
	expect_nfkc("e\xcc\x81", 0, "\xc3\xa9");
	expect_nfkc("\xef\xbd\xb6\xef\xbe\x9e", 0, "\xe3\x82\xac");
	expect_nfkc("\xef\xac\x81le", 0, "file");
	expect_nfkc("=\xcc\xb8", 0, "\xe2\x89\xa0");
	expect_nfkc("", 0, "");
}
END_TEST

START_TEST(decoding)
{
	const char *s = "a\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80";
	size_t pos = 0;

	ck_assert_int_eq(policy__utf8_next(s, strlen(s), &pos), 'a');
	ck_assert_int_eq(policy__utf8_next(s, strlen(s), &pos), 0xE9);
	ck_assert_int_eq(policy__utf8_next(s, strlen(s), &pos), 0x4E2D);
	ck_assert_int_eq(policy__utf8_next(s, strlen(s), &pos), 0x1F600);
	ck_assert_uint_eq(pos, strlen(s));
	/* Overlong, surrogate, truncated: -1 and one byte skipped. */
	pos = 0;
	ck_assert_int_eq(policy__utf8_next("\xc0\xaf", 2, &pos), -1);
	ck_assert_uint_eq(pos, 1);
	pos = 0;
	ck_assert_int_eq(policy__utf8_next("\xed\xa0\x80", 3, &pos), -1);
	pos = 0;
	ck_assert_int_eq(policy__utf8_next("\xe4\xb8", 2, &pos), -1);
	ck_assert_uint_eq(policy__utf8_invalid_offset("ok\xe4\xb8\xad\xed\xa0\x80", 8), 5);
	ck_assert_uint_eq(policy__utf8_invalid_offset("\xe4\xb8\xad\xef\xbc\x8c", 6), 6);
	ck_assert_uint_eq(policy__utf8_invalid_offset("\xe4\xb8", 2), 0);
	/* ASCII runs are read eight bytes at a time: a NUL or a bad byte
	 * anywhere in a run, and runs that end short of eight */
	for (size_t at = 0; at < 20; at++) {
		char run[21];

		memset(run, 'a', 20);
		run[20] = '\0';
		run[at] = '\0';
		ck_assert_uint_eq(policy__utf8_invalid_offset(run, 20), at);
		run[at] = (char)0x80;
		ck_assert_uint_eq(policy__utf8_invalid_offset(run, 20), at);
		run[at] = 0x7F;
		ck_assert_uint_eq(policy__utf8_invalid_offset(run, 20), 20);
		ck_assert_uint_eq(policy__utf8_invalid_offset(run, at), at);
	}
}
END_TEST

/* Where utf8proc's decoder first fails, or `len`; it accepts NUL, which
 * the library refuses. */
static size_t reference_invalid(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);

		if (n <= 0 || cp == 0)
			return i;
		i += (size_t)n;
	}
	return len;
}

/* Checks `seq` after `pad` ASCII bytes and before one more. */
static void expect_as_utf8proc(const unsigned char *seq, size_t n, size_t pad)
{
	unsigned char buf[200];

	memset(buf, 'a', pad);
	memcpy(buf + pad, seq, n);
	buf[pad + n] = 'b';
	for (size_t len = pad + n; len <= pad + n + 1; len++)
		if (policy__utf8_invalid_offset((const char *)buf, len) !=
		    reference_invalid(buf, len))
			ck_abort_msg(
				"bytes %02x %02x %02x %02x (%zu of them) after %zu: %zu, not %zu",
				seq[0], n > 1 ? seq[1] : 0, n > 2 ? seq[2] : 0, n > 3 ? seq[3] : 0,
				n, pad, policy__utf8_invalid_offset((const char *)buf, len),
				reference_invalid(buf, len));
}

/* The validator's automaton accepts what utf8proc's decoder does: every
 * string of one or two bytes, and three and four bytes over the values at
 * the edges of each range, both where a block of 64 bytes is read
 * unrolled and in the tail after it. */
START_TEST(validation_as_utf8proc)
{
	static const unsigned char edges[] = {0x00, 0x01, 0x41, 0x7F, 0x80, 0x81, 0x8F, 0x90,
					      0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
					      0xE1, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
	static const size_t pads[] = {0, 61, 64, 100};
	const size_t ne = sizeof(edges);

	for (size_t p = 0; p < sizeof(pads) / sizeof(pads[0]); p++) {
		for (unsigned a = 0; a < 256; a++) {
			unsigned char seq[4] = {(unsigned char)a};

			expect_as_utf8proc(seq, 1, pads[p]);
			for (unsigned b = 0; b < 256; b++) {
				seq[1] = (unsigned char)b;
				expect_as_utf8proc(seq, 2, pads[p]);
			}
			if (a < 0xC0 || a > 0xF5) /* F5..FF are all refused alike */
				continue;
			for (size_t i = 0; i < ne * ne; i++) {
				seq[1] = edges[i / ne];
				seq[2] = edges[i % ne];
				expect_as_utf8proc(seq, 3, pads[p]);
				for (size_t k = 0; a >= 0xF0 && k < ne; k++) {
					seq[3] = edges[k];
					expect_as_utf8proc(seq, 4, pads[p]);
				}
			}
		}
	}
}
END_TEST

static int by_value(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return (a > b) - (a < b);
}

/* Equal sentences are told by their hash (facts.c): strings one byte
 * apart, at every position and length around a word, and strings that
 * differ only by trailing NULs or by length hash apart. */
START_TEST(text_hash_separates)
{
	enum { MAX = 40 };
	static const unsigned char bytes[] = {0x00, 0x01, 'a', 'b', 0x80, 0xE4, 0xFF};
	uint64_t *h = malloc(sizeof(uint64_t) * (MAX + 1) * MAX * sizeof(bytes));
	unsigned char text[MAX];
	size_t n = 0;

	ck_assert_ptr_nonnull(h);
	for (size_t len = 0; len <= MAX; len++) {
		memset(text, 0, sizeof(text));
		h[n++] = hash_text(text, len); /* all NUL, each length */
		for (size_t at = 0; at < len; at++)
			for (size_t b = 1; b < sizeof(bytes); b++) {
				memset(text, 0, sizeof(text));
				text[at] = bytes[b];
				h[n++] = hash_text(text, len);
			}
	}
	qsort(h, n, sizeof(*h), by_value);
	for (size_t i = 1; i < n; i++)
		ck_assert_msg(h[i] != h[i - 1], "two strings of %zu share a hash", n);
	ck_assert_uint_eq(hash_text("same text", 9), hash_text("same text", 9));
	free(h);
}
END_TEST

/* Formatted text lands whole whether it fits the room there is or not:
 * lines shorter and longer than a buffer's spare room, appended in turn,
 * and arena strings on both sides of the stack buffer's size. */
/* Item i of array a: an object with text that needs escaping, a nested
 * array and an empty one; NULL for the item `fail` names. */
static long fail_at = -1;

static json_t *item_of(void *ctx, size_t a, size_t i)
{
	char text[64];

	(void)ctx;
	if ((long)(a * 1000 + i) == fail_at)
		return NULL;
	snprintf(text, sizeof(text), "第%zu项\n\"%zu\"\t", i, a);
	return json_pack("{s:s, s:[i, {s:s}], s:[], s:{}}", "text", text, "list", (json_int_t)i,
			 "k", "v", "empty", "none");
}

static json_t *root_of(json_t *first, json_t *second)
{
	return json_pack("{s:s, s:o, s:o, s:{s:i}}", "head", "x\n", "first", first, "second",
			 second, "tail", "n", 1);
}

/* What jansson writes of the whole, made in one piece. */
static void write_whole(policy_buf *out, size_t n0, size_t n1)
{
	json_t *a = json_array(), *b = json_array();

	for (size_t i = 0; i < n0; i++)
		json_array_append_new(a, item_of(NULL, 0, i));
	for (size_t i = 0; i < n1; i++)
		json_array_append_new(b, item_of(NULL, 1, i));
	ck_assert_int_eq(policy__json_write(out, root_of(a, b)), 0);
}

START_TEST(json_arrays_written_in_runs)
{
	static const char *const names[] = {"first", "second"};
	static const size_t sizes[][2] = {{0, 0}, {1, 0}, {0, 1}, {64, 65}, {200, 3}, {129, 1000}};

	for (unsigned workers = 1; workers <= 4; workers += 3) {
		policy__parallel_limit(workers);
		for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			policy_buf whole = POLICY_BUF_INIT, runs = POLICY_BUF_INIT;

			write_whole(&whole, sizes[s][0], sizes[s][1]);
			ck_assert_int_eq(policy__json_write_arrays(
						 &runs, root_of(json_array(), json_array()), 2,
						 names, sizes[s], item_of, NULL),
					 0);
			ck_assert_msg(whole.size == runs.size &&
					      memcmp(whole.ptr, runs.ptr, whole.size) == 0,
				      "%zu and %zu items on %u threads:\n%s\nwant:\n%s",
				      sizes[s][0], sizes[s][1], workers, runs.ptr, whole.ptr);
			policy_buf_dispose(&whole);
			policy_buf_dispose(&runs);
		}
	}
	policy__parallel_limit(0);
}
END_TEST

START_TEST(json_arrays_whole_or_refused)
{
	static const char *const names[] = {"first", "second"};
	static const size_t sizes[] = {100, 300};
	policy_buf out = POLICY_BUF_INIT;

	/* an item that cannot be made, in the first run, a later one, the
	 * last: refused, nothing left in `out` */
	static const long fails[] = {0, 70, 1299};

	for (size_t f = 0; f < sizeof(fails) / sizeof(fails[0]); f++) {
		ck_assert_int_eq(policy__buf_puts(&out, "before"), 0);
		fail_at = fails[f];
		ck_assert_int_eq(policy__json_write_arrays(&out,
							   root_of(json_array(), json_array()), 2,
							   names, sizes, item_of, NULL),
				 POLICY_ENOMEM);
		ck_assert_uint_eq(out.size, 0);
	}
	fail_at = -1;
	/* a member that is not an empty array of the root */
	ck_assert_int_eq(policy__json_write_arrays(&out, json_pack("{s:i}", "first", 1), 1, names,
						   sizes, item_of, NULL),
			 POLICY_EINVALID);
	ck_assert_uint_eq(out.size, 0);
	policy_buf_dispose(&out);
}
END_TEST

/* Arrays shared by two roots are made once and spliced into each: each
 * text is jansson's own of that root filled; a root with no out is not
 * written, and a failure leaves every out empty. */
START_TEST(json_arrays_shared_by_roots)
{
	static const char *const names[] = {"first", "second"};
	static const size_t sizes[] = {70, 5};
	policy_buf whole = POLICY_BUF_INIT, a = POLICY_BUF_INIT, b = POLICY_BUF_INIT;
	policy_buf *outs[] = {&a, &b};
	json_t *roots[] = {root_of(json_array(), json_array()),
			   json_pack("{s:o, s:o}", "first", json_array(), "second", json_array())};
	json_t *x = json_array(), *y = json_array();

	ck_assert_int_eq(policy__json_write_shared(outs, roots, 2, 2, names, sizes, item_of, NULL),
			 0);
	write_whole(&whole, sizes[0], sizes[1]);
	ck_assert_str_eq(a.ptr, whole.ptr);
	for (size_t i = 0; i < sizes[0]; i++)
		json_array_append_new(x, item_of(NULL, 0, i));
	for (size_t i = 0; i < sizes[1]; i++)
		json_array_append_new(y, item_of(NULL, 1, i));
	ck_assert_int_eq(
		policy__json_write(&whole, json_pack("{s:o, s:o}", "first", x, "second", y)), 0);
	ck_assert_str_eq(b.ptr, whole.ptr);
	/* no out for the first root */
	outs[0] = NULL;
	roots[0] = root_of(json_array(), json_array());
	roots[1] = json_pack("{s:o, s:o}", "first", json_array(), "second", json_array());
	policy__buf_clear(&b);
	ck_assert_int_eq(policy__json_write_shared(outs, roots, 2, 2, names, sizes, item_of, NULL),
			 0);
	ck_assert_str_eq(b.ptr, whole.ptr);
	/* an item that cannot be made */
	outs[0] = &a;
	roots[0] = root_of(json_array(), json_array());
	roots[1] = json_pack("{s:o, s:o}", "first", json_array(), "second", json_array());
	fail_at = 1003;
	ck_assert_int_eq(policy__json_write_shared(outs, roots, 2, 2, names, sizes, item_of, NULL),
			 POLICY_ENOMEM);
	fail_at = -1;
	ck_assert_uint_eq(a.size, 0);
	ck_assert_uint_eq(b.size, 0);
	policy_buf_dispose(&whole);
	policy_buf_dispose(&a);
	policy_buf_dispose(&b);
}
END_TEST

START_TEST(printf_into_buffers)
{
	policy_buf b = POLICY_BUF_INIT, want = POLICY_BUF_INIT;
	arena mem = {NULL};
	char long_text[1001];

	memset(long_text, 'x', 1000);
	long_text[1000] = '\0';
	for (int i = 0; i < 40; i++) {
		const char *text = i % 7 == 3 ? long_text : "short";
		char line[1100];

		snprintf(line, sizeof(line), "%d %s\n", i, text);
		ck_assert_int_eq(policy__buf_put(&want, line, strlen(line)), 0);
		ck_assert_int_eq(policy__buf_printf_line(&b, "%d %s\n", i, text), 0);
		ck_assert_uint_eq(b.size, strlen(b.ptr));
	}
	ck_assert_str_eq(b.ptr, want.ptr);
	for (size_t n = 250; n < 262; n++) {
		char *p = policy__arena_printf(&mem, "%.*s|", (int)n, long_text);

		ck_assert_uint_eq(strlen(p), n + 1);
		ck_assert_int_eq(p[n], '|');
	}
	policy__arena_free(&mem);
	policy_buf_dispose(&b);
	policy_buf_dispose(&want);
}
END_TEST

/* Many keys through several growths; each value found, changed in
 * place, replaced; a key missing; the map reusable after dispose. */
START_TEST(string_map)
{
	strmap m = STRMAP_INIT;
	char keys[500][16];

	ck_assert_ptr_null(policy__strmap_get(&m, "absent"));
	for (size_t i = 0; i < 500; i++) {
		snprintf(keys[i], sizeof(keys[i]), "id-%zu", i);
		ck_assert_int_eq(policy__strmap_put(&m, keys[i], i), 0);
	}
	ck_assert_uint_eq(m.count, 500);
	ck_assert_uint_ge(m.cap, 1000);
	for (size_t i = 0; i < 500; i++) {
		size_t *v = policy__strmap_get(&m, keys[i]);

		ck_assert_ptr_nonnull(v);
		ck_assert_uint_eq(*v, i);
	}
	*policy__strmap_get(&m, "id-7") = 70;
	ck_assert_uint_eq(*policy__strmap_get(&m, "id-7"), 70);
	ck_assert_int_eq(policy__strmap_put(&m, "id-7", 700), 0); /* replaces, no new key */
	ck_assert_uint_eq(m.count, 500);
	ck_assert_uint_eq(*policy__strmap_get(&m, "id-7"), 700);
	ck_assert_ptr_null(policy__strmap_get(&m, "id-500"));
	ck_assert_ptr_null(policy__strmap_get(&m, ""));
	policy__strmap_dispose(&m);
	ck_assert_ptr_null(policy__strmap_get(&m, "id-1"));
	ck_assert_int_eq(policy__strmap_put(&m, "", 1), 0);
	ck_assert_uint_eq(*policy__strmap_get(&m, ""), 1);
	policy__strmap_dispose(&m);
}
END_TEST

typedef struct {
	unsigned runs[5000];
	size_t fail_from; /* items from here fail */
} loop_state;

static int count_item(void *ctx, size_t item, unsigned worker)
{
	loop_state *st = ctx;

	ck_assert_uint_lt(worker, POLICY_PARALLEL_MAX);
	__atomic_add_fetch(&st->runs[item], 1, __ATOMIC_RELAXED);
	if (item >= st->fail_from)
		return policy__error_set(POLICY_EINVALID, "item %zu failed", item);
	return 0;
}

START_TEST(parallel_loop)
{
	static loop_state st;

	for (unsigned workers = 1; workers <= POLICY_PARALLEL_MAX + 1; workers++) {
		memset(&st, 0, sizeof(st));
		st.fail_from = SIZE_MAX;
		ck_assert_int_eq(policy__parallel_for(5000, workers, count_item, &st), 0);
		for (size_t i = 0; i < 5000; i++)
			ck_assert_uint_eq(st.runs[i], 1);
		/* the lowest failing item's error, raised here, as one thread says */
		memset(&st, 0, sizeof(st));
		st.fail_from = 1234;
		ck_assert_int_eq(policy__parallel_for(5000, workers, count_item, &st),
				 POLICY_EINVALID);
		ck_assert_str_eq(policy_error_last()->message, "item 1234 failed");
		for (size_t i = 0; i < 1234; i++)
			ck_assert_uint_eq(st.runs[i], 1);
	}
	ck_assert_int_eq(policy__parallel_for(0, 4, count_item, &st), 0);
	ck_assert_uint_eq(policy__parallel_workers(10, 64), 1);
	ck_assert_uint_le(policy__parallel_workers(100000, 64), POLICY_PARALLEL_MAX);
	policy__parallel_limit(1);
	ck_assert_uint_eq(policy__parallel_workers(100000, 64), 1);
	policy__parallel_limit(0);
}
END_TEST

typedef struct {
	cpu_set_t mask; /* the thread's CPUs while it runs */
	int read;
} thread_probe;

static void *probe_cpus(void *arg)
{
	thread_probe *p = arg;

	p->read = pthread_getaffinity_np(pthread_self(), sizeof(p->mask), &p->mask) == 0;
	return arg;
}

/* A thread started by policy__thread_start runs its function with its
 * argument and, once running, may run on every CPU its caller may: the
 * other CPUs it is started on are for its start only. */
START_TEST(threads_start_free)
{
	cpu_set_t all;
	thread_probe p;
	pthread_t t;
	void *back = NULL;

	ck_assert_int_eq(sched_getaffinity(0, sizeof(all), &all), 0);
	for (int i = 0; i < 20; i++) {
		memset(&p, 0, sizeof(p));
		ck_assert_int_eq(policy__thread_start(&t, probe_cpus, &p), 0);
		ck_assert_int_eq(pthread_join(t, &back), 0);
		ck_assert_ptr_eq(back, &p);
		ck_assert_int_eq(p.read, 1);
		ck_assert_msg(CPU_EQUAL(&p.mask, &all), "the thread keeps %d of %d CPUs",
			      CPU_COUNT(&p.mask), CPU_COUNT(&all));
	}
	/* a caller held to one CPU has no other to start it on: the thread
	 * starts as pthread_create starts it, with the caller's one CPU */
	{
		cpu_set_t one;
		int cpu = 0;

		while (!CPU_ISSET(cpu, &all))
			cpu++;
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		ck_assert_int_eq(sched_setaffinity(0, sizeof(one), &one), 0);
		memset(&p, 0, sizeof(p));
		ck_assert_int_eq(policy__thread_start(&t, probe_cpus, &p), 0);
		ck_assert_int_eq(pthread_join(t, &back), 0);
		ck_assert_int_eq(sched_setaffinity(0, sizeof(all), &all), 0);
		ck_assert_ptr_eq(back, &p);
		ck_assert_int_eq(p.read, 1);
		ck_assert(CPU_EQUAL(&p.mask, &one));
	}
}
END_TEST

/* `gz` inflated (by zlib, another implementation) into `out`. */
static void gunzip(policy_buf *out, const policy_buf *gz)
{
	z_stream z = {0};
	char chunk[4096];
	int rc;

	policy__buf_clear(out);
	ck_assert_int_eq(inflateInit2(&z, 16 + MAX_WBITS), Z_OK);
	z.next_in = (Bytef *)gz->ptr;
	z.avail_in = (uInt)gz->size;
	do {
		z.next_out = (Bytef *)chunk;
		z.avail_out = sizeof(chunk);
		rc = inflate(&z, Z_NO_FLUSH);
		ck_assert(rc == Z_OK || rc == Z_STREAM_END);
		ck_assert_int_eq(policy__buf_put(out, chunk, sizeof(chunk) - z.avail_out), 0);
	} while (rc != Z_STREAM_END);
	ck_assert_uint_eq(z.avail_in, 0);
	inflateEnd(&z);
}

/* A gzip twin: a plain header (no name, no time; XFL 4 for the fast
 * level, 0 for the usual one), the input back when inflated, the same
 * bytes every time; nothing for a level no compressor has. */
/* A SHA-256 stream marked at a block's end and resumed from the mark,
 * by another stream, gives the digest of the whole; a mark is refused
 * within a block, and a stream given one resumes at its length. */
START_TEST(digest_resumes_from_a_mark)
{
	enum { LEN = 300000 };
	unsigned char *data = malloc(LEN);
	char whole[DIGEST_HEX_SIZE], resumed[DIGEST_HEX_SIZE];
	digest_stream *a = policy__digest_stream_new(), *b = policy__digest_stream_new();
	digest_mark m;

	ck_assert_ptr_nonnull(data);
	for (size_t i = 0; i < LEN; i++)
		data[i] = (unsigned char)(i * 2654435761u >> 13);
	ck_assert_int_eq(policy__digest_sha256(whole, data, LEN), 0);
	ck_assert_int_eq(policy__digest_stream_add(a, data, 100), 0);
	ck_assert_int_eq(policy__digest_stream_mark(a, &m), POLICY_ERROR);
	ck_assert_int_eq(policy__digest_stream_add(a, data + 100, 131072 - 100), 0);
	ck_assert_int_eq(policy__digest_stream_mark(a, &m), 0);
	ck_assert_uint_eq(m.length, 131072);
	ck_assert_int_eq(policy__digest_stream_resume(b, &m), 0);
	ck_assert_uint_eq(policy__digest_stream_length(b), 131072);
	ck_assert_int_eq(policy__digest_stream_add(b, data + 131072, LEN - 131072), 0);
	ck_assert_int_eq(policy__digest_stream_end(b, resumed), 0);
	ck_assert_str_eq(resumed, whole);
	/* the first stream goes on as well */
	ck_assert_int_eq(policy__digest_stream_add(a, data + 131072, LEN - 131072), 0);
	ck_assert_int_eq(policy__digest_stream_end(a, resumed), 0);
	ck_assert_str_eq(resumed, whole);
	m.length = 100;
	ck_assert_int_eq(policy__digest_stream_resume(b, &m), POLICY_ERROR);
	policy__digest_stream_free(a);
	policy__digest_stream_free(b);
	free(data);
}
END_TEST

START_TEST(gzip_is_plain_and_stable)
{
	policy_buf text = POLICY_BUF_INIT, a = POLICY_BUF_INIT, b = POLICY_BUF_INIT,
		   back = POLICY_BUF_INIT;
	static const unsigned char head[] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0};

	for (int i = 0; i < 2000; i++)
		ck_assert_int_eq(
			policy__buf_printf_line(&text, "第%d条 我们收集您的位置信息。\n", i), 0);
	for (int level = POLICY_GZIP_FAST; level <= POLICY_GZIP_LEVEL; level += 4) {
		ck_assert_int_eq(policy__gzip_compress_level(&a, text.ptr, text.size, level), 0);
		ck_assert_int_eq(policy__gzip_compress_level(&b, text.ptr, text.size, level), 0);
		ck_assert_uint_eq(a.size, b.size);
		ck_assert_int_eq(memcmp(a.ptr, b.ptr, a.size), 0);
		ck_assert_int_eq(memcmp(a.ptr, head, sizeof(head)), 0);
		ck_assert_uint_eq((unsigned char)a.ptr[8], level == POLICY_GZIP_FAST ? 4 : 0);
		ck_assert_uint_lt(a.size, text.size / 4);
		gunzip(&back, &a);
		ck_assert_uint_eq(back.size, text.size);
		ck_assert_int_eq(memcmp(back.ptr, text.ptr, text.size), 0);
	}
	ck_assert_int_eq(policy__gzip_compress(&a, "", 0), 0);
	gunzip(&back, &a);
	ck_assert_uint_eq(back.size, 0);
	ck_assert_int_lt(policy__gzip_compress_level(&a, "x", 1, 99), 0);
	policy_buf_dispose(&text);
	policy_buf_dispose(&a);
	policy_buf_dispose(&b);
	policy_buf_dispose(&back);
}
END_TEST

START_TEST(arena_adopts)
{
	/* workers' arenas, the last one never used */
	arena into = {NULL}, workers[3] = {{NULL}, {NULL}, {NULL}}, empty = {NULL};
	char *kept[300];

	for (int i = 0; i < 300; i++) {
		kept[i] = policy__arena_printf(i % 3 < 2 ? &workers[i % 3] : &into, "string %d", i);
		ck_assert_ptr_nonnull(kept[i]);
	}
	policy__arena_adopt_all(&into, workers, 3);
	for (int w = 0; w < 3; w++)
		ck_assert_ptr_null(workers[w].head);
	ck_assert_ptr_nonnull(policy__arena_strdup(&into, "after"));
	for (int i = 0; i < 300; i++) {
		char want[32];

		snprintf(want, sizeof(want), "string %d", i);
		ck_assert_str_eq(kept[i], want);
	}
	policy__arena_adopt(&empty, &into); /* into an empty arena */
	ck_assert_ptr_null(into.head);
	policy__arena_free(&empty); /* every block once: valgrind and ASan see */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("util");
	TCase *t = tcase_create("utf8");

	tcase_add_test(t, nfkc);
	tcase_add_test(t, decoding);
	tcase_add_test(t, validation_as_utf8proc);
	tcase_add_test(t, string_map);
	tcase_add_test(t, printf_into_buffers);
	tcase_add_test(t, text_hash_separates);
	tcase_add_test(t, parallel_loop);
	tcase_add_test(t, threads_start_free);
	tcase_add_test(t, gzip_is_plain_and_stable);
	tcase_add_test(t, digest_resumes_from_a_mark);
	tcase_add_test(t, arena_adopts);
	tcase_add_test(t, json_arrays_written_in_runs);
	tcase_add_test(t, json_arrays_whole_or_refused);
	tcase_add_test(t, json_arrays_shared_by_roots);
	suite_add_tcase(s, t);
	return run_suite(s);
}
