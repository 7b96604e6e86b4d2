/* contract.h - the campaign API contract: named body schemas plus the rules
 * JSON Schema cannot express, loaded and compiled once, checked together.
 *
 * Shared by campaign-lint (pre-flight), campaign-mock (request checks and
 * self-checks of its responses) and campaign-test (response checks), so all
 * three judge a body the same way.
 *
 *   contract *c = contract_load(NULL, NULL, &err);    // schemas/ next to the tools
 *   contract_report *r = contract_report_new();
 *   contract_check_text(c, "campaign-create-request", text, len, 0, r, &err);  // from text
 *   contract_check(c, "campaign-create-request", body, 0, r);                  // or a parsed tree
 *   for (i = 0; i < contract_report_count(r); i++) ... contract_report_get(r, i)
 *
 * A finding is the library's one record, jsv_finding (jsv.h): the engine
 * makes it, the report holds it, the tools print it, its line and column
 * counted from its byte offset (json_text_position, json_parse.h).
 *
 * A loaded contract is immutable and may be used from several threads at
 * once, each thread with its own report. */
#ifndef CONTRACT_H
#define CONTRACT_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "jsv.h"

typedef struct contract contract;
typedef struct contract_report contract_report;

/* The body schema names (schemas/NAME.json), in documentation order. */
extern const char *const contract_body_names[];
extern const size_t contract_body_count;

/* Directory holding the schemas when no option names it (locate.h):
 * $CAMPAIGN_SCHEMA_DIR when set, else beside the running binary
 * (bin/../share/campaign-contract/schemas when installed, bin/../schemas
 * in the build tree), else "schemas".  Returns a static or environment
 * string; never NULL. */
const char *contract_default_schema_dir(void);

/* The same lookup for a tool, which says when it fails: the directory
 * into dir (size n) and 0, or -1 with err (size errlen) filled: "cannot
 * find the contract schemas: tried A, B, ./schemas; use OPTION or set
 * CAMPAIGN_SCHEMA_DIR".  option: how the tool names its own option
 * ("--schemas DIR"; NULL: "--schema-dir DIR"). */
int contract_find_schema_dir(const char *option, char *dir, size_t n, char *err, size_t errlen);

/* Load every schemas/ *.json file into one registry and compile each body
 * schema.  dir NULL = contract_default_schema_dir().  opts passed to
 * jsv_compile (NULL = defaults).  NULL with *err filled on failure. */
contract *contract_load(const char *dir, const jsv_options *opts, jsv_error *err);
/* The same, compiling only the body schema named only (NULL: every one):
 * a tool that checks one kind of body (campaign-lint --schema NAME) skips
 * compiling the other nine.  Checks of another body then fail as for an
 * unloadable schema, and contract_schema() answers NULL for it. */
contract *contract_load_body(const char *dir, const jsv_options *opts, const char *only, jsv_error *err);
void contract_free(contract *c);

/* The compiled schema for a body name, or NULL if unknown. */
const jsv_schema *contract_schema(const contract *c, const char *name);

/* One finding: a schema error or a rule violation, the one record of
 * jsv.h (jsv_finding: pointer, id, message, keyword locations, instance,
 * byte offset in the text, is_rule, undecided). */
typedef jsv_finding contract_finding;

contract_report *contract_report_new(void);
void contract_report_free(contract_report *r);
/* Every check made with r shares one budget of ms milliseconds of regex
 * search time (jsv_result_limit_regex; 0: none). */
void contract_report_limit_regex(contract_report *r, unsigned ms);
void contract_report_clear(contract_report *r);
/* Keep only the first n findings of a check (0, the default: all); the
 * rest are counted (contract_report_dropped) but not stored, and the
 * schema errors past n keep no text either (jsv_result_keep_errors), so a
 * body with a million errors costs little more than its first n. */
void contract_report_keep(contract_report *r, size_t n);
/* Findings appended since the last clear that were past the bound (not
 * in contract_report_count). */
size_t contract_report_dropped(const contract_report *r);
/* Bytes the document of the last contract_check_text took: its tape's
 * entries and decoded strings, plus its tree's arena when one was made
 * (0 after a clear, and for checks of trees made by the caller).  For
 * benchmarks and tests, like json_tape_bytes and arena_used. */
size_t contract_report_document_bytes(const contract_report *r);
/* The tape of the last contract_check_text's text, when it read one and
 * still holds it (not for CONTRACT_ALLOW_DUPLICATES, a schema no tape can
 * check, or a failing text whose tape of 4 MiB or more was given back);
 * else NULL.  Owned by r, valid until its next check or clear. */
const json_tape *contract_report_tape(const contract_report *r);
size_t contract_report_count(const contract_report *r);
const contract_finding *contract_report_get(const contract_report *r, size_t i);

/* Append a finding.  Every string is copied into the report (pointer, id
 * and message NULL become ""; the keyword locations stay NULL); instance is
 * borrowed, and the finding's offset is jsv_finding_offset(id, instance).  A pointer returned by contract_report_get() is valid until the
 * next append or clear.  Returns 0, or -1 when out of memory. */
int contract_report_add(contract_report *r, const char *pointer, const char *id,
                        const char *message, const cJSON *instance, int is_rule);

/* Append every error of a jsv_validate() result as a schema finding (for
 * tools validating against a schema outside the contract), undecided ones
 * marked so.  0 or -1. */
int contract_report_add_result(contract_report *r, const jsv_result *res);

enum contract_check_flags {
    CONTRACT_SCHEMA_ONLY = 1 << 0, /* skip the rules */
    CONTRACT_RULES_ONLY  = 1 << 1, /* skip the schema */
    CONTRACT_ALLOW_DUPLICATES = 1 << 2 /* contract_check_text: read the text
                                        * as json_parse() with no options does
                                        * (duplicate member names allowed),
                                        * on a tree only */
};

/* contract_check's answer when nothing says the body breaks the contract
 * but the schema's verdict depends on a keyword that could not be
 * evaluated (jsv_validate's JSV_UNDECIDED): the findings appended are
 * undecided ones, which name each such keyword. */
#define CONTRACT_UNDECIDED (-2)

/* Check body against the named body's schema and rules; findings are
 * appended to r (which must outlive the body only as long as instance
 * pointers are used).  Returns 1 when the body keeps the contract, 0 when
 * not (a violation decides even when other keywords are undecided: the
 * findings then include undecided ones), CONTRACT_UNDECIDED, or -1 for an
 * unknown name (nothing appended). */
int contract_check(const contract *c, const char *name, const cJSON *body,
                   unsigned flags, contract_report *r);

/* The verdict of contract_check for a body parsed with json_tape_parse()
 * (json_parse.h): 1 when the body keeps the contract, 0 when it does not
 * or when the tape cannot tell (see jsv_check_tape), -1 for an unknown
 * name.  Nothing is appended to r; it lends its scratch memory.
 * contract_check_text() is this, and what follows when it is not 1. */
typedef struct json_tape json_tape;
int contract_check_tape(const contract *c, const char *name, const json_tape *t, unsigned flags,
                        contract_report *r);

/* contract_check_text's answer when text is not JSON (err says why and
 * where; a duplicate member name is JSON_ERR_DUPLICATE), or could not be
 * parsed for want of memory (JSON_ERR_NOMEM: nothing said of the text). */
#define CONTRACT_MALFORMED (-3)

/* Check the JSON text text[0..len) against the named body's schema and
 * rules: the one strategy every tool checking text uses.
 *   1. parse a tape (a third of a tree's memory) and take the verdict
 *      walk and the rules over it (contract_check_tape): a body that
 *      keeps the contract ends here, one parse and one walk;
 *   2. otherwise make the tree the explanation needs from the tape
 *      (json_tape_tree: the text is not read again), or, for a tape of
 *      4 MiB or more, give the tape back and parse the text into a tree,
 *      so the two are never held at once;
 *   3. explain on the tree: when the tape's schema verdict said invalid,
 *      the reporting walk alone (jsv_explain), since the verdict is known;
 *      when it said valid (a rule failed), no schema walk at all; when it
 *      could not tell, jsv_validate; then the rules with findings.
 * A schema whose instances a tape cannot answer (jsv_checks_tapes 0)
 * skips step 1, and so does CONTRACT_ALLOW_DUPLICATES (the tape walks are
 * held to the tree's answers on texts without duplicates); without that
 * flag a duplicate member name is a parse error.  r is cleared
 * first; it holds the tree until the next check or clear, so the
 * findings' instance pointers stay valid that long (its nodes keep byte
 * offsets into text, as every parsed node does), and
 * every finding has an offset into text (a finding without a parsed instance gets the
 * offset of the value at its pointer).  err may be NULL.  Returns as
 * contract_check() (1, 0, CONTRACT_UNDECIDED, -1 for an unknown name),
 * or CONTRACT_MALFORMED with *err filled (nothing appended). */
typedef struct json_error json_error;
int contract_check_text(const contract *c, const char *name, const char *text, size_t len,
                        unsigned flags, contract_report *r, json_error *err);

/* The same strategy for a schema outside the contract (no rules): the
 * schema's findings land in r.  Returns 1, 0, CONTRACT_UNDECIDED,
 * CONTRACT_MALFORMED, or -1 for a NULL schema or report. */
int contract_check_schema_text(const jsv_schema *s, const char *text, size_t len,
                               contract_report *r, json_error *err);

#endif
