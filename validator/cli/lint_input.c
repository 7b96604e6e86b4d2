/* lint_input.c - read a whole input: a regular file, or standard input
 * for "-", at most a given size (the library's reader, with errno as the
 * result). */
#include "lint.h"
#include "jsv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A file that is not regular: opened without blocking (a FIFO with no
 * writer would hang the open) and refused. */
static int open_regular(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int e = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

int lint_read_file(const char *path, size_t max, char **buf, size_t *len)
{
    int stdin_ = strcmp(path, "-") == 0, fd = stdin_ ? STDIN_FILENO : open_regular(path);
    char *b = fd < 0 ? NULL : jsv_read_fd(fd, max, len);
    int e = errno;
    if (!stdin_ && fd >= 0)
        close(fd);
    if (!b)
        return e ? e : EIO;
    *buf = b;
    return 0;
}

const char *lint_read_error(int err, size_t max, char *out, size_t size)
{
    if (err == EINVAL)
        return "not a regular file (only files and - for standard input are read)";
    if (err == EFBIG) {
        snprintf(out, size, "larger than %zu bytes (--max-size)", max);
        return out;
    }
    return strerror(err);
}
