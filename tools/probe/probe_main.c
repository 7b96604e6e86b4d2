/* probe_main.c - campaign-probes: write boundary probes of the campaign
 * contract as campaign-test case files (see tools/probe/README.md). */
#include "probe_gen.h"

#include "campaign/contract.h"
#include "campaign/jsv.h"
#include "campaign/options.h"

#include <limits.h>
#include <stddef.h>
#include <stdio.h>

typedef struct {
    const char *schemas, *examples, *contract, *out;
    unsigned quiet;
} options;

static const opt_spec probe_opts_table[] = {
    { .name = "out", .short_name = 'o', .arg = "DIR", .kind = OPT_STRING, .flags = OPT_REQUIRED,
      OPT_AT(options, out),
      .help = "Where the case files go (created when missing): DIR/create/ and DIR/update/, one file per "
              "bound, and DIR/summary.txt. Files of the same names are replaced; others are left alone." },
    { .name = "schemas", .arg = "DIR", .kind = OPT_STRING, OPT_AT(options, schemas),
      .help = "The contract's schemas (default: $CAMPAIGN_SCHEMA_DIR, else share/campaign-contract/schemas "
              "beside bin/ when installed, else the build tree's schemas beside bin/, else ./schemas)." },
    { .name = "examples", .arg = "DIR", .kind = OPT_STRING, OPT_AT(options, examples),
      .help = "The example bodies the probes change (default: the examples directory beside the schemas)." },
    { .name = "contract", .arg = "FILE", .kind = OPT_STRING, OPT_AT(options, contract),
      .help = "The traceability table whose rows the probes name (default: docs/contract.md beside the "
              "schemas; when unreadable, a warning and no rows)." },
    { .name = "quiet", .short_name = 'q', .kind = OPT_FLAG, OPT_AT(options, quiet),
      .help = "Do not print the summary (it is still written to DIR/summary.txt)." },
    { .name = "help", .short_name = 'h', .kind = OPT_HELP, .flags = OPT_ALONE, .help = "Print this help." },
    { .name = "version", .kind = OPT_VERSION, .flags = OPT_ALONE, .help = "Print the version." },
};

static const opt_tool probe_tool = {
    .name = "campaign-probes",
    .version = JSV_VERSION,
    .section = 1,
    .summary = "write boundary probes of the campaign contract as campaign-test cases",
    .operands = NULL,
    .description = "Derives from the create and update request schemas and the contract rules a pair of "
                   "requests around every bound the full examples reach: one just inside (must be "
                   "accepted) and one just outside (must be refused with 400 VALIDATION_ERROR naming the "
                   "member). Each pair is confirmed with the contract before it is written; pairs the "
                   "contract disagrees with are dropped and listed in the summary. Run the result with "
                   "campaign-test --base-url URL DIR.",
    .epilogue = "Exit status:\n"
                "0 the probes and the summary were written;\n"
                "2 usage error, unreadable schemas, examples or base body, or a file could not be written.",
    .environment = (const opt_note[]){
        { "CAMPAIGN_SCHEMA_DIR", "The contract schemas directory when --schemas DIR is not given (taken as given: it is not searched further)." },
        { NULL, NULL } },
    .files = (const opt_note[]){
        { "PREFIX/share/campaign-contract/schemas", "The contract schemas, found relative to the executable (PREFIX/bin/../share/campaign-contract/schemas), so a moved or copied prefix still works; in the build tree, bin/../schemas." },
        { "PREFIX/share/campaign-contract/examples", "The example bodies the probes change (the examples directory beside the schemas directory)." },
        { "PREFIX/share/campaign-contract/docs/contract.md", "The traceability table whose rows the probes name (docs/contract.md beside the schemas directory)." },
        { NULL, NULL } },
    .see_also = "campaign-lint(1), campaign-mock(1), campaign-test(1)",
    .opts = probe_opts_table,
    .nopts = sizeof probe_opts_table / sizeof probe_opts_table[0],
    .flags = OPT_TOOL_ABBREV,
};

int main(int argc, char **argv)
{
    options o = { 0 };
    int r = opts_parse(&probe_tool, argc, argv, &o, NULL);
    if (r == OPTS_DONE) return 0;
    if (r != OPTS_GO) return 2;
    /* the schemas found here, so a failed search names the option; the
     * examples and the contract table are found beside them */
    char found[PATH_MAX], why[1536];
    if (!o.schemas && contract_find_schema_dir("--schemas DIR", found, sizeof found, why, sizeof why) != 0) {
        fprintf(stderr, "campaign-probes: %s\n", why);
        return 2;
    }
    probe_opts po = { o.schemas ? o.schemas : found, o.examples, o.contract, o.out, o.quiet };
    return probe_generate(&po, stdout, stderr);
}
