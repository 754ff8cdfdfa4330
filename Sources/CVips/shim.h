#ifndef ALBUMEN_CVIPS_SHIM_H
#define ALBUMEN_CVIPS_SHIM_H
#include <vips/vips.h>

// VIPS_INIT is a function-like macro and most vips operations are variadic; Swift imports
// neither, so each call Albumen makes has a fixed-argument wrapper here.

static inline int albumen_vips_init(const char *argv0) { return VIPS_INIT(argv0); }

/// Opens a file for its header only: pixels are decoded later, if at all.
static inline VipsImage *albumen_vips_open_header(const char *path) {
    return vips_image_new_from_file(path, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
}

/// Shrink-on-load thumbnail into a box, never upscaling, orientation applied; a truncated or
/// corrupt file fails instead of being padded with grey.
static inline int albumen_vips_thumbnail(const char *path, VipsImage **out, int width, int height) {
    return vips_thumbnail(path, out, width, "height", height, "size", VIPS_SIZE_DOWN,
                          "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
}

/// JPEG without any metadata (EXIF, GPS, XMP, ICC are stripped).
static inline int albumen_vips_jpegsave(VipsImage *in, const char *path, int quality) {
    return vips_jpegsave(in, path, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, NULL);
}

/// WebP without any metadata, its alpha kept: the thumbnail of a picture that may be transparent.
static inline int albumen_vips_webpsave(VipsImage *in, const char *path, int quality) {
    return vips_webpsave(in, path, "Q", quality, "strip", TRUE, NULL);
}

static inline int albumen_vips_gaussblur(VipsImage *in, VipsImage **out, double sigma) {
    return vips_gaussblur(in, out, sigma, NULL);
}

static inline void albumen_vips_unref(VipsImage *image) { g_object_unref(image); }
#endif
