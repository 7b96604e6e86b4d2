/* timeit.c - run commands side by side, repeatedly, and record each run's
 * wall time, CPU time and peak memory (the process timer of make bench).
 *
 *   timeit [-r REPS] [-w WARMUP] [-o FILE] -- LABEL CMD [ARG...] [:: LABEL CMD [ARG...]]...
 *
 * Each repetition runs every command once, in the order given, so slow
 * drift of the machine affects all of them alike; WARMUP unrecorded rounds
 * come first (default 1).  A command's stdout and stderr go to /dev/null;
 * it is executed directly (no shell), so the figures hold no shell start-up.
 * Appends one tab-separated line per recorded run to FILE (default stdout):
 *   LABEL  rep  wall_s  user_s  sys_s  maxrss_kb  exit_status
 * Peak memory is the child's ru_maxrss from wait4().  A command that exits
 * non-zero (or dies of a signal: status 128+N) is reported on stderr and
 * still recorded; timeit then exits 1. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_util.h"

#define MAX_CMDS 16

typedef struct cmd {
    const char *label;
    char **argv; /* NULL-terminated, points into the program's argv */
} cmd;

typedef struct run {
    double wall, user, sys;
    long maxrss_kb;
    int status; /* exit status, or 128 + signal */
} run;

static int run_once(const cmd *c, run *out)
{
    double t0 = bench_now();
    pid_t pid = fork();
    if (pid < 0) {
        perror("timeit: fork");
        return -1;
    }
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) {
            dup2(devnull, STDOUT_FILENO);
            dup2(devnull, STDERR_FILENO);
        }
        execvp(c->argv[0], c->argv);
        _exit(127);
    }
    int wstatus;
    struct rusage ru;
    while (wait4(pid, &wstatus, 0, &ru) < 0) {
        if (errno != EINTR) {
            perror("timeit: wait4");
            return -1;
        }
    }
    out->wall = bench_now() - t0;
    out->user = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6;
    out->sys = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
    out->maxrss_kb = ru.ru_maxrss;
    out->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: timeit [-r REPS] [-w WARMUP] [-o FILE] -- LABEL CMD [ARG...] "
                    "[:: LABEL CMD [ARG...]]...\n");
    return 2;
}

int main(int argc, char **argv)
{
    int reps = 5, warmup = 1, opt;
    const char *outfile = NULL;
    while ((opt = getopt(argc, argv, "r:w:o:")) != -1) {
        if (opt == 'r')
            reps = atoi(optarg);
        else if (opt == 'w')
            warmup = atoi(optarg);
        else if (opt == 'o')
            outfile = optarg;
        else
            return usage();
    }
    if (reps < 1 || warmup < 0)
        return usage();

    /* Split the rest at "::" into commands; "::" becomes the NULL that
     * ends the previous command's argv. */
    cmd cmds[MAX_CMDS];
    int ncmds = 0, i = optind;
    while (i < argc) {
        if (ncmds == MAX_CMDS || i + 1 >= argc || strcmp(argv[i + 1], "::") == 0)
            return usage();
        cmds[ncmds].label = argv[i];
        cmds[ncmds].argv = &argv[i + 1];
        int j = i + 1;
        while (j < argc && strcmp(argv[j], "::") != 0)
            j++;
        if (j < argc)
            argv[j] = NULL;
        ncmds++;
        i = j + 1;
    }
    if (ncmds == 0)
        return usage();

    FILE *out = stdout;
    if (outfile && !(out = fopen(outfile, "a"))) {
        perror(outfile);
        return 2;
    }
    int failed = 0;
    for (int r = 1 - warmup; r <= reps; r++) {
        for (int c = 0; c < ncmds; c++) {
            run res;
            if (run_once(&cmds[c], &res) < 0)
                return 2;
            if (res.status != 0) {
                fprintf(stderr, "timeit: %s exited with status %d\n", cmds[c].label, res.status);
                failed = 1;
            }
            if (r < 1)
                continue;
            fprintf(out, "%s\t%d\t%.6f\t%.6f\t%.6f\t%ld\t%d\n", cmds[c].label, r, res.wall,
                    res.user, res.sys, res.maxrss_kb, res.status);
            fflush(out);
        }
    }
    if (out != stdout && fclose(out) != 0) {
        perror(outfile);
        return 2;
    }
    return failed;
}
