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

typedef void (*gleaner_start_fn)(void *user, const xmlChar *name, const xmlChar **attributes);
typedef void (*gleaner_end_fn)(void *user, const xmlChar *name);
typedef void (*gleaner_characters_fn)(void *user, const xmlChar *characters, int length);

/// Parses HTML with libxml2's SAX interface, reporting elements and text to the callbacks
/// instead of building libxml2's own tree (Gleaner builds a compact tree of its own). The
/// handler table is set here because it is a C struct of many function pointers that is
/// awkward to fill from Swift. Script and style content arrives through `characters` too.
/// `encoding` is pinned so a later <meta charset> can't switch decoding mid-document.
/// Returns 0 on success, -1 when no parser could be created, -2 for an unknown encoding.
static inline int gleaner_html_sax_parse(const char *buffer, int size, const char *encoding, int options,
                                         void *user, gleaner_start_fn start, gleaner_end_fn end,
                                         gleaner_characters_fn characters) {
    htmlParserCtxtPtr context = htmlCreateMemoryParserCtxt(buffer, size);
    if (context == NULL) return -1;
    memset(context->sax, 0, sizeof(*context->sax));
    context->sax->startElement = start;
    context->sax->endElement = end;
    context->sax->characters = characters;
    context->sax->ignorableWhitespace = characters;
    context->sax->cdataBlock = characters;
    context->userData = user;
    htmlCtxtUseOptions(context, options);
    if (encoding != NULL) {
        xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(encoding);
        if (handler == NULL) {
            htmlFreeParserCtxt(context);
            return -2;
        }
        xmlSwitchToEncoding(context, handler);
        if (context->input != NULL) {
            if (context->input->encoding != NULL) xmlFree((xmlChar *)context->input->encoding);
            context->input->encoding = xmlStrdup((const xmlChar *)encoding);
        }
    }
    htmlParseDocument(context);
    if (context->myDoc != NULL) {
        xmlFreeDoc(context->myDoc);
        context->myDoc = NULL;
    }
    htmlFreeParserCtxt(context);
    return 0;
}

#endif
