/* test_base_helpers.c - the helpers written once for the library and the
 * tools: listing a directory (dir.h) and escaping for XML (xml.h). */
#include "check.h"
#include "campaign/dir.h"
#include "campaign/format.h"
#include "campaign/json_pointer.h"
#include "campaign/jsv.h"
#include "campaign/xml.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- dir.h ---------------------------------------------------------- */

static void touch(const char *dir, const char *name)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    if (f) fclose(f);
}

static const dir_entry *find(const dir_list *l, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].name, name) == 0) return &l->v[i];
    return NULL;
}

static void rm_tree(const char *dir)
{
    dir_list l;
    if (dir_list_read(dir, NULL, DIR_LIST_SUBDIRS, &l) == 0) {
        for (size_t i = 0; i < l.n; i++) {
            char p[512];
            snprintf(p, sizeof p, "%s/%s", dir, l.v[i].name);
            if (l.v[i].kind == DIR_KIND_DIR) rm_tree(p);
            else unlink(p);
        }
    }
    dir_list_free(&l);
    char p[512];
    snprintf(p, sizeof p, "%s/.hidden.json", dir);
    unlink(p);
    rmdir(dir);
}

static void test_dir_list(struct check *t)
{
    char dir[] = "/tmp/test_base_helpers.XXXXXX", p[512];
    CHECK(t, mkdtemp(dir) != NULL);
    /* names around the suffix: longer than it and ending in it, or not */
    touch(dir, "b.json");
    touch(dir, "a.json");
    touch(dir, "a.b.json");
    touch(dir, "json");
    touch(dir, "x.jsonx");
    touch(dir, "x.JSON");
    touch(dir, ".hidden.json");
    snprintf(p, sizeof p, "%s/sub", dir);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/d.json", dir);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/fifo.json", dir);
    CHECK(t, mkfifo(p, 0600) == 0);
    snprintf(p, sizeof p, "%s/gone.json", dir);
    CHECK(t, symlink("/nonexistent/target.json", p) == 0);
    snprintf(p, sizeof p, "%s/link.json", dir);
    CHECK(t, symlink("a.json", p) == 0);

    dir_list l;
    CHECK_INT(t, dir_list_read(dir, ".json", 0, &l), 0);
    /* sorted by strcmp, hidden and non-matching names left out; a
     * directory matching the suffix is listed (as one) without SUBDIRS */
    const char *want[] = { "a.b.json", "a.json", "b.json", "d.json", "fifo.json", "gone.json", "link.json" };
    CHECK_INT(t, l.n, 7);
    for (size_t i = 0; i < l.n && i < 7; i++) CHECK_STR(t, l.v[i].name, want[i]);
    CHECK(t, find(&l, "a.json") && find(&l, "a.json")->kind == DIR_KIND_FILE);
    CHECK(t, find(&l, "d.json") && find(&l, "d.json")->kind == DIR_KIND_DIR);
    CHECK(t, find(&l, "fifo.json") && find(&l, "fifo.json")->kind == DIR_KIND_OTHER);
    CHECK(t, find(&l, "gone.json") && find(&l, "gone.json")->kind == DIR_KIND_GONE);
    CHECK(t, find(&l, "link.json") && find(&l, "link.json")->kind == DIR_KIND_FILE);  /* links followed */
    CHECK(t, !find(&l, "sub") && !find(&l, "json") && !find(&l, ".hidden.json"));
    dir_list_free(&l);
    CHECK(t, l.v == NULL && l.n == 0);

    /* with SUBDIRS every directory comes too, whatever its name */
    CHECK_INT(t, dir_list_read(dir, ".json", DIR_LIST_SUBDIRS, &l), 0);
    CHECK_INT(t, l.n, 8);
    CHECK(t, find(&l, "sub") && find(&l, "sub")->kind == DIR_KIND_DIR);
    dir_list_free(&l);

    /* no suffix: every name but the hidden ones */
    CHECK_INT(t, dir_list_read(dir, NULL, 0, &l), 0);
    CHECK_INT(t, l.n, 11);
    CHECK(t, find(&l, "json") && find(&l, "x.JSON") && !find(&l, ".hidden.json"));
    dir_list_free(&l);

    /* an empty directory, and one that is not there */
    snprintf(p, sizeof p, "%s/sub", dir);
    CHECK_INT(t, dir_list_read(p, ".json", DIR_LIST_SUBDIRS, &l), 0);
    CHECK_INT(t, l.n, 0);
    dir_list_free(&l);
    snprintf(p, sizeof p, "%s/missing", dir);
    errno = 0;
    CHECK_INT(t, dir_list_read(p, ".json", 0, &l), DIR_LIST_CANNOT_OPEN);
    CHECK_INT(t, errno, ENOENT);
    CHECK(t, l.v == NULL && l.n == 0);
    snprintf(p, sizeof p, "%s/a.json", dir);
    CHECK_INT(t, dir_list_read(p, ".json", 0, &l), DIR_LIST_CANNOT_OPEN);
    CHECK_INT(t, errno, ENOTDIR);
    dir_list_free(&l);
    dir_list_free(NULL);
    rm_tree(dir);
}

static void put(const char *dir, const char *name, const char *text)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    if (f) { fputs(text, f); fclose(f); }
}

/* jsv_registry_add_dir lists through dir.h: recursive, hidden names
 * skipped, files in name order (so of two files claiming one $id, the
 * later name is the one refused, whatever readdir's order). */
static void test_registry_dir(struct check *t)
{
    char dir[] = "/tmp/test_base_helpers.XXXXXX", p[512];
    CHECK(t, mkdtemp(dir) != NULL);
    snprintf(p, sizeof p, "%s/sub", dir);
    mkdir(p, 0700);
    put(dir, "b.json", "{\"type\": \"string\"}");
    put(dir, "sub/c.json", "{\"$ref\": \"../b.json\"}");
    put(dir, ".hidden.json", "not json");
    put(dir, "notes.txt", "not json");
    jsv_error err;
    memset(&err, 0, sizeof err);
    jsv_registry *reg = jsv_registry_new();
    CHECK_INT(t, jsv_registry_add_dir(reg, dir, "http://example.com/", &err), 2);
    jsv_schema *s = jsv_compile(reg, "http://example.com/sub/c.json", NULL, &err);
    CHECK(t, s != NULL);
    jsv_schema_free(s);
    jsv_registry_free(reg);

    put(dir, "z.json", "{\"$id\": \"http://example.com/same\"}");
    put(dir, "a.json", "{\"$id\": \"http://example.com/same\"}");
    memset(&err, 0, sizeof err);
    reg = jsv_registry_new();
    CHECK_INT(t, jsv_registry_add_dir(reg, dir, "http://example.com/", &err), -1);
    CHECK_MSG(t, strstr(err.file, "/z.json") != NULL, "refused: %s (%s)", err.file, err.message);
    jsv_registry_free(reg);
    snprintf(p, sizeof p, "%s/missing", dir);
    reg = jsv_registry_new();
    CHECK_INT(t, jsv_registry_add_dir(reg, p, "http://example.com/", &err), -1);
    CHECK(t, strstr(err.message, "missing") != NULL);
    jsv_registry_free(reg);
    rm_tree(dir);
}

/* ---- xml.h ---------------------------------------------------------- */

static char got[512];

static const char *esc(const char *s, size_t len, unsigned flags)
{
    strbuf b = { 0 };
    xml_escape(&b, s, len, flags);
    snprintf(got, sizeof got, "%s", b.data ? b.data : "");
    sb_free(&b);
    return got;
}
#define ESC(s, flags) esc((s), sizeof(s) - 1, (flags))

static int calls;
static void count_calls(void *ctx, const char *s, size_t n)
{
    (void)ctx; (void)s; (void)n;
    calls++;
}

#define FFFD "\xEF\xBF\xBD"
#define RUNNER XML_APOS
#define LINT (XML_CR | XML_SHOW_FORBIDDEN)

static void test_xml_escape(struct check *t)
{
    /* always: the five specials but ', bytes that are not UTF-8 */
    CHECK_STR(t, ESC("a&b<c>d\"e", 0), "a&amp;b&lt;c&gt;d&quot;e");
    CHECK_STR(t, ESC("a&b<c>d\"e", LINT), "a&amp;b&lt;c&gt;d&quot;e");
    CHECK_STR(t, ESC("x\xFFy\xC3", 0), "x" FFFD "y" FFFD);
    CHECK_STR(t, ESC("x\xFFy\xC3", LINT), "x" FFFD "y" FFFD);
    CHECK_STR(t, ESC("\xC3\xA9\xF0\x9F\x98\x80" FFFD, RUNNER), "\xC3\xA9\xF0\x9F\x98\x80" FFFD);
    CHECK_STR(t, ESC("\xED\xA0\x80", 0), FFFD FFFD FFFD);           /* a surrogate */
    /* ' only when asked */
    CHECK_STR(t, ESC("it's", RUNNER), "it&#39;s");
    CHECK_STR(t, ESC("it's", LINT), "it's");
    /* CR, newline, tab in text and in attributes */
    CHECK_STR(t, ESC("a\r\n\tb", RUNNER), "a\r\n\tb");
    CHECK_STR(t, ESC("a\r\n\tb", LINT), "a&#13;\n\tb");
    CHECK_STR(t, ESC("a\r\n\tb", RUNNER | XML_ATTR), "a&#13;&#10;&#9;b");
    CHECK_STR(t, ESC("a\r\n\tb", LINT | XML_ATTR), "a&#13;&#10;&#9;b");
    /* what XML 1.0 cannot carry: replaced (one U+FFFD a byte) or shown */
    CHECK_STR(t, ESC("a\x01" "b\x1F", RUNNER), "a" FFFD "b" FFFD);
    CHECK_STR(t, ESC("a\x01" "b\x1F", LINT), "a\\u0001b\\u001F");
    CHECK_STR(t, ESC("a\0b", RUNNER), "a" FFFD "b");
    CHECK_STR(t, ESC("a\0b", LINT), "a\\u0000b");
    CHECK_STR(t, ESC("\xEF\xBF\xBE|\xEF\xBF\xBF", RUNNER), FFFD FFFD FFFD "|" FFFD FFFD FFFD);
    CHECK_STR(t, ESC("\xEF\xBF\xBE|\xEF\xBF\xBF", LINT), "\\uFFFE|\\uFFFF");
    CHECK_STR(t, ESC("\xEF\xBF\xBD\xEF\xBF\xBC", LINT), FFFD "\xEF\xBF\xBC");  /* U+FFFD, U+FFFC pass */
    /* DEL: allowed by XML; the reports replace it, lint keeps it */
    CHECK_STR(t, ESC("a\x7F", RUNNER), "a" FFFD);
    CHECK_STR(t, ESC("a\x7F", LINT), "a\x7F");
    CHECK_STR(t, ESC("", LINT), "");
    /* runs between replacements go out in one call each */
    calls = 0;
    xml_escape_to(count_calls, NULL, "plain text", 10, 0);
    CHECK_INT(t, calls, 1);
    calls = 0;
    xml_escape_to(count_calls, NULL, "ab<cd", 5, 0);
    CHECK_INT(t, calls, 3);
}

/* ---- json_pointer.h: the one lookup, the one syntax check ----------- */

#define JP(root, p) jp_get((root), (p), strlen(p))
#define JPV(p) jp_valid((p), strlen(p))

static void test_json_pointer(struct check *t)
{
    cJSON *doc = cJSON_Parse("{\"a/b\": {\"m~n\": [10, 20]}, \"\": 1, \"a~\": 2, \"list\": [0, 1, 2]}");
    CHECK(t, JP(doc, "") == doc);
    CHECK_INT(t, JP(doc, "/a~1b/m~0n/1")->valueint, 20);
    CHECK_INT(t, JP(doc, "/")->valueint, 1);
    CHECK_INT(t, JP(doc, "/a~0")->valueint, 2);
    CHECK(t, JP(doc, "/a~2") == NULL);                  /* malformed, not "a~2" */
    CHECK(t, JP(doc, "/a~") == NULL);
    CHECK(t, JP(doc, "nope") == NULL);
    /* array indices: decimal, no leading zero, no sign, no "-" */
    CHECK_INT(t, JP(doc, "/list/0")->valueint, 0);
    CHECK_INT(t, JP(doc, "/list/2")->valueint, 2);
    CHECK(t, JP(doc, "/list/3") == NULL);
    CHECK(t, JP(doc, "/list/01") == NULL);
    CHECK(t, JP(doc, "/list/00") == NULL);
    CHECK(t, JP(doc, "/list/-") == NULL);
    CHECK(t, JP(doc, "/list/+1") == NULL);
    CHECK(t, JP(doc, "/list/ 1") == NULL);
    CHECK(t, JP(doc, "/list/-0") == NULL);
    CHECK(t, JP(doc, "/list/") == NULL);
    CHECK(t, JP(doc, "/list/1234567890") == NULL);
    CHECK(t, JP(doc, "/list/1/x") == NULL);             /* below a scalar */
    CHECK(t, JP(NULL, "/list") == NULL && JP(NULL, "") == NULL);
    /* a token naming a member that holds U+0000, by its whole name */
    CHECK(t, jp_get(doc, "/a~0\0", 5) == NULL);
    cJSON_Delete(doc);

    CHECK(t, JPV("") && JPV("/") && JPV("/a~0b~1c") && JPV("//"));
    CHECK(t, !JPV("a") && !JPV("/a~2") && !JPV("/a~") && !JPV("~0"));
    CHECK(t, jp_valid("/a~1", 3) == 0);                 /* cut after the '~' */
}

/* ---- format.h: RFC 3339 read into parts ----------------------------- */

#define READ_DT(s, t) format_read_date_time((s), strlen(s), (t))
#define READ_D(s, t) format_read_date((s), strlen(s), (t))
#define FMT(name, s) format_check((name), (s), strlen(s))

static void test_rfc3339(struct check *t)
{
    format_datetime d;
    CHECK(t, READ_DT("2026-02-28T12:34:56.789-05:30", &d));
    CHECK(t, d.year == 2026 && d.month == 2 && d.day == 28);
    CHECK(t, d.hour == 12 && d.minute == 34 && d.second == 56);
    CHECK_INT(t, d.offset, -330);
    CHECK(t, d.frac_len == 3 && strncmp(d.frac, "789", 3) == 0);
    CHECK(t, READ_DT("2026-02-28t12:34:56z", &d) && d.frac == NULL && d.offset == 0);
    CHECK(t, READ_DT("2026-02-28T12:34:56+23:59", &d) && d.offset == 1439);
    CHECK(t, !READ_DT("2026-02-28T12:34:56+24:00", &d));
    CHECK(t, !READ_DT("2026-02-28T12:34:56.Z", &d));
    CHECK(t, !READ_DT("2026-02-28T12:34:56", &d));
    CHECK(t, !READ_DT("2026-02-28T12:34:56Z ", &d));
    CHECK(t, !format_read_date_time("2026-02-28T12:34:56Z", 19, &d));   /* cut before the Z */
    /* a leap second: the reader takes it at any minute, the format only
     * at 23:59 UTC */
    CHECK(t, READ_DT("2026-06-30T12:30:60Z", &d) && d.second == 60);
    CHECK_INT(t, FMT("date-time", "2026-06-30T12:30:60Z"), 0);
    CHECK_INT(t, FMT("date-time", "2026-06-30T23:59:60Z"), 1);
    CHECK_INT(t, FMT("date-time", "2026-07-01T00:59:60+01:00"), 1);
    CHECK_INT(t, FMT("date-time", "2026-07-01T00:59:60Z"), 0);
    CHECK_INT(t, FMT("time", "23:59:60Z"), 1);
    CHECK_INT(t, FMT("time", "22:59:60Z"), 0);
    CHECK(t, !READ_DT("2026-06-30T12:30:61Z", &d));
    /* dates: month lengths and leap years, exact length */
    CHECK(t, READ_D("2024-02-29", &d) && d.day == 29);
    CHECK(t, !READ_D("2023-02-29", &d));
    CHECK(t, READ_D("2000-02-29", &d));
    CHECK(t, !READ_D("1900-02-29", &d));
    CHECK(t, READ_D("2026-04-30", &d));
    CHECK(t, !READ_D("2026-04-31", &d));
    CHECK(t, !READ_D("2026-13-01", &d));
    CHECK(t, !READ_D("2026-5-01", &d));
    CHECK(t, !READ_D("2026-05-01T00:00:00Z", &d));
    CHECK(t, !format_read_date("2026-05-01", 9, &d));
    CHECK_INT(t, format_days_from_civil(1970, 1, 1), 0);
    CHECK_INT(t, format_days_from_civil(1969, 12, 31), -1);
    CHECK_INT(t, format_days_from_civil(2000, 3, 1), 11017);
    CHECK_INT(t, format_days_from_civil(0, 3, 1), -719468);
}

int main(void)
{
    struct check t = { 0, 0, "base_helpers" };
    test_dir_list(&t);
    test_registry_dir(&t);
    test_xml_escape(&t);
    test_rfc3339(&t);
    test_json_pointer(&t);
    return check_done(&t);
}
