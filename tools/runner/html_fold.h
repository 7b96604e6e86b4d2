/* html_fold.h - long text folded, so a report shows the part that
 * matters and keeps the rest one click away (no script needed). */
#ifndef HTML_FOLD_H
#define HTML_FOLD_H

#include <stddef.h>
#include "campaign/strbuf.h"

/* Append html (escaped text for a <pre> whose only tags are <mark ...>
 * and </mark>, as json_html.h writes it) to b as <pre> blocks.  Up to
 * fold + fold/4 lines it is one <pre>.  Longer, fold lines are shown: the
 * first ones, or, when the first <mark> opens on a line that would not be
 * among them, the lines from a few before it; the lines before and after
 * the shown ones are each in a closed <details class="fold"> whose summary
 * says which lines it holds.  A mark a fold cuts is closed at the cut and
 * opened again (without its id, which stays unique) after it. */
void ct_html_fold(strbuf *b, const char *html, size_t fold);

#endif
