#define _GNU_SOURCE
#include "CSoothePOSIX.h"

#include <errno.h>
#include <fcntl.h>

int soothe_reserve_space(int fd, long long length) {
#ifdef __linux__
    return fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, (off_t)length);
#else
    (void)fd;
    (void)length;
    errno = EOPNOTSUPP;
    return -1;
#endif
}
