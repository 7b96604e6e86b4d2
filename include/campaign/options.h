/* options.h - one table per tool describes its command line: the parser
 * reads argv against it and --help is written from it, so the two cannot
 * drift (tests/cli/options_docs.sh keeps each tool's README table in step
 * with --help as well).
 *
 * A tool describes itself once (opt_tool: name, manual section, one-line
 * summary, operands, description, epilogue) and each option once
 * (opt_spec: long name, optional short name, argument name, help text,
 * and how its value is checked and stored).  Texts are plain sentences,
 * without layout, so the same description can also be rendered as a
 * manual page.
 *
 * Command-line syntax (the same for every tool):
 *   --name VALUE, --name=VALUE   an option taking a value (the next argument
 *                                is taken as the value, even when it starts
 *                                with '-')
 *   -x VALUE, -xVALUE            a short option taking a value
 *   -xy                          short flags grouped
 *   --                           every later argument is an operand
 *   -                            an operand (standard input, by convention)
 * Options and operands may come in any order; options act in the order
 * given (so "--help" after a bad value reports the bad value).  With
 * OPT_TOOL_ABBREV, a long name may be shortened to any prefix naming one
 * option only (an exact name always wins), as getopt_long allows. */
#ifndef CAMPAIGN_OPTIONS_H
#define CAMPAIGN_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

/* How an option's value is checked and stored, at dest + offset (dest is
 * the tool's own options struct, given to opts_parse). */
enum opt_kind {
    OPT_FLAG,   /* no value: sets the unsigned integer of `size` bytes to 1 */
    OPT_STRING, /* a const char * = the value (borrowed from argv); a later
                 * occurrence replaces an earlier one */
    OPT_LIST,   /* an opt_list: the value appended (repeatable) */
    OPT_INT,    /* a decimal integer within [min, max] (min >= 0), stored as
                 * an unsigned integer of `size` bytes (1, 2, 4 or 8) */
    OPT_NUMBER, /* a real number (strtod syntax) within lo..hi, stored as a
                 * double; lo excluded with OPT_LO_OPEN (seconds > 0) */
    OPT_ENUM,   /* one of words[] (NULL-terminated), exactly; its index is
                 * stored as an unsigned integer of `size` bytes */
    OPT_CALL,   /* call(value, dest) decides (value NULL when arg is NULL) */
    OPT_HELP,   /* prints the help to stdout and stops (exit status 0) */
    OPT_VERSION /* prints "NAME VERSION" (opt_tool.version) to stdout and
                 * stops (exit status 0) */
};

/* What a call returns. */
enum { OPT_CALL_OK = 0,     /* stored; parsing goes on */
       OPT_CALL_STOP = 1,   /* the option did the tool's work (campaign-lint's
                             * --list-schemas printed): parsing stops, exit
                             * status 0 */
       OPT_CALL_BAD = -1 }; /* the value is refused: the parser says
                             * "--name takes EXPECT, not 'VALUE'" */

/* opt_spec.flags */
enum {
    OPT_REQUIRED = 1, /* the parser refuses a command line without it
                       * ("--schema is required"); shown unbracketed */
    OPT_ALONE = 2,    /* used on its own (--help, --version): its own
                       * synopsis line, not in the main one */
    OPT_LO_OPEN = 4   /* OPT_NUMBER: the value must be more than lo */
};

typedef struct opt_spec {
    const char *name;        /* long name without "--" */
    char short_name;         /* 0: none */
    const char *arg;         /* argument name in the synopsis and help
                              * ("N", "FILE"); NULL: takes no value */
    const char *help;        /* the one description: plain sentences */
    enum opt_kind kind;
    unsigned flags;          /* OPT_REQUIRED | OPT_ALONE | OPT_LO_OPEN */
    size_t offset, size;     /* where and how wide: use OPT_AT */
    unsigned long long min, max; /* OPT_INT bounds, inclusive */
    double lo, hi;           /* OPT_NUMBER bounds (hi inclusive) */
    const char *const *words;    /* OPT_ENUM */
    int (*call)(const char *value, void *dest); /* OPT_CALL: OPT_CALL_* */
    const char *expect;      /* what a refused value should have been
                              * ("seconds, more than 0 and at most 86400");
                              * NULL: said from the kind and bounds.
                              * Required for OPT_CALL with an argument */
} opt_spec;

/* The storage of an option: OPT_AT(struct options, jobs). */
#define OPT_AT(type, member) .offset = offsetof(type, member), .size = sizeof(((type *)0)->member)

/* The values of a repeatable option (OPT_LIST) or the operands: borrowed
 * from argv; v is malloc'd (free with opts_list_free). */
typedef struct opt_list {
    const char **v;
    size_t n;
} opt_list;

/* A name and what it is: an environment variable or a file, for the
 * manual page's ENVIRONMENT and FILES.  Lists end with { NULL }. */
typedef struct opt_note {
    const char *name;        /* "CAMPAIGN_SCHEMA_DIR", "PREFIX/share/..." */
    const char *text;        /* plain sentences */
} opt_note;

/* opt_tool.flags */
enum { OPT_TOOL_ABBREV = 1 /* unique prefixes of long names are accepted */ };

typedef struct opt_tool {
    const char *name;        /* program name; messages start "NAME: " */
    const char *version;     /* what OPT_VERSION prints after the name */
    int section;             /* manual section (1 for commands) */
    const char *summary;     /* one line: what the tool does (no period) */
    const char *operands;    /* synopsis of the operands ("FILE... | -");
                              * NULL: the tool takes none */
    const char *description; /* after the synopsis: paragraphs separated
                              * by "\n\n", plain sentences */
    const char *epilogue;    /* after the options (exit status), same form;
                              * when it begins "Exit status:\n", each later
                              * line "N what" is one status (the manual
                              * page lists them under EXIT STATUS) */
    const opt_note *environment; /* the variables the tool reads (manual
                                  * page only); NULL: none */
    const opt_note *files;   /* the files it reads by default (manual
                              * page only); NULL: none */
    const char *see_also;    /* "campaign-mock(1), ..." (manual page only) */
    const opt_spec *opts;
    size_t nopts;
    unsigned flags;          /* OPT_TOOL_ABBREV */
} opt_tool;

/* What opts_parse returns. */
enum { OPTS_GO = 0,     /* every option stored: the tool goes on */
       OPTS_DONE = 1,   /* --help, --version or an OPT_CALL_STOP option did the work:
                         * exit status 0 */
       OPTS_USAGE = 2 };/* refused (message and help on stderr) or out of
                         * memory (said on stderr): exit status 2 */

/* Read argv[1..argc) against t, storing into dest (the tool's options
 * struct, holding its defaults) and appending the operands to *operands
 * (when t->operands is NULL an operand is refused, and operands may be
 * NULL).  Values are borrowed
 * from argv.  On OPTS_USAGE dest and *operands may hold part of the
 * command line: free them as usual (opts_free, opts_list_free).  Messages
 * name a short option as written and a long one by its full name ("-j
 * takes an integer from 1 to 256, not '0'", "unknown option '--bogus'",
 * "--schema needs a value", "--schema is required"). */
int opts_parse(const opt_tool *t, int argc, char **argv, void *dest, opt_list *operands);

/* Write the help: "usage:" synopsis lines (wrapped at 79 columns), the
 * description, one entry per option ("  -j, --jobs N" and its help text
 * from column 24, wrapped), the epilogue. */
void opts_help(const opt_tool *t, FILE *out);

/* Write the manual page (roff, man macros) from the same table: NAME
 * (name and summary), SYNOPSIS, DESCRIPTION, OPTIONS, EXIT STATUS (from
 * the epilogue), ENVIRONMENT, FILES, SEE ALSO.  Every tool prints it for
 * the command line "--help-man" alone (opts_parse answers it, OPTS_DONE;
 * the build writes the pages with it, so they are the tables the
 * binaries parse with).  It is not listed in --help: it is for the build,
 * not for a person. */
void opts_man(const opt_tool *t, FILE *out);

/* Refuse the command line after parsing (a check the table cannot say):
 * "NAME: " and the formatted message, then the help, on stderr.  Returns
 * OPTS_USAGE. */
int opts_usage_error(const opt_tool *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Free what opts_parse allocated in dest (the OPT_LIST values) and empty
 * those lists.  dest NULL: nothing. */
void opts_free(const opt_tool *t, void *dest);
/* Free l->v and empty l.  NULL ok. */
void opts_list_free(opt_list *l);

#endif
