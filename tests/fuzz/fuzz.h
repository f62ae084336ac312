/* fuzz.h: what every libFuzzer target of tests/fuzz/ shares: the entry
 * point's prototype, a check that aborts with a message (libFuzzer then
 * saves the input as a crash), and a NUL-terminated copy of the input. */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property that does not hold is a finding, like a crash. */
#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		(void)fprintf(stderr, "%s:%d: property failed: %s: ",	\
		    __FILE__, __LINE__, #cond);				\
		(void)fprintf(stderr, __VA_ARGS__);			\
		(void)fputc('\n', stderr);				\
		abort();						\
	}								\
} while (0)

/* The input as a C string in its own heap block (so ASan sees any read
 * past its end); an embedded NUL ends the string there, as in argv. */
static inline char *
fuzz_cstring(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
