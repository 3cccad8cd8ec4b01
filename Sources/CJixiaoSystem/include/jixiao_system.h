#ifndef JIXIAO_SYSTEM_H
#define JIXIAO_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set (ENOSYS/EINVAL where unsupported).
int jixiao_exchange(const char *a, const char *b);

/// Hands freed heap memory back to the system (glibc malloc_trim); a no-op elsewhere.
void jixiao_release_free_memory(void);

#endif
