/* env: getenv over an explicit array, so config parsing stays testable and
 * the child can search PATH without touching libc state. */
#include <string.h>

#include "fmt.h"
#include "env.h"

const char *
env_match(const char *entry, const char *name)
{
	while (*name != '\0' && *name == *entry)
		name++, entry++;
	return *name == '\0' && *entry == '=' ? entry + 1 : NULL;
}

const char *
env_get(char *const *envp, const char *name)
{
	const char *v;

	for (; envp != NULL && *envp != NULL; envp++)
		if ((v = env_match(*envp, name)) != NULL)
			return v;
	return NULL;
}
