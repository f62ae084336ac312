/* errtext: errno -> a short reason, for the few errors init-lite reports.
 * Pure. Stands in for strerror, whose full table is ~2 KiB of the budget. */
#ifndef ERRTEXT_H
#define ERRTEXT_H

#include <stddef.h>

/* The reason for err, or "error N" in buf (at least 24 bytes) when err is
 * not one of those init-lite can meet. Returns the text to print. */
const char	*errtext(int err, char *buf, size_t len);

#endif
