import Foundation

/// Turns the date strings pages carry into ISO 8601.
///
/// Pages write dates in many ways: ISO 8601 in metadata (with or without offset, with
/// fractions, with `Z` or `+0200`), RFC 2822 in feeds and some meta tags, and
/// human-readable forms in the visible page ("11.09.2023, 14:05 Uhr", "11. September 2023",
/// "September 11, 2023 2:05 PM"). Records need one form, so consumers can sort and compare.
///
/// **Output.** `YYYY-MM-DDTHH:MM:SS±HH:MM` when the input names a time of day *and* a UTC
/// offset (or zone abbreviation with a fixed offset); UTC is written `+00:00`. When the
/// input has no offset, the result is the calendar date only, `YYYY-MM-DD`: a local time
/// without its zone cannot be placed on the time line, and guessing UTC would shift it by
/// up to a day — the date, by contrast, is what the page says. Fractions of seconds are
/// dropped.
///
/// The parser is a small hand-written tokenizer (no regular expressions, no Foundation
/// date formatters), so it is fast, locale-independent and safe to call from any thread.
public enum DateNormalizer {
    /// A parsed date; `hour`…`offsetMinutes` are nil when the input didn't give them.
    public struct Parsed: Sendable, Equatable {
        public var year: Int
        public var month: Int
        public var day: Int
        public var hour: Int?
        public var minute: Int?
        public var second: Int?
        /// Offset from UTC in minutes, east positive.
        public var offsetMinutes: Int?

        /// True when the value is a full instant (time and offset known).
        public var isInstant: Bool { hour != nil && offsetMinutes != nil }

        /// ISO 8601: a full timestamp with offset when known, the date alone otherwise.
        public var iso8601: String {
            var out = Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
            guard let hour, let offsetMinutes else { return out }
            out += "T" + Self.pad(hour, 2) + ":" + Self.pad(minute ?? 0, 2) + ":" + Self.pad(second ?? 0, 2)
            let sign = offsetMinutes < 0 ? "-" : "+"
            let magnitude = abs(offsetMinutes)
            out += sign + Self.pad(magnitude / 60, 2) + ":" + Self.pad(magnitude % 60, 2)
            return out
        }

        /// The date and the local time of day as written, with the offset only when known
        /// (`2012-10-29T12:41:00`): for comment headers, whose zone the page supplies later
        /// (`CommentDateHarmonizer`). The date alone when no time was given.
        public var localTimestamp: String {
            guard let hour else { return dateString }
            var out = dateString + "T" + Self.pad(hour, 2) + ":" + Self.pad(minute ?? 0, 2) + ":" + Self.pad(second ?? 0, 2)
            if offsetMinutes != nil { out = iso8601 }
            return out
        }

        /// The calendar date as `YYYY-MM-DD`.
        public var dateString: String {
            Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
        }

        static func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
    }

    /// The normalised ISO 8601 form of `raw`, or nil when no date can be read from it.
    public static func normalize(_ raw: String?) -> String? {
        guard let raw, let parsed = parse(raw) else { return nil }
        return parsed.iso8601
    }

    /// False for placeholder dates that must never become a record's date: years before
    /// `DateRules.earliestYear` (a JSON-LD `0001-01-01T00:00:00Z`, the Unix epoch) and dates
    /// more than `futureToleranceHours` after `now` (a CMS default of 2099, a typo'd year).
    /// `now` is the one outside input; callers pass the clock, tests a fixed day.
    public static func isPlausible(_ parsed: Parsed, now: Date = Date()) -> Bool {
        guard parsed.year >= rules.earliestYear else { return false }
        let days = daysFromCivil(year: parsed.year, month: parsed.month, day: parsed.day)
        var seconds = days * 86_400 + (parsed.hour ?? 0) * 3600 + (parsed.minute ?? 0) * 60 + (parsed.second ?? 0)
        seconds -= (parsed.offsetMinutes ?? 0) * 60
        return Double(seconds) <= now.timeIntervalSince1970 + Double(rules.futureToleranceHours) * 3600
    }

    /// Parses `raw` in any of the supported forms.
    public static func parse(_ raw: String) -> Parsed? {
        let tokens = Tokenizer.tokens(of: raw)
        guard !tokens.isEmpty, tokens.count < 64 else { return nil }
        if let epoch = epochSeconds(tokens) { return epoch }
        guard let date = findDate(tokens) else { return nil }
        var parsed = Parsed(year: date.year, month: date.month, day: date.day)
        // Time of day: first after the date, else anywhere before it ("14:05, 11.09.2023").
        let time = findTime(tokens, from: date.end, to: tokens.count) ?? findTime(tokens, from: 0, to: date.start)
        if let time {
            parsed.hour = time.hour
            parsed.minute = time.minute
            parsed.second = time.second
            parsed.offsetMinutes = time.offset
        }
        return parsed
    }

    // MARK: Tokens

    struct Token {
        enum Kind { case number, word, punctuation }
        var kind: Kind
        /// Lower-cased word, the digits of a number, or the punctuation character.
        var text: String
        var value: Int
        var spaceBefore: Bool
    }

    enum Tokenizer {
        static func tokens(of raw: String) -> [Token] {
            var tokens: [Token] = []
            // The token's UTF-8 bytes, made a String once per token (a String grown a scalar at
            // a time was most of the tokenizer).
            var current: [UInt8] = []
            var kind: Token.Kind?
            var space = false
            var pendingSpace = false
            func flush() {
                guard let k = kind else { return }
                let text = String(decoding: current, as: UTF8.self)
                // A number token is ASCII digits: bytes are characters.
                let value = k == .number ? (current.count <= 18 ? Int(text) ?? 0 : 0) : 0
                tokens.append(Token(kind: k, text: text, value: value, spaceBefore: space))
                current.removeAll(keepingCapacity: true)
                kind = nil
            }
            for scalar in raw.unicodeScalars {
                let v = scalar.value
                if v >= 0x30 && v <= 0x39 {
                    if kind != .number { flush(); space = pendingSpace; pendingSpace = false; kind = .number }
                    current.append(UInt8(v))
                } else if v < 0x80, (v | 0x20) >= 0x61, (v | 0x20) <= 0x7A {
                    // An ASCII letter: Alphabetic, and lower-cased by setting one bit (the
                    // Unicode property lookup and a String per scalar were most of a short
                    // page's date parsing).
                    if kind != .word { flush(); space = pendingSpace; pendingSpace = false; kind = .word }
                    current.append(UInt8(v | 0x20))
                } else if v >= 0x80 && scalar.properties.isAlphabetic {
                    if kind != .word { flush(); space = pendingSpace; pendingSpace = false; kind = .word }
                    current += String(scalar).lowercased().utf8
                } else if v < 0x80 ? (v == 0x20 || (v >= 0x09 && v <= 0x0D)) : scalar.properties.isWhitespace {
                    // ASCII White_Space is tab, LF, VT, FF, CR and space.
                    flush()
                    pendingSpace = true
                } else {
                    flush()
                    space = pendingSpace
                    pendingSpace = false
                    tokens.append(Token(kind: .punctuation, text: String(scalar), value: 0, spaceBefore: space))
                }
            }
            flush()
            return tokens
        }
    }

    // MARK: Dates

    struct DateMatch {
        var year: Int, month: Int, day: Int
        /// Token range the date occupies.
        var start: Int, end: Int
    }

    static let rules = DateRules.shared
    /// Month names and abbreviations of every language in `Rules/dates.json` (lower case, no dot).
    static let monthNames: [String: Int] = rules.monthNumbers
    /// Weekday names and abbreviations (lower case).
    static let weekdayNames: Set<String> = rules.weekdayNames
    static let ordinalSuffixes = Set(rules.ordinalSuffixes)
    static let connectors = Set(rules.connectors)
    static let amWords = Set(rules.amWords)
    static let pmWords = Set(rules.pmWords)
    static let hourWords = Set(rules.hourWords)

    /// True for a month or weekday name or abbreviation in any case, with or without a
    /// trailing dot ("Sept.", "Montag") — for callers that strip date words from text.
    public static func isCalendarWord(_ word: String) -> Bool {
        var lower = word.lowercased()
        while lower.hasSuffix(".") || lower.hasSuffix(",") { lower.removeLast() }
        return monthNames[lower] != nil || weekdayNames.contains(lower)
    }

    /// A month name of any language ("May", "maio", "Oktober"): unlike weekdays these also
    /// end people's names, so bylines treat them apart.
    public static func isMonthName(_ word: String) -> Bool {
        var lower = word.lowercased()
        while lower.hasSuffix(".") || lower.hasSuffix(",") { lower.removeLast() }
        return monthNames[lower] != nil
    }

    /// Finds the first date in the token stream.
    static func findDate(_ t: [Token]) -> DateMatch? {
        let n = t.count
        func num(_ i: Int, _ digits: ClosedRange<Int>) -> Int? {
            guard i < n, t[i].kind == .number, digits.contains(t[i].text.count) else { return nil }
            return t[i].value
        }
        func punct(_ i: Int, _ chars: String) -> Bool {
            i < n && t[i].kind == .punctuation && chars.contains(t[i].text)
        }
        func month(_ i: Int) -> Int? {
            guard i < n, t[i].kind == .word else { return nil }
            return monthNames[t[i].text]
        }
        func connector(_ i: Int) -> Bool { i < n && t[i].kind == .word && connectors.contains(t[i].text) }
        func marker(_ i: Int, _ words: [String]) -> Bool { i < n && t[i].kind == .word && words.contains(t[i].text) }
        let yearMarkers = rules.yearMarkers, monthMarkers = rules.monthMarkers, dayMarkers = rules.dayMarkers
        func make(_ y: Int, _ m: Int, _ d: Int, _ start: Int, _ end: Int) -> DateMatch? {
            let year = y  // two-digit years are widened by the one pattern that allows them
            guard isValid(year: year, month: m, day: d) else { return nil }
            return DateMatch(year: year, month: m, day: d, start: start, end: end)
        }
        for i in 0..<n {
            // 2023-09-11, 2023/09/11, 2023.09.11
            if let y = num(i, 4...4), punct(i + 1, "-/."), let m = num(i + 2, 1...2), punct(i + 3, "-/."),
                t[i + 3].text == t[i + 1].text, let d = num(i + 4, 1...2),
                let match = make(y, m, d, i, i + 5)
            {
                return match
            }
            // 20230911 (ISO basic), only as the leading token
            if i == 0, t[i].kind == .number, t[i].text.count == 8, t.count == 1 || t[1].kind != .number {
                let v = t[i].value
                if let match = make(v / 10000, (v / 100) % 100, v % 100, 0, 1) { return match }
            }
            // 11.09.2023, 11.9.23, 11. 09. 2023
            if let d = num(i, 1...2), punct(i + 1, "."), let m = num(i + 2, 1...2), punct(i + 3, "."),
                let y = num(i + 4, 2...4), t[i + 4].text.count != 3,
                let match = make(t[i + 4].text.count == 2 ? 2000 + y : y, m, d, i, i + 5)
            {
                return match
            }
            // 09/11/2023 (US order unless impossible), 11-09-2023 (day first)
            if let a = num(i, 1...2), punct(i + 1, "/-"), let b = num(i + 2, 1...2), punct(i + 3, "/-"),
                t[i + 3].text == t[i + 1].text, let y0 = num(i + 4, 2...4), t[i + 4].text.count != 3
            {
                let y = t[i + 4].text.count == 2 ? 2000 + y0 : y0  // "11/09/12"
                let dayFirst = t[i + 1].text == "-" ? b <= 12 : a > 12
                let match = dayFirst ? make(y, b, a, i, i + 5) : make(y, a, b, i, i + 5)
                if let match { return match }
            }
            // 2018年8月25日, 2018년 8월 25일 (the day marker may run into the next word: "25日午後")
            if let y = num(i, 4...4), marker(i + 1, yearMarkers), let m = num(i + 2, 1...2), marker(i + 3, monthMarkers),
                let d = num(i + 4, 1...2), i + 5 < n, t[i + 5].kind == .word,
                dayMarkers.contains(where: { t[i + 5].text.hasPrefix($0) }),
                let match = make(y, m, d, i, i + 6)
            {
                return match
            }
            // 10.29.2012 (month first, when the day-first reading is impossible)
            if let a = num(i, 1...2), punct(i + 1, "."), let b = num(i + 2, 1...2), punct(i + 3, "."),
                let y = num(i + 4, 4...4), a <= 12, b > 12, let match = make(y, a, b, i, i + 5)
            {
                return match
            }
            // 11. September 2023, 11 Sep 2023, 11-Sep-2023, 11th September, 2023, 19 de octubre de 2012,
            // 27th of May 2012, 19 октября 2012
            if let d = num(i, 1...2) {
                var j = i + 1
                if j < n, t[j].kind == .word, ordinalSuffixes.contains(t[j].text) { j += 1 }
                if punct(j, ".-") { j += 1 }
                if connector(j) { j += 1 }
                if let m = month(j) {
                    j += 1
                    if punct(j, ".") { j += 1 }
                    if punct(j, ",-") { j += 1 }
                    if connector(j) { j += 1 }
                    if let y = num(j, 4...4), let match = make(y, m, d, i, j + 1) { return match }
                }
            }
            // September 11, 2023; Sept. 11th 2023
            if let m = month(i) {
                var j = i + 1
                if punct(j, ".") { j += 1 }
                if let d = num(j, 1...2) {
                    j += 1
                    if j < n, t[j].kind == .word, ordinalSuffixes.contains(t[j].text) { j += 1 }
                    if punct(j, ",") { j += 1 }
                    if let y = num(j, 4...4), let match = make(y, m, d, i, j + 1) { return match }
                }
            }
        }
        return nil
    }

    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1900...2199).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let length = month == 2 && leap ? 29 : lengths[month - 1]
        return day <= length
    }

    // MARK: Times

    struct TimeMatch {
        var hour: Int, minute: Int, second: Int?
        var offset: Int?
    }

    /// Zone abbreviations with a fixed offset (minutes), from `Rules/dates.json`. Ambiguous
    /// ones ("ET", "IST", "BST" outside the UK) are left out on purpose: no offset is better
    /// than a wrong one.
    static let zoneOffsets: [String: Int] = rules.zoneOffsets

    /// Finds `H:MM[:SS[.fff]] [am|pm] [zone]`, `14.05 Uhr`, `14 Uhr` or `14h05` in `from..<to`.
    static func findTime(_ t: [Token], from: Int, to: Int) -> TimeMatch? {
        guard from < to else { return nil }
        func num(_ i: Int, _ digits: ClosedRange<Int>) -> Int? {
            guard i < to, t[i].kind == .number, digits.contains(t[i].text.count) else { return nil }
            return t[i].value
        }
        func punct(_ i: Int, _ c: String) -> Bool { i < to && t[i].kind == .punctuation && t[i].text == c }
        func word(_ i: Int) -> String? { i < to && t[i].kind == .word ? t[i].text : nil }
        for i in from..<to {
            guard var hour = num(i, 1...2) else { continue }
            var minute = 0
            var second: Int?
            var j: Int
            if punct(i + 1, ":"), let m = num(i + 2, 2...2) {
                minute = m
                j = i + 3
                if punct(j, ":"), let s = num(j + 1, 2...2) {
                    second = s
                    j += 2
                    if punct(j, "."), num(j + 1, 1...9) != nil { j += 2 }  // fraction
                }
            } else if punct(i + 1, "."), let m = num(i + 2, 2...2), let w = word(i + 3), hourWords.contains(w) {
                minute = m
                j = i + 3
            } else if let w = word(i + 1), hourWords.contains(w), let m = num(i + 2, 2...2),
                !(i + 2 < to && t[i + 2].spaceBefore)
            {
                minute = m
                j = i + 3
            } else if let w = word(i + 1), hourWords.contains(w), w != "h" {
                j = i + 1
            } else {
                continue
            }
            // am / pm / a.m. / p.m.; CJK writes it before the time ("오후 3:24", "午後3時")
            var meridiem: String?
            if let w = word(j), amWords.contains(w) || pmWords.contains(w) {
                meridiem = amWords.contains(w) ? "am" : "pm"
                j += 1
            } else if i > from, let w = word(i - 1), amWords.contains(w) || pmWords.contains(w) {
                meridiem = amWords.contains(w) ? "am" : "pm"
            } else if let w = word(j), w == "a" || w == "p", punct(j + 1, "."), word(j + 2) == "m" {
                meridiem = w == "a" ? "am" : "pm"
                j += 3
                if punct(j, ".") { j += 1 }
            }
            if let meridiem {
                guard (1...12).contains(hour) else { continue }
                if meridiem == "am" && hour == 12 { hour = 0 }
                if meridiem == "pm" && hour != 12 { hour += 12 }
            }
            guard (0...23).contains(hour) || (hour == 24 && minute == 0), (0...59).contains(minute),
                (0...60).contains(second ?? 0)
            else { continue }
            if hour == 24 { hour = 0 }  // rare "24:00"; keeps the record parseable
            if let w = word(j), hourWords.contains(w) { j += 1 }
            return TimeMatch(hour: hour, minute: minute, second: second, offset: findOffset(t, at: j, to: to))
        }
        return nil
    }

    /// An offset right after a time: `Z`, `+02:00`, `+0200`, `+02`, `GMT+2`, `CEST`, `(UTC)`.
    static func findOffset(_ t: [Token], at start: Int, to: Int) -> Int? {
        var j = start
        if j < to, t[j].kind == .punctuation, t[j].text == "(" { j += 1 }
        guard j < to else { return nil }
        var base: Int?
        if t[j].kind == .word, let zone = zoneOffsets[t[j].text] {
            base = zone
            j += 1
            if zone != 0 { return zone }
        }
        guard j < to, t[j].kind == .punctuation, t[j].text == "+" || t[j].text == "-" || t[j].text == "−" else {
            return base
        }
        let sign = t[j].text == "+" ? 1 : -1
        j += 1
        guard j < to, t[j].kind == .number, !t[j].spaceBefore else { return base }
        let digits = t[j].text
        var minutes: Int
        switch digits.count {
        case 4:
            minutes = (t[j].value / 100) * 60 + t[j].value % 100
        case 1, 2:
            minutes = t[j].value * 60
            if j + 2 < to, t[j + 1].kind == .punctuation, t[j + 1].text == ":", t[j + 2].kind == .number,
                t[j + 2].text.count == 2
            {
                minutes += t[j + 2].value
            }
        default:
            return base
        }
        guard minutes <= 14 * 60 else { return base }
        return sign * minutes
    }

    /// A bare Unix timestamp in seconds (10 digits) or milliseconds (13 digits): UTC.
    static func epochSeconds(_ tokens: [Token]) -> Parsed? {
        guard tokens.count == 1, tokens[0].kind == .number else { return nil }
        let digits = tokens[0].text.count
        guard digits == 10 || digits == 13 else { return nil }
        let seconds = digits == 13 ? tokens[0].value / 1000 : tokens[0].value
        let days = seconds / 86_400
        let rest = seconds % 86_400
        let (y, m, d) = civilFromDays(days)
        guard (1990...2199).contains(y) else { return nil }
        return Parsed(year: y, month: m, day: d, hour: rest / 3600, minute: (rest % 3600) / 60, second: rest % 60, offsetMinutes: 0)
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

extension DateNormalizer {
    /// The date in UTC, for the pipeline's date normaliser step and date filters:
    /// `2024-05-01T10:30:00+02:00` → `2024-05-01T08:30:00+00:00` (the record's one date shape). A value without time or offset
    /// stays a calendar date (`2024-05-01`), which still sorts before every instant of that
    /// day as a plain string. Nil when unparseable.
    public static func utc(_ raw: String) -> String? {
        guard let parsed = parse(raw) else { return nil }
        guard let hour = parsed.hour, let offset = parsed.offsetMinutes else { return parsed.dateString }
        var days = daysFromCivil(year: parsed.year, month: parsed.month, day: parsed.day)
        var minutes = hour * 60 + (parsed.minute ?? 0) - offset
        days += Int((Double(minutes) / 1440).rounded(.down))
        minutes -= Int((Double(minutes) / 1440).rounded(.down)) * 1440
        let (year, month, day) = civilFromDays(days)
        let pad = Parsed.pad
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(minutes / 60, 2) + ":"
            + pad(minutes % 60, 2) + ":" + pad(parsed.second ?? 0, 2) + "+00:00"
    }

    /// Days since 1970-01-01 (proleptic Gregorian; the inverse of `civilFromDays`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
