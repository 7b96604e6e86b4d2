/* lint_input.c - read a whole input in large reads (a file's size is
 * known up front; stdin and pipes grow the buffer geometrically). */
#include "lint.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int lint_read_file(const char *path, char **buf, size_t *len)
{
    int is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    size_t cap = 1 << 16, n = 0;
    char *b;
    int e = 0;

    if (fd < 0)
        return errno;
    if (fstat(fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            e = EISDIR;
            goto fail_fd;
        }
        if (S_ISREG(st.st_mode) && st.st_size > 0)
            cap = (size_t)st.st_size + 1;
    }
    if (!(b = malloc(cap))) {
        e = ENOMEM;
        goto fail_fd;
    }
    for (;;) {
        if (n + 1 >= cap) {
            char *nb = realloc(b, cap * 2);
            if (!nb) {
                e = ENOMEM;
                break;
            }
            b = nb;
            cap *= 2;
        }
        ssize_t got = read(fd, b + n, cap - n - 1);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            e = errno;
            break;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    if (!is_stdin)
        close(fd);
    if (e) {
        free(b);
        return e;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return 0;
fail_fd:
    if (!is_stdin)
        close(fd);
    return e;
}
