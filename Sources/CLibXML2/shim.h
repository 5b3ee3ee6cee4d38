#ifndef GLEANER_CLIBXML2_SHIM_H
#define GLEANER_CLIBXML2_SHIM_H
/*
 * Debian's libxml2 is built with ICU support and its headers then include the system
 * <unicode/ucnv.h>. Foundation ships its own ICU module, so a Swift module that sees both
 * fails a clean build with "'UErrorCode' has different definitions in different modules".
 * Gleaner never uses libxml2's ICU-specific API, so hide it before any other libxml header.
 */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/encoding.h>

/// A generic error handler that drops libxml2's stderr messages (the function type is
/// variadic, so it cannot be written in Swift). Errors still reach xmlGetLastError().
static inline void gleanerIgnoreLibxml2Error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

/// Installs `gleanerIgnoreLibxml2Error` as the calling thread's generic error handler.
static inline void gleaner_silence_libxml2(void) {
    xmlSetGenericErrorFunc(NULL, gleanerIgnoreLibxml2Error);
    xmlSetStructuredErrorFunc(NULL, NULL);
}

#endif
