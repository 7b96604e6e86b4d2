/* peakrss.c - run a command and report its peak resident set size.
 *
 *   peakrss OUTFILE COMMAND [ARG...]
 *
 * Runs COMMAND (standard input, output and error inherited), waits for
 * it, and writes its peak RSS in KiB (ru_maxrss of wait4) as one line to
 * OUTFILE.  The exit status is the command's (128 + signal when killed;
 * 127 when it could not be started; 125 on a usage or system error).
 *
 * The tests use it instead of GNU time, which a bare machine may not
 * have; a peak-memory bound is deterministic enough to assert with a
 * margin, unlike a time. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: peakrss OUTFILE COMMAND [ARG...]\n");
        return 125;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("peakrss: fork");
        return 125;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "peakrss: %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    int st;
    struct rusage ru;
    while (wait4(pid, &st, 0, &ru) < 0) {
        if (errno != EINTR) {
            perror("peakrss: wait4");
            return 125;
        }
    }
    FILE *f = fopen(argv[1], "w");
    if (!f || fprintf(f, "%ld\n", ru.ru_maxrss) < 0 || fclose(f) != 0) {
        perror("peakrss: writing the result");
        return 125;
    }
    if (WIFSIGNALED(st))
        return 128 + WTERMSIG(st);
    return WEXITSTATUS(st);
}
