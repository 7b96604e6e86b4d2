/* tape_compare.h - does a tape hold the same document as a parsed tree?
 * (for the parser's tests and its fuzz target: the two outputs of one
 * grammar must agree value for value). */
#ifndef TAPE_COMPARE_H
#define TAPE_COMPARE_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "campaign/json_parse.h"

/* NULL when t (from json_tape_parse) and root (from json_parse of the same
 * text) agree on every value: type, string and key bytes, number value
 * and text, the integer-text mark, key hashes, member-name filters, array
 * counts and the order of children; else a description of the first
 * difference, written into buf. */
const char *tape_compare(const json_tape *t, const cJSON *root, char *buf, size_t size);

/* NULL when json_tape_tree(t) is the tree root (from json_parse of the
 * same text) node for node: types, values, string, key and number-text
 * bytes, key hashes and words, member-name filters, byte offsets of
 * values and keys, child order and links; else the first difference,
 * written into buf. */
const char *tape_tree_compare(const json_tape *t, const cJSON *root, char *buf, size_t size);

/* Parse buf[0..len) both ways with opts and compare: NULL when both fail
 * with the same error (code, offset, line, column, message) or both
 * succeed with equal documents and the tape's tree equals the parsed one
 * (tape_tree_compare); else the difference, in out. */
const char *tape_parse_compare(const char *buf, size_t len, const json_parse_opts *opts,
                               char *out, size_t size);

#endif
