/* dir.c - listing one directory (see dir.h). */
#include "dir.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void dir_list_free(dir_list *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->n; i++) free(l->v[i].name);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static int wanted(const char *name, const char *suffix)
{
    size_t n = strlen(name), m = suffix ? strlen(suffix) : 0;
    return n > m && strcmp(name + n - m, suffix ? suffix : "") == 0;
}

/* What stat() says name in the directory open as d is, following links. */
static enum dir_kind kind_of(DIR *d, const char *name)
{
    struct stat st;
    if (fstatat(dirfd(d), name, &st, 0) != 0) return DIR_KIND_GONE;
    return S_ISREG(st.st_mode) ? DIR_KIND_FILE : S_ISDIR(st.st_mode) ? DIR_KIND_DIR : DIR_KIND_OTHER;
}

static int push(dir_list *l, size_t *cap, const char *name, enum dir_kind kind)
{
    if (l->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        dir_entry *v = realloc(l->v, ncap * sizeof *v);
        if (!v) return -1;
        l->v = v;
        *cap = ncap;
    }
    if (!(l->v[l->n].name = strdup(name))) return -1;
    l->v[l->n++].kind = kind;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const dir_entry *)a)->name, ((const dir_entry *)b)->name);
}

int dir_list_read(const char *dir, const char *suffix, unsigned flags, dir_list *out)
{
    size_t cap = 0;
    struct dirent *e;
    out->v = NULL;
    out->n = 0;
    DIR *d = opendir(dir);
    if (!d) return DIR_LIST_CANNOT_OPEN;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        int match = wanted(e->d_name, suffix);
        if (!match && !(flags & DIR_LIST_SUBDIRS)) continue;
        enum dir_kind kind = kind_of(d, e->d_name);
        if (!match && kind != DIR_KIND_DIR) continue;
        if (push(out, &cap, e->d_name, kind) != 0) {
            closedir(d);
            dir_list_free(out);
            return DIR_LIST_NO_MEMORY;
        }
    }
    closedir(d);
    if (out->n > 1) qsort(out->v, out->n, sizeof *out->v, by_name);
    return 0;
}
