/* lint_lines.c - NDJSON input line by line, in bounded memory.
 *
 * The input is read in chunks into one buffer that holds at most one line
 * of max bytes and one chunk, so a stream of any length is checked in
 * memory bounded by --max-size.  A longer line is skipped to its end
 * without being kept.  Before every read that may wait, the output is
 * flushed: whoever reads lint's output over a pipe sees the results of
 * every line read so far while the input is still coming. */
#include "lint.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bytes asked of each read(): large enough that a regular file costs few
 * system calls and flushes, small against any sensible line limit. */
#define CHUNK ((size_t)64 << 10)

struct lint_lines {
    int fd, own_fd;
    FILE *flush;
    size_t max;
    char *buf;
    size_t cap, limit;   /* limit: the most the buffer may grow to */
    size_t start, end;   /* unconsumed input: buf[start..end) */
    size_t scanned;      /* bytes after start known to hold no '\n' */
    int eof;
    unsigned long lineno;
};

/* An open descriptor for path: standard input for "-", else a regular
 * file opened without blocking (a FIFO is refused, never waited on). */
static int open_input(const char *path, int *own)
{
    struct stat st;
    *own = 0;
    if (strcmp(path, "-") == 0) {
        if (fstat(STDIN_FILENO, &st) == 0 && S_ISDIR(st.st_mode))
            return errno = EISDIR, -1;
        return STDIN_FILENO;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int e = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        close(fd);
        return errno = e, -1;
    }
    *own = 1;
    return fd;
}

lint_lines *lint_lines_open(const char *path, size_t max, FILE *flush, int *err)
{
    lint_lines *r = calloc(1, sizeof *r);
    if (!r) {
        *err = ENOMEM;
        return NULL;
    }
    r->fd = open_input(path, &r->own_fd);
    if (r->fd < 0) {
        *err = errno ? errno : EIO;
        free(r);
        return NULL;
    }
    r->flush = flush;
    r->max = max;
    r->limit = max + CHUNK;
    return r;
}

void lint_lines_close(lint_lines *r)
{
    if (!r)
        return;
    if (r->own_fd)
        close(r->fd);
    free(r->buf);
    free(r);
}

/* Read more input after buf[end], first moving the unconsumed part to the
 * front and growing the buffer up to its limit.  1 read, 0 end of input,
 * -1 error (errno). */
static int fill(lint_lines *r)
{
    if (r->start) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (r->cap - r->end < CHUNK && r->cap < r->limit) {
        size_t cap = r->cap ? r->cap * 2 : CHUNK;
        if (cap < r->end + CHUNK)
            cap = r->end + CHUNK;
        if (cap > r->limit)
            cap = r->limit;
        char *b = realloc(r->buf, cap);
        if (!b)
            return errno = ENOMEM, -1;
        r->buf = b;
        r->cap = cap;
    }
    if (r->flush)
        fflush(r->flush);
    for (;;) {
        ssize_t got = read(r->fd, r->buf + r->end, r->cap - r->end);
        if (got > 0) {
            r->end += (size_t)got;
            return 1;
        }
        if (got == 0)
            return 0;
        if (errno != EINTR)
            return -1;
    }
}

/* Discard the rest of a line longer than max (its first *len bytes are
 * already passed over), counting it in *len. */
static int skip_line(lint_lines *r, size_t *len)
{
    for (;;) {
        char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
        if (nl) {
            *len += (size_t)(nl - (r->buf + r->start));
            r->start = (size_t)(nl - r->buf) + 1;
            return LINT_LINE_TOO_LONG;
        }
        *len += r->end - r->start;
        r->start = r->end = 0;
        int got = fill(r);
        if (got <= 0) {
            r->eof = 1;
            return got < 0 ? LINT_LINE_ERROR : LINT_LINE_TOO_LONG;
        }
    }
}

int lint_lines_next(lint_lines *r, const char **line, size_t *len, unsigned long *lineno)
{
    for (;;) {
        size_t have = r->end - r->start;
        char *from = r->buf + r->start;
        char *nl = have > r->scanned ? memchr(from + r->scanned, '\n', have - r->scanned) : NULL;
        if (nl || (r->eof && have)) {
            *line = from;
            *len = nl ? (size_t)(nl - from) : have;
            *lineno = ++r->lineno;
            r->start += *len + (nl ? 1 : 0);
            r->scanned = 0;
            return *len > r->max ? LINT_LINE_TOO_LONG : LINT_LINE_OK;
        }
        if (r->eof)
            return LINT_LINE_END;
        r->scanned = have;
        if (have > r->max) {
            *lineno = ++r->lineno;
            *len = have;
            r->start = r->end;
            r->scanned = 0;
            return skip_line(r, len);
        }
        int got = fill(r);
        if (got < 0)
            return LINT_LINE_ERROR;
        if (got == 0)
            r->eof = 1;
    }
}
