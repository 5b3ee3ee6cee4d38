#ifndef GLEANER_CLIBXML2_READERS_H
#define GLEANER_CLIBXML2_READERS_H
/*
 * What Gleaner reads for libxml2 2.9.14 from inside its SAX callbacks, so that libxml2
 * does not read it a character at a time: script and style text the tree drops
 * (`gleaner_skip_raw_text`) or keeps (`gleaner_report_raw_text`), text after a tag
 * (`gleaner_skip_text`), a start tag's attributes (`gleaner_take_attributes`). Each leaves
 * the parser exactly where, and as, its own reading would have: the tests parse pages with
 * these on and off and compare every node (RawTextSkipTests, TextSkipTests).
 *
 * Included by shim.h, after the SAX state these functions work on (`gleaner_sax_state`).
 */

/// The libxml2 library loaded at run time (`xmlParserVersion`, e.g. "20914").
static inline const char *gleaner_libxml2_version(void) {
    return xmlParserVersion;
}

/// Whether the readers below may run: built against, and running with, libxml2 2.9.14.
static inline int gleaner_raw_text_skip_supported(void) {
#if LIBXML_VERSION == 20914
    return xmlParserVersion != NULL && strcmp(xmlParserVersion, "20914") == 0;
#else
    return 0;
#endif
}

/// Whether the parser is where a reader may take over: reading UTF-8 (decoded into a copy
/// of its own, which the readers may write into), in recovery mode, not stopped.
__attribute__((always_inline))
static inline int gleaner_parser_readable(htmlParserCtxtPtr context) {
    xmlParserInputPtr input = context->input;
    return input != NULL && input->cur != NULL && input->end != NULL && input->base != NULL && input->buf != NULL
        && input->buf->encoder != NULL && context->instate != XML_PARSER_EOF && !context->disableSAX
        && context->charset == XML_CHAR_ENCODING_UTF8 && context->recovery;
}

/// Leaves the parser about to step over a `>` at `resume - 1` (written over the last byte
/// read, in libxml2's decoded copy), so that the step lands on `resume` with `line` and
/// `column` there: how a reader called from a start-tag callback hands back, the parser
/// stepping over what it takes for the tag's `>`.
__attribute__((always_inline))
static inline void gleaner_resume_after_greater(xmlParserInputPtr input, const xmlChar *resume, int line, int column) {
    input->line = line;
    input->col = column - 1;
    *(xmlChar *)(resume - 1) = '>';
    input->cur = resume - 1;
}

/// The length of the well-formed UTF-8 character of two to four bytes at `p` (before `end`),
/// its scalar in `*scalar`; 0 for a malformed, overlong or surrogate sequence, or one past
/// U+10FFFF: the sequences libxml2 reports as an encoding error (and then switches decoding)
/// or as a character out of range.
static inline int gleaner_utf8_sequence(const xmlChar *p, const xmlChar *end, unsigned int *scalar) {
    xmlChar byte = *p;
    int length;
    unsigned int value;
    if (byte >= 0xC2 && byte <= 0xDF) { length = 2; value = byte & 0x1F; }
    else if (byte >= 0xE0 && byte <= 0xEF) { length = 3; value = byte & 0x0F; }
    else if (byte >= 0xF0 && byte <= 0xF4) { length = 4; value = byte & 0x07; }
    else return 0;
    if (end - p < length) return 0;
    for (int k = 1; k < length; k++) {
        if ((p[k] & 0xC0) != 0x80) return 0;
        value = (value << 6) | (p[k] & 0x3F);
    }
    if ((length == 3 && value < 0x800) || (length == 4 && (value < 0x10000 || value > 0x10FFFF))
        || (value >= 0xD800 && value <= 0xDFFF)) return 0;
    *scalar = value;
    return length;
}

/// Reads `[start, end)` as libxml2's NEXTL would: returns 0 unless it is well-formed UTF-8
/// without a NUL byte (text libxml2 reads without an error that changes its state: an
/// invalid byte makes it switch decoding); otherwise adds the newlines to `*line` and moves
/// `*column` (1 after each newline, +1 for each other character). Eight ASCII bytes at a time.
static inline int gleaner_scan_raw_text(const xmlChar *start, const xmlChar *end, int *line, int *column) {
    const uint64_t high = 0x8080808080808080ULL, low = 0x7F7F7F7F7F7F7F7FULL, newlines = 0x0A0A0A0A0A0A0A0AULL;
    const xmlChar *p = start;
    int lines = *line, col = *column;
    while (p < end) {
        if (end - p >= 8) {
            uint64_t word;
            memcpy(&word, p, 8);
            uint64_t zero = ~(((word & low) + low) | word | low);
            if (((word & high) | zero) == 0) {
                uint64_t t = word ^ newlines;
                uint64_t found = ~(((t & low) + low) | t | low);
                if (found != 0) {
                    lines += __builtin_popcountll(found);
                    int last = (63 - __builtin_clzll(found)) >> 3;
                    col = 1 + (7 - last);
                } else {
                    col += 8;
                }
                p += 8;
                continue;
            }
        }
        xmlChar byte = *p;
        if (byte >= 0x01 && byte < 0x80) {
            if (byte == '\n') { lines++; col = 1; } else { col++; }
            p++;
            continue;
        }
        if (byte == 0) return 0;
        unsigned int value;
        int length = gleaner_utf8_sequence(p, end, &value);
        if (length == 0) return 0;
        col++;
        p += length;
    }
    *line = lines;
    *column = col;
    return 1;
}

/// The first `</` followed by `name` (in any case) in `[from, limit)`, where libxml2's
/// `htmlParseScript` ends a script or style in recovery mode; NULL when there is none.
static inline const xmlChar *gleaner_find_end_tag(const xmlChar *from, const xmlChar *limit, const xmlChar *name) {
    size_t nameLength = strlen((const char *)name);
    while (from < limit) {
        const xmlChar *open = memchr(from, '<', (size_t)(limit - from));
        if (open == NULL) return NULL;
        if (open[1] == '/' && xmlStrncasecmp(name, open + 2, (int)nameLength) == 0) return open;
        from = open + 1;
    }
    return NULL;
}

/// Skips the raw text of the `script` or `style` element whose start tag libxml2 just
/// reported, when the caller drops that text anyway (`ScriptTextPolicy.dataOnly`).
///
/// libxml2 reads script and style content one character at a time (decode, check, copy into
/// a buffer, report in 1000-byte chunks): a fifth of a whole `gleaner extract` run on news
/// pages, for text that is then thrown away. In recovery mode the content ends at the first
/// `</` followed by the element's name in any case; this finds that spot the same way, puts
/// the `>` the parser is about to step over just before it (the one content byte it
/// overwrites is in libxml2's own decoded copy of the input, and is never read again), and
/// moves the cursor there, keeping line and column as libxml2 would count them. The parser
/// then reads the end tag at once, and the tree is as it would have been.
///
/// libxml2 decodes its input 64 KB at a time, as the cursor comes within 250 bytes of the
/// decoded end (and may compact the buffer within 500 bytes of it). So the jump stops at
/// least 500 bytes before that end: when the end tag lies further on, the parser goes on
/// reading the rest of the content itself from there, just as it would have, and neither
/// path decodes or moves the buffer before the other would. Done only where nothing libxml2
/// would do on the skipped bytes can change what comes after: the start tag ends in a plain
/// `>`, and the skipped content neither starts with `<` nor holds bytes libxml2 would report
/// (invalid UTF-8, NUL); the parser resumes at a character that is not `<`.
/// Every reader here reaches into the parser's input (its cursor, line and column, bytes of
/// its decoded copy of the page): written against libxml2 2.9.14's parser, they run only
/// there — built against that version's headers and loaded with that version's library.
/// With any other libxml2, the parser reads the text itself: the same tree, more slowly.
static inline void gleaner_skip_raw_text(htmlParserCtxtPtr context) {
    if (!gleaner_raw_text_skip_supported()) return;
    xmlParserInputPtr input = context->input;
    const xmlChar *name = context->name;
    if (input == NULL || name == NULL || context->instate == XML_PARSER_EOF || !context->recovery) return;
    if (!xmlStrEqual(name, BAD_CAST "script") && !xmlStrEqual(name, BAD_CAST "style")) return;
    const xmlChar *cursor = input->cur;
    const xmlChar *end = input->end;
    if (cursor == NULL || end == NULL || end - cursor < 2 * INPUT_CHUNK || *cursor != '>') return;
    const xmlChar *content = cursor + 1;
    if (*content == '<') return;
    const xmlChar *limit = end - 2 * INPUT_CHUNK;
    const xmlChar *resume = gleaner_find_end_tag(content, limit, name);
    if (resume == NULL) {
        resume = limit;
        // The end tag is not in reach: resume at a character start that is not '<'.
        while (resume > content && ((*resume & 0xC0) == 0x80 || *resume == '<')) resume--;
    }
    if (resume - content < 2) return;
    // Line and column as NEXTL would leave them at `resume`, less the one step over '>'.
    int line = input->line;
    int column = input->col + 1;
    if (!gleaner_scan_raw_text(content, resume, &line, &column)) return;
    gleaner_resume_after_greater(input, resume, line, column);
}

/// Reads text that starts at `p` as libxml2's `htmlParseCharData` (`markup`: up to the next
/// `<` or `&`) or `htmlParseScript` (up to `limit`) would: returns where it ends, or NULL
/// when it holds a byte libxml2 would report or drop (invalid UTF-8; NUL, which it reads as
/// a space; a control character or U+FFFE/U+FFFF, which it leaves out) or, with `markup`,
/// does not end before `limit`. Moves `*line` and `*column` as its NEXTL would. Eight plain
/// ASCII bytes at a time. Always inlined, so that each caller gets the loop for its mode:
/// out of line, the one loop cost 31 M instructions more than two separate ones on the 181
/// plain pages; inlined, 10 M more.
__attribute__((always_inline))
static inline const xmlChar *gleaner_text_run(const xmlChar *p, const xmlChar *limit, int *line, int *column, int markup) {
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    int lines = *line, col = *column;
    while (p < limit) {
        if (limit - p >= 8) {
            uint64_t word;
            memcpy(&word, p, 8);
            uint64_t special = ((word - ones * 0x20) & ~word) | word;   // below 0x20, non-ASCII
            if (markup) {
                uint64_t lt = word ^ (ones * '<'), amp = word ^ (ones * '&');
                special |= ((lt - ones) & ~lt) | ((amp - ones) & ~amp);  // '<', '&'
            }
            if ((special & high) == 0) {
                col += 8;
                p += 8;
                continue;
            }
        }
        xmlChar byte = *p;
        if (markup && (byte == '<' || byte == '&')) break;
        if (byte < 0x80) {
            if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') return NULL;
            if (byte == '\n') { lines++; col = 1; } else { col++; }
            p++;
            continue;
        }
        unsigned int value;
        int length = gleaner_utf8_sequence(p, limit, &value);
        if (length == 0 || value == 0xFFFE || value == 0xFFFF) return NULL;
        col++;
        p += length;
    }
    if (markup && p >= limit) return NULL;
    *line = lines;
    *column = col;
    return p;
}

/// Reports `[start, end)` to `characters` in the chunks libxml2's text and script loops
/// report: each ends at the first character boundary 1000 bytes or more after its start
/// (the loops copy a whole character, then report once 1000 bytes are buffered). Returns 0
/// when a callback stopped the parse.
static inline int gleaner_report_chunks(htmlParserCtxtPtr context, gleaner_sax_state *state, const xmlChar *start,
                                        const xmlChar *end) {
    for (const xmlChar *chunk = start; chunk < end;) {
        const xmlChar *stop = end - chunk > 1000 ? chunk + 1000 : end;
        while (stop < end && (*stop & 0xC0) == 0x80) stop++;
        if (state->characters(state->user, chunk, (int)(stop - chunk)) != 0) {
            gleaner_sax_stop(context, state);
            return 0;
        }
        chunk = stop;
    }
    return 1;
}

/// Whether `name` (a dictionary string) is an empty element to libxml2 (`br`, `img`, …).
static inline int gleaner_is_void(gleaner_sax_state *state, const xmlChar *name) {
    unsigned slot = (unsigned)(((uintptr_t)name >> 3) & 63);
    if (state->void_names[slot] != name) {
        const htmlElemDesc *info = htmlTagLookup(name);
        state->void_names[slot] = name;
        state->void_flags[slot] = (info != NULL && info->empty) ? 1 : 0;
    }
    return state->void_flags[slot];
}

/// Whether text under an element of this name is plain character data to libxml2 with no
/// side effect: not NULL, `html` or `head` (text there opens an implied `p`), `script` or
/// `style` (raw text). Names are the parser's lower-case ones.
static inline int gleaner_text_parent_is_plain(const xmlChar *name) {
    if (name == NULL) return 0;
    if (name[0] != 'h' && name[0] != 's') return 1;
    return !xmlStrEqual(name, BAD_CAST "html") && !xmlStrEqual(name, BAD_CAST "head")
        && !xmlStrEqual(name, BAD_CAST "script") && !xmlStrEqual(name, BAD_CAST "style");
}

/// Whether the bytes just before `cursor` are `</name>`, the name in any case.
static inline int gleaner_follows_end_tag(const xmlChar *base, const xmlChar *cursor, const xmlChar *name) {
    size_t length = strlen((const char *)name);
    if ((size_t)(cursor - base) < length + 3) return 0;
    const xmlChar *written = cursor - length - 1;
    if (written[-2] != '<' || written[-1] != '/') return 0;
    for (size_t i = 0; i < length; i++) {
        xmlChar byte = written[i];
        if (byte >= 'A' && byte <= 'Z') byte += 32;
        if (byte != name[i]) return 0;
    }
    return 1;
}

/// Reports the text that follows a tag the way libxml2 would, and moves its cursor past it.
///
/// libxml2 reads text one character at a time (decode, check, copy into a 1000-byte buffer,
/// report): with attribute values stashed and script text skipped, a tenth of a whole
/// `gleaner extract` run. Right after an element's start tag or end tag, the next text run
/// (up to `<` or `&`) goes to `htmlParseCharData`, and when the run is well-formed UTF-8
/// with no character libxml2 reports or drops, and the element the text lands in is neither
/// `html`/`head` (text there opens an implied `p`) nor `script`/`style`, all that call does
/// is report the run's bytes in chunks of at least 1000 bytes (ending on a character
/// boundary) and move the cursor, line and column. This does the same: it reports the same
/// chunks to `characters`, then moves the cursor to the `<` or `&`, keeping line and column
/// as libxml2 would count them. When the call comes from the start-tag callback, the parser
/// is about to step over the tag's `>`: as `gleaner_skip_raw_text` does, the run's last byte
/// in libxml2's decoded copy becomes that `>` and the cursor is put on it.
///
/// Only on the callbacks that are the tag's own: a start tag whose name is the parser's
/// (implied `html`, `body` and `p` elements have static names, not dictionary ones), with the
/// cursor on its `>` and not an empty element; an end tag whose name is the one written just
/// before the cursor (`</name>`; callbacks for elements an end tag closes implicitly come
/// with another name there), or an empty element's (`<br>`, `<img …/>`: never on the
/// parser's stack, so only its own start tag ends it). The run must end 500 bytes before
/// libxml2's decoded end, so that neither path decodes more input or moves the buffer.
/// Only with libxml2 2.9.14 (`gleaner_raw_text_skip_supported`), UTF-8 decoding and a
/// decoder (so the input is libxml2's own copy).
static inline void gleaner_skip_text(htmlParserCtxtPtr context, gleaner_sax_state *state, const xmlChar *name,
                                     int atStart) {
    if (!state->skip_text || state->stopped) return;
    xmlParserInputPtr input = context->input;
    if (input == NULL || input->cur == NULL || input->end == NULL || input->base == NULL) return;
    const xmlChar *cursor = input->cur;
    // Cheapest first: most tags are followed by another tag, or are not where the cursor is.
    const xmlChar *content = atStart ? cursor + 1 : cursor;
    if (input->end - content < 2 * INPUT_CHUNK + 1 || *content == '<' || *content == '&') return;
    if (atStart ? *cursor != '>' : (cursor <= input->base || cursor[-1] != '>')) return;
    if (!gleaner_parser_readable(context)) return;
    if (name == NULL || context->name != name || !xmlDictOwns(context->dict, name)) return;
    if (atStart) {
        if (gleaner_is_void(state, name) || !gleaner_text_parent_is_plain(name)) return;
    } else {
        if (!gleaner_is_void(state, name) && !gleaner_follows_end_tag(input->base, cursor, name)) return;
        const xmlChar *parent = context->nameNr >= 2 ? context->nameTab[context->nameNr - 2] : NULL;
        if (!gleaner_text_parent_is_plain(parent)) return;
    }
    int line = input->line;
    int column = input->col + (atStart ? 1 : 0);
    const xmlChar *resume = gleaner_text_run(content, input->end - 2 * INPUT_CHUNK, &line, &column, 1);
    if (resume == NULL || resume == content) return;
    if (!gleaner_report_chunks(context, state, content, resume)) return;
    if (atStart) {
        gleaner_resume_after_greater(input, resume, line, column);
    } else {
        input->line = line;
        input->col = column;
        input->cur = resume;
    }
}

/// Byte classes for `gleaner_take_attributes`: 1 a name's first byte (ASCII letter, `_`,
/// `:`, `.`), 2 a name's other bytes (those, digits, `-`), 4 a blank (space, tab, CR, LF),
/// as libxml2's `htmlParseHTMLName` and `IS_BLANK_CH` read them.
static const unsigned char gleaner_tag_classes[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 0, 0, 0, 0, 0,
    0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 3,
    0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static inline int gleaner_is_name_start(xmlChar c) { return gleaner_tag_classes[c] & 1; }
static inline int gleaner_is_name_char(xmlChar c) { return gleaner_tag_classes[c] & 2; }
static inline int gleaner_is_blank(xmlChar c) { return gleaner_tag_classes[c] & 4; }

/// Reads the attributes of the start tag at `tag` (its `<`) and leaves libxml2 a bare
/// `<name>` to parse.
///
/// libxml2 parses each attribute one character at a time and copies each value into a
/// buffer it allocates, grows on the second character, and frees after the start callback:
/// about a third of its work on a news page, even with long values stashed by the
/// pre-scan. Before libxml2 reaches a start tag, this reads the tag the way
/// `htmlParseStartTag` would — names of ASCII letters, digits and `:-_.`, lower-cased;
/// values double- or single-quoted, or bare up to a blank or `>`; blanks between; a later
/// attribute of the same name dropped — into `state`, then writes `<name` (or `<name/`)
/// just before the tag's `>` in libxml2's decoded copy and moves the cursor there (with
/// `atGreater`, one byte further back onto a `>` the parser is about to step over, as
/// `gleaner_skip_text` does), with line and column set so that they reach the `>` as
/// libxml2 would have counted them. The start callback for the element whose tag ends at
/// that `>` (or `/>`) then reports these attributes. The names come from the parser's
/// dictionary, as libxml2's do (the tree builder knows names by their address). Only for
/// tags where there is nothing else to reproduce: no `&` in a value (entities), no invalid
/// UTF-8 or NUL, no bogus attribute, not `html`, `head`, `body` (libxml2 may discard those)
/// or `meta` (its attributes are inspected for a charset), at most 128 attributes, and the
/// tag's end 500 bytes before libxml2's decoded end. Called where libxml2 is about to read
/// the tag: after a start or end callback whose text run (if any) `gleaner_skip_text` took.
static inline void gleaner_take_attributes(htmlParserCtxtPtr context, gleaner_sax_state *state, int atGreater) {
    xmlParserInputPtr input = context->input;
    const xmlChar *tag = atGreater ? input->cur + 1 : input->cur;
    if (atGreater && *input->cur != '>') return;
    const xmlChar *limit = input->end - 2 * INPUT_CHUNK;
    if (tag + 3 >= limit || tag[0] != '<' || !((tag[1] | 0x20) >= 'a' && (tag[1] | 0x20) <= 'z')) return;
    const xmlChar *p = tag + 1;
    while (p < limit && gleaner_is_name_char(*p)) p++;
    size_t nameLength = (size_t)(p - tag - 1);
    if (nameLength >= sizeof(state->taken_name) || p >= limit || !gleaner_is_blank(*p)) return;
    xmlChar name[64];
    for (size_t i = 0; i < nameLength; i++) {
        xmlChar c = tag[1 + i];
        name[i] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
    }
    name[nameLength] = 0;
    if (xmlStrEqual(name, BAD_CAST "html") || xmlStrEqual(name, BAD_CAST "head") || xmlStrEqual(name, BAD_CAST "body")
        || xmlStrEqual(name, BAD_CAST "meta")) return;
    // One pass: where each attribute's name and value are, and the tag's end.
    enum { most = 128 };
    const xmlChar *names[most];
    unsigned char nameLengths[most];
    const xmlChar *values[most];
    size_t valueLengths[most];
    size_t valueBytes = 0;
    int count = 0;
    int selfClosing = 0;
    const xmlChar *end = NULL;
    while (p < limit) {
        while (p < limit && gleaner_is_blank(*p)) p++;
        if (p >= limit) return;
        if (*p == '>') { end = p; break; }
        if (*p == '/' && p + 1 < limit && p[1] == '>') { selfClosing = 1; end = p + 1; break; }
        if (!gleaner_is_name_start(*p) || count == most) return;
        const xmlChar *attributeName = p;
        while (p < limit && gleaner_is_name_char(*p)) p++;
        if (p - attributeName > 90) return;
        names[count] = attributeName;
        nameLengths[count] = (unsigned char)(p - attributeName);
        values[count] = NULL;
        valueLengths[count] = 0;
        const xmlChar *afterName = p;
        while (p < limit && gleaner_is_blank(*p)) p++;
        if (p < limit && *p == '=') {
            p++;
            while (p < limit && gleaner_is_blank(*p)) p++;
            if (p >= limit) return;
            const xmlChar *value;
            if (*p == '"' || *p == '\'') {
                xmlChar quote = *p++;
                value = p;
                const xmlChar *close = memchr(p, quote, (size_t)(limit - p));
                if (close == NULL || memchr(value, '&', (size_t)(close - value)) != NULL) return;
                p = close + 1;
                valueLengths[count] = (size_t)(close - value);
            } else {
                value = p;
                while (p < limit && !gleaner_is_blank(*p) && *p != '>') {
                    if (*p == '&') return;
                    p++;
                }
                valueLengths[count] = (size_t)(p - value);
            }
            values[count] = value;
            valueBytes += valueLengths[count] + 1;
        } else {
            p = afterName;
        }
        count++;
    }
    if (end == NULL || count == 0) return;
    // Everything libxml2 reads in the tag must be well-formed UTF-8 without NUL (it switches
    // decoding on the first, and stops a value at the second). Line and column from `<`.
    int line = input->line;
    int column = input->col + (atGreater ? 1 : 0);
    if (!gleaner_scan_raw_text(tag, end, &line, &column)) return;
    if ((size_t)count * 2 + 1 > (size_t)state->taken_capacity) {
        int capacity = count * 2 + 1 < 64 ? 64 : count * 2 + 1;
        const xmlChar **grown = (const xmlChar **)realloc((void *)state->taken, sizeof(xmlChar *) * (size_t)capacity);
        if (grown == NULL) return;
        state->taken = grown;
        state->taken_capacity = capacity;
    }
    if (valueBytes > state->taken_bytes_capacity) {
        size_t capacity = valueBytes < 4096 ? 4096 : valueBytes * 2;
        xmlChar *grown = (xmlChar *)realloc(state->taken_bytes, capacity);
        if (grown == NULL) return;
        state->taken_bytes = grown;
        state->taken_bytes_capacity = capacity;
    }
    // Names from the parser's dictionary (lower-cased), as libxml2 gives them: the tree
    // builder knows names by their address. A later attribute of a name already seen is
    // dropped, as libxml2 drops it.
    xmlChar *out = state->taken_bytes;
    int taken = 0;
    for (int k = 0; k < count; k++) {
        xmlChar lowered[96];
        for (int i = 0; i < nameLengths[k]; i++) {
            xmlChar c = names[k][i];
            lowered[i] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
        }
        const xmlChar *attributeName = xmlDictLookup(context->dict, lowered, nameLengths[k]);
        if (attributeName == NULL) return;
        int repeated = 0;
        for (int i = 0; i < taken; i += 2) {
            if (state->taken[i] == attributeName) { repeated = 1; break; }
        }
        if (repeated) continue;
        const xmlChar *value = NULL;
        if (values[k] != NULL) {
            memcpy(out, values[k], valueLengths[k]);
            out[valueLengths[k]] = 0;
            value = out;
            out += valueLengths[k] + 1;
        }
        state->taken[taken++] = attributeName;
        state->taken[taken++] = value;
    }
    state->taken[taken] = NULL;
    // libxml2 now reads `<name>` (or `<name/>`) ending at the same `>`.
    size_t written = 1 + nameLength + (size_t)selfClosing;
    xmlChar *at = (xmlChar *)end - written;
    memmove(at + 1, tag + 1, nameLength);
    at[0] = '<';
    if (selfClosing) at[1 + nameLength] = '/';
    memcpy(state->taken_name, name, nameLength + 1);
    // libxml2 reports the element with its cursor on the `>`, or on the `/` of `/>`.
    state->taken_end = selfClosing ? end - 1 : end;
    input->line = line;
    if (atGreater) {
        at[-1] = '>';
        input->cur = at - 1;
        input->col = column - (int)written - 1;
    } else {
        input->cur = at;
        input->col = column - (int)written;
    }
}

/// `gleaner_take_attributes` where the parser's state allows it (see `gleaner_skip_text`).
static inline void gleaner_take_next_tag(htmlParserCtxtPtr context, gleaner_sax_state *state, int atGreater) {
    if (!state->skip_text || state->stopped || state->taken_end != NULL) return;
    xmlParserInputPtr input = context->input;
    if (input == NULL || input->cur == NULL || input->end == NULL || input->end - input->cur < 2 * INPUT_CHUNK + 8) return;
    if (input->cur[atGreater ? 1 : 0] != '<' || !gleaner_parser_readable(context)) return;
    gleaner_take_attributes(context, state, atGreater);
}

/// Reports the raw text of a `script` or `style` the tree keeps (JSON-LD, page-state JSON)
/// the way libxml2's `htmlParseScript` would, and moves its cursor to the end tag.
///
/// `htmlParseScript` reads up to the first `</` followed by the element's name (in any
/// case, in recovery mode), copying each character it accepts and reporting every 1000
/// bytes or more (ending on a character boundary), then the rest. When the end tag lies
/// before libxml2's decoded window's last 500 bytes and the text is well-formed UTF-8 with
/// no character it leaves out (see `gleaner_text_run`), this reports the same
/// chunks and puts the cursor on a `>` just before the end tag, as `gleaner_skip_raw_text`
/// does. Same conditions as that function.
static inline void gleaner_report_raw_text(htmlParserCtxtPtr context, gleaner_sax_state *state) {
    if (!state->skip_text || state->stopped || state->characters == NULL) return;
    xmlParserInputPtr input = context->input;
    const xmlChar *name = context->name;
    if (name == NULL || !gleaner_parser_readable(context)) return;
    if (!xmlStrEqual(name, BAD_CAST "script") && !xmlStrEqual(name, BAD_CAST "style")) return;
    const xmlChar *cursor = input->cur;
    if (input->end - cursor < 2 * INPUT_CHUNK + 3 || *cursor != '>') return;
    const xmlChar *content = cursor + 1;
    if (*content == '<') return;
    const xmlChar *resume = gleaner_find_end_tag(content, input->end - 2 * INPUT_CHUNK, name);
    if (resume == NULL || resume - content < 2) return;
    int line = input->line;
    int column = input->col + 1;
    if (gleaner_text_run(content, resume, &line, &column, 0) != resume) return;
    if (!gleaner_report_chunks(context, state, content, resume)) return;
    gleaner_resume_after_greater(input, resume, line, column);
}

#endif
