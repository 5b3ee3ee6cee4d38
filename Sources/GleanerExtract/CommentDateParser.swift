/// A small, allocation-light parser for the dates comment headers show ("October 29, 2012
/// at 12:41 pm", "12.03.2024, 10:15 Uhr", "2012-10-27 11:34:58", "Jul 23 2012").
///
/// It returns ISO 8601 (`2012-10-29T12:41:00`, or `2012-10-29` without a time). The page
/// shows no time zone, so none is invented. Relative dates ("3 hours ago") give nil: they
/// need the fetch time, which extraction doesn't have. A general normalizer lives in
/// GleanerNormalize; this one only serves comment headers.
struct CommentDateParser {
    let monthNames: [String: Int]

    private enum Token {
        case number(Int, digits: Int)
        case word(String)
    }

    /// `separators[i]` is the punctuation just before token `i` (space when none).
    private struct Lexed {
        var tokens: [Token] = []
        var separators: [Character] = []
    }

    /// Passes a `datetime`/`content` attribute through when it already starts with an ISO
    /// date; otherwise parses it like text.
    func parseAttribute(_ value: String) -> String? {
        let trimmed = value.trimmedWhitespace()
        let scalars = Array(trimmed.unicodeScalars.prefix(10))
        if scalars.count == 10, scalars[4] == "-", scalars[7] == "-",
            scalars.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || ($0.element.value >= 48 && $0.element.value <= 57) })
        {
            return trimmed.count > 10 ? trimmed : String(trimmed.prefix(10))
        }
        return parse(trimmed)
    }

    func parse(_ text: String) -> String? {
        let lexed = lex(text)
        let t = lexed.tokens
        guard !t.isEmpty else { return nil }
        var date: (year: Int, month: Int, day: Int, end: Int)?
        var i = 0
        while i < t.count, date == nil {
            date = match(t, lexed.separators, at: i)
            i += 1
        }
        guard let date, (1...12).contains(date.month), (1...31).contains(date.day), (1990...2100).contains(date.year)
        else { return nil }
        var result = "\(date.year)-\(Self.pad(date.month))-\(Self.pad(date.day))"
        if let time = findTime(t, lexed.separators) {
            result += "T\(Self.pad(time.hour)):\(Self.pad(time.minute)):\(Self.pad(time.second))"
        }
        return result
    }

    private func match(_ t: [Token], _ sep: [Character], at i: Int) -> (year: Int, month: Int, day: Int, end: Int)? {
        func number(_ k: Int) -> (Int, Int)? {
            guard k < t.count, case .number(let v, let d) = t[k] else { return nil }
            return (v, d)
        }
        func month(_ k: Int) -> Int? {
            guard k < t.count, case .word(let w) = t[k] else { return nil }
            if let m = monthNames[w] { return m }
            return nil
        }
        func ordinal(_ k: Int) -> Bool {
            guard k < t.count, case .word(let w) = t[k] else { return false }
            return w == "st" || w == "nd" || w == "rd" || w == "th" || w == "er" || w == "de"
        }
        if let (a, ad) = number(i) {
            // 2012-10-27, 2012/10/27
            if ad == 4, let (b, _) = number(i + 1), let (c, _) = number(i + 2),
                "-/.".contains(sep[i + 1]), sep[i + 2] == sep[i + 1]
            {
                return (a, b, c, i + 2)
            }
            // 27.10.2012, 10/27/2012, 27-10-2012
            if ad <= 2, let (b, bd) = number(i + 1), bd <= 2, let (c, cd) = number(i + 2), cd == 4 || cd == 2,
                "-/.".contains(sep[i + 1]), sep[i + 2] == sep[i + 1]
            {
                let year = cd == 2 ? 2000 + c : c
                if sep[i + 1] == "/" && a <= 12 && b > 0 { return (year, a, b, i + 2) }
                return (year, b, a, i + 2)
            }
            // 27 October 2012, 27. Oktober 2012, 27th of October 2012
            if ad <= 2 {
                var k = i + 1
                if ordinal(k) { k += 1 }
                if k < t.count, case .word("of") = t[k] { k += 1 }
                if let m = month(k), let (y, yd) = number(k + 1), yd == 4 { return (y, m, a, k + 1) }
            }
        } else if let m = month(i) {
            // October 29, 2012 / Oct 29th 2012
            if let (d, dd) = number(i + 1), dd <= 2 {
                var k = i + 2
                if ordinal(k) { k += 1 }
                if let (y, yd) = number(k), yd == 4 { return (y, m, d, k) }
            }
        }
        return nil
    }

    private func findTime(_ t: [Token], _ sep: [Character]) -> (hour: Int, minute: Int, second: Int)? {
        var i = 0
        while i + 1 < t.count {
            if case .number(var hour, let hd) = t[i], hd <= 2, sep[i + 1] == ":",
                case .number(let minute, let md) = t[i + 1], md == 2, hour <= 23, minute <= 59
            {
                var second = 0
                var k = i + 2
                if k < t.count, sep[k] == ":", case .number(let s, 2) = t[k], s <= 59 {
                    second = s
                    k += 1
                }
                if k < t.count, case .word(let w) = t[k] {
                    if (w == "pm" || w == "p") && hour < 12 { hour += 12 }
                    if (w == "am" || w == "a") && hour == 12 { hour = 0 }
                }
                return (hour, minute, second)
            }
            i += 1
        }
        return nil
    }

    private func lex(_ text: String) -> Lexed {
        var lexed = Lexed()
        var current = ""
        var currentIsNumber = false
        var pending: Character = " "
        func flush() {
            guard !current.isEmpty else { return }
            if currentIsNumber {
                lexed.tokens.append(.number(Int(current) ?? 0, digits: current.count))
            } else {
                lexed.tokens.append(.word(current))
            }
            lexed.separators.append(pending)
            pending = " "
            current = ""
        }
        for character in text.lowercased() {
            if character.isNumber, character.isASCII {
                if !currentIsNumber { flush() }
                currentIsNumber = true
                current.append(character)
            } else if character.isLetter {
                if currentIsNumber { flush() }
                currentIsNumber = false
                current.append(character)
            } else {
                flush()
                if !character.isWhitespace, pending == " " { pending = character }
            }
            if lexed.tokens.count > 64 { break }
        }
        flush()
        return lexed
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
