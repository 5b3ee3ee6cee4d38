#ifndef GLEANER_COPENSSL_SHIM_H
#define GLEANER_COPENSSL_SHIM_H
/// The system OpenSSL's libcrypto (the library libcurl already links): message digests
/// (SHA-256 for content hashes, SHA-1 for WARC digests) without compiling a crypto library.
#include <openssl/evp.h>
#include <openssl/sha.h>
#endif
