import Foundation
import GleanerHTML
import GleanerNormalize

/// Dates a page prints as plain text beside its headline, and dates in its URL — the last
/// sources of `published`, for the many pages (old blogs, small sites) whose date has no
/// markup: "jbat - October 19, 2012", "Posted by … on Wed, Oct 24, 2012", "by randfish on
/// May 23, 2011", `기사입력 :[ 2018-08-25 15:24 ]`, a Blogger date header above the post.
///
/// Only short text nodes count (a date mentioned in a paragraph is the story's subject, not
/// its date), only outside furniture, and the one nearest the headline wins (a date before
/// it counts as `beforePenalty` times further away). Placeholder dates never count.
struct VisibleDateFinder {
    let analysis: PageAnalysis
    private var window: DateRules.VisibleText { DateRules.shared.visibleText }

    /// The nearest visible date; `url` (the page's) settles an all-numeric date that reads
    /// both ways ("11.12.12": 11 December or November 12) when its path names the month.
    func find(headlineNode: Int?, url: String? = nil) -> DateNormalizer.Parsed? {
        let tree = analysis.tree
        let n = tree.count
        guard n > 0 else { return nil }
        let lower = headlineNode.map { max(0, $0 - window.nodesBeforeHeadline) } ?? 0
        let upper = headlineNode.map { min(n - 1, tree[$0].subtreeEnd + window.nodesAfterHeadline) }
            ?? min(n - 1, window.nodesWithoutHeadline)
        var best: (distance: Int, date: DateNormalizer.Parsed, source: String)?
        var i = lower
        while i <= upper {
            // Fields read in place (`tree[i]` yields): a copied node retained its strings and
            // attribute array.
            if tree[i].kind == .element {
                // Furniture and scripts: skip the whole subtree.
                if tree[i].isNonContent || analysis.excluded[i] { i = tree[i].subtreeEnd + 1; continue }
                i += 1
                continue
            }
            defer { i += 1 }
            if let headlineNode, i > headlineNode, i <= tree[headlineNode].subtreeEnd { continue }
            // The text the date was read from (the node's, or its parent's for a date spread
            // over inline elements), for `settlingOrder`.
            let date: DateNormalizer.Parsed, source: String
            let text = tree[i].text
            if let own = Self.date(in: text) {
                (date, source) = (own, text)
            } else if let spread = parentDate(of: i) {
                (date, source) = (spread, tree.rawText(of: Int(tree[i].parent)))
            } else {
                continue
            }
            let distance: Int
            if let headlineNode {
                distance = i > headlineNode ? i - headlineNode : (headlineNode - i) * window.beforePenalty
            } else {
                distance = i
            }
            // On a tie the date after the headline wins: datelines sit under titles.
            let isAfter = headlineNode.map { i > $0 } ?? false
            if best == nil || distance < best!.distance || (isAfter && distance == best!.distance) { best = (distance, date, source) }
            if headlineNode == nil || i > headlineNode! { break }  // later ones are further away
        }
        guard let best else { return nil }
        return Self.settlingOrder(of: best.date, text: best.source, url: url)
    }

    /// Day and month swapped when the date was written with numbers only, both readings are
    /// valid, and the URL's `/YYYY/MM/` names the other reading's month: the parser's default
    /// order (month first for `/`, day first for `.` and `-`) is a guess; the URL is evidence.
    static func settlingOrder(of date: DateNormalizer.Parsed, text: String, url: String?) -> DateNormalizer.Parsed {
        guard date.day <= 12, date.day != date.month, let (year, month) = yearMonth(inURL: url),
            year == date.year, month == date.day
        else { return date }
        // Written-out months ("Nov 12") are not ambiguous.
        var word = ""
        for character in text + " " {
            if character.isLetter {
                word.append(character)
            } else {
                if !word.isEmpty, DateNormalizer.isCalendarWord(word) { return date }
                word = ""
            }
        }
        var swapped = date
        swapped.month = date.day
        swapped.day = date.month
        return swapped
    }

    /// Year and month from a path segment pair `/YYYY/MM/` (the WordPress and Movable Type
    /// permalink shape).
    static func yearMonth(inURL url: String?) -> (Int, Int)? {
        guard let url, let path = URLComponents(string: url)?.path else { return nil }
        let parts = path.split(separator: "/")
        for (k, part) in parts.enumerated() where k + 1 < parts.count && part.count == 4 {
            guard let year = Int(part), (1990...2199).contains(year) else { continue }
            let next = parts[k + 1]
            if next.count == 2, let month = Int(next), (1...12).contains(month) { return (year, month) }
        }
        return nil
    }

    /// A date spread over inline elements ("<span>Oct</span> <span>24</span>, 2012"): the
    /// parent's text, when that is short.
    private func parentDate(of index: Int) -> DateNormalizer.Parsed? {
        let tree = analysis.tree
        let text = tree[index].text
        guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let parent = Int(tree[index].parent)
        guard parent >= 0, analysis.textLength[parent] <= 60 else { return nil }
        return Self.date(in: tree.rawText(of: parent))
    }

    static func date(in text: String) -> DateNormalizer.Parsed? {
        guard text.utf8.count <= DateRules.shared.visibleText.maximumLength * 3,
            text.count <= DateRules.shared.visibleText.maximumLength,
            text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }),
            let parsed = DateNormalizer.parse(text), DateNormalizer.isPlausible(parsed)
        else { return nil }
        return parsed
    }

    /// A date in the URL's path: `/2019/11/19/`, `/2019-11-19-`, `/20191119/`. Day known, no time.
    static func fromURL(_ url: String?) -> DateNormalizer.Parsed? {
        guard let url else { return nil }
        let bytes = Array(url.utf8)
        // Skip scheme and host: dates live in the path.
        var start = 0
        if let scheme = url.range(of: "://") { start = url.utf8.distance(from: url.startIndex, to: scheme.upperBound) }
        while start < bytes.count, bytes[start] != 0x2F { start += 1 }
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= bytes.count else { return nil }
            var value = 0
            for k in at..<(at + count) {
                guard bytes[k] >= 0x30, bytes[k] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[k] - 0x30)
            }
            return value
        }
        func boundary(_ at: Int) -> Bool { at >= bytes.count || !(bytes[at] >= 0x30 && bytes[at] <= 0x39) }
        var i = start
        while i < bytes.count {
            defer { i += 1 }
            guard bytes[i] == 0x2F || bytes[i] == 0x2D || bytes[i] == 0x5F, let year = digits(i + 1, 4) else { continue }
            var month: Int?, day: Int?
            let sep = i + 5 < bytes.count ? bytes[i + 5] : 0
            if sep == 0x2F || sep == 0x2D || sep == 0x5F, let m = digits(i + 6, 2), i + 8 < bytes.count, bytes[i + 8] == sep,
                let d = digits(i + 9, 2), boundary(i + 11)
            {
                month = m
                day = d
            } else if let m = digits(i + 5, 2), let d = digits(i + 7, 2), boundary(i + 9) {
                month = m
                day = d
            }
            guard let month, let day, (1...12).contains(month), (1...31).contains(day) else { continue }
            let text = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
            guard let parsed = DateNormalizer.parse(text), DateNormalizer.isPlausible(parsed) else { continue }
            return parsed
        }
        return nil
    }
}
