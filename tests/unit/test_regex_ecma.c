/* test_regex_ecma.c - ECMA-262 regular expressions on PCRE2.
 *
 * Covers every translation rule with matching and non-matching subjects,
 * the ECMA-only syntax checks (with error offsets), non-BMP code points,
 * variable-length lookbehind, the match limit on catastrophic patterns,
 * and shared use of one compiled regex from several threads. */
#include "check.h"
#include "regex_ecma.h"
#include "regex_simple.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Search result of pattern in subject[0..slen); -9 if it does not compile. */
static int search_n(const char *pat, const char *subj, size_t slen)
{
    char eb[256];
    ecma_regex *re = ecma_regex_compile(pat, strlen(pat), eb, sizeof eb);
    if (!re) {
        fprintf(stderr, "  compile /%s/: %s\n", pat, eb);
        return -9;
    }
    int r = ecma_regex_search(re, subj, slen, NULL);
    ecma_regex_free(re);
    return r;
}

static int search(const char *pat, const char *subj)
{
    return search_n(pat, subj, strlen(subj));
}

#define M(t, pat, subj) CHECK_MSG((t), search((pat), (subj)) == 1, "/%s/ should match \"%s\"", (pat), (subj))
#define N(t, pat, subj) CHECK_MSG((t), search((pat), (subj)) == 0, "/%s/ should not match \"%s\"", (pat), (subj))

/* pattern must be rejected with exactly this message (offset included). */
static void check_error(struct check *t, const char *pat, const char *want)
{
    char eb[256] = "";
    ecma_regex *re = ecma_regex_compile(pat, strlen(pat), eb, sizeof eb);
    CHECK_MSG(t, re == NULL, "/%s/ should not compile", pat);
    ecma_regex_free(re);
    CHECK_MSG(t, strcmp(eb, want) == 0, "/%s/: got \"%s\", want \"%s\"", pat, eb, want);
    CHECK_MSG(t, !ecma_regex_valid(pat, strlen(pat)), "/%s/ should be invalid", pat);
}

static void check_invalid(struct check *t, const char *pat)
{
    char eb[256] = "";
    ecma_regex *re = ecma_regex_compile(pat, strlen(pat), eb, sizeof eb);
    CHECK_MSG(t, re == NULL, "/%s/ should not compile", pat);
    ecma_regex_free(re);
    CHECK_MSG(t, strncmp(eb, "at offset ", 10) == 0, "/%s/: message \"%s\" names no offset", pat, eb);
    CHECK_MSG(t, !ecma_regex_valid(pat, strlen(pat)), "/%s/ should be invalid", pat);
}

static void check_valid(struct check *t, const char *pat)
{
    CHECK_MSG(t, ecma_regex_valid(pat, strlen(pat)), "/%s/ should be valid", pat);
}

static void test_anchors(struct check *t)
{
    M(t, "^abc$", "abc");
    N(t, "^abc$", "abc\n");          /* no trailing-newline allowance */
    N(t, "^abc$", "abc\r\n");
    N(t, "^b", "a\nb");              /* no multiline */
    N(t, "a$", "a\nb");
    M(t, "a+", "xxaayy");            /* search, not anchored */
    M(t, "b$", "ab");
    N(t, "a^b", "ab");
}

static void test_dot(struct check *t)
{
    M(t, "^.$", "a");
    M(t, "^.$", "\xC3\xA9");                /* é */
    M(t, "^.$", "\xF0\x9F\x90\xB2");        /* one non-BMP code point */
    M(t, "^.$", "\x0B");
    M(t, "^.$", "\xC2\x85");                /* NEL is not an ECMA line terminator */
    N(t, "^.$", "\n");
    N(t, "^.$", "\r");
    N(t, "^.$", "\xE2\x80\xA8");            /* U+2028 */
    N(t, "^.$", "\xE2\x80\xA9");            /* U+2029 */
    N(t, "^..$", "\xF0\x9F\x90\xB2");
}

static void test_digit_word(struct check *t)
{
    M(t, "^\\d$", "0");
    M(t, "^\\d+$", "0123456789");
    N(t, "^\\d$", "\xDF\x80");              /* NKO DIGIT ZERO */
    N(t, "^\\d+$", "\xE0\xA7\xAA\xE0\xA7\xA8");  /* Bengali 42 */
    M(t, "^\\D$", "\xDF\x80");
    N(t, "^\\D$", "7");
    M(t, "^\\w+$", "azAZ09_");
    N(t, "^\\w$", "\xC3\xA9");
    N(t, "^\\w$", "-");
    M(t, "^\\W$", "\xC3\xA9");
    N(t, "^\\W$", "_");
    M(t, "\\wcole", "l'ecole");
    N(t, "\\wcole", "l'\xC3\xA9" "cole");
    /* \b and \B use the ASCII \w */
    M(t, "\\bcole", "\xC3\xA9" "cole");
    N(t, "\\Bcole", "\xC3\xA9" "cole");
    M(t, "\\Bcole", "ecole");
    M(t, "\\bfoo\\b", "a foo.");
    N(t, "\\bfoo\\b", "afoo");
}

static void test_space(struct check *t)
{
    static const char *const ws[] = {
        " ", "\t", "\n", "\x0B", "\f", "\r", "\xC2\xA0", "\xE1\x9A\x80",
        "\xE2\x80\x80", "\xE2\x80\x83", "\xE2\x80\x8A", "\xE2\x80\xA8", "\xE2\x80\xA9",
        "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE3\x80\x80", "\xEF\xBB\xBF" };
    static const char *const not_ws[] = {
        "a", "\x01", "\xE2\x80\x93", "\xC2\x85", "\xE2\x80\x8B", "\xE1\xA0\x8E" };
    for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++) {
        M(t, "^\\s$", ws[i]);
        N(t, "^\\S$", ws[i]);
        N(t, "^[^\\s]$", ws[i]);
        N(t, "^[\\S]$", ws[i]);
    }
    for (size_t i = 0; i < sizeof not_ws / sizeof not_ws[0]; i++) {
        N(t, "^\\s$", not_ws[i]);
        M(t, "^\\S$", not_ws[i]);
        M(t, "^[^\\s]$", not_ws[i]);
        M(t, "^[\\S]$", not_ws[i]);
    }
}

static void test_classes(struct check *t)
{
    M(t, "^[\\d]+$", "123");
    N(t, "^[\\d]$", "\xD9\xA3");            /* ARABIC-INDIC DIGIT THREE */
    M(t, "^[\\D]$", "x");
    N(t, "^[\\D]$", "5");
    M(t, "^[\\W\\d]$", "5");
    M(t, "^[\\W\\d]$", "\xC3\xA9");
    N(t, "^[\\W\\d]$", "a");
    M(t, "^[^\\w]$", "\xC3\xA9");
    N(t, "^[^\\w]$", "a");
    M(t, "[a-z]cole", "l'ecole");
    N(t, "[a-z]cole", "l'\xC3\xA9" "cole");
    N(t, "^[a-z]$", "A");                   /* case-sensitive */
    M(t, "^[-a]$", "-");
    M(t, "^[a-]$", "-");
    M(t, "^[\\-]$", "-");
    M(t, "^[--/]$", ".");                   /* range from '-' to '/' */
    M(t, "^[\\b]$", "\b");                  /* backspace inside a class */
    M(t, "^[\\]]$", "]");
    M(t, "^[[]$", "[");
    M(t, "^[$^.*+?(){}|/]+$", "$^.*+?(){}|/");
    N(t, "^[^a]$", "a");
    M(t, "^[^a]$", "\n");
    /* empty classes */
    N(t, "[]", "a");
    N(t, "[]", "");
    M(t, "^a[]?b$", "ab");
    M(t, "^[^]$", "\n");
    M(t, "^[^]$", "\xF0\x9F\x90\xB2");
    N(t, "^[^]$", "");
}

static void test_escapes(struct check *t)
{
    M(t, "^\\t$", "\t");
    N(t, "^\\t$", "\\t");
    M(t, "^\\n\\r\\f$", "\n\r\f");
    M(t, "^\\v$", "\x0B");
    N(t, "^\\v$", "\n");                    /* not PCRE2's vertical-space class */
    M(t, "^\\cC$", "\x03");
    M(t, "^\\cc$", "\x03");
    N(t, "^\\cC$", "cC");
    M(t, "^[\\cJ]$", "\n");
    M(t, "^\\x41\\x7e$", "A~");
    M(t, "^\\u00e9$", "\xC3\xA9");
    M(t, "^[\\u00e0-\\u00ff]$", "\xC3\xA9");
    M(t, "^\\u{1F432}$", "\xF0\x9F\x90\xB2");
    M(t, "^\\u{00000041}$", "A");
    CHECK_INT(t, search_n("^a\\0b$", "a\0b", 3), 1);
    N(t, "^a\\0b$", "ab");
    M(t, "^a\\.b$", "a.b");
    N(t, "^a\\.b$", "axb");
    M(t, "^\\/\\^\\$\\\\\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|$", "/^$\\*+?()[]{}|");
    M(t, "^a b#c$", "a b#c");               /* never extended mode */
    N(t, "X_", "x_");                       /* case-sensitive */
}

static void test_non_bmp(struct check *t)
{
    const char *dragon = "\xF0\x9F\x90\xB2";          /* U+1F432 */
    const char *other = "\xF0\x9F\x90\x89";           /* U+1F409 */
    M(t, "^\xF0\x9F\x90\xB2*$", "");
    M(t, "^\xF0\x9F\x90\xB2*$", dragon);
    M(t, "^\xF0\x9F\x90\xB2*$", "\xF0\x9F\x90\xB2\xF0\x9F\x90\xB2");
    N(t, "^\xF0\x9F\x90\xB2*$", other);
    N(t, "^\xF0\x9F\x90\xB2*$", "D");
    N(t, "^\xF0\x9F\x90\xB2*$", "DD");
    /* a surrogate pair written as two \u escapes is one code point */
    M(t, "^\\uD83D\\uDC32$", dragon);
    M(t, "^\\uD83D\\uDC32+$", "\xF0\x9F\x90\xB2\xF0\x9F\x90\xB2");
    M(t, "^[\\uD83D\\uDC32x]$", dragon);
    M(t, "^[\\uD83D\\uDC32x]$", "x");
    M(t, "^[\\u{1F400}-\\u{1F4FF}]$", other);
    N(t, "^[\\u{1F400}-\\u{1F4FF}]$", "a");
    M(t, "^[\\uD83D\\uDC00-\\uD83D\\uDCFF]$", dragon);
    /* a lone surrogate can never occur in UTF-8 text */
    N(t, "\\uD83D", dragon);
    N(t, "^[\\uD83D]$", dragon);
    M(t, "^[^\\uD83D]$", dragon);
}

static void test_properties(struct check *t)
{
    M(t, "^\\p{Letter}+$", "Hello");
    M(t, "^\\p{Letter}+$", "\xCF\x80");     /* π */
    N(t, "^\\p{Letter}+$", "123");
    M(t, "\\p{Letter}cole", "l'\xC3\xA9" "cole");
    N(t, "\\p{Letter}cole", "L'\xC3\x89" "COLE");
    M(t, "^\\p{L}\\p{Lu}$", "aB");
    M(t, "^\\p{digit}+$", "\xE0\xA7\xAA\xE0\xA7\xA8");
    M(t, "^\\p{Nd}+$", "42");
    N(t, "^\\p{Nd}+$", "-%#");
    M(t, "^\\p{General_Category=Lu}$", "A");
    N(t, "^\\p{gc=Uppercase_Letter}$", "a");
    M(t, "^\\p{Script=Greek}+$", "\xCE\xB1\xCE\xB2");
    N(t, "^\\p{sc=Greek}$", "a");
    M(t, "^\\p{Script_Extensions=Grek}$", "\xCE\xB1");
    CHECK(t, !ecma_regex_valid("\\p{sc=greek}", 12));  /* exact names, unlike PCRE2 */
    M(t, "^\\P{L}$", "1");
    N(t, "^\\P{L}$", "a");
    M(t, "^[\\p{Lu}\\d]+$", "AB12");
    N(t, "^[\\p{Lu}\\d]+$", "ab");
    M(t, "^[^\\p{L}]$", "1");
    M(t, "^\\p{ASCII}+$", "abc~");
    N(t, "^\\p{ASCII}$", "\xC3\xA9");
    M(t, "^\\p{Alpha}$", "\xC3\xA9");
    M(t, "^\\p{Any}$", "\xF0\x9F\x90\xB2");
    M(t, "^\\p{Assigned}$", "a");
    N(t, "^\\p{Assigned}$", "\xCD\xB8");    /* U+0378 is unassigned */
    M(t, "^\\P{Assigned}$", "\xCD\xB8");
    M(t, "^[\\P{Assigned}]$", "\xCD\xB8");
    M(t, "^\\p{White_Space}$", "\xE3\x80\x80");
}

static void test_groups(struct check *t)
{
    M(t, "^(a)\\1$", "aa");
    N(t, "^(a)\\1$", "ab");
    M(t, "^(?<n>a|b)\\k<n>$", "bb");
    N(t, "^(?<n>a|b)\\k<n>$", "ab");
    M(t, "^\\k<n>(?<n>a)$", "a");           /* forward reference: empty */
    M(t, "^\\1(a)$", "a");
    M(t, "^(?:(a)|b)\\1$", "b");            /* unset group: empty */
    M(t, "^(?<\\u0061>x)\\k<a>$", "xx");    /* escaped group name */
    M(t, "^(?<\xC3\xA9t\xC3\xA9>x)\\k<\xC3\xA9t\xC3\xA9>$", "xx");
    M(t, "^(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\\10$", "abcdefghijj");
    M(t, "^(?:ab)+$", "abab");
    M(t, "^(?:a|bc)$", "bc");
    M(t, "^(?:a\\1{2,})(a)$", "aa");         /* repeated unset backreference */
    M(t, "a(?=b)", "ab");
    N(t, "a(?=b)", "ac");
    M(t, "a(?!b)", "ac");
    N(t, "a(?!b)", "ab");
    M(t, "(?<=a)b", "ab");
    N(t, "(?<=a)b", "cb");
    M(t, "(?<!a)b", "cb");
    N(t, "(?<!a)b", "ab");
}

static void test_lookbehind_variable(struct check *t)
{
    /* PCRE2 needs fixed-length lookbehind; these are emulated */
    check_valid(t, "(?<=a+)b");
    M(t, "(?<=a+)b", "aab");
    N(t, "(?<=a+)b", "cb");
    N(t, "(?<!a+)b", "aab");
    M(t, "(?<!a+)b", "cb");
    M(t, "(?<=^\\d{2,})x$", "123x");
    N(t, "(?<=^\\d{2,})x$", "1x");
    N(t, "(?<=a+\\b)b", "aab");             /* \b sees the text after the body */
    M(t, "(?<=a+)(b)\\1", "abb");
    M(t, "^x(?<=(?<=^x*)x)y$", "xy");
    M(t, "(?<=(a))\\1b(?<=b+)c", "aabc");   /* fixed-length ones stay native */
    N(t, "(?<=(a))\\1b(?<=b+)c", "abbc");
    /* a body with a backreference cannot run on its own: PCRE2's verdict */
    CHECK(t, ecma_regex_compile("(?<=(a)\\1+)b", 12, NULL, 0) == NULL);
    CHECK(t, ecma_regex_valid("(?<=(a)\\1+)b", 12));
    /* valid ECMA-262, but beyond what the emulation can do */
    char eb[160];
    CHECK(t, ecma_regex_compile("(?<=x|(a+))b\\1", 14, eb, sizeof eb) == NULL);
    CHECK_STR(t, eb, "at offset 4: backreference to a group inside a "
              "variable-length lookbehind is not supported");
    CHECK(t, ecma_regex_valid("(?<=x|(a+))b\\1", 14));
}

static void test_quantifiers(struct check *t)
{
    M(t, "^a{2,3}$", "aaa");
    N(t, "^a{2,3}$", "aaaa");
    N(t, "^a{2,3}$", "a");
    M(t, "^a{2}$", "aa");
    N(t, "^a{2}$", "aaa");
    M(t, "^a{2,}$", "aaaaa");
    M(t, "^a*?b$", "aab");
    M(t, "^a+?$", "aaa");
    M(t, "^a??b$", "b");
    M(t, "^(?:ab){1,2}?$", "abab");
    M(t, "^[0-9]{2,}$", "31");
}

static void test_errors(struct check *t)
{
    check_error(t, "(ab", "at offset 3: missing closing parenthesis");
    check_error(t, "ab)", "at offset 2: unmatched closing parenthesis");
    check_error(t, "^(abc]", "at offset 5: lone ] (write \\] for a literal bracket)");
    check_error(t, "a**", "at offset 2: quantifier does not follow a repeatable item");
    check_error(t, "a++", "at offset 2: quantifier does not follow a repeatable item");
    check_error(t, "a{1}+", "at offset 4: quantifier does not follow a repeatable item");
    check_error(t, "*a", "at offset 0: quantifier does not follow a repeatable item");
    check_error(t, "^*", "at offset 1: quantifier does not follow a repeatable item");
    check_error(t, "a\\b+", "at offset 3: quantifier does not follow a repeatable item");
    check_error(t, "(?=a)*", "at offset 5: quantifier does not follow a repeatable item");
    check_error(t, "(?<=a)?", "at offset 6: quantifier does not follow a repeatable item");
    check_error(t, "{1}", "at offset 0: quantifier does not follow a repeatable item");
    check_error(t, "a{", "at offset 1: lone { (write \\{ for a literal brace)");
    check_error(t, "a{,3}", "at offset 1: lone { (write \\{ for a literal brace)");
    check_error(t, "a}", "at offset 1: lone } (write \\} for a literal brace)");
    check_error(t, "a{2,1}", "at offset 1: numbers out of order in {} quantifier");
    check_error(t, "x\\Z", "at offset 1: invalid escape \\Z");
    check_error(t, "\\a", "at offset 0: invalid escape \\a");
    check_error(t, "[z-a]", "at offset 2: range out of order in character class");
    check_error(t, "[\\d-z]", "at offset 3: invalid range in character class");
    check_error(t, "[a", "at offset 0: missing terminating ] for character class");
    check_error(t, "ab\\", "at offset 2: \\ at end of pattern");
    check_error(t, "(?i)abc", "at offset 1: invalid group: (? must be followed by :, =, !, <=, <! or <name>");
    check_error(t, "(a)\\2", "at offset 3: backreference to a group that does not exist");
    check_error(t, "\\k<x>", "at offset 0: reference to an undefined group name");
    check_error(t, "(?<a>x)(?<a>y)", "at offset 7: duplicate group name");
    check_error(t, "\\p{Foo}", "at offset 0: unknown Unicode property");
    check_error(t, "x\\p{Script=Klingon}", "at offset 1: unknown property after \\P or \\p");
    check_error(t, "\\c1", "at offset 0: \\c must be followed by an ASCII letter");
    check_error(t, "\\00", "at offset 0: octal escapes are not allowed (use \\x or \\u)");

    /* PCRE2 / Perl / Python syntax that ECMA-262 (u-mode) does not have */
    static const char *const bad[] = {
        "\\Z", "\\z", "\\A", "\\G", "\\h", "\\H", "\\R", "\\K", "\\Qa\\E", "\\e", "\\X",
        "\\N", "\\C", "\\o{12}", "\\g1", "\\l", "\\-", "\\_", "\\ ", "\\a",
        "(?>a)", "(?#comment)a", "(?i)abc", "(?ims)abc", "(?i:a)", "(?|a|b)",
        "(?P<name>x)", "(?P<n>a)(?P=n)", "(?R)", "(?1)", "(*UTF)a", "(*ACCEPT)",
        "a++", "a*+", "a?+", "a{2}+", "\\1", "(a)\\2", "\\1(a)\\2", "\\k", "\\k<>",
        "(?<n>a)\\k<m>", "(?<>x)", "(?<1a>x)", "(?<a-b>x)", "(?<n>x", "[\\1]", "[\\B]",
        "[\\k<n>](?<n>a)", "[a-\\w]", "[\\s-z]", "\\c", "\\c_", "[\\c1]", "\\x4",
        "\\xg0", "\\u12", "\\u{}", "\\u{110000}", "\\u{12", "\\01", "\\p{L", "\\pL",
        "\\p{}", "\\p{Letter=L}", "\\p{gc=Foo}", "\\p{Script=}", "\\p{RGI_Emoji}",
        "\\p{l}", "a{1", "a{1,2", "]", "}", "{", "a|*", "(*)", "(?", "(?<",
        "x{2,1}", "[b-a]", ")", "a)", "(?:a", "[", "[^", "\xFF", "a\xC3", "\xED\xA0\x80",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) check_invalid(t, bad[i]);

    /* a message always fits the buffer, and no buffer is fine */
    char small[12];
    CHECK(t, ecma_regex_compile("(ab", 3, small, sizeof small) == NULL);
    CHECK_STR(t, small, "at offset 3");
    CHECK(t, ecma_regex_compile("(ab", 3, NULL, 0) == NULL);
    /* the length is honoured: the ")" after len is not part of the pattern */
    CHECK(t, ecma_regex_valid("(a)", 2) == 0);
    CHECK(t, ecma_regex_valid("a)", 1) == 1);
}

static void test_valid(struct check *t)
{
    static const char *const good[] = {
        "", "[]", "[^]", "\\cA", "(?<name>x)", "(?<n>a)\\k<n>", "(?<=a+)b", "([abc])+\\s+$",
        "^\\d{4}-\\d{2}-\\d{2}$", "^[a-zA-Z0-9_-]{1,100}$", "\\/", "[\\-]", "\\0",
        "(?<$x_1>a)", "\\p{Script=Latin}", "\\p{scx=Hira}", "\\P{Lu}", "\\p{Cased_Letter}",
        "\\p{ID_Start}", "a{1,}?", "(?:)", "()", "a|", "|", "(?=)", "\\u{10FFFF}",
        "\\uD800", "[\\uDC00-\\uDFFF]", "a{0,65535}", "a{99999}",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) check_valid(t, good[i]);
    M(t, "", "anything");
    M(t, "a|", "x");
    M(t, "(?:)", "");
    /* u-mode: \10 is one decimal escape, an error with fewer than 10 groups */
    check_invalid(t, "(a)\\10");
    /* valid ECMA-262, but beyond PCRE2's {} limit: valid, yet not compiled */
    CHECK(t, ecma_regex_compile("a{99999}", 8, NULL, 0) == NULL);
}

/* ---- matching limits and the match data API --------------------------- */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void test_catastrophic(struct check *t)
{
    const char *pat = "^(a+)+$";
    const char *subj = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";
    ecma_regex *re = ecma_regex_compile(pat, strlen(pat), NULL, 0);
    CHECK(t, re != NULL);
    pcre2_match_data *md = ecma_regex_match_data_new();
    CHECK(t, md != NULL);
    double t0 = now_ms();
    int r = ecma_regex_search(re, subj, strlen(subj), md);
    double took = now_ms() - t0;
    CHECK_MSG(t, r == 0 || r == -1, "got %d", r);
    CHECK_MSG(t, took < 2000, "took %.0f ms", took);
    /* the same match data works again, for this and for another regex */
    CHECK_INT(t, ecma_regex_search(re, "aaaa", 4, md), 1);
    CHECK_INT(t, ecma_regex_search(re, "aaab", 4, md), 0);
    ecma_regex *re2 = ecma_regex_compile("(x)(y)(z)", 9, NULL, 0);
    CHECK_INT(t, ecma_regex_search(re2, "_xyz_", 5, md), 1);
    CHECK_INT(t, ecma_regex_search(re2, "_xy_", 4, md), 0);
    CHECK_INT(t, ecma_regex_search(re2, "_xyz_", 5, NULL), 1);
    ecma_regex_free(re2);
    ecma_regex_match_data_free(md);
    ecma_regex_free(re);
    ecma_regex_match_data_free(NULL);
    ecma_regex_free(NULL);

    t0 = now_ms();
    r = search("(?<=^(a+)+)!", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab!");
    took = now_ms() - t0;
    CHECK_MSG(t, (r == 0 || r == -1) && took < 2000, "lookbehind: got %d in %.0f ms", r, took);

    /* invalid UTF-8 in the subject is a matching error, not a crash */
    CHECK_INT(t, search("a", "\xFF" "a"), ECMA_REGEX_ERROR);
}

/* Subjects of n a's followed by tail, in a static buffer. */
static const char *run_of_a(size_t n, const char *tail)
{
    static char buf[200064];
    memset(buf, 'a', n);
    strcpy(buf + n, tail);
    return buf;
}

/* What a search answers at and under PCRE2's limits: a catastrophic
 * pattern on a short subject is decided as usual, on a long one it is
 * ECMA_REGEX_LIMIT (never a match or no match); a benign pattern with
 * groups on a very long subject, which runs JIT code out of its stack, is
 * decided by the interpreter. */
static void test_limits(struct check *t)
{
    static const struct { const char *pattern; size_t n; const char *tail; int want; } cases[] = {
        { "(a+)+$", 10, "!", 0 },
        { "(a+)+$", 40, "!", ECMA_REGEX_LIMIT },
        { "(a+)+$", 40, "", 1 },
        { "^(a|a)*b$", 12, "!b", 0 },
        { "^(a|a)*b$", 40, "!b", ECMA_REGEX_LIMIT },
        { "^(a|a)*b$", 40, "b", 1 },
        { "^(a|aa)*$", 5000, "", 1 },
        { "^(?:a|b)*$", 100000, "", 1 },
        { "^(a|b)*$", 50000, "", 1 },
        { "^(a|b)*$", 50000, "c", 0 },
        { "(?<=^(a+)+)!", 40, "b!", ECMA_REGEX_LIMIT },   /* an emulated lookbehind's body at the limit */
        { "(?<=^(a|a)*)!", 2000, "!", 1 },
    };
    pcre2_match_data *md = ecma_regex_match_data_new();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ecma_regex *re = ecma_regex_compile(cases[i].pattern, strlen(cases[i].pattern), NULL, 0);
        const char *subj = run_of_a(cases[i].n, cases[i].tail);
        int got = re ? ecma_regex_search(re, subj, strlen(subj), md) : -9;
        int got8 = re ? ecma_regex_search_utf8(re, subj, strlen(subj), md) : -9;
        CHECK_MSG(t, got == cases[i].want && got8 == cases[i].want, "/%s/ on %zu a's + \"%s\": %d / %d, want %d",
                  cases[i].pattern, cases[i].n, cases[i].tail, got, got8, cases[i].want);
        ecma_regex_free(re);
    }
    ecma_regex_match_data_free(md);
}

/* A run's time budget: once the searches have taken it, every further
 * PCRE2 search answers ECMA_REGEX_BUDGET at once, so many catastrophic
 * searches cost about the budget; one-pass patterns are still answered;
 * a run without a budget never answers so. */
static void test_budget(struct check *t)
{
    ecma_regex *bad = ecma_regex_compile("(a+)+$", 6, NULL, 0);
    ecma_regex *simple = ecma_regex_compile("^[a!]+$", 7, NULL, 0);
    ecma_regex *look = ecma_regex_compile("(?<=^(a+)+)!", 12, NULL, 0);
    pcre2_match_data *md = ecma_regex_match_data_new();
    const char *subj = run_of_a(40, "!");
    ecma_regex_run run;
    ecma_regex_run_init(&run, md, 30);
    int limit = 0, budget = 0, other = 0;
    double t0 = now_ms();
    for (int i = 0; i < 200; i++) {
        int r = ecma_regex_run_search(&run, bad, subj, strlen(subj), 1);
        if (r == ECMA_REGEX_LIMIT) limit++;
        else if (r == ECMA_REGEX_BUDGET) budget++;
        else other++;
    }
    double took = now_ms() - t0;
    CHECK_MSG(t, limit >= 1 && budget >= 150 && other == 0, "limit %d, budget %d, other %d", limit, budget, other);
    CHECK_MSG(t, took < 1000, "200 searches took %.0f ms with a 30 ms budget", took);
    CHECK_INT(t, ecma_regex_run_search(&run, simple, subj, strlen(subj), 1), 1);
    CHECK_INT(t, ecma_regex_run_search(&run, look, "ab!", 3, 1), ECMA_REGEX_BUDGET);
    /* a new run starts afresh; one without a budget is never spent */
    ecma_regex_run_init(&run, NULL, 30);
    CHECK_INT(t, ecma_regex_run_search(&run, bad, "aaa", 3, 0), 1);
    CHECK_INT(t, ecma_regex_run_search(&run, look, "aab!", 4, 0), 0);
    ecma_regex_run_init(&run, md, 0);
    for (int i = 0; i < 3; i++) CHECK_INT(t, ecma_regex_run_search(&run, bad, subj, strlen(subj), 1), ECMA_REGEX_LIMIT);
    ecma_regex_match_data_free(md);
    ecma_regex_free(bad);
    ecma_regex_free(simple);
    ecma_regex_free(look);
}

/* PCRE2's match limit counts per start position, so an unanchored
 * pattern as plain as [a-z]{2,}\d searches 300 KB of letters for tens of
 * seconds (4 s at 100 KB) within its limits: the deadline callout ends
 * such a search once the run's budget is spent.  The bound asserted is a
 * hang check, an order of magnitude above the budget.  The callout
 * changes no answer: with and without a budget, beside emulated
 * lookbehinds (callouts of their own), short subjects are decided. */
static void test_deadline(struct check *t)
{
    ecma_regex *slow = ecma_regex_compile("[a-z]{2,}\\d", 11, NULL, 0);
    ecma_regex *look = ecma_regex_compile("(?<=a+)b\\d", 10, NULL, 0);
    pcre2_match_data *md = ecma_regex_match_data_new();
    CHECK(t, slow && look && md);
    size_t n = 300000;
    char *subj = malloc(n);
    memset(subj, 'a', n);
    ecma_regex_run run;
    ecma_regex_run_init(&run, md, 200);
    double t0 = now_ms();
    CHECK_INT(t, ecma_regex_run_search(&run, slow, subj, n, 1), ECMA_REGEX_BUDGET);
    double took = now_ms() - t0;
    CHECK_MSG(t, took < 5000, "the search took %.0f ms with a 200 ms budget", took);
    for (int budget = 0; budget <= 1000; budget += 1000) {
        ecma_regex_run_init(&run, md, (unsigned)budget);
        CHECK_INT(t, ecma_regex_run_search(&run, slow, "--xab1", 6, 1), 1);
        CHECK_INT(t, ecma_regex_run_search(&run, slow, "a1 b2", 5, 1), 0);
        CHECK_INT(t, ecma_regex_run_search(&run, look, "xaab1", 5, 1), 1);
        CHECK_INT(t, ecma_regex_run_search(&run, look, "xb1 ab", 6, 1), 0);
        CHECK_INT(t, ecma_regex_run_search(&run, slow, subj, 2000, 0), 0);
    }
    free(subj);
    ecma_regex_match_data_free(md);
    ecma_regex_free(slow);
    ecma_regex_free(look);
}

/* Validity that cannot be decided: parentheses nested deeper than the
 * translator reads are neither valid nor invalid. */
static void test_valid_undecided(struct check *t)
{
    char deep[1024];
    size_t n = 0;
    for (int i = 0; i < 300; i++) deep[n++] = '(';
    deep[n++] = 'a';
    for (int i = 0; i < 300; i++) deep[n++] = ')';
    deep[n] = '\0';
    CHECK_INT(t, ecma_regex_valid(deep, n), -1);
    CHECK_INT(t, ecma_regex_valid(deep, 200 + 1 + 0), -1);    /* unbalanced, but too deep to tell */
    CHECK_INT(t, ecma_regex_valid("((((a))))", 9), 1);
    CHECK_INT(t, ecma_regex_valid("((((a)))", 8), 0);
}

struct worker { const ecma_regex *re; int ok; };

static void *worker_run(void *arg)
{
    struct worker *w = arg;
    pcre2_match_data *md = ecma_regex_match_data_new();
    w->ok = md != NULL;
    for (int i = 0; i < 2000 && w->ok; i++) {
        if (ecma_regex_search(w->re, "l'\xC3\xA9" "cole 42", 11, md) != 1) w->ok = 0;
        if (ecma_regex_search(w->re, "ecole", 5, md) != 0) w->ok = 0;
    }
    ecma_regex_match_data_free(md);
    return NULL;
}

static void test_threads(struct check *t)
{
    const char *pat = "(?<=\\p{L}+)cole\\s\\d+$";
    ecma_regex *re = ecma_regex_compile(pat, strlen(pat), NULL, 0);
    CHECK(t, re != NULL);
    if (!re) return;
    pthread_t th[4];
    struct worker w[4];
    for (int i = 0; i < 4; i++) {
        w[i].re = re;
        w[i].ok = 0;
        pthread_create(&th[i], NULL, worker_run, &w[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        CHECK_MSG(t, w[i].ok, "thread %d", i);
    }
    ecma_regex_free(re);
}

/* PCRE2 itself, told ECMA-262's meaning of "$" (end only), as the oracle
 * for patterns whose syntax the two share. */
static int oracle(const char *pattern, const char *subject, size_t len)
{
    int ec;
    PCRE2_SIZE off;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_DOLLAR_ENDONLY,
                                     &ec, &off, NULL);
    if (!code) return -3;
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    int rc = pcre2_match(code, (PCRE2_SPTR)subject, len, 0, 0, md, NULL);
    pcre2_match_data_free(md);
    pcre2_code_free(code);
    return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : ECMA_REGEX_ERROR;
}

static int simple_kind(const char *pattern)
{
    regex_simple *p = regex_simple_compile(pattern, strlen(pattern));
    free(p);
    return p != NULL;
}

/* Patterns of ASCII sets are matched without PCRE2 (regex_simple.c):
 * which ones qualify, and answers equal to PCRE2's on patterns and
 * subjects drawn from a small alphabet, where splits between atoms are
 * most often ambiguous. */
static void test_simple(struct check *t)
{
    static const char *yes[] = {
        "^[A-Z]{2}$", "^\\d{4}-\\d{2}-\\d{2}$", "^[a-z0-9][a-z0-9_.-]*$", "^/", "^", "^$",
        "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", "^[a-zA-Z0-9_-]{1,100}$", "^\\$\\.\\/[\\]\\-]{0,}$",
    };
    static const char *no[] = {
        "[A-Z]{2}$", "^(/.*)?$", "^a|b$", "^.$", "^[^a]$", "^[]$", "^a*a$", "^a*b?c$", "^a+?$",
        "^a{2,1}$", "^\\s$", "^\\D$", "^a$b", "^a{99999}$", "^\u00e9$", "^[a-\\d]$", "^[\\d-z]$", "^a{$",
        "^\\bx$", "^a**$", "^\\1$",
    };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) CHECK_INT(t, simple_kind(yes[i]), 1);
    /* fixed-width fronts, within and past the 32 positions read at once */
    static const struct { const char *pattern, *subject; int want; } fixed[] = {
        { "^\\d{4}-\\d{2}-\\d{2}$", "2024-01-01", 1 },
        { "^\\d{4}-\\d{2}-\\d{2}$", "2024-01-0", 0 },
        { "^\\d{4}-\\d{2}-\\d{2}$", "2024-01-011", 0 },
        { "^\\d{4}-\\d{2}-\\d{2}$", "2024-0a-01", 0 },
        { "^\\d{4}-\\d{2}-\\d{2}$", "2024-01-0\xc3\xa9", 0 },
        { "^a{31}b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", 1 },
        { "^a{31}b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0 },
        { "^a{31}b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac", 0 },
        { "^a{40}b$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", 1 },
        { "^a{40}b$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", 0 },
        { "^a{40}b$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabb", 0 },
        { "^a{30}bc{3}d*$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaabcccddd", 1 },
        { "^a{30}bc{3}d*$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaabccdd", 0 },
    };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        ecma_regex *re = ecma_regex_compile(fixed[i].pattern, strlen(fixed[i].pattern), NULL, 0);
        CHECK_INT(t, simple_kind(fixed[i].pattern), 1);
        CHECK_INT(t, ecma_regex_search(re, fixed[i].subject, strlen(fixed[i].subject), NULL), fixed[i].want);
        CHECK_INT(t, oracle(fixed[i].pattern, fixed[i].subject, strlen(fixed[i].subject)), fixed[i].want);
        ecma_regex_free(re);
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) CHECK_INT(t, simple_kind(no[i]), 0);

    static const char *atoms[] = { "a", "b", "-", "/", "\\d", "\\w", "[ab]", "[a-c]", "[0-9a]", "[-a]",
                                   "[b-]", "\\.", "[\\-x]", "9" };
    static const char *counts[] = { "", "*", "+", "?", "{2}", "{1,2}", "{0,3}", "{2,}", "{0}" };
    static const char alphabet[] = "ab-/09c._";
    unsigned long seed = 12345;
#define NEXT(n) ((seed = seed * 6364136223846793005UL + 1442695040888963407UL), (size_t)((seed >> 33) % (n)))
    int agreed = 0, differed = 0, fast = 0;
    pcre2_match_data *md = ecma_regex_match_data_new();
    for (int k = 0; k < 3000; k++) {
        char pat[128] = "^";
        size_t natoms = 1 + NEXT(4);
        for (size_t a = 0; a < natoms; a++) {
            strcat(pat, atoms[NEXT(sizeof atoms / sizeof atoms[0])]);
            strcat(pat, counts[NEXT(sizeof counts / sizeof counts[0])]);
        }
        if (NEXT(4)) strcat(pat, "$");
        char err[200];
        ecma_regex *re = ecma_regex_compile(pat, strlen(pat), err, sizeof err);
        if (!re) continue;
        fast += simple_kind(pat);
        for (int j = 0; j < 40; j++) {
            char subj[16];
            size_t n = NEXT(8);
            for (size_t c = 0; c < n; c++) subj[c] = alphabet[NEXT(sizeof alphabet - 1)];
            if (j == 39 && n > 0) {
                /* one non-ASCII character, valid and invalid UTF-8 */
                subj[n - 1] = (char)0xC3;
                subj[n++] = (char)(k & 1 ? 0xA9 : 0x28);
            }
            subj[n] = 0;
            int want = oracle(pat, subj, n);
            int got = ecma_regex_search(re, subj, n, md);
            int got8 = want >= 0 ? ecma_regex_search_utf8(re, subj, n, md) : want;
            if (got == want && got8 == want) agreed++;
            else {
                if (differed++ < 5) fprintf(stderr, "simple: /%s/ on \"%s\": %d / %d, PCRE2 %d\n", pat, subj, got, got8, want);
            }
        }
        ecma_regex_free(re);
    }
#undef NEXT
    ecma_regex_match_data_free(md);
    CHECK_INT(t, differed, 0);
    CHECK(t, agreed > 50000);
    CHECK(t, fast > 1000); /* the short way was taken for many of them */
    printf("simple patterns: %d answers agreed with PCRE2, %d differed; %d patterns matched without PCRE2\n",
           agreed, differed, fast);
}

int main(void)
{
    struct check t = { 0, 0, "regex_ecma" };
    test_limits(&t);
    test_budget(&t);
    test_deadline(&t);
    test_valid_undecided(&t);
    test_anchors(&t);
    test_dot(&t);
    test_digit_word(&t);
    test_space(&t);
    test_classes(&t);
    test_escapes(&t);
    test_non_bmp(&t);
    test_properties(&t);
    test_groups(&t);
    test_lookbehind_variable(&t);
    test_quantifiers(&t);
    test_errors(&t);
    test_valid(&t);
    test_catastrophic(&t);
    test_threads(&t);
    test_simple(&t);
    return check_done(&t);
}
