import Foundation
@testable import GleanerNormalize
import Testing

/// `PageKindRules.isErrorTitle` answers with byte searches where it can; it must agree with
/// Foundation's (canonical-equivalence) search of every phrase, which it stands in for.
struct ErrorTitleTests {
    static let rules = PageKindRules.shared

    /// The plain definition: Foundation's `contains` for every phrase.
    static func reference(_ title: String) -> Bool {
        let lower = title.lowercased()
        return rules.errorPhrases.contains { phrase in
            if phrase == "404" { return lower.split(whereSeparator: { !$0.isNumber }).contains("404") }
            return lower.contains(phrase)
        }
    }

    @Test(arguments: [
        "Page not found – Example News", "Página no encontrada | El Diario", "Página no encontrada",
        "No se encontró la página — Diario", "Page non trouvée · Le Monde", "Página não encontrada",
        "Страница не найдена — Газета", "Ошибка: страница не найдена", "页面不存在 - 新闻网", "找不到页面",
        "頁面不存在", "ページが見つかりません｜ニュース", "お探しのページは見つかりませんでした",
        "페이지를 찾을 수 없습니다", "Erreur 404 – page introuvable", "Schlagzeilen: Fußball „heute“ …",
        "Élections 2026 : les résultats", "Москва — новости дня", "東京の天気", "서울 뉴스",
        "Página no encontrada\u{301}", "Pa\u{301}gina no encontrada", "Página no encontrad\u{E1}",
        "страница не найден\u{430}\u{306}", "Kelvin \u{212A} page not found", "page not\u{AD} found",
        "p\u{E1}gina no encontrada", "PÁGINA NO ENCONTRADA", "İstanbul haberleri", "page\r\nnot found",
        "ﾍﾟｰｼﾞが見つかりません", "ページが見つかりません\u{3099}", "",
    ])
    func agreesWithFoundation(_ title: String) {
        #expect(Self.rules.isErrorTitle(title) == Self.reference(title), "\(title.debugDescription)")
    }

    @Test func plainScalarsAreTheirOwnNormalForm() {
        let ranges: [ClosedRange<UInt32>] = [0x20...0x2FF, 0x400...0x4FF, 0x2010...0x203E, 0x3001...0x30FC, 0xAC00...0xAC40, 0x4E00...0x4E40]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value), PageKindRules.isPlainScalar(scalar) else { continue }
                let text = String(scalar)
                #expect(text.precomposedStringWithCanonicalMapping == text, "U+\(String(value, radix: 16))")
                #expect(text.unicodeScalars.count == 1)
            }
        }
    }
}
