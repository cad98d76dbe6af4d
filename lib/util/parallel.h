/* Running the items of a loop on a few threads, for work the caller has
 * made independent item by item. */
#ifndef POLICY_UTIL_PARALLEL_H
#define POLICY_UTIL_PARALLEL_H

#include <pthread.h>
#include <stddef.h>

/* The most threads a loop runs on. */
#define POLICY_PARALLEL_MAX 4u

/* One item: 0, or a negative code with the thread's last error raised.
 * `worker` (0 to workers - 1) names the thread, for state of its own. */
typedef int (*policy_parallel_fn)(void *ctx, size_t item, unsigned worker);

/* At most `workers` threads from now on (0: as many as the processors
 * online), for tests that compare a loop on one thread with the same loop
 * on several. */
void policy__parallel_limit(unsigned workers);

/* The threads `count` items deserve: one per `grain` items, no more than
 * the processors online, the limit or POLICY_PARALLEL_MAX; at least 1. */
unsigned policy__parallel_workers(size_t count, size_t grain);

/* fn for each item in [0, count), on `workers` threads (this one among
 * them), each taking the next item in order. A failure stops the taking;
 * the failure of the lowest item is returned and its error raised on
 * this thread, as a loop on one thread would have. With workers <= 1, or
 * when no thread can be made, the items run here in order. */
int policy__parallel_for(size_t count, unsigned workers, policy_parallel_fn fn, void *ctx);

/* pthread_create(thread, NULL, fn, arg), with the thread started on
 * another CPU than this thread's, when the system lets it choose, and then
 * free to run on any. */
int policy__thread_start(pthread_t *thread, void *(*fn)(void *), void *arg);

#endif
