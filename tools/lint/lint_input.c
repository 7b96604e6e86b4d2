/* lint_input.c - read a whole input: a regular file, or standard input
 * for "-", at most a given size (the library's reader, with errno as the
 * result). */
#include "lint.h"
#include "campaign/jsv.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int lint_read_file(const char *path, size_t max, char **buf, size_t *len)
{
    char *b = strcmp(path, "-") == 0 ? jsv_read_fd(STDIN_FILENO, max, len) : jsv_read_regular_file(path, max, len);
    if (!b)
        return errno ? errno : EIO;
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
