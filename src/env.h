/* env: lookups in a NULL-terminated environment array. Pure. */
#ifndef ENV_H
#define ENV_H

/* The value of name in envp, or NULL. */
const char	*env_get(char *const *envp, const char *name);

/* The value if entry is "name=value", else NULL. */
const char	*env_match(const char *entry, const char *name);

#endif
