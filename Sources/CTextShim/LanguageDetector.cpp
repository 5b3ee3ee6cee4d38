// CLD2 behind a C function: CLD2's API is C++ (namespace, enums, overloads), which Swift
// cannot call directly; this is the whole bridge.
#include "CTextShim.h"
#include <cstdio>  // compact_lang_det.h uses FILE without including it
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <cstring>

namespace CLD2 { const char *LanguageCode(Language lang); }

extern "C" int gleaner_detect_language(const char *utf8, size_t length, char *code, size_t code_size, int *reliable) {
    if (code_size > 0) code[0] = '\0';
    if (reliable) *reliable = 0;
    if (utf8 == nullptr || length == 0 || code_size == 0) return -1;
    CLD2::Language language3[3];
    int percent3[3] = {0, 0, 0};
    int textBytes = 0;
    bool isReliable = false;
    CLD2::Language language = CLD2::ExtDetectLanguageSummary(
        utf8, static_cast<int>(length), true, language3, percent3, &textBytes, &isReliable);
    if (language == CLD2::UNKNOWN_LANGUAGE) return -1;
    const char *name = CLD2::LanguageCode(language);
    if (name == nullptr) return -1;
    std::strncpy(code, name, code_size - 1);
    code[code_size - 1] = '\0';
    if (reliable) *reliable = isReliable ? 1 : 0;
    return language3[0] == language ? percent3[0] : 0;
}
