/* differ.h - differential mode: one step's answer from the server under
 * test against the reference's answer to the same step.
 *
 * Two servers that both conform still answer differently where the
 * contract leaves room: they mint their own ids and stamp their own
 * clocks.  The comparison normalises exactly that, and nothing else:
 *
 *   N1  the statuses compare exactly;
 *   N2  the bodies compare as JSON: member order and how a number is
 *       written (1, 1.0) aside;
 *   N3  ids: a string at a member named `...Id` or `..._id`, or an item
 *       of an array named `...Ids` or `..._ids`, pairs with the other
 *       side's string at the same place the first time either is seen,
 *       and must keep that pairing for the rest of the scenario (an id
 *       of one side stands for one id of the other); an id the scenario
 *       sent (in a path, a query or a request body) pairs only with
 *       itself, unless an answer paired it first;
 *   N4  timestamps: two strings that both read as RFC 3339 date-times
 *       are equal (each server's clock); that each server's own
 *       timestamps keep their order is read-back invariant RB4's concern;
 *   N5  money: two numbers not both written as integers are equal within
 *       0.01, the contract's money tolerance (D24); integers compare
 *       exactly;
 *   N6  arrays compare in order, except arrays of strings or numbers
 *       named in DF_UNORDERED (lists of the client's own values, such as
 *       product ids, whose order the contract gives no meaning), which
 *       compare as multisets of equal values (ids the servers mint are
 *       not among them: they compare in order, each pair under N3);
 *   N7  a list (GET /campaigns) compares by status only: its body shows
 *       every campaign each server holds, and the two hold different
 *       ones (reference.c applies this rule; df_compare compares all);
 *   N8  a string at a member named `message` is prose each server words
 *       its own way (an error's message): any string equals any other
 *       (`code` and `field` say what the error is, and they compare).
 *
 * Ownership: a df_state belongs to one scenario (df_new / df_free); the
 * rest is borrowed for the call. */
#ifndef DIFFER_H
#define DIFFER_H

#include <cjson/cJSON.h>
#include "http_client.h"
#include "campaign/strbuf.h"

/* Member names whose arrays of scalars compare as multisets (N6). */
#define DF_UNORDERED { "storefrontIds", "productIds", "creative_ids", "tags" }

typedef struct df_state df_state;

/* An empty state (no pairs), or NULL when out of memory. */
df_state *df_new(void);
void df_free(df_state *d);

/* Record the strings the step sends (its URL's path and query segments
 * and every string of its request body): as ids they pair only with
 * themselves (N3).  sent is the exchange as prepared for the server
 * under test; base_url is cut from its URL first. */
void df_sent(df_state *d, const http_exchange *sent, const char *base_url);

/* Where the parsed values a and b first differ: members in a's order,
 * then those only b has; elements by index.  With d, under N2-N6 and N8
 * (pairing the ids seen into d); with d NULL, as JSON equality alone
 * (jv_equal: member order and number spelling aside, nothing else).  1
 * when they differ: the difference's JSON Pointer appended to pointer,
 * the two values there in *x and *y (NULL: absent on that side); 0 when
 * they agree (pointer may then hold memory: free it either way). */
int df_first_difference(df_state *d, const cJSON *a, const cJSON *b, strbuf *pointer, const cJSON **x,
                        const cJSON **y);

/* Compare the finished answers t (server under test) and r (reference).
 * 0 when they agree under N1-N6 and N8; 1 when they differ, with *what (malloc'd;
 * NULL out of memory) saying where: "in status: this server 200, the
 * reference 409", or "at POINTER: this server V, the reference W" (values
 * as JSON, each cut to 200 bytes; not yet redacted: the caller redacts).
 * Pairs seen on the way are remembered (N3). */
int df_compare(df_state *d, const http_exchange *t, const http_exchange *r, char **what);

#endif
