/* mock_money.h - money as integer cents.
 *
 * Every amount the mock stores is an integer number of cents, so the
 * documented formulas (mediaBudget = budget.total - fees, unallocated =
 * mediaBudget - allocated, package budgets summing to what was split) hold
 * exactly instead of up to binary rounding.  JSON numbers are converted at
 * the edge: in with money_from_number, out with money_to_number. */
#ifndef MOCK_MONEY_H
#define MOCK_MONEY_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t mock_cents;

/* Largest amount accepted: one trillion (1e12) in the campaign currency.
 * Keeps every product of two amounts inside 128 bits and every sum of a
 * campaign's amounts far inside 64 bits. */
#define MOCK_MAX_CENTS INT64_C(100000000000000)

/* v rounded to the nearest cent (halves away from zero) into *out.
 * Returns 0, or -1 when v is not finite, negative or above the maximum. */
int money_from_number(double v, mock_cents *out);

/* c as a JSON-ready number (c / 100). */
double money_to_number(mock_cents c);

/* base * basis_points / 10000, rounded half up (basis_points >= 0). */
mock_cents money_percent(mock_cents base, int64_t basis_points);

/* Split total into n parts proportional to weights (all >= 0) so that the
 * parts sum to total exactly: each part gets the floor of its share and the
 * left-over cents go to the largest remainders (ties: lowest index).  When
 * every weight is 0 the split is equal.  n may be 0 (nothing written). */
void money_split(mock_cents total, const int64_t *weights, size_t n, mock_cents *out);

#endif
