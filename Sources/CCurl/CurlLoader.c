// libcurl on demand: the `curl_*` functions Gleaner uses, each forwarding to the system's
// libcurl.so.4, which is opened (dlopen) the first time any of them is called. Commands that
// never fetch (`extract`, `validate`, WARC work) never load libcurl nor what it links.
// See CCurl.h for why.
//
// Each forwarder is defined under libcurl's own symbol with its parameters and result, so
// Swift code calls libcurl as before. Before a successful load the forwarders answer as
// libcurl does when it cannot start: NULL handles, CURLE_FAILED_INIT, and error strings that
// carry the loader's message.
//
// The header's own declarations of the functions defined here are renamed out of the way:
// their spelling varies between libcurl releases (`curl_url_get` takes a `const CURLU *` in
// later ones), the symbols and their calling convention do not, and only the symbols matter
// to the callers.
#define curl_global_init gleaner_header_curl_global_init
#define curl_version gleaner_header_curl_version
#define curl_version_info gleaner_header_curl_version_info
#define curl_easy_init gleaner_header_curl_easy_init
#define curl_easy_strerror gleaner_header_curl_easy_strerror
#define curl_multi_init gleaner_header_curl_multi_init
#define curl_multi_cleanup gleaner_header_curl_multi_cleanup
#define curl_multi_add_handle gleaner_header_curl_multi_add_handle
#define curl_multi_remove_handle gleaner_header_curl_multi_remove_handle
#define curl_multi_perform gleaner_header_curl_multi_perform
#define curl_multi_poll gleaner_header_curl_multi_poll
#define curl_multi_wakeup gleaner_header_curl_multi_wakeup
#define curl_multi_info_read gleaner_header_curl_multi_info_read
#define curl_multi_strerror gleaner_header_curl_multi_strerror
#define curl_slist_append gleaner_header_curl_slist_append
#define curl_url gleaner_header_curl_url
#define curl_url_set gleaner_header_curl_url_set
#define curl_url_get gleaner_header_curl_url_get
#define curl_url_strerror gleaner_header_curl_url_strerror
#define curl_easy_cleanup gleaner_header_curl_easy_cleanup
#define curl_slist_free_all gleaner_header_curl_slist_free_all
#define curl_free gleaner_header_curl_free
#define curl_url_cleanup gleaner_header_curl_url_cleanup
#include "CCurl.h"
#undef curl_global_init
#undef curl_version
#undef curl_version_info
#undef curl_easy_init
#undef curl_easy_strerror
#undef curl_multi_init
#undef curl_multi_cleanup
#undef curl_multi_add_handle
#undef curl_multi_remove_handle
#undef curl_multi_perform
#undef curl_multi_poll
#undef curl_multi_wakeup
#undef curl_multi_info_read
#undef curl_multi_strerror
#undef curl_slist_append
#undef curl_url
#undef curl_url_set
#undef curl_url_get
#undef curl_url_strerror
#undef curl_easy_cleanup
#undef curl_slist_free_all
#undef curl_free
#undef curl_url_cleanup

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

// name, return type, parameters, arguments, the answer while libcurl is not loaded
#define GLEANER_CURL_FUNCTIONS(X) \
    X(curl_global_init, CURLcode, (long flags), (flags), CURLE_FAILED_INIT) \
    X(curl_version, char *, (void), (), unavailable) \
    X(curl_version_info, curl_version_info_data *, (CURLversion stamp), (stamp), NULL) \
    X(curl_easy_init, CURL *, (void), (), NULL) \
    X(curl_easy_strerror, const char *, (CURLcode code), (code), unavailable) \
    X(curl_multi_init, CURLM *, (void), (), NULL) \
    X(curl_multi_cleanup, CURLMcode, (CURLM *multi), (multi), CURLM_BAD_HANDLE) \
    X(curl_multi_add_handle, CURLMcode, (CURLM *multi, CURL *handle), (multi, handle), CURLM_BAD_HANDLE) \
    X(curl_multi_remove_handle, CURLMcode, (CURLM *multi, CURL *handle), (multi, handle), CURLM_BAD_HANDLE) \
    X(curl_multi_perform, CURLMcode, (CURLM *multi, int *running), (multi, running), CURLM_BAD_HANDLE) \
    X(curl_multi_poll, CURLMcode, \
      (CURLM *multi, struct curl_waitfd extra[], unsigned int count, int timeout, int *woken), \
      (multi, extra, count, timeout, woken), CURLM_BAD_HANDLE) \
    X(curl_multi_wakeup, CURLMcode, (CURLM *multi), (multi), CURLM_BAD_HANDLE) \
    X(curl_multi_info_read, CURLMsg *, (CURLM *multi, int *queued), (multi, queued), NULL) \
    X(curl_multi_strerror, const char *, (CURLMcode code), (code), unavailable) \
    X(curl_slist_append, struct curl_slist *, (struct curl_slist *list, const char *text), (list, text), NULL) \
    X(curl_url, CURLU *, (void), (), NULL) \
    X(curl_url_set, CURLUcode, (CURLU *url, CURLUPart part, const char *text, unsigned int flags), \
      (url, part, text, flags), CURLUE_BAD_HANDLE) \
    X(curl_url_get, CURLUcode, (const CURLU *url, CURLUPart part, char **text, unsigned int flags), \
      (url, part, text, flags), CURLUE_BAD_HANDLE) \
    X(curl_url_strerror, const char *, (CURLUcode code), (code), unavailable)

// Functions without a result: nothing to do while libcurl is not loaded.
#define GLEANER_CURL_PROCEDURES(X) \
    X(curl_easy_cleanup, (CURL *handle), (handle)) \
    X(curl_slist_free_all, (struct curl_slist *list), (list)) \
    X(curl_free, (void *pointer), (pointer)) \
    X(curl_url_cleanup, (CURLU *url), (url))

static char unavailable[320] = "libcurl is not loaded";
static int loaded;
static pthread_once_t loading = PTHREAD_ONCE_INIT;

#define GLEANER_POINTER(name, result, parameters, arguments, fallback) static result(*real_##name) parameters;
#define GLEANER_PROCEDURE_POINTER(name, parameters, arguments) static void(*real_##name) parameters;
GLEANER_CURL_FUNCTIONS(GLEANER_POINTER)
GLEANER_CURL_PROCEDURES(GLEANER_PROCEDURE_POINTER)

static CURLcode missing_easy_option(CURL *handle, CURLoption option, ...) {
    (void)handle; (void)option;
    return CURLE_FAILED_INIT;
}
static CURLcode missing_easy_info(CURL *handle, CURLINFO info, ...) {
    (void)handle; (void)info;
    return CURLE_FAILED_INIT;
}
static CURLMcode missing_multi_option(CURLM *multi, CURLMoption option, ...) {
    (void)multi; (void)option;
    return CURLM_BAD_HANDLE;
}
CURLcode (*gleaner_curl_easy_setopt)(CURL *, CURLoption, ...) = missing_easy_option;
CURLcode (*gleaner_curl_easy_getinfo)(CURL *, CURLINFO, ...) = missing_easy_info;
CURLMcode (*gleaner_curl_multi_setopt)(CURLM *, CURLMoption, ...) = missing_multi_option;

/// dlsym into `slot`; on failure records which function the library lacks.
static int resolve(void *library, const char *name, void **slot) {
    *slot = dlsym(library, name);
    if (*slot == NULL) {
        snprintf(unavailable, sizeof unavailable, "libcurl.so.4 has no %s (libcurl 7.80 or newer is needed)", name);
        return 0;
    }
    return 1;
}

static void load(void) {
    // RTLD_LOCAL: libcurl's symbols stay out of the global scope, so they cannot interpose
    // on the forwarders below (or the reverse) for anything else loaded later.
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(unavailable, sizeof unavailable, "libcurl could not be loaded: %s (Debian: apt-get install libcurl4)",
                 reason ? reason : "libcurl.so.4 not found");
        return;
    }
    int ok = 1;
#define GLEANER_RESOLVE(name, ...) ok = ok && resolve(library, #name, (void **)&real_##name);
    GLEANER_CURL_FUNCTIONS(GLEANER_RESOLVE)
    GLEANER_CURL_PROCEDURES(GLEANER_RESOLVE)
    void *easy_setopt = NULL, *easy_getinfo = NULL, *multi_setopt = NULL;
    ok = ok && resolve(library, "curl_easy_setopt", &easy_setopt);
    ok = ok && resolve(library, "curl_easy_getinfo", &easy_getinfo);
    ok = ok && resolve(library, "curl_multi_setopt", &multi_setopt);
    if (!ok) {
        dlclose(library);
        return;
    }
    gleaner_curl_easy_setopt = (CURLcode(*)(CURL *, CURLoption, ...))easy_setopt;
    gleaner_curl_easy_getinfo = (CURLcode(*)(CURL *, CURLINFO, ...))easy_getinfo;
    gleaner_curl_multi_setopt = (CURLMcode(*)(CURLM *, CURLMoption, ...))multi_setopt;
    loaded = 1;
}

static int ready(void) {
    pthread_once(&loading, load);
    return loaded;
}

const char *gleaner_curl_load_error(void) {
    return ready() ? NULL : unavailable;
}

#define GLEANER_FORWARD(name, result, parameters, arguments, fallback) \
    result name parameters { return ready() ? real_##name arguments : (fallback); }
GLEANER_CURL_FUNCTIONS(GLEANER_FORWARD)

#define GLEANER_FORWARD_PROCEDURE(name, parameters, arguments) \
    void name parameters { if (ready()) real_##name arguments; }
GLEANER_CURL_PROCEDURES(GLEANER_FORWARD_PROCEDURE)
