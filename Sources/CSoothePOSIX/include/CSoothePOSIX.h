// What Swift cannot reach on its own: the ancillary-data macros (CMSG_*), and the calls glibc
// declares only under _GNU_SOURCE. Used by SoothePOSIX alone.
#ifndef CSOOTHE_POSIX_H
#define CSOOTHE_POSIX_H

#include <sys/types.h>

/// sendmsg(2) of `length` bytes from `bytes` over the Unix socket `socket`, with `descriptor`
/// attached (SCM_RIGHTS) unless it is negative, without raising SIGPIPE. sendmsg's result.
ssize_t soothe_send_with_descriptor(int socket, const void *bytes, size_t length, int descriptor);

/// recvmsg(2) of up to `length` bytes from `socket` into `bytes`. `*descriptor` is set to the
/// first descriptor attached to them (close-on-exec), or -1; any further ones are closed.
/// recvmsg's result.
ssize_t soothe_receive_with_descriptor(int socket, void *bytes, size_t length, int *descriptor);

/// pipe2(2) with O_CLOEXEC.
int soothe_pipe_cloexec(int ends[2]);

/// posix_spawn(2) of `path` with `arguments` and `environment` (NULL-terminated): `passed`
/// becomes descriptor 3, standard input is /dev/null, standard output and error are inherited,
/// every other descriptor is closed; every signal has its default action and none is blocked;
/// the process leads a process group of its own. posix_spawn's result (0 or an errno value).
int soothe_spawn(pid_t *pid, const char *path, char *const arguments[], char *const environment[], int passed);

/// Allocates disk blocks for the first `length` bytes of `fd` without changing its size
/// (Linux fallocate(2) with FALLOC_FL_KEEP_SIZE), so writes up to there find their blocks
/// ready. 0, or -1 with errno (EOPNOTSUPP where the system or file system has no such call).
int soothe_reserve_space(int fd, long long length);

#endif
