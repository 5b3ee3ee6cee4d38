#ifndef GLEANER_CCURL_H
#define GLEANER_CCURL_H

// libcurl, loaded when first used (CurlLoader.c): the `curl_*` functions Gleaner calls are
// defined there and forward to the system's libcurl.so.4, opened with dlopen on the first
// call. Linked the usual way, libcurl and the ~25 libraries it pulls in (GnuTLS, Kerberos,
// LDAP, SSH, …) were loaded and relocated at every start: `gleaner extract` (which never
// fetches) started in 22.6 ms instead of 17.9, and its peak RSS over 1,102 pages was 48.3 MB
// instead of 43.7 (shipped build, Debian 12).
//
// curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are C variadic functions (and,
// with GCC/clang, type-checking macros); Swift can import neither. Each typed wrapper below
// passes exactly one argument kind, so the compiler checks what Swift hands to libcurl.
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

/// libcurl's variadic functions, as the loader resolved them (stubs returning an error
/// until it has: only a handle from a loaded libcurl reaches them).
extern CURLcode (*gleaner_curl_easy_setopt)(CURL *handle, CURLoption option, ...);
extern CURLcode (*gleaner_curl_easy_getinfo)(CURL *handle, CURLINFO info, ...);
extern CURLMcode (*gleaner_curl_multi_setopt)(CURLM *multi, CURLMoption option, ...);

/// Why libcurl could not be loaded (dlopen's message, or a missing function), or NULL once
/// it is loaded. Loads it if that has not been tried yet.
const char *gleaner_curl_load_error(void);

// MARK: - curl_easy_setopt

/// Options of type `long` (flags, counts, milliseconds).
static inline CURLcode gleaner_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return gleaner_curl_easy_setopt(handle, option, value);
}

/// Options of type `char *`; libcurl copies the string (all options Gleaner uses do).
static inline CURLcode gleaner_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return gleaner_curl_easy_setopt(handle, option, value);
}

/// Options of type `void *`: user data for callbacks, CURLOPT_PRIVATE, CURLOPT_ERRORBUFFER.
static inline CURLcode gleaner_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return gleaner_curl_easy_setopt(handle, option, value);
}

/// Options of type `curl_off_t` (the `_LARGE` size options).
static inline CURLcode gleaner_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return gleaner_curl_easy_setopt(handle, option, value);
}

/// Options of type `struct curl_slist *` (extra request headers).
static inline CURLcode gleaner_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return gleaner_curl_easy_setopt(handle, option, value);
}

/// CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION.
static inline CURLcode gleaner_easy_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback callback) {
    return gleaner_curl_easy_setopt(handle, option, callback);
}

/// CURLOPT_OPENSOCKETFUNCTION.
static inline CURLcode gleaner_easy_setopt_opensocket_callback(CURL *handle, curl_opensocket_callback callback) {
    return gleaner_curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, callback);
}

/// CURLOPT_DEBUGFUNCTION: sees each request head as sent (archiving exchanges to WARC).
static inline CURLcode gleaner_easy_setopt_debug_callback(CURL *handle, curl_debug_callback callback) {
    return gleaner_curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, callback);
}

/// CURLOPT_XFERINFOFUNCTION.
static inline CURLcode gleaner_easy_setopt_xferinfo_callback(CURL *handle, curl_xferinfo_callback callback) {
    return gleaner_curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

// MARK: - curl_easy_getinfo

static inline CURLcode gleaner_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return gleaner_curl_easy_getinfo(handle, info, value);
}

static inline CURLcode gleaner_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return gleaner_curl_easy_getinfo(handle, info, value);
}

/// The string stays owned by libcurl and valid until the handle is cleaned up or reused.
static inline CURLcode gleaner_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return gleaner_curl_easy_getinfo(handle, info, (char **)value);
}

static inline CURLcode gleaner_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return gleaner_curl_easy_getinfo(handle, info, value);
}

/// CURLINFO_PRIVATE: the pointer stored with CURLOPT_PRIVATE.
static inline CURLcode gleaner_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return gleaner_curl_easy_getinfo(handle, info, (char **)value);
}

// MARK: - curl_multi_setopt

static inline CURLMcode gleaner_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return gleaner_curl_multi_setopt(multi, option, value);
}

static inline CURLMcode gleaner_multi_setopt_pointer(CURLM *multi, CURLMoption option, void *value) {
    return gleaner_curl_multi_setopt(multi, option, value);
}

// MARK: - Macros Swift cannot import

/// CURL_GLOBAL_ALL is an expression macro.
static const long gleaner_curl_global_all = CURL_GLOBAL_ALL;

/// CURLVERSION_NOW aliases the newest CURLversion constant.
static const CURLversion gleaner_curlversion_now = CURLVERSION_NOW;

/// The message kind of a finished transfer in curl_multi_info_read.
static const CURLMSG gleaner_curlmsg_done = CURLMSG_DONE;

/// `msg->data.result` lives in a union Swift imports awkwardly.
static inline CURLcode gleaner_curlmsg_result(const CURLMsg *message) {
    return message->data.result;
}

#endif
