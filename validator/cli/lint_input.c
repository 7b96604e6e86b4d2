/* lint_input.c - read a whole input: a file, or standard input for "-"
 * (the library's reader, with errno as the result). */
#include "lint.h"
#include "jsv.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

int lint_read_file(const char *path, char **buf, size_t *len)
{
    char *b = strcmp(path, "-") == 0 ? jsv_read_fd(STDIN_FILENO, 0, len) : jsv_read_file(path, len);
    if (!b)
        return errno ? errno : EIO;
    *buf = b;
    return 0;
}
