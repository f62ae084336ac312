/* env: lookups in a NULL-terminated environment array. Pure. */
#ifndef ENV_H
#define ENV_H

/* The value of name in envp, or NULL. */
const char	*env_get(char *const *envp, const char *name);

#endif
