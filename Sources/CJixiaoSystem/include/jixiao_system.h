#ifndef JIXIAO_SYSTEM_H
#define JIXIAO_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set (ENOSYS/EINVAL where unsupported).
int jixiao_exchange(const char *a, const char *b);

/// Hands freed heap memory back to the system (glibc malloc_trim); a no-op elsewhere.
void jixiao_release_free_memory(void);

/// Copies up to `length` bytes of `from` at `*offset` (advanced) to the current position of
/// `to`, in the kernel where it can (Linux copy_file_range). Returns the bytes copied, 0 at
/// the end of `from`, -1 with errno set (ENOSYS where unsupported: read and write instead).
long long jixiao_copy_range(int from, long long *offset, int to, unsigned long long length);

/// Opens `path` to be written over from its start, when that is safe and cheap: a regular
/// file (not a link to one) with no other name, that no process has open or mapped (Linux: a
/// write lease can be taken), whose pages are all in memory (so writing over them reads
/// nothing from the disk). Returns the descriptor (read-write), or -1 when any of that fails.
int jixiao_open_spare(const char *path);

/// Prints `value` with `digits` decimals as C's `%.*f` does into `buffer` (`size` bytes).
/// Returns what snprintf returns. (Called directly: Swift's variadic arguments look up their
/// types' conformances the first time, a scan that cost a rebuild half a percent.)
int jixiao_format_fixed(char *buffer, unsigned long size, int digits, double value);

#endif
