/* mem: memcpy and memset for the cross builds whose musl has only its
 * generic C ones (mk/cross.mk). Must never call memcpy or memset itself. */
#include <stddef.h>
#include <string.h>

/*
 * musl's generic memcpy and memset, word-at-a-time and unrolled, are about
 * 1.5 KiB on mips64el and ppc64el; musl itself calls them at start (the TLS
 * image, the auxiliary vector) and init-lite only for a few small buffers
 * and structures, so a byte loop is enough. The linker takes these before
 * libc.a's. gcc and clang would turn each loop back into a call to itself
 * (loop distribution, loop idiom recognition): stores through a volatile
 * pointer are never turned into a call, with either compiler.
 */
__attribute__((used)) void *
memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	volatile unsigned char *d = dst;
	const unsigned char *s = src;

	while (n-- > 0)
		*d++ = *s++;
	return dst;
}

__attribute__((used)) void *
memset(void *dst, int c, size_t n)
{
	volatile unsigned char *d = dst;

	while (n-- > 0)
		*d++ = (unsigned char)c;
	return dst;
}
