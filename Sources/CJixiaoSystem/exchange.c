#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "jixiao_system.h"
#if defined(__GLIBC__)
#include <malloc.h>
#endif

int jixiao_exchange(const char *a, const char *b) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    (void)a;
    (void)b;
    errno = ENOSYS;
    return -1;
#endif
}

void jixiao_release_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

long long jixiao_copy_range(int from, long long *offset, int to, unsigned long long length) {
#if defined(__linux__)
    off64_t at = (off64_t)*offset;
    ssize_t n = copy_file_range(from, &at, to, NULL, (size_t)length, 0);
    if (n > 0) *offset = (long long)at;
    return (long long)n;
#else
    (void)from; (void)offset; (void)to; (void)length;
    errno = ENOSYS;
    return -1;
#endif
}
