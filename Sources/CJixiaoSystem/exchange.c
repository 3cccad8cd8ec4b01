#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
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
