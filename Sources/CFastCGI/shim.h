#ifndef ALBUMEN_CFASTCGI_SHIM_H
#define ALBUMEN_CFASTCGI_SHIM_H
// fcgiapp.h is the thread-safe, request-object API; fcgi_stdio.h would redefine stdio.
#include <fcgiapp.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <malloc.h>

// Swift's Glibc module leaves out mallopt: the server's memory settings (FastCGIServer.run).
static inline int albumen_set_mmap_threshold(int bytes) { return mallopt(M_MMAP_THRESHOLD, bytes); }
static inline int albumen_set_trim_threshold(int bytes) { return mallopt(M_TRIM_THRESHOLD, bytes); }
#endif
