/* test_locate.c - finding a tool's data (locate.h, contract_find_schema_dir):
 * a set variable is taken as given, an empty one is not; places beside the
 * executable are tried in order, then the working directory; a directory
 * is not taken for a file nor a file for a directory; a path longer than
 * the caller's buffer is not found; the message lists every place tried and
 * names the option and the variable.  Run from the project root (this
 * binary is BUILD/tests/test_locate, so ../../schemas is the tree's). */
#include "check.h"
#include "campaign/contract.h"
#include "campaign/locate.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void exe_dir(char *dir, size_t n)
{
    ssize_t len = readlink("/proc/self/exe", dir, n - 1);
    dir[len > 0 ? len : 0] = '\0';
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
}

static void test_variable(struct check *t)
{
    static const char *const beside[] = { "../../schemas", NULL };
    locate_spec s = { "the things", "--things DIR", "TEST_LOCATE_VAR", beside, NULL, 1 };
    char out[PATH_MAX], err[512] = "";
    setenv("TEST_LOCATE_VAR", "/no/such/place", 1);
    CHECK_INT(t, locate_data(&s, out, sizeof out, err, sizeof err), LOCATE_ENV);
    CHECK_STR(t, out, "/no/such/place");       /* as given, not checked */
    setenv("TEST_LOCATE_VAR", "", 1);           /* empty: not set */
    CHECK_INT(t, locate_data(&s, out, sizeof out, err, sizeof err), LOCATE_FOUND);
    unsetenv("TEST_LOCATE_VAR");
    char dir[PATH_MAX], want[PATH_MAX + 32];
    exe_dir(dir, sizeof dir);
    snprintf(want, sizeof want, "%s/../../schemas", dir);
    CHECK_STR(t, out, want);
}

static void test_order_and_kind(struct check *t)
{
    /* a file where a directory is wanted is passed over, and the reverse */
    static const char *const beside[] = { "../../schemas/common.json", "../../no-such", "../../schemas", NULL };
    locate_spec s = { "the things", "--things DIR", "TEST_LOCATE_VAR", beside, "./schemas", 1 };
    char out[PATH_MAX], err[512] = "";
    CHECK_INT(t, locate_data(&s, out, sizeof out, err, sizeof err), LOCATE_FOUND);
    size_t len = strlen(out);
    CHECK(t, len > 14 && strcmp(out + len - 14, "/../../schemas") == 0);
    static const char *const files[] = { "../../schemas", "../../schemas/common.json", NULL };
    locate_spec f = { "the file", "--file FILE", "TEST_LOCATE_VAR", files, NULL, 0 };
    CHECK_INT(t, locate_data(&f, out, sizeof out, err, sizeof err), LOCATE_FOUND);
    CHECK(t, strstr(out, "common.json") != NULL);
    /* the working directory last */
    static const char *const none[] = { "../../no-such", NULL };
    locate_spec w = { "the things", "--things DIR", "TEST_LOCATE_VAR", none, "./schemas", 1 };
    CHECK_INT(t, locate_data(&w, out, sizeof out, err, sizeof err), LOCATE_FOUND);
    CHECK_STR(t, out, "./schemas");
    /* too long for the caller's buffer: not found */
    char small[8];
    CHECK_INT(t, locate_data(&w, small, sizeof small, err, sizeof err), LOCATE_NONE);
}

static void test_message(struct check *t)
{
    static const char *const beside[] = { "../no-such", "../../no-such-either", NULL };
    locate_spec s = { "the things", "--things DIR", "TEST_LOCATE_VAR", beside, "./nowhere", 1 };
    char out[PATH_MAX], err[1024] = "", dir[PATH_MAX], want[3 * PATH_MAX];
    exe_dir(dir, sizeof dir);
    CHECK_INT(t, locate_data(&s, out, sizeof out, err, sizeof err), LOCATE_NONE);
    snprintf(want, sizeof want,
             "cannot find the things: tried %s/../no-such, %s/../../no-such-either, ./nowhere; "
             "use --things DIR or set TEST_LOCATE_VAR", dir, dir);
    CHECK_STR(t, err, want);
}

static void test_contract_lookup(struct check *t)
{
    char out[PATH_MAX], err[1536] = "", here[PATH_MAX];
    unsetenv("CAMPAIGN_SCHEMA_DIR");
    CHECK_INT(t, contract_find_schema_dir("--schemas DIR", out, sizeof out, err, sizeof err), 0);
    CHECK_STR(t, out, "./schemas");   /* nothing beside BUILD/tests/: the working directory's */
    if (!getcwd(here, sizeof here) || chdir("/") != 0) { CHECK(t, 0); return; }
    CHECK_INT(t, contract_find_schema_dir("--schemas DIR", out, sizeof out, err, sizeof err), -1);
    CHECK(t, strstr(err, "cannot find the contract schemas: tried ") == err);
    CHECK(t, strstr(err, "../share/campaign-contract/schemas, ") != NULL);
    CHECK(t, strstr(err, "; use --schemas DIR or set CAMPAIGN_SCHEMA_DIR") != NULL);
    CHECK_INT(t, contract_find_schema_dir(NULL, out, sizeof out, err, sizeof err), -1);
    CHECK(t, strstr(err, "use --schema-dir DIR or set CAMPAIGN_SCHEMA_DIR") != NULL);
    CHECK(t, chdir(here) == 0);
}

int main(void)
{
    struct check t = { 0, 0, "locate" };
    test_variable(&t);
    test_order_and_kind(&t);
    test_message(&t);
    test_contract_lookup(&t);
    return check_done(&t);
}
