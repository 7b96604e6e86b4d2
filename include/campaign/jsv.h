/* jsv.h - JSON Schema draft 2020-12 validation engine (public API).
 *
 * Data flows load -> compile -> evaluate (tests/cli/doc_examples.sh
 * compiles and links this example):
 *
 * ```c
 * jsv_error err;
 * const char *uri;
 * jsv_registry *reg = jsv_registry_new();
 * if (jsv_registry_add_file(reg, "schemas/x.json", NULL, &uri, &err) == 0) {  // load
 *     jsv_schema *s = jsv_compile(reg, uri, NULL, &err);                       // compile once
 *     jsv_result *r = jsv_result_new();
 *     cJSON *instance = cJSON_Parse("{\"name\": \"x\"}");
 *     if (s && r && jsv_validate(s, instance, r) == 0)                         // evaluate, many times
 *         fprintf(stderr, "%zu errors\n", jsv_result_count(r));
 *     cJSON_Delete(instance);
 *     jsv_result_free(r);
 *     jsv_schema_free(s);
 * }
 * jsv_registry_free(reg);
 * ```
 *
 * Loading parses a schema document and indexes every resource it holds by
 * absolute URI ($id, $anchor, $dynamicAnchor, JSON Pointer fragments).
 * Compiling resolves every $ref, compiles every regex and builds a flat
 * keyword program; evaluating does no parsing, no reference resolution and
 * no regex compilation, and never touches the network.  A compiled schema
 * is immutable: many threads may validate with it at once, each with its
 * own jsv_result.
 *
 * Ownership: the registry owns the documents added to it; a compiled
 * schema borrows the registry (free schemas first).  Strings in a result
 * live until the next jsv_validate() on that result or jsv_result_free().
 *
 * Extension keywords the engine reads (documented in lib/README.md):
 *   "x-error": "message"  - when the schema object carrying it fails, its
 *       inner errors are replaced by this one message.  "${/a/b}" in the
 *       message is replaced by the instance value at that pointer, relative
 *       to the instance being validated (strings raw, other values as JSON,
 *       "(absent)" when missing).
 *   "x-error-at": "/rel/pointer" - optional, with x-error: report the
 *       error at this location below the current instance (when present).
 */
#ifndef JSV_H
#define JSV_H

#include <stddef.h>
#include <cjson/cJSON.h>

#define JSV_VERSION "1.0.0"

typedef struct jsv_registry jsv_registry;
typedef struct jsv_schema jsv_schema;
typedef struct jsv_result jsv_result;

/* A load or compile error: what and where. */
typedef struct jsv_error {
    char message[512];  /* e.g. "invalid regex at offset 3: missing )" */
    char uri[512];      /* schema document / resource URI, when known */
    char pointer[512];  /* JSON Pointer inside that document, when known */
    char file[512];     /* file path, when loaded from a file */
    unsigned line, col; /* position in the file, 0 when unknown */
} jsv_error;

/* ---- registry (load) -------------------------------------------------- */

jsv_registry *jsv_registry_new(void);

/* A registry that adds documents on top of parent: lookups that miss fall
 * back to parent, which must outlive it and must not change meanwhile
 * (e.g. shared metaschemas under many short-lived registries). */
jsv_registry *jsv_registry_new_overlay(const jsv_registry *parent);
void jsv_registry_free(jsv_registry *reg);

/* Parse a schema document and index it.  base_uri is the retrieval URI
 * (an absolute URI); when NULL the document's own absolute $id is used,
 * and failing that a generated "urn:jsv:doc:N".  If out_uri is not NULL it
 * receives the document's canonical URI (owned by the registry).
 * Returns 0, or -1 with *err filled (malformed JSON, invalid $id, a URI
 * already registered with different content). */
int jsv_registry_add_json(jsv_registry *reg, const char *base_uri,
                          const char *json, size_t len,
                          const char **out_uri, jsv_error *err);

/* Same from a file; base_uri NULL = the document's $id, else file://PATH. */
int jsv_registry_add_file(jsv_registry *reg, const char *path,
                          const char *base_uri, const char **out_uri,
                          jsv_error *err);

/* Register the schema file at path and, transitively, the files its $ref
 * and $dynamicRef values name, and no other file: a reference no
 * registered document answers is resolved against the referring schema's
 * base URI, or when that is not a file: URI (an https $id) against the
 * referring file's location, and the file there is loaded.  Every file is
 * read only when it is a regular file of at most max bytes (0 = no limit;
 * a FIFO is never waited on).  A referenced file that does not exist is
 * left for jsv_compile to report as unresolved.  *out_uri (when not NULL)
 * as for jsv_registry_add_file.  When loaded is not NULL it receives a
 * malloc'd array of the real paths of the files registered, path's first
 * (the array and each path are the caller's to free).  Returns the number
 * of files registered, or -1 with *err naming the file that could not be
 * read or loaded. */
int jsv_registry_add_schema_file(jsv_registry *reg, const char *path, size_t max,
                                 const char **out_uri, char ***loaded, jsv_error *err);

/* Add every *.json file below dir (recursively), each registered under
 * base_uri_prefix + its path relative to dir (e.g. "http://localhost:1234/").
 * Names starting with '.' are skipped; each directory's entries are taken
 * in name order (dir.h), so which of two files is refused does not depend
 * on the file system.  Returns the number of documents added, or -1 with
 * *err filled. */
int jsv_registry_add_dir(jsv_registry *reg, const char *dir,
                         const char *base_uri_prefix, jsv_error *err);

/* Read a whole file into a new malloc'd buffer (NUL-terminated, *len bytes
 * before the NUL).  NULL with errno set on failure (EISDIR for a
 * directory). */
char *jsv_read_file(const char *path, size_t *len);

/* The same, refusing with EFBIG an input larger than max bytes (0 = no
 * limit): reading stops as soon as the limit is passed. */
char *jsv_read_file_max(const char *path, size_t max, size_t *len);

/* The same from an open descriptor (e.g. standard input); fd stays open. */
char *jsv_read_fd(int fd, size_t max, size_t *len);

/* jsv_read_file_max for a regular file only: the file is opened without
 * blocking (a FIFO with no writer would hang the open) and refused with
 * EISDIR for a directory, EINVAL for anything else that is not regular (a
 * FIFO, a device). */
char *jsv_read_regular_file(const char *path, size_t max, size_t *len);

/* ---- compile ---------------------------------------------------------- */

enum jsv_flags {
    JSV_FORMAT_ANNOTATION = 1 << 0, /* "format" annotates only (default: asserts) */
    JSV_REPORT_UNKNOWN    = 1 << 1  /* report object members no properties /
                                       patternProperties of an applied schema
                                       names (for lint --strict) as errors with
                                       keyword "unknownProperty" */
};

typedef struct jsv_options {
    unsigned flags;     /* enum jsv_flags */
    unsigned max_depth; /* instance nesting limit, 0 = 512 */
    unsigned regex_budget_ms; /* search time the regexes of one walk over a
                                 document may take, 0 = JSV_REGEX_BUDGET_MS;
                                 past it a regex keyword is undecided
                                 (jsv_error_kind) */
} jsv_options;

#define JSV_REGEX_BUDGET_MS 2000

/* Compile the schema at uri (absolute URI, may carry a fragment).
 * opts may be NULL.  Returns NULL with *err naming the schema location on
 * an invalid schema (wrong keyword type, bad regex, unresolvable $ref). */
jsv_schema *jsv_compile(jsv_registry *reg, const char *uri,
                        const jsv_options *opts, jsv_error *err);
void jsv_schema_free(jsv_schema *s);

/* ---- evaluate --------------------------------------------------------- */

/* What an error says.  Undecided: a regex the keyword needs (pattern,
 * patternProperties, format "regex", or an unevaluated* that depends on
 * one) reached PCRE2's match, depth or heap limit, the walk's regex time
 * budget, or met a string it cannot read, so the keyword was neither
 * satisfied nor violated; such an error never stands for a verdict. */
typedef enum jsv_error_kind {
    JSV_ERROR_INVALID = 0,   /* the instance breaks the keyword */
    JSV_ERROR_UNDECIDED = 1  /* the keyword could not be evaluated */
} jsv_error_kind;

/* One finding: what every check reports and every report prints, the
 * same record from the engine's result (jsv_result_get) through the
 * contract's report (contract_report_get, contract.h) to the tools'
 * printers.  The engine fills the schema fields; the contract's rules
 * fill the same record with is_rule set.  The second name of each union
 * is the engine's name for the field (jsv_error_item below).
 *
 * offset is the byte offset in the payload text of the value the finding
 * is about (of the member's name for a finding about the name:
 * "additionalProperties", "unknownProperty"), JSV_NO_OFFSET when not
 * known (a value not parsed by json_parse or json_tape_parse).  Line and
 * column are not kept: json_text_position() (json_parse.h) computes them
 * from the offset where they are printed. */
typedef struct jsv_finding {
    union {
        const char *pointer;                /* JSON Pointer of the value, "" = root */
        const char *instance_location;
    };
    union {
        const char *id;                     /* "maxLength", "x-error", or a rule id "CR-..." */
        const char *keyword;
    };
    const char *message;                    /* "expected at most 255 characters, got 256" */
    const char *keyword_location;           /* path through the schema, via $ref; NULL for a rule */
    const char *absolute_keyword_location;  /* absolute URI + pointer; NULL for a rule */
    const cJSON *instance;                  /* the failing value when known (not owned) */
    size_t offset;                          /* see above */
    union {
        jsv_error_kind kind;                /* JSV_ERROR_UNDECIDED: neither kept nor broken */
        int undecided;                      /* the same, as a flag (JSV_ERROR_UNDECIDED == 1) */
    };
    int is_rule;                            /* 1 for a contract rule (or a parse finding) */
} jsv_finding;

#define JSV_NO_OFFSET ((size_t)-1)

/* The offset a finding with id `id` about value inst gets (see above):
 * JSV_NO_OFFSET unless inst was built by json_parse. */
size_t jsv_finding_offset(const char *id, const cJSON *inst);

/* The engine's name for a finding. */
typedef jsv_finding jsv_error_item;

jsv_result *jsv_result_new(void);
void jsv_result_free(jsv_result *r);

/* Give every validation that uses r one shared budget of ms milliseconds
 * of regex search time (0: none, the default), on top of each walk's own
 * (jsv_options.regex_budget_ms).  A caller that validates many instances
 * with one result — a linter's whole run — so cannot be held up by hostile
 * patterns for longer than ms in all: once it is spent, every regex
 * keyword that needs a search is undecided at once. */
void jsv_result_limit_regex(jsv_result *r, unsigned ms);

/* Keep the text of the first n errors only (0, the default: all).  Later
 * errors still count (jsv_result_count) and keep their kind and instance,
 * but their strings are "": a document with a million errors then costs
 * a small fixed record for each past n instead of its five strings (a
 * linter showing the first n).  Applies to every later validation. */
void jsv_result_keep_errors(jsv_result *r, size_t n);

/* Make the reporting walk of every later validation with r also report
 * the members no schema declares (unknownProperty errors), as a schema
 * compiled with JSV_REPORT_UNKNOWN does, without compiling it again: a
 * caller that wants them for one instance in a thousand turns this on for
 * that one (on: 1; 0 turns it off).  The verdict walks never look. */
void jsv_result_report_unknown(jsv_result *r, int on);

/* jsv_validate's answer when the verdict hangs on a keyword that could
 * not be evaluated (JSV_ERROR_UNDECIDED): neither valid nor invalid. */
#define JSV_UNDECIDED (-2)

/* Validate instance.  Returns 1 valid, 0 invalid (errors in r), -1 on an
 * internal failure (out of memory; message in the result's first error),
 * JSV_UNDECIDED when the verdict depends on a keyword that could not be
 * evaluated (r then holds only JSV_ERROR_UNDECIDED errors, which name
 * each such keyword).  An invalid result may hold undecided errors too:
 * the instance breaks some other keyword whatever their answer.  Such a
 * keyword decides nothing either way: under "not" it does not become
 * valid, in an "anyOf" it does not fail the branch.  r may be NULL to get
 * only the verdict (fastest). */
int jsv_validate(const jsv_schema *s, const cJSON *instance, jsv_result *r);

/* The reporting walk alone, for an instance whose verdict is known to be
 * 0 already (jsv_check_tape() said so for the text it was parsed from):
 * jsv_validate() without the verdict walk it would run first, so the
 * answer known is not paid for twice.  r must not be NULL.  Returns as
 * jsv_validate(). */
int jsv_explain(const jsv_schema *s, const cJSON *instance, jsv_result *r);

/* The verdict alone, for a document parsed with json_tape_parse()
 * (json_parse.h): 1 valid, 0 invalid, -1 when the tape walk cannot tell
 * (uniqueItems, an enum or const that could equal an array or object, a
 * number written with more than 127 characters, a schema with
 * unevaluated* or a dynamic $dynamicRef, nesting limits, no document).
 * A keyword that cannot be evaluated (a regex limit) is "cannot tell" too.
 * Nothing is reported: for the errors, or whenever this is not 1, parse a
 * tree with json_parse() and call jsv_validate().  r may be NULL; when
 * given, only its regex match data is borrowed (saves an allocation per
 * call). */
typedef struct json_tape json_tape;
int jsv_check_tape(const jsv_schema *s, const json_tape *t, jsv_result *r);

/* 1 when jsv_check_tape() can answer for s at all; 0 for a schema whose
 * instances only the reporting walk checks (unevaluatedItems /
 * unevaluatedProperties, a dynamic $dynamicRef, JSV_REPORT_UNKNOWN), for
 * which parsing a tape would be wasted work. */
int jsv_checks_tapes(const jsv_schema *s);

/* 1 when every member name of the document t holds is declared by some
 * "properties" keyword of s's program, else 0.  A name s declares nowhere
 * is unknown wherever it stands; one it declares somewhere may still be
 * unknown where it stands (the reporting walk with
 * jsv_result_report_unknown says), so a 1 is no verdict: it says when
 * that walk need not run.  Names compare by length and json_key_hash(),
 * which the tape keeps (a pass over the entries, no hashing): a name
 * with the same length and hash as a declared one counts as declared. */
int jsv_tape_names_declared(const jsv_schema *s, const json_tape *t);

size_t jsv_result_count(const jsv_result *r);
const jsv_error_item *jsv_result_get(const jsv_result *r, size_t i);

/* The result in the specification's "basic" output format, as a new cJSON
 * tree (caller frees with cJSON_Delete). */
cJSON *jsv_result_basic(const jsv_result *r);

#endif
