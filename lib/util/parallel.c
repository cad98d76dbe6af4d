/*
 * A parallel loop. Items are handed out in order from one counter, so an
 * uneven item (a long section) holds up one thread, not a fixed share of
 * the loop; results go where each item's index says, so they are the same
 * whatever the number of threads.
 */
#define _GNU_SOURCE /* sched_getcpu, pthread_attr_setaffinity_np */
#include "parallel.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"

typedef struct {
	void *(*fn)(void *);
	void *arg;
	cpu_set_t allowed; /* the process's CPUs, given back once running */
} thread_start;

static void *begin(void *arg)
{
	thread_start st = *(thread_start *)arg;

	free(arg);
	pthread_setaffinity_np(pthread_self(), sizeof(st.allowed), &st.allowed);
	return st.fn(st.arg);
}

int policy__thread_start(pthread_t *thread, void *(*fn)(void *), void *arg)
{
	/* Linux puts a new thread on its parent's CPU, and when the parent
	 * goes on working it waits there for the balancer: a millisecond or
	 * four on a two-CPU machine, a fifth of a 2 MB diff. So the thread
	 * starts on the other CPUs (the caller's set without its own), and
	 * takes the caller's whole set once running. */
	thread_start *st = malloc(sizeof(*st));
	cpu_set_t others;
	pthread_attr_t attr;
	int here = sched_getcpu(), rc = -1;

	if (st == NULL || here < 0 || here >= CPU_SETSIZE ||
	    sched_getaffinity(0, sizeof(st->allowed), &st->allowed) != 0)
		goto plain;
	st->fn = fn;
	st->arg = arg;
	others = st->allowed;
	CPU_CLR(here, &others);
	if (CPU_COUNT(&others) == 0 || pthread_attr_init(&attr) != 0)
		goto plain;
	if (pthread_attr_setaffinity_np(&attr, sizeof(others), &others) == 0)
		rc = pthread_create(thread, &attr, begin, st);
	pthread_attr_destroy(&attr);
	if (rc == 0)
		return 0;
plain:
	free(st);
	return pthread_create(thread, NULL, fn, arg);
}

typedef struct {
	policy_parallel_fn fn;
	void *ctx;
	size_t count;
	atomic_size_t next;
	atomic_bool failed;
	pthread_mutex_t lock;   /* around the failure below */
	size_t fail_item;       /* the lowest item that failed, SIZE_MAX for none */
	int fail_rc, fail_code; /* what it returned; its error's code, line, file */
	unsigned fail_line;
	char fail_message[512], fail_file[512]; /* "" for no file */
} loop;

typedef struct {
	loop *l;
	unsigned worker;
} worker_arg;

static void note_failure(loop *l, size_t item, int rc)
{
	const policy_error *e = policy_error_last();

	pthread_mutex_lock(&l->lock);
	if (item < l->fail_item) {
		l->fail_item = item;
		l->fail_rc = rc;
		l->fail_code = e->code;
		l->fail_line = e->line;
		snprintf(l->fail_message, sizeof(l->fail_message), "%s",
			 e->message ? e->message : "");
		snprintf(l->fail_file, sizeof(l->fail_file), "%s", e->file ? e->file : "");
	}
	pthread_mutex_unlock(&l->lock);
	atomic_store(&l->failed, 1);
}

static void *run(void *arg)
{
	worker_arg *w = arg;
	loop *l = w->l;

	while (!atomic_load(&l->failed)) {
		size_t item = atomic_fetch_add(&l->next, 1);
		int rc;

		if (item >= l->count)
			break;
		if ((rc = l->fn(l->ctx, item, w->worker)) < 0)
			note_failure(l, item, rc);
	}
	return NULL;
}

static atomic_uint limit;

void policy__parallel_limit(unsigned workers)
{
	atomic_store(&limit, workers);
}

unsigned policy__parallel_workers(size_t count, size_t grain)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned most = atomic_load(&limit);
	size_t want = grain > 0 ? count / grain : 1;

	if (online > 0 && want > (size_t)online)
		want = (size_t)online;
	if (most > 0 && want > most)
		want = most;
	if (want > POLICY_PARALLEL_MAX)
		want = POLICY_PARALLEL_MAX;
	return want > 0 ? (unsigned)want : 1;
}

int policy__parallel_for(size_t count, unsigned workers, policy_parallel_fn fn, void *ctx)
{
	pthread_t threads[POLICY_PARALLEL_MAX];
	worker_arg args[POLICY_PARALLEL_MAX];
	unsigned started = 0;
	loop l;

	if (workers > POLICY_PARALLEL_MAX)
		workers = POLICY_PARALLEL_MAX;
	if (workers > count)
		workers = (unsigned)count;
	if (workers <= 1) {
		for (size_t i = 0; i < count; i++) {
			int rc = fn(ctx, i, 0);

			if (rc < 0)
				return rc;
		}
		return 0;
	}
	memset(&l, 0, sizeof(l));
	l.fn = fn;
	l.ctx = ctx;
	l.count = count;
	atomic_init(&l.next, 0);
	atomic_init(&l.failed, 0);
	l.fail_item = SIZE_MAX;
	pthread_mutex_init(&l.lock, NULL);
	for (unsigned w = 0; w < workers; w++) {
		args[w].l = &l;
		args[w].worker = w;
	}
	/* worker 0 is this thread */
	for (unsigned w = 1; w < workers; w++, started++)
		if (policy__thread_start(&threads[w - 1], run, &args[w]) != 0)
			break;
	run(&args[0]);
	for (unsigned w = 0; w < started; w++)
		pthread_join(threads[w], NULL);
	pthread_mutex_destroy(&l.lock);
	if (l.fail_item == SIZE_MAX)
		return 0;
	policy__error_set_at(l.fail_code, l.fail_file[0] ? l.fail_file : NULL, l.fail_line, "%s",
			     l.fail_message);
	return l.fail_rc;
}
