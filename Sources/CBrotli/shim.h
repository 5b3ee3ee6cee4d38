#ifndef GLEANER_CBROTLI_SHIM_H
#define GLEANER_CBROTLI_SHIM_H
/// Brotli decoding (Content-Encoding: br) for payloads stored as sent in WARC files.
#include <brotli/decode.h>
#endif
