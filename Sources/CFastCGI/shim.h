#ifndef ALBUMEN_CFASTCGI_SHIM_H
#define ALBUMEN_CFASTCGI_SHIM_H
// fcgiapp.h is the thread-safe, request-object API; fcgi_stdio.h would redefine stdio.
#include <fcgiapp.h>
#include <sys/stat.h>
#include <sys/socket.h>
#endif
