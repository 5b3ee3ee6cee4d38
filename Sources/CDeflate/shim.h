#ifndef GLEANER_CDEFLATE_SHIM_H
#define GLEANER_CDEFLATE_SHIM_H
/* libdeflate (Debian: libdeflate-dev): whole-buffer gzip decompression, 2-3x faster than
 * zlib's streaming inflate for inputs that fit in memory (GleanerInput's Gzip). */
#include <libdeflate.h>
#endif
