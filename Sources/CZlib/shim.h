#ifndef GLEANER_CZLIB_SHIM_H
#define GLEANER_CZLIB_SHIM_H
#include <zlib.h>

/// `inflateInit2` is a macro Swift cannot import; this function stands in for it.
static inline int gleaner_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

/// `deflateInit2` is a macro too: the WARC writer compresses each record as its own gzip member.
static inline int gleaner_deflateInit2(z_streamp stream, int level, int windowBits) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
#endif
