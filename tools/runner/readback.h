/* readback.h - read-back invariants: what a server says it did, held to
 * what it then shows.
 *
 * A step's expectations check what the server answers; a server can answer
 * "yes" and do something else.  Around each step that changes a campaign
 * the runner reads the campaign (GET /campaigns/{id}) before the step
 * (update, execute, pause, reactivate) and after it (those and create),
 * and holds the server to four invariants that need no reference server:
 *
 *   RB1  a 2xx create or 200 update answers the campaign a read right
 *        after shows: the two bodies are equal JSON;
 *   RB2  a 200 execute, pause or reactivate answers `previousStatus`, the
 *        status read before it, and `newStatus`, the status read after;
 *   RB3  a refused request (any 4xx) leaves the campaign exactly as it was
 *        read before it;
 *   RB4  every read of a campaign in a scenario (the read-backs, a create's
 *        or update's answer, a GET step's answer) shows the campaignId
 *        asked for, the same createdAt as the first read, and an
 *        updatedAt never before the latest one read.
 *
 * A broken invariant fails the step with one detail naming the invariant,
 * the JSON Pointer of the first difference and both values (redacted,
 * like every text a result holds).  A read that does not answer 200 with a
 * campaign judges nothing: a step's 404 has no campaign to read, and a
 * transport failure of a read-back is not the step's.
 *
 * Ownership: rb_memory belongs to one scenario (create with rb_memory_new,
 * free with rb_memory_free); everything else is borrowed for the call. */
#ifndef READBACK_H
#define READBACK_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "http_client.h"
#include "results.h"
#include "step_run.h"

/* The longest campaign id read back (longer ids are not read back). */
#define RB_ID_MAX 256

typedef struct rb_memory rb_memory;

/* An empty memory, or NULL when out of memory. */
rb_memory *rb_memory_new(void);
void rb_memory_free(rb_memory *m);

/* The operation of a step about to be sent (x prepared by step_prepare
 * against base_url) when read-backs concern it, with the campaign it
 * changes in id (empty for a create, whose id its answer gives); else
 * OP_UNKNOWN.  Operations: OP_CREATE, OP_UPDATE, OP_EXECUTE, OP_PAUSE,
 * OP_REACTIVATE, and OP_GET (observed for RB4, nothing read). */
ct_op rb_step_op(const http_exchange *x, const char *base_url, char id[RB_ID_MAX]);

/* The campaign id a create's answer gives (its status, and its body as
 * parsed, NULL: none), into id: 1, or 0 when the answer is no 2xx
 * campaign. */
int rb_created_id(long status, const cJSON *answer, char id[RB_ID_MAX]);

/* Make x (cleared or reset) the read of campaign id: GET, with the
 * Accept and Authorization headers every step sends.  0, or -1 out of
 * memory. */
int rb_prepare_read(const run_ctx *ctx, const char *id, http_exchange *x);

/* The campaign body of a finished read: a parsed tree (free with
 * json_doc_free), or NULL when the read did not answer 200 with JSON. */
json_doc *rb_read_body(const http_exchange *x);

/* Judge a step that passed its own expectations: op and id as
 * rb_step_op gave them (id filled for a create), before the read before
 * it (NULL: none, or not a campaign), the step's answer (its status, and
 * its body as step_evaluate parsed it, NULL: none), after the read after
 * it (NULL: none).  Appends a detail per broken invariant to res and
 * makes it CT_FAIL when there is one.  A GET step is only observed (RB4). */
void rb_judge(const run_ctx *ctx, rb_memory *m, ct_op op, const char *id, const cJSON *before,
              long status, const cJSON *answer, const cJSON *after, ct_step_result *res);

#endif
