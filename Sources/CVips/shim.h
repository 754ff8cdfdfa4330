#ifndef ALBUMEN_CVIPS_SHIM_H
#define ALBUMEN_CVIPS_SHIM_H
#include <vips/vips.h>

// VIPS_INIT is a function-like macro and Swift does not import those: wrap it.
static inline int albumen_vips_init(const char *argv0) { return VIPS_INIT(argv0); }
#endif
