#ifndef GLEANER_COPENSSL_SHIM_H
#define GLEANER_COPENSSL_SHIM_H
/// The system OpenSSL's libcrypto (the library libcurl already links): message digests
/// (SHA-256 for content hashes, SHA-1 for WARC digests) without compiling a crypto library.
///
/// Through the low-level SHA*_Init/Update/Final functions, not the one-shot `SHA256()`: in
/// OpenSSL 3 that one goes through `EVP_Q_digest`, which on a process's first call sets up
/// the library context, reads openssl.cnf and loads the default provider (about 2 ms and
/// 1.7 MB of resident memory, measured on Debian 12), then looks the algorithm up by name
/// on every call. The low-level functions are deprecated in 3.0 but built and kept by
/// Debian; they run the same block functions, so digests are unchanged.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <stddef.h>
#include <openssl/sha.h>

static inline void gleaner_sha256(const void *bytes, size_t count, unsigned char *out) {
    SHA256_CTX context;
    SHA256_Init(&context);
    SHA256_Update(&context, bytes, count);
    SHA256_Final(out, &context);
}

static inline void gleaner_sha1(const void *bytes, size_t count, unsigned char *out) {
    SHA_CTX context;
    SHA1_Init(&context);
    SHA1_Update(&context, bytes, count);
    SHA1_Final(out, &context);
}
#endif
