/* locate.c - finding a tool's data beside its executable (locate.h). */
#include "campaign/locate.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int usable(const char *path, int want_dir)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    return want_dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode) && access(path, R_OK) == 0;
}

/* The running executable's directory into dir (size n): 0, or -1 when
 * it cannot be known (no /proc). */
static int exe_dir(char *dir, size_t n)
{
    ssize_t len = readlink("/proc/self/exe", dir, n - 1);
    if (len <= 0 || (size_t)len >= n - 1)
        return -1;
    dir[len] = '\0';
    char *slash = strrchr(dir, '/');
    if (!slash)
        return -1;
    *(slash == dir ? slash + 1 : slash) = '\0';
    return 0;
}

/* Append ", path" (or "path" first) to the tried list, cut at its size. */
static void tried_add(char *tried, size_t size, const char *path)
{
    size_t used = strlen(tried);
    if (used + 1 < size)
        snprintf(tried + used, size - used, "%s%s", used ? ", " : "", path);
}

/* 1 when candidate is usable (copied to out), else 0 and listed as tried. */
static int try_path(const locate_spec *s, const char *candidate, char *out, size_t n, char *tried, size_t tsize)
{
    if (strlen(candidate) < n && usable(candidate, s->want_dir)) {
        memcpy(out, candidate, strlen(candidate) + 1);
        return 1;
    }
    tried_add(tried, tsize, candidate);
    return 0;
}

int locate_data(const locate_spec *s, char *out, size_t n, char *err, size_t errlen)
{
    const char *env = s->env ? getenv(s->env) : NULL;
    if (env && *env && strlen(env) < n) {
        memcpy(out, env, strlen(env) + 1);
        return LOCATE_ENV;
    }
    char tried[1024] = "";
    char dir[PATH_MAX];
    if (exe_dir(dir, sizeof dir) == 0)
        for (size_t i = 0; s->beside && s->beside[i]; i++) {
            char candidate[PATH_MAX + 256];
            if (snprintf(candidate, sizeof candidate, "%s/%s", dir, s->beside[i]) >= (int)sizeof candidate)
                continue;
            if (try_path(s, candidate, out, n, tried, sizeof tried))
                return LOCATE_FOUND;
        }
    if (s->cwd && try_path(s, s->cwd, out, n, tried, sizeof tried))
        return LOCATE_FOUND;
    if (err && errlen)
        snprintf(err, errlen, "cannot find %s: tried %s; use %s or set %s", s->what, tried[0] ? tried : "nothing",
                 s->option, s->env);
    return LOCATE_NONE;
}
