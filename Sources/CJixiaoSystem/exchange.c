#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
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

int jixiao_open_spare(const char *path) {
#if defined(__linux__)
    int fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return -1;
    struct stat st;
    int ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1 && st.st_size > 0;
    // A write lease is granted only while no other descriptor or mapping has the file.
    if (ok) {
        ok = fcntl(fd, F_SETLEASE, F_WRLCK) == 0;
        if (ok) fcntl(fd, F_SETLEASE, F_UNLCK);
    }
    // Every page in memory: writing over one the disk holds would read it back first.
    if (ok) {
        long page = sysconf(_SC_PAGESIZE);
        size_t pages = ((size_t)st.st_size + (size_t)page - 1) / (size_t)page;
        void *mapped = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
        unsigned char *resident = malloc(pages);
        ok = mapped != MAP_FAILED && resident != NULL && mincore(mapped, (size_t)st.st_size, resident) == 0;
        for (size_t i = 0; ok && i < pages; i++) ok = resident[i] & 1;
        free(resident);
        if (mapped != MAP_FAILED) munmap(mapped, (size_t)st.st_size);
    }
    if (!ok) {
        close(fd);
        return -1;
    }
    return fd;
#else
    (void)path;
    return -1;
#endif
}

int jixiao_format_fixed(char *buffer, unsigned long size, int digits, double value) {
    return snprintf(buffer, size, "%.*f", digits, value);
}
