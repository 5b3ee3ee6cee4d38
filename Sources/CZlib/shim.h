#ifndef GLEANER_CZLIB_SHIM_H
#define GLEANER_CZLIB_SHIM_H
#include <zlib.h>

/// `inflateInit2` is a macro Swift cannot import; this function stands in for it.
static inline int gleaner_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
#endif
