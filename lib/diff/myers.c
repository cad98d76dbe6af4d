/*
 * Myers' difference algorithm, linear-space version: find the middle snake
 * of an edit graph by searching forward from its top-left corner and
 * backward from its bottom-right corner at once, split there, and solve
 * the two halves (an explicit stack, not recursion). Diagonals are
 * numbered k = x - y; fd[k] (bd[k]) holds the furthest x the forward
 * (backward) search has reached on diagonal k.
 */
#include "myers.h"

#include <stdint.h>
#include <stdlib.h>

#include "array.h"
#include "error.h"

typedef struct {
	const uint32_t *a, *b;
	ptrdiff_t *fd, *bd; /* offset so that any diagonal -nb-1 .. na+1 indexes them */
	ptrdiff_t max_cost;
} graph;

typedef struct {
	ptrdiff_t xoff, xlim, yoff, ylim;
} box;

/* Past max_cost rounds, settle for the furthest-reaching point of either
 * search (as GNU diff does): not minimal, but every round makes progress. */
static void best_point(const graph *g, const box *r, ptrdiff_t fmin, ptrdiff_t fmax, ptrdiff_t bmin,
		       ptrdiff_t bmax, ptrdiff_t *xm, ptrdiff_t *ym)
{
	ptrdiff_t fxy = -1, fx = r->xoff, bxy = PTRDIFF_MAX, bx = r->xlim;

	for (ptrdiff_t d = fmax; d >= fmin; d -= 2) {
		ptrdiff_t x = g->fd[d] < r->xlim ? g->fd[d] : r->xlim, y = x - d;

		if (y > r->ylim) {
			x = r->ylim + d;
			y = r->ylim;
		}
		if (x + y > fxy) {
			fxy = x + y;
			fx = x;
		}
	}
	for (ptrdiff_t d = bmax; d >= bmin; d -= 2) {
		ptrdiff_t x = g->bd[d] > r->xoff ? g->bd[d] : r->xoff, y = x - d;

		if (y < r->yoff) {
			x = r->yoff + d;
			y = r->yoff;
		}
		if (x + y < bxy) {
			bxy = x + y;
			bx = x;
		}
	}
	if ((r->xlim + r->ylim) - bxy < fxy - (r->xoff + r->yoff)) {
		*xm = fx;
		*ym = fxy - fx;
	} else {
		*xm = bx;
		*ym = bxy - bx;
	}
}

/* The middle snake of box r (whose ends differ on both sides). */
static void split(const graph *g, const box *r, ptrdiff_t *xm, ptrdiff_t *ym)
{
	const uint32_t *a = g->a, *b = g->b;
	ptrdiff_t *fd = g->fd, *bd = g->bd;
	ptrdiff_t dmin = r->xoff - r->ylim, dmax = r->xlim - r->yoff;
	ptrdiff_t fmid = r->xoff - r->yoff, bmid = r->xlim - r->ylim;
	ptrdiff_t fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
	int odd = (int)((fmid - bmid) & 1);

	fd[fmid] = r->xoff;
	bd[bmid] = r->xlim;
	for (ptrdiff_t cost = 1;; cost++) {
		if (fmin > dmin)
			fd[--fmin - 1] = -1;
		else
			++fmin;
		if (fmax < dmax)
			fd[++fmax + 1] = -1;
		else
			--fmax;
		for (ptrdiff_t d = fmax; d >= fmin; d -= 2) {
			ptrdiff_t lo = fd[d - 1], hi = fd[d + 1];
			ptrdiff_t x = lo >= hi ? lo + 1 : hi, y = x - d;

			while (x < r->xlim && y < r->ylim && a[x] == b[y]) {
				x++;
				y++;
			}
			fd[d] = x;
			if (odd && bmin <= d && d <= bmax && bd[d] <= x) {
				*xm = x;
				*ym = y;
				return;
			}
		}
		if (bmin > dmin)
			bd[--bmin - 1] = PTRDIFF_MAX;
		else
			++bmin;
		if (bmax < dmax)
			bd[++bmax + 1] = PTRDIFF_MAX;
		else
			--bmax;
		for (ptrdiff_t d = bmax; d >= bmin; d -= 2) {
			ptrdiff_t lo = bd[d - 1], hi = bd[d + 1];
			ptrdiff_t x = lo < hi ? lo : hi - 1, y = x - d;

			while (x > r->xoff && y > r->yoff && a[x - 1] == b[y - 1]) {
				x--;
				y--;
			}
			bd[d] = x;
			if (!odd && fmin <= d && d <= fmax && x <= fd[d]) {
				*xm = x;
				*ym = y;
				return;
			}
		}
		if (cost >= g->max_cost) {
			best_point(g, r, fmin, fmax, bmin, bmax, xm, ym);
			return;
		}
	}
}

static void mark(unsigned char *changed, ptrdiff_t from, ptrdiff_t to)
{
	for (ptrdiff_t i = from; i < to; i++)
		changed[i] = 1;
}

/* About the square root of n, at least 256: the cost after which a
 * search settles for a good split rather than the best. */
static ptrdiff_t max_cost_for(size_t n)
{
	ptrdiff_t c = 1;

	while ((size_t)(c * c) < n)
		c *= 2;
	return c < 256 ? 256 : c;
}

int policy__myers_diff(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
		       unsigned char *changed_a, unsigned char *changed_b)
{
	size_t diagonals = na + nb + 3, cap = 0, top = 0;
	ptrdiff_t *v = malloc(2 * diagonals * sizeof(ptrdiff_t));
	box *stack = NULL;
	graph g = {a, b, NULL, NULL, max_cost_for(na + nb)};
	int rc = 0;

	if (v == NULL)
		return policy__error_nomem();
	g.fd = v + nb + 1;
	g.bd = v + diagonals + nb + 1;
	if (ARRAY_RESERVE(stack, cap, top) < 0) {
		free(v);
		return POLICY_ENOMEM;
	}
	stack[top++] = (box){0, (ptrdiff_t)na, 0, (ptrdiff_t)nb};
	while (top > 0 && rc == 0) {
		box r = stack[--top];
		ptrdiff_t xm, ym;

		while (r.xoff < r.xlim && r.yoff < r.ylim && a[r.xoff] == b[r.yoff]) {
			r.xoff++;
			r.yoff++;
		}
		while (r.xlim > r.xoff && r.ylim > r.yoff && a[r.xlim - 1] == b[r.ylim - 1]) {
			r.xlim--;
			r.ylim--;
		}
		if (r.xoff == r.xlim || r.yoff == r.ylim) {
			mark(changed_a, r.xoff, r.xlim);
			mark(changed_b, r.yoff, r.ylim);
			continue;
		}
		split(&g, &r, &xm, &ym);
		if ((xm == r.xoff && ym == r.yoff) || (xm == r.xlim && ym == r.ylim) ||
		    xm < r.xoff || xm > r.xlim || ym < r.yoff || ym > r.ylim) {
			/* No progress possible: the whole box is one change. */
			mark(changed_a, r.xoff, r.xlim);
			mark(changed_b, r.yoff, r.ylim);
			continue;
		}
		if (ARRAY_RESERVE(stack, cap, top + 1) < 0) {
			rc = POLICY_ENOMEM;
			break;
		}
		stack[top++] = (box){xm, r.xlim, ym, r.ylim};
		stack[top++] = (box){r.xoff, xm, r.yoff, ym};
	}
	free(stack);
	free(v);
	return rc;
}
