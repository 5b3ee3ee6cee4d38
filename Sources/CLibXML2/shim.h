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
#include <stdlib.h>
#include <stdint.h>

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
    /// Whether text right after a tag is read here (`gleaner_skip_text`) instead of by libxml2.
    int skip_text;
    /// `htmlTagLookup(name)->empty` by the name's pointer (names are the parser's dictionary
    /// strings): libxml2 finds a tag's description by a linear, case-folding scan.
    const xmlChar *void_names[64];
    signed char void_flags[64];
    /// A start tag whose attributes `gleaner_take_attributes` read: reported with the start
    /// callback for the element whose tag ends (its `>`) at `taken_end`.
    const xmlChar *taken_end;
    const xmlChar **taken;
    int taken_capacity;
    xmlChar *taken_bytes;
    size_t taken_bytes_capacity;
    xmlChar taken_name[64];
} gleaner_sax_state;

static inline gleaner_sax_state *gleaner_sax_state_of(void *context) {
    return (gleaner_sax_state *)((htmlParserCtxtPtr)context)->_private;
}

static inline void gleaner_sax_stop(void *context, gleaner_sax_state *state) {
    state->stopped = 1;
    xmlStopParser((htmlParserCtxtPtr)context);
}

#include "readers.h"

/// `start` returns 0 to go on, 1 to stop, 2 to go on without the element's raw text.
static inline void gleaner_sax_start(void *context, const xmlChar *name, const xmlChar **attributes) {
    gleaner_sax_state *state = gleaner_sax_state_of(context);
    if (state->stopped || state->start == NULL) return;
    htmlParserCtxtPtr parser = (htmlParserCtxtPtr)context;
    if (state->taken_end != NULL && parser->input != NULL && parser->input->cur == state->taken_end
        && attributes == NULL && xmlStrEqual(name, state->taken_name)) {
        // The tag whose attributes `gleaner_take_attributes` read.
        attributes = state->taken;
        state->taken_end = NULL;
    }
    int verdict = state->start(state->user, name, attributes);
    if (verdict == 2) {
        gleaner_skip_raw_text((htmlParserCtxtPtr)context);
    } else if (verdict != 0) {
        gleaner_sax_stop(context, state);
        return;
    }
    if (verdict == 0) gleaner_report_raw_text(parser, state);
    gleaner_skip_text(parser, state, name, 1);
    // Only on the tag's own callback (implied elements' names are not the dictionary's), and
    // not into a script's or style's raw text.
    if (parser->name == name && parser->input != NULL && parser->input->cur != NULL && *parser->input->cur == '>'
        && gleaner_text_parent_is_plain(name) && xmlDictOwns(parser->dict, name)) {
        gleaner_take_next_tag(parser, state, 1);
    }
}

static inline void gleaner_sax_end(void *context, const xmlChar *name) {
    gleaner_sax_state *state = gleaner_sax_state_of(context);
    if (state->stopped || state->end == NULL) return;
    if (state->end(state->user, name) != 0) {
        gleaner_sax_stop(context, state);
        return;
    }
    gleaner_skip_text((htmlParserCtxtPtr)context, state, name, 0);
    gleaner_take_next_tag((htmlParserCtxtPtr)context, state, 0);
}

static inline void gleaner_sax_characters(void *context, const xmlChar *characters, int length) {
    gleaner_sax_state *state = gleaner_sax_state_of(context);
    if (state->stopped || state->characters == NULL) return;
    if (state->characters(state->user, characters, length) != 0) gleaner_sax_stop(context, state);
}

/// A read callback with nothing to read (libxml2's memory buffers have one of these).
static inline int gleaner_read_nothing(void *context, char *buffer, int length) {
    (void)context;
    (void)buffer;
    (void)length;
    return 0;
}

/// `htmlCtxtReadMemory` without its copy of the input: libxml2 2.9 copies the whole page
/// into a buffer of its own before reading it (a page-sized malloc and memcpy per page),
/// then decodes from that copy into a second buffer all the same, even for UTF-8. A static
/// input buffer (`xmlParserInputBufferCreateStatic`) reads the caller's bytes in place,
/// and nothing writes into them: decoding (pinned by `encoding`, as `htmlCtxtReadMemory`
/// pins it) fills libxml2's own buffer. The steps are `htmlCtxtReadMemory`'s and
/// `htmlDoRead`'s, through public API only. `buffer` must outlive the parse. (Reading valid
/// UTF-8 in place with no decoder at all is not possible on 2.9.14: `xmlParserInputShrink`
/// moves the cursor back by what it drops, but a static buffer drops by moving its start,
/// so the parser read text again and some pages' text came out twice.)
static inline htmlDocPtr gleaner_html_read_static(htmlParserCtxtPtr context, const char *buffer, int size,
                                                  const char *encoding, int options) {
    xmlInitParser();
    htmlCtxtReset(context);
    xmlParserInputBufferPtr input = xmlParserInputBufferCreateStatic(buffer, size, XML_CHAR_ENCODING_NONE);
    if (input == NULL) return NULL;
    // As a memory buffer's: a read near the end finds no more input instead of failing with
    // XML_IO_NO_INPUT (a static buffer has no read callback).
    input->readcallback = gleaner_read_nothing;
    xmlParserInputPtr stream = xmlNewIOInputStream(context, input, XML_CHAR_ENCODING_NONE);
    if (stream == NULL) {
        xmlFreeParserInputBuffer(input);
        return NULL;
    }
    inputPush(context, stream);
    htmlCtxtUseOptions(context, options);
    context->html = 1;
    if (encoding != NULL) {
        xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(encoding);
        if (handler != NULL) {
            xmlSwitchToEncoding(context, handler);
            if (context->input->encoding != NULL) xmlFree((xmlChar *)context->input->encoding);
            context->input->encoding = xmlStrdup((const xmlChar *)encoding);
        }
    }
    htmlParseDocument(context);
    htmlDocPtr document = context->myDoc;
    context->myDoc = NULL;
    return document;
}

/// Parses HTML with libxml2's SAX interface, reporting elements and text to the callbacks
/// instead of building libxml2's own tree (Gleaner builds a compact tree of its own). Only
/// public API: a context from `htmlNewParserCtxt`, its SAX handler table filled (a C struct
/// of many function pointers, awkward from Swift), and `htmlCtxtReadMemory`'s steps
/// (`gleaner_html_read_static`), which pin `encoding` so a later <meta charset> can't switch
/// decoding mid-document. The context is
/// the callbacks' user data, so they can stop the parser. Script and style content arrives
/// through `characters` too.
/// Returns 0 on success, 1 when a callback stopped the parse, -1 when no parser could be
/// created, -2 for an unknown encoding.
static inline int gleaner_html_sax_parse(const char *buffer, int size, const char *encoding, int options,
                                         void *user, gleaner_start_fn start, gleaner_end_fn end,
                                         gleaner_characters_fn characters, int skip_text) {
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
    gleaner_sax_state state;
    memset(&state, 0, sizeof(state));
    state.user = user;
    state.start = start;
    state.end = end;
    state.characters = characters;
    state.skip_text = skip_text && gleaner_raw_text_skip_supported();
    memset(context->sax, 0, sizeof(*context->sax));
    context->sax->startElement = gleaner_sax_start;
    context->sax->endElement = gleaner_sax_end;
    context->sax->characters = gleaner_sax_characters;
    context->sax->ignorableWhitespace = gleaner_sax_characters;
    context->sax->cdataBlock = gleaner_sax_characters;
    context->_private = &state;
    htmlDocPtr document = gleaner_html_read_static(context, buffer, size, encoding, options);
    if (document != NULL) xmlFreeDoc(document);
    free((void *)state.taken);
    free(state.taken_bytes);
    htmlFreeParserCtxt(context);
    return state.stopped ? 1 : 0;
}

#endif
