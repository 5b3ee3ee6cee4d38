#ifndef GLEANER_CZSTD_SHIM_H
#define GLEANER_CZSTD_SHIM_H
/// Zstandard decoding: `.warc.zst` web archives (one frame per record, optionally a
/// dictionary frame first) and `Content-Encoding: zstd` payloads stored as sent.
#include <zstd.h>
#endif
