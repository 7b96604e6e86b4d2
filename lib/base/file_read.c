/* file_read.c - read a whole input into memory (see jsv.h).
 *
 * One reader for every tool: a regular file's size is known up front, so
 * it takes one allocation and normally one read; pipes and standard input
 * grow the buffer geometrically.  A limit stops reading as soon as the
 * input is known to be larger, so /dev/zero or a huge file cannot exhaust
 * memory. */
#include "jsv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

char *jsv_read_fd(int fd, size_t max, size_t *len)
{
    struct stat st;
    size_t cap = 1 << 16, n = 0;
    if (fstat(fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) { errno = EISDIR; return NULL; }
        if (S_ISREG(st.st_mode) && st.st_size > 0) {
            if (max && (uintmax_t)st.st_size > max) { errno = EFBIG; return NULL; }
            cap = (size_t)st.st_size + 1;
        }
    }
    char *b = malloc(cap);
    if (!b) { errno = ENOMEM; return NULL; }
    for (;;) {
        if (n + 1 >= cap) {
            char *nb = realloc(b, cap * 2);
            if (!nb) { free(b); errno = ENOMEM; return NULL; }
            b = nb;
            cap *= 2;
        }
        ssize_t got = read(fd, b + n, cap - n - 1);
        if (got < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            free(b);
            errno = e;
            return NULL;
        }
        if (got == 0) break;
        n += (size_t)got;
        if (max && n > max) { free(b); errno = EFBIG; return NULL; }
    }
    b[n] = '\0';
    *len = n;
    return b;
}

char *jsv_read_file_max(const char *path, size_t max, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    char *b = jsv_read_fd(fd, max, len);
    int e = errno;
    close(fd);
    errno = e;
    return b;
}

char *jsv_read_regular_file(const char *path, size_t max, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return NULL;
    struct stat st;
    char *b = NULL;
    if (fstat(fd, &st) != 0) {
        /* errno set */
    } else if (!S_ISREG(st.st_mode)) {
        errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
    } else {
        b = jsv_read_fd(fd, max, len); /* a regular file never blocks */
    }
    int e = errno;
    close(fd);
    errno = e;
    return b;
}

char *jsv_read_file(const char *path, size_t *len)
{
    return jsv_read_file_max(path, 0, len);
}
