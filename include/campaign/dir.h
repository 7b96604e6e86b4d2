/* dir.h - the entries of one directory, sorted, each with its kind.
 *
 * The contract's schema directory, campaign-lint's schema files,
 * jsv_registry_add_dir() and campaign-test's case discovery all list a
 * directory the same way: names starting with '.' (hidden files, "." and
 * "..") are never listed, the rest are sorted by strcmp so that loading
 * and reports do not depend on the order readdir() happens to return,
 * and each entry says what stat() (following symbolic links) found, so
 * that a caller can recurse into directories and skip what is not a
 * regular file (a FIFO named x.json would hang a reader) without a
 * second stat of its own.  Which entries to keep is the caller's; the
 * listing only narrows them to a name suffix and, when asked, the
 * directories. */
#ifndef DIR_H
#define DIR_H

#include <stddef.h>

enum dir_kind {
    DIR_KIND_FILE,   /* a regular file */
    DIR_KIND_DIR,    /* a directory */
    DIR_KIND_OTHER,  /* a FIFO, socket, device, ... */
    DIR_KIND_GONE    /* stat() failed: a dangling link, removed meanwhile, no permission */
};

typedef struct dir_entry {
    char *name;           /* the entry's name, without the directory */
    enum dir_kind kind;
} dir_entry;

/* A listing; the list owns every name.  Free with dir_list_free(). */
typedef struct dir_list {
    dir_entry *v;
    size_t n;
} dir_list;

#define DIR_LIST_CANNOT_OPEN (-1)
#define DIR_LIST_NO_MEMORY   (-2)

/* Also list every directory, whatever its name (for a recursive walk). */
#define DIR_LIST_SUBDIRS 1u

/* List dir into *out: the entries whose name does not start with '.' and
 * either ends with suffix and is longer than it (suffix NULL or "": every
 * name), or, with DIR_LIST_SUBDIRS in flags, is a directory.  Sorted by
 * name (strcmp).  Returns 0; DIR_LIST_CANNOT_OPEN when opendir() fails
 * (errno says why); DIR_LIST_NO_MEMORY when out of memory.  On failure
 * *out is empty.  *out need not be initialised; free it with
 * dir_list_free() either way. */
int dir_list_read(const char *dir, const char *suffix, unsigned flags, dir_list *out);

/* Free the names and the array; *l is left empty.  NULL-safe. */
void dir_list_free(dir_list *l);

#endif
