#ifndef GLEANER_CTEXTSHIM_H
#define GLEANER_CTEXTSHIM_H
/*
 * Plain C faces of two C/C++ libraries Gleaner uses for text knowledge:
 *  - CLD2 (Compact Language Detector 2, the detector Common Crawl uses), a C++ API;
 *  - ICU's word break iterator (Unicode UAX #29 word segmentation).
 * The header is opaque on purpose: no CLD2 or ICU type appears here, so no Swift module
 * ever sees the system ICU headers next to Foundation's own ICU (which fails a clean build).
 */
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Detects the language of valid UTF-8 plain text. Writes the language code ("en", "de",
 * "zh", "zh-Hant", "ja", "ko", …) to code (NUL-terminated, truncated to code_size) and
 * returns the share (0-100) of the text's bytes in that language; returns -1 when CLD2
 * gives no language. *reliable is set to CLD2's own reliability verdict (0/1). */
int gleaner_detect_language(const char *utf8, size_t length, char *code, size_t code_size, int *reliable);

/* Counts the words of valid UTF-8 text by UAX #29 word boundaries: segments containing a
 * letter, number or ideograph count (each Han/kana run is split by ICU's dictionary into
 * words); punctuation and spaces do not. Returns -1 when ICU fails. */
long gleaner_count_words(const char *utf8, size_t length);

#ifdef __cplusplus
}
#endif
#endif
