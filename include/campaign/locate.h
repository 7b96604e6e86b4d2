/* locate.h - where a tool's data is when no option names it: the
 * contract's schemas, the mock's fixtures, the probes' examples.
 *
 * The same order everywhere: the tool's option (the caller's; not seen
 * here), then an environment variable, then places beside the running
 * executable (found through /proc/self/exe, so a copied or moved prefix
 * still works: PREFIX/bin/../share/campaign-contract/... when installed,
 * the build tree's bin/../... when built), then the working directory.
 * A variable that is set is taken as given, like an option, so a wrong
 * one is said rather than passed over.
 *
 * The installed layout (make install) puts the data in LOCATE_DATA_DIR
 * relative to the executable's directory. */
#ifndef CAMPAIGN_LOCATE_H
#define CAMPAIGN_LOCATE_H

#include <stddef.h>

/* The installed data directory, relative to the directory of the
 * executables (bindir = PREFIX/bin, datarootdir = PREFIX/share). */
#define LOCATE_DATA_DIR "../share/campaign-contract"

typedef struct locate_spec {
    const char *what;          /* "the contract schemas": for the message */
    const char *option;        /* the tool's option, with its argument
                                * ("--schema-dir DIR"): for the message */
    const char *env;           /* the variable ("CAMPAIGN_SCHEMA_DIR") */
    const char *const *beside; /* paths relative to the executable's
                                * directory, in order; NULL-terminated */
    const char *cwd;           /* relative to the working directory; NULL:
                                * none */
    int want_dir;              /* 1: a directory; 0: a readable file */
} locate_spec;

enum { LOCATE_ENV = 1,     /* found: the variable's value */
       LOCATE_FOUND = 0,   /* found: beside the executable or in the
                            * working directory */
       LOCATE_NONE = -1 }; /* none: err says what was tried */

/* Write where s's data is into out (size n).  LOCATE_ENV or LOCATE_FOUND;
 * LOCATE_NONE with err (size errlen) filled: "cannot find WHAT: tried A,
 * B, C; use OPTION or set ENV" (no tool name, no newline).  A path that
 * does not fit in out counts as not found. */
int locate_data(const locate_spec *s, char *out, size_t n, char *err, size_t errlen);

#endif
