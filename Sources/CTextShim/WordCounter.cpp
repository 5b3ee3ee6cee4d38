// ICU's word break iterator (UAX #29 with dictionary segmentation for Chinese, Japanese,
// Thai…) behind a C function, so ICU's headers stay inside this file.
#include "CTextShim.h"
#include <unicode/ubrk.h>
#include <unicode/utext.h>

extern "C" long gleaner_count_words(const char *utf8, size_t length) {
    if (utf8 == nullptr || length == 0) return 0;
    UErrorCode status = U_ZERO_ERROR;
    UText *text = utext_openUTF8(nullptr, utf8, static_cast<int64_t>(length), &status);
    if (U_FAILURE(status)) return -1;
    UBreakIterator *words = ubrk_open(UBRK_WORD, "", nullptr, 0, &status);
    if (U_FAILURE(status)) {
        utext_close(text);
        return -1;
    }
    ubrk_setUText(words, text, &status);
    long count = 0;
    if (U_SUCCESS(status)) {
        ubrk_first(words);
        while (ubrk_next(words) != UBRK_DONE) {
            // The rule status of the segment just passed: "none" is spaces and punctuation.
            if (ubrk_getRuleStatus(words) >= UBRK_WORD_NONE_LIMIT) count += 1;
        }
    } else {
        count = -1;
    }
    ubrk_close(words);
    utext_close(text);
    return count;
}
