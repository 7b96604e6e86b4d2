/* ref_mock.c - start and stop the reference campaign-mock (ref_mock.h). */
#include "ref_mock.h"
#include "campaign/locate.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct ref_mock {
    pid_t pid;
    int out;        /* the mock's stdout, kept open: a write to a closed
                       pipe would kill it with SIGPIPE */
    char url[128];
};

/* The campaign-mock beside this executable, into path: 0, or -1. */
static int mock_path(char *path, size_t size)
{
    static const char *const beside[] = { "campaign-mock", NULL };
    const locate_spec spec = { .what = "campaign-mock", .beside = beside };
    return locate_data(&spec, path, size, NULL, 0) == LOCATE_FOUND ? 0 : -1;
}

/* In the child: the mock, its stdout the pipe's write end. */
static void exec_mock(const char *path, const char *fixtures, const char *token, int out)
{
    /* the runner blocks SIGINT and SIGTERM to poll them; the mock must
     * not inherit that, or SIGTERM could not stop it */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (dup2(out, STDOUT_FILENO) < 0)
        _exit(127);
    if (token && *token)
        setenv("CAMPAIGN_MOCK_TOKEN", token, 1);
    else
        unsetenv("CAMPAIGN_MOCK_TOKEN");
    if (fixtures)
        execl(path, "campaign-mock", "--host", "127.0.0.1", "--port", "0", "--quiet", "--fixtures", fixtures,
              (char *)NULL);
    else
        execl(path, "campaign-mock", "--host", "127.0.0.1", "--port", "0", "--quiet", (char *)NULL);
    _exit(127);
}

/* The mock's first line, "listening on URL", read from fd within 10 s
 * into line.  0, or -1. */
static int first_line(int fd, char *line, size_t size)
{
    size_t n = 0;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (n + 1 < size) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long left = 10000 - (long)((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000);
        struct pollfd p = { fd, POLLIN, 0 };
        if (left <= 0 || poll(&p, 1, (int)left) <= 0)
            return -1;
        ssize_t got = read(fd, line + n, 1);
        if (got <= 0)
            return -1;
        if (line[n] == '\n') {
            line[n] = '\0';
            return 0;
        }
        n++;
    }
    return -1;
}

ref_mock *ref_mock_start(const char *fixtures, const char *token, char *err, size_t errlen)
{
    char path[PATH_MAX + 32], line[256];
    int fds[2];
    if (mock_path(path, sizeof path) != 0) {
        snprintf(err, errlen, "--reference-mock: no campaign-mock beside campaign-test");
        return NULL;
    }
    ref_mock *m = calloc(1, sizeof *m);
    if (m)
        m->out = -1;
    if (!m || pipe(fds) != 0) {
        free(m);
        snprintf(err, errlen, "--reference-mock: %s", strerror(errno));
        return NULL;
    }
    m->pid = fork();
    if (m->pid == 0) {
        close(fds[0]);
        exec_mock(path, fixtures, token, fds[1]);
    }
    close(fds[1]);
    int ok = m->pid > 0 && first_line(fds[0], line, sizeof line) == 0 &&
             strncmp(line, "listening on http://", 20) == 0 &&
             snprintf(m->url, sizeof m->url, "%s/api/v2/buyer", line + 13) < (int)sizeof m->url;
    m->out = fds[0];
    if (!ok) {
        snprintf(err, errlen, "--reference-mock: %s did not start (see its message above)", path);
        ref_mock_stop(m);
        return NULL;
    }
    return m;
}

const char *ref_mock_url(const ref_mock *m)
{
    return m->url;
}

void ref_mock_stop(ref_mock *m)
{
    if (!m)
        return;
    if (m->pid > 0) {
        kill(m->pid, SIGTERM);
        for (int i = 0; i < 500; i++) {
            if (waitpid(m->pid, NULL, WNOHANG) != 0)
                break;
            if (i == 499) {
                kill(m->pid, SIGKILL);
                waitpid(m->pid, NULL, 0);
            }
            usleep(10000);
        }
    }
    if (m->out >= 0)
        close(m->out);
    free(m);
}
