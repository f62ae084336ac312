/* env: getenv over an explicit array, so config parsing stays testable and
 * the child can search PATH without touching libc state. */
#include <string.h>

#include "fmt.h"
#include "env.h"

const char *
env_get(char *const *envp, const char *name)
{
	size_t len = fmt_strlen(name);

	for (; envp != NULL && *envp != NULL; envp++)
		if (strncmp(*envp, name, len) == 0 && (*envp)[len] == '=')
			return *envp + len + 1;
	return NULL;
}
