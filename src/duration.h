/* duration: "500ms", "5s", "2m" or plain seconds "7" -> milliseconds.
 * Pure. */
#ifndef DURATION_H
#define DURATION_H

/* Longest accepted duration: what fits a signed 32-bit millisecond count
 * (24.8 days), far beyond any container stop timeout. */
#define DURATION_MAX_MS	2147483647UL

/* 0 on success with *ms set; -1 if s is not a duration or is too long. */
int	duration_parse(const char *s, unsigned long *ms);

#endif
