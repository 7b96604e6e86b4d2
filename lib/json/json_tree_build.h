/* json_tree_build.h - making and linking the nodes of a parsed tree, for
 * the two builders of one (json_parse.c from text, json_tape_tree.c from a
 * tape; internal to the library). */
#ifndef JSON_TREE_BUILD_H
#define JSON_TREE_BUILD_H

#include <limits.h>
#include <string.h>
#include "arena.h"
#include "json_parse.h"

/* A zeroed node from mem, or NULL when out of memory. */
static inline json_node *tree_node_new(arena *mem)
{
    json_node *n = arena_alloc(mem, sizeof *n);
    if (n) memset(n, 0, sizeof *n);
    return n;
}

/* Append n as parent's last child, linked as cJSON links its own: the
 * first child's prev points at the last child (cJSON appends through it),
 * the last child's next is NULL. */
static inline void tree_link_child(json_node *parent, json_node *n)
{
    cJSON *first = parent->item.child;
    if (!first) {
        parent->item.child = &n->item;
        n->item.prev = &n->item;
    } else {
        cJSON *last = first->prev;
        last->next = &n->item;
        n->item.prev = last;
        first->prev = &n->item;
    }
}

/* A number's valueint as cJSON sets it: d clamped to int. */
static inline int tree_number_int(double d)
{
    if (d >= INT_MAX) return INT_MAX;
    if (d <= (double)INT_MIN) return INT_MIN;
    return (int)d;
}

#endif
