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

#include <string.h>

/// `xmlFree` is a global function-pointer variable, which Swift 6 treats as shared mutable
/// state; this wrapper is a plain function.
static inline void gleaner_xml_free(void *pointer) {
    xmlFree(pointer);
}
#include <libxml/parserInternals.h>

/// SAX callbacks into Swift. Each returns 0 to go on, non-zero to stop the parse (a budget
/// ran out): the trampolines below then call `xmlStopParser`, libxml2's public way to end a
/// parse from inside a callback.
typedef int (*gleaner_start_fn)(void *user, const xmlChar *name, const xmlChar **attributes);
typedef int (*gleaner_end_fn)(void *user, const xmlChar *name);
typedef int (*gleaner_characters_fn)(void *user, const xmlChar *characters, int length);

/// What the trampolines need, reached through the context's `_private` field (documented
/// as the application's: libxml2 never touches it).
typedef struct {
    void *user;
    gleaner_start_fn start;
    gleaner_end_fn end;
    gleaner_characters_fn characters;
    int stopped;
} gleaner_sax_state;

static inline gleaner_sax_state *gleaner_sax_state_of(void *context) {
    return (gleaner_sax_state *)((htmlParserCtxtPtr)context)->_private;
}

static inline void gleaner_sax_stop(void *context, gleaner_sax_state *state) {
    state->stopped = 1;
    xmlStopParser((htmlParserCtxtPtr)context);
}

static inline void gleaner_sax_start(void *context, const xmlChar *name, const xmlChar **attributes) {
    gleaner_sax_state *state = gleaner_sax_state_of(context);
    if (state->stopped || state->start == NULL) return;
    if (state->start(state->user, name, attributes) != 0) gleaner_sax_stop(context, state);
}

static inline void gleaner_sax_end(void *context, const xmlChar *name) {
    gleaner_sax_state *state = gleaner_sax_state_of(context);
    if (state->stopped || state->end == NULL) return;
    if (state->end(state->user, name) != 0) gleaner_sax_stop(context, state);
}

static inline void gleaner_sax_characters(void *context, const xmlChar *characters, int length) {
    gleaner_sax_state *state = gleaner_sax_state_of(context);
    if (state->stopped || state->characters == NULL) return;
    if (state->characters(state->user, characters, length) != 0) gleaner_sax_stop(context, state);
}

/// Parses HTML with libxml2's SAX interface, reporting elements and text to the callbacks
/// instead of building libxml2's own tree (Gleaner builds a compact tree of its own). Only
/// public API: a context from `htmlNewParserCtxt`, its SAX handler table filled (a C struct
/// of many function pointers, awkward from Swift), and `htmlCtxtReadMemory`, which pins
/// `encoding` so a later <meta charset> can't switch decoding mid-document. The context is
/// the callbacks' user data, so they can stop the parser. Script and style content arrives
/// through `characters` too.
/// Returns 0 on success, 1 when a callback stopped the parse, -1 when no parser could be
/// created, -2 for an unknown encoding.
static inline int gleaner_html_sax_parse(const char *buffer, int size, const char *encoding, int options,
                                         void *user, gleaner_start_fn start, gleaner_end_fn end,
                                         gleaner_characters_fn characters) {
    if (encoding != NULL) {
        // htmlCtxtReadMemory ignores an encoding it cannot find; the caller wants to know.
        xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(encoding);
        if (handler == NULL) return -2;
        xmlCharEncCloseFunc(handler);
    }
    htmlParserCtxtPtr context = htmlNewParserCtxt();
    if (context == NULL || context->sax == NULL) {
        if (context != NULL) htmlFreeParserCtxt(context);
        return -1;
    }
    gleaner_sax_state state = {user, start, end, characters, 0};
    memset(context->sax, 0, sizeof(*context->sax));
    context->sax->startElement = gleaner_sax_start;
    context->sax->endElement = gleaner_sax_end;
    context->sax->characters = gleaner_sax_characters;
    context->sax->ignorableWhitespace = gleaner_sax_characters;
    context->sax->cdataBlock = gleaner_sax_characters;
    context->_private = &state;
    htmlDocPtr document = htmlCtxtReadMemory(context, buffer, size, NULL, encoding, options);
    if (document != NULL) xmlFreeDoc(document);
    htmlFreeParserCtxt(context);
    return state.stopped ? 1 : 0;
}

#endif
