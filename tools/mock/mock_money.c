/* mock_money.c - integer-cent arithmetic (see mock_money.h). */
#include "mock_money.h"

#include <math.h>
#include <stdlib.h>

int money_from_number(double v, mock_cents *out)
{
    if (!isfinite(v) || v < 0) return -1;
    double c = round(v * 100.0);
    if (c > (double)MOCK_MAX_CENTS) return -1;
    *out = (mock_cents)c;
    return 0;
}

double money_to_number(mock_cents c)
{
    return (double)c / 100.0;
}

mock_cents money_percent(mock_cents base, int64_t basis_points)
{
    __int128 p = (__int128)base * basis_points;
    return (mock_cents)((p + 5000) / 10000);
}

void money_split(mock_cents total, const int64_t *weights, size_t n, mock_cents *out)
{
    if (n == 0) return;
    __int128 sum = 0;
    for (size_t i = 0; i < n; i++) sum += weights[i];
    int equal = (sum == 0);
    if (equal) sum = (__int128)n;
    mock_cents given = 0;
    /* remainders kept alongside to hand out the left-over cents */
    __int128 *rem = malloc(n * sizeof *rem);
    for (size_t i = 0; i < n; i++) {
        __int128 w = equal ? 1 : weights[i];
        __int128 p = (__int128)total * w;
        out[i] = (mock_cents)(p / sum);
        if (rem) rem[i] = p % sum;
        given += out[i];
    }
    mock_cents left = total - given;   /* < n */
    while (left > 0) {
        size_t best = 0;
        if (rem) {
            for (size_t i = 1; i < n; i++)
                if (rem[i] > rem[best]) best = i;
            rem[best] = -1;
        } else {
            best = (size_t)(left - 1) % n;   /* out of memory: still exact */
        }
        out[best]++;
        left--;
    }
    free(rem);
}
