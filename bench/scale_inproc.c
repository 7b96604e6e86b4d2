/* scale_inproc.c - measurement 4 of make bench, in process: the time to
 * check one payload (what campaign-lint does per payload, without process
 * start-up, reading or printing) against payload size.
 *
 *   scale_inproc [-r REPS] [-s SCHEMA_DIR] [-T] NAME FILE [NAME FILE ...]
 *
 * For each FILE (one JSON document, body schema NAME), what campaign-lint
 * does: contract_check_text, the library's strategy (a tape first; a tree
 * only for a payload that does not pass there).  -T: always the tree way
 * (json_parse with duplicate keys rejected, then contract_check), for
 * comparison.  Each
 * sample runs enough checks of one file back to back to last about 50 ms
 * and records the mean time of one check; the files take turns within
 * each repetition, so a disturbance of the machine hits every size alike.
 * Prints, tab-separated, per sample:
 *   NAME  FILE  bytes  rep  seconds_per_check  document_bytes
 * (document_bytes: what the parsed document took: the tape's entries and
 * decoded strings, plus the tree's arena when one was made).  Exit
 * status 1 when a payload does not keep the contract, 2 on errors. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_FILES 32

typedef struct payload {
    const char *name, *file;
    char *buf;
    size_t len;
    long batch;  /* checks per sample */
} payload;

#include "campaign/arena.h"
#include "bench_util.h"
#include "campaign/contract.h"
#include "campaign/json_parse.h"
#include "campaign/jsv.h"

/* One check (the tree way when mem is not NULL); returns 1 when the
 * payload keeps the contract. */
static int check_once(const contract *c, const char *name, const char *buf, size_t len, arena *mem,
                      contract_report *rep, size_t *arena_bytes)
{
    json_parse_opts opts = {JSON_PARSE_REJECT_DUPLICATES, 0};
    json_error err;
    if (!mem) {
        int v = contract_check_text(c, name, buf, len, 0, rep, &err);
        *arena_bytes = contract_report_document_bytes(rep);
        return v == 1;
    }
    arena_reset(mem);
    contract_report_clear(rep);
    json_doc *doc = json_parse(buf, len, &opts, mem, &err);
    if (!doc)
        return 0;
    *arena_bytes = arena_used(mem);
    int ok = contract_check(c, name, doc->root, 0, rep) == 1;
    json_doc_free(doc);
    return ok;
}

int main(int argc, char **argv)
{
    int reps = 5, opt, tree_only = 0;
    const char *schema_dir = "schemas";
    while ((opt = getopt(argc, argv, "r:s:T")) != -1) {
        if (opt == 'r')
            reps = atoi(optarg);
        else if (opt == 's')
            schema_dir = optarg;
        else if (opt == 'T')
            tree_only = 1;
        else
            goto usage;
    }
    if (reps < 1 || argc - optind < 2 || (argc - optind) % 2 || (argc - optind) / 2 > MAX_FILES)
        goto usage;

    jsv_error err;
    contract *c = contract_load(schema_dir, NULL, &err);
    if (!c) {
        fprintf(stderr, "scale_inproc: contract: %s\n", err.message);
        return 2;
    }
    arena *mem = tree_only ? arena_new(0) : NULL;
    contract_report *rep = contract_report_new();
    if (!rep || (tree_only && !mem)) {
        fprintf(stderr, "scale_inproc: out of memory\n");
        return 2;
    }
    int status = 0;
    payload p[MAX_FILES];
    size_t np = 0, used = 0;
    for (int a = optind; a + 1 < argc; a += 2, np++) {
        p[np].name = argv[a];
        p[np].file = argv[a + 1];
        p[np].buf = jsv_read_file(p[np].file, &p[np].len);
        if (!p[np].buf) {
            perror(p[np].file);
            return 2;
        }
        /* The first check is untimed: it validates the payload and sizes
         * the batch so one sample lasts about 50 ms. */
        double t0 = bench_now();
        if (!check_once(c, p[np].name, p[np].buf, p[np].len, mem, rep, &used)) {
            fprintf(stderr, "scale_inproc: %s does not keep the %s contract\n", p[np].file,
                    p[np].name);
            status = 1;
        }
        double once = bench_now() - t0;
        p[np].batch = once > 0 ? (long)(0.05 / once) : 1000;
        if (p[np].batch < 1)
            p[np].batch = 1;
    }
    for (int r = 1; r <= reps; r++) {
        for (size_t i = 0; i < np; i++) {
            double t0 = bench_now();
            for (long k = 0; k < p[i].batch; k++)
                check_once(c, p[i].name, p[i].buf, p[i].len, mem, rep, &used);
            double per = (bench_now() - t0) / (double)p[i].batch;
            printf("%s\t%s\t%zu\t%d\t%.9f\t%zu\n", p[i].name, p[i].file, p[i].len, r, per, used);
        }
        fflush(stdout);
    }
    for (size_t i = 0; i < np; i++)
        free(p[i].buf);
    contract_report_free(rep);
    arena_free(mem);
    contract_free(c);
    return status;

usage:
    fprintf(stderr, "usage: scale_inproc [-r REPS] [-s SCHEMA_DIR] [-T] NAME FILE [NAME FILE ...]\n");
    return 2;
}
