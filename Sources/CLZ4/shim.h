#ifndef GLEANER_CLZ4_SHIM_H
#define GLEANER_CLZ4_SHIM_H
/// LZ4 frame decoding: `.warc.lz4` web archives (one LZ4 frame per record, as FastWARC
/// writes them).
#include <lz4frame.h>
#endif
