/* redact.c - token masking for every echoed text. */
#include "redact.h"
#include "strbuf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NFORMS 3

struct redactor {
    char *forms[NFORMS]; /* raw, JSON-escaped, percent-encoded (NULL = unused) */
    size_t lens[NFORMS];
    unsigned char first[256]; /* 1 for a byte that starts some form */
};

static char *json_escaped(const char *s)
{
    strbuf b = {0};
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') { sb_append(&b, "\\", 1); sb_append(&b, s, 1); }
        else if (c == '/') sb_puts(&b, "\\/");
        else if (c < 0x20) sb_printf(&b, "\\u%04x", c);
        else sb_append(&b, s, 1);
    }
    return sb_take(&b);
}

static char *percent_encoded(const char *s)
{
    strbuf b = {0};
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') sb_append(&b, s, 1);
        else sb_printf(&b, "%%%02X", c);
    }
    return sb_take(&b);
}

redactor *redactor_new(const char *secret)
{
    redactor *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    if (secret && *secret) {
        r->forms[0] = strdup(secret);
        r->forms[1] = json_escaped(secret);
        r->forms[2] = percent_encoded(secret);
        if (!r->forms[0] || !r->forms[1] || !r->forms[2]) { redactor_free(r); return NULL; }
        /* Identical forms are searched once. */
        for (int i = 1; i < NFORMS; i++)
            if (strcmp(r->forms[i], r->forms[0]) == 0) { free(r->forms[i]); r->forms[i] = NULL; }
        for (int i = 0; i < NFORMS; i++) {
            if (!r->forms[i]) continue;
            r->lens[i] = strlen(r->forms[i]);
            r->first[(unsigned char)r->forms[i][0]] = 1;
        }
    }
    return r;
}

void redactor_free(redactor *r)
{
    if (!r) return;
    for (int i = 0; i < NFORMS; i++) free(r->forms[i]);
    free(r);
}

/* Length of the secret form starting at p, or 0. */
static size_t secret_at(const redactor *r, const char *p, size_t left)
{
    if (!r->first[(unsigned char)*p]) return 0;
    for (int i = 0; i < NFORMS; i++) {
        size_t n = r->lens[i];
        if (r->forms[i] && n && n <= left && memcmp(p, r->forms[i], n) == 0) return n;
    }
    return 0;
}

char *redact(const redactor *r, const char *text, size_t len)
{
    if (!text) return NULL;
    if (len == (size_t)-1) len = strlen(text);
    static const char hdr[] = "authorization:";
    strbuf b = {0};
    int line_start = 1;
    size_t i = 0, run = 0; /* text[run..i) is plain text not yet copied */
    while (i < len) {
        if (line_start && len - i >= sizeof hdr - 1 && strncasecmp(text + i, hdr, sizeof hdr - 1) == 0) {
            sb_append(&b, text + run, i - run);
            sb_append(&b, text + i, sizeof hdr - 1);
            sb_puts(&b, " " REDACTED);
            i += sizeof hdr - 1;
            while (i < len && text[i] != '\n' && text[i] != '\r') i++;
            run = i;
            line_start = 0;
            continue;
        }
        size_t n = r ? secret_at(r, text + i, len - i) : 0;
        if (n) {
            sb_append(&b, text + run, i - run);
            sb_puts(&b, REDACTED);
            i += n;
            run = i;
            line_start = 0;
            continue;
        }
        char c = text[i];
        if (c == '\0') {
            sb_append(&b, text + run, i - run);
            sb_puts(&b, "\\0");
            run = i + 1;
        }
        line_start = (c == '\n');
        i++;
    }
    sb_append(&b, text + run, i - run);
    if (b.len == 0 && !b.oom) return strdup("");
    return sb_take(&b);
}
