/* xml.h - escaping text for XML 1.0 (and HTML) text and attribute values.
 *
 * One escaper for campaign-lint's JUnit output and campaign-test's JUnit
 * and HTML reports, so that whatever a payload or a server's answer
 * holds, the document still parses.  & < > " always become entities; a
 * byte that is not part of well-formed UTF-8 (utf8.h) always becomes
 * U+FFFD.  The flags say the rest, because the two tools answer
 * differently where XML itself leaves a choice:
 *
 *   - characters XML 1.0 cannot carry even as a reference (C0 controls
 *     other than tab, newline and carriage return; U+FFFE; U+FFFF):
 *     replaced by U+FFFD, one per byte of the character, and so is DEL
 *     (campaign-test: a report shows text, not bytes), or with
 *     XML_SHOW_FORBIDDEN written out as the visible text \u001B or \uFFFE
 *     (campaign-lint: the finding keeps every character it names);
 *   - ' (HTML attributes may be quoted with it), carriage return (an XML
 *     parser turns CR LF into LF) and, in attribute values, newline and
 *     tab (a parser turns them into spaces): as references only when
 *     asked. */
#ifndef XML_H
#define XML_H

#include "strbuf.h"

#include <stddef.h>

#define XML_ATTR            1u  /* an attribute value: newline, tab and CR as &#10; &#9; &#13; */
#define XML_CR              2u  /* CR as &#13; in text too */
#define XML_APOS            4u  /* ' as &#39; */
#define XML_SHOW_FORBIDDEN  8u  /* forbidden characters as \uXXXX, not U+FFFD; DEL kept */

/* Where the escaped text goes: n bytes at s (not terminated). */
typedef void (*xml_sink)(void *ctx, const char *s, size_t n);

/* Write s[0..len) escaped as the flags say to sink(ctx, ...), in as few
 * calls as the replacements allow.  s may hold any bytes; NUL is a C0
 * control like the others.  Allocates nothing. */
void xml_escape_to(xml_sink sink, void *ctx, const char *s, size_t len, unsigned flags);

/* The same, appended to b (out of memory: see strbuf.h). */
void xml_escape(strbuf *b, const char *s, size_t len, unsigned flags);

#endif
