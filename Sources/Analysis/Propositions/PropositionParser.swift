import EdgewiseCore
import Foundation

/// Reads a ``Proposition`` from a market's question (and, for bucket markets whose question is
/// the event's, from the slug: `…-gte81lt82f`, `…-lt79f`).
///
/// It is deliberately literal: it recognises the phrasings venues use for thresholds, dates and
/// touch conditions and leaves anything else out, because every consumer treats a missing field
/// as "cannot tell" — a reason to ask for review, never a match.
public enum PropositionParser {
    public static func parse(_ question: String, slug: String? = nil, defaultYear: Int? = nil) -> Proposition {
        let text = question.replacingOccurrences(of: "\u{2019}", with: "'")
        let lower = text.lowercased()
        var proposition = Proposition(subject: "")
        proposition.condition = condition(in: lower) ?? slug.flatMap(slugCondition)
        let (date, role) = self.date(in: lower, defaultYear: defaultYear)
        proposition.date = date
        proposition.dateRole = role
        proposition.timeZone = timeZone(in: text)
        proposition.isTouch = touchWords.contains { lower.range(of: $0, options: .regularExpression) != nil }
        proposition.isNegated = lower.range(of: #"\b(not|fail to|won't|no longer)\b"#, options: .regularExpression) != nil
        proposition.entities = entities(in: text)
        proposition.subject = subject(of: lower)
        return proposition
    }

    // MARK: Numbers

    static let touchWords = [#"\breach(es|ed)?\b"#, #"\bhit(s)?\b"#, #"\bdip(s)? to\b"#, #"\btouch(es)?\b"#, #"\bdrop(s)? to\b"#]

    /// `$1,234.5k`, `3.5%`, `80°F`, `25 bps`.
    static let number = #"(\$)?\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?((?:k|m|b|bn|million|billion|thousand|trillion|percent|bps|basis points|f|c)\b|%|°\s?f|°\s?c)?"#

    static func condition(in lower: String) -> Proposition.Condition? {
        let patterns: [(String, Proposition.Comparison)] = [
            (#"between\s+"# + number + #"\s+and\s+"# + number, .between),
            (#"(?:above|over|higher than|more than|greater than|exceed(?:s|ing)?)\s+"# + number, .above),
            (#"(?:at least|no less than)\s+"# + number, .atOrAbove),
            (number + #"\s+or\s+(?:more|higher|above|greater)"#, .atOrAbove),
            (#"(?:below|under|less than|lower than)\s+"# + number, .below),
            (#"(?:at most|no more than)\s+"# + number, .atOrBelow),
            (number + #"\s+or\s+(?:less|lower|below|fewer)"#, .atOrBelow),
            (#"(?:reach(?:es)?|hit(?:s)?|dip(?:s)? to|drop(?:s)? to|touch(?:es)?)\s+"# + number, .atOrAbove),
        ]
        for (pattern, comparison) in patterns {
            guard let match = firstMatch(pattern, in: lower) else { continue }
            let groups = match
            if comparison == .between {
                guard let low = value(groups, from: 1), let high = value(groups, from: 5) else { continue }
                return .init(comparison: .between, threshold: low.value, upper: high.value, unit: low.unit ?? high.unit)
            }
            guard let parsed = value(groups, from: 1) else { continue }
            var result = comparison
            // "dip to" / "drop to" is a downward touch.
            if lower.range(of: #"(dip|drop)s? to"#, options: .regularExpression) != nil, comparison == .atOrAbove,
                pattern.hasPrefix("(?:reach")
            {
                result = .atOrBelow
            }
            return .init(comparison: result, threshold: parsed.value, unit: parsed.unit)
        }
        return nil
    }

    /// `…-gte81lt82f`, `…-gte87f`, `…-lt79f` (Polymarket US temperature buckets).
    static func slugCondition(_ slug: String) -> Proposition.Condition? {
        let lower = slug.lowercased()
        if let m = firstMatch(#"-gte(\d+(?:p\d+)?)lt(\d+(?:p\d+)?)([a-z]*)$"#, in: lower) {
            guard let a = decimal(m[1]?.replacingOccurrences(of: "p", with: ".")),
                let b = decimal(m[2]?.replacingOccurrences(of: "p", with: "."))
            else { return nil }
            return .init(comparison: .between, threshold: a, upper: b, unit: unit(m[3]))
        }
        if let m = firstMatch(#"-gte(\d+(?:p\d+)?)([a-z]*)$"#, in: lower),
            let a = decimal(m[1]?.replacingOccurrences(of: "p", with: "."))
        {
            return .init(comparison: .atOrAbove, threshold: a, unit: unit(m[2]))
        }
        if let m = firstMatch(#"-lt(\d+(?:p\d+)?)([a-z]*)$"#, in: lower),
            let a = decimal(m[1]?.replacingOccurrences(of: "p", with: "."))
        {
            return .init(comparison: .below, threshold: a, unit: unit(m[2]))
        }
        return nil
    }

    private static func value(_ groups: [String?], from index: Int) -> (value: Decimal, unit: String?)? {
        guard index + 3 < groups.count, let digits = groups[index + 1] else { return nil }
        let plain = digits.replacingOccurrences(of: ",", with: "") + (groups[index + 2] ?? "")
        guard var value = Decimal(string: plain, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        let suffix = groups[index + 3]?.replacingOccurrences(of: " ", with: "")
        switch suffix {
        case "k", "thousand": value *= 1_000
        case "m", "million": value *= 1_000_000
        case "b", "bn", "billion": value *= 1_000_000_000
        case "trillion": value *= 1_000_000_000_000
        default: break
        }
        let currency = groups[index] != nil ? "usd" : nil
        return (value, currency ?? unit(suffix))
    }

    private static func unit(_ suffix: String?) -> String? {
        switch suffix?.replacingOccurrences(of: " ", with: "") {
        case "%", "percent": "percent"
        case "°f", "f": "°f"
        case "°c", "c": "°c"
        case "bps", "basispoints": "bps"
        default: nil
        }
    }

    private static func decimal(_ text: String?) -> Decimal? {
        text.flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
    }

    // MARK: Dates

    static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    static func date(in lower: String, defaultYear: Int?) -> (Timestamp?, Proposition.DateRole?) {
        let role: Proposition.DateRole =
            lower.range(of: #"\b(by|before|until|no later than|prior to)\b"#, options: .regularExpression) != nil ? .by : .on
        let monthNames = months.joined(separator: "|") + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
        if let m = firstMatch(#"\b(\d{4})-(\d{2})-(\d{2})\b"#, in: lower),
            let y = Int(m[1]!), let mo = Int(m[2]!), let d = Int(m[3]!)
        {
            return (timestamp(y, mo, d), role)
        }
        // `\b` after the day: "June 2026" names a month, not June 20.
        if let m = firstMatch(#"\b("# + monthNames + #")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?"#, in: lower),
            let month = monthIndex(m[1]!), let day = Int(m[2]!)
        {
            let year = m[3].flatMap { Int($0) } ?? defaultYear
            guard let year else { return (nil, nil) }
            return (timestamp(year, month, day), role)
        }
        if let m = firstMatch(#"\b(?:end of|in|by|before)\s+(20\d{2})\b"#, in: lower), let year = Int(m[1]!) {
            // "by 2027"/"before 2027" ends at the start of 2027; "in 2026"/"end of 2026" at its end.
            if lower.contains("before \(year)") { return (timestamp(year, 1, 1), .by) }
            return (timestamp(year, 12, 31), role == .by ? .by : .year)
        }
        return (nil, nil)
    }

    private static func monthIndex(_ name: String) -> Int? {
        if let full = months.firstIndex(of: name) { return full + 1 }
        let prefix = name == "sept" ? "sep" : name
        return months.firstIndex { $0.hasPrefix(prefix) }.map { $0 + 1 }
    }

    private static func timestamp(_ year: Int, _ month: Int, _ day: Int) -> Timestamp? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard (1...12).contains(month), (1...31).contains(day),
            let date = calendar.date(from: DateComponents(year: year, month: month, day: day))
        else { return nil }
        return Timestamp(date)
    }

    static func timeZone(in text: String) -> String? {
        firstMatch(#"\b(ET|EST|EDT|UTC|GMT|PT|PST|PDT|CT|CST|CDT|MT)\b"#, in: text)?[1]
    }

    // MARK: Words

    static let fillerWords: Set<String> = [
        "will", "the", "a", "an", "be", "by", "on", "in", "of", "to", "at", "for", "is", "than", "or", "and",
        "above", "below", "over", "under", "between", "more", "less", "least", "most", "higher", "lower",
        "reach", "hit", "dip", "before", "after", "end", "win", "wins", "who", "which", "what", "next",
    ]

    /// Words that belong to a date, not to what the question is about: month names and their
    /// abbreviations, and the ordinal endings the number pattern leaves behind ("30th" → "th").
    static let dateWords: Set<String> = Set(months).union([
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "st", "nd", "rd", "th",
    ])

    static func subject(of lower: String) -> String {
        let cleaned = lower.replacingOccurrences(of: number, with: " ", options: .regularExpression)
        let words = cleaned.split { !$0.isLetter }.map(String.init)
        return words.filter { !fillerWords.contains($0) && !dateWords.contains($0) && $0.count > 1 }.joined(separator: " ")
    }

    static func entities(in text: String) -> [String] {
        let pattern = #"\b([A-Z][a-zA-Z'.\-]+(?:\s+(?:[A-Z][a-zA-Z'.\-]+|of|de|da|van|von))*)"#
        let skip: Set<String> = ["Will", "Who", "Which", "What", "The", "Yes", "No", "In", "On", "By", "If"]
        var found: [String] = []
        for match in allMatches(pattern, in: text) {
            guard var name = match[1] else { continue }
            for word in skip where name.hasPrefix(word + " ") { name.removeFirst(word.count + 1) }
            if skip.contains(name) || months.contains(name.lowercased()) { continue }
            if !found.contains(name) { found.append(name) }
        }
        return found
    }

    // MARK: Regex helpers

    static func firstMatch(_ pattern: String, in text: String) -> [String?]? {
        allMatches(pattern, in: text, limit: 1).first
    }

    static func allMatches(_ pattern: String, in text: String, limit: Int = .max) -> [[String?]] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        var results: [[String?]] = []
        for match in regex.matches(in: text, range: range) {
            var groups: [String?] = []
            for index in 0..<match.numberOfRanges {
                let r = match.range(at: index)
                groups.append(r.location == NSNotFound ? nil : Range(r, in: text).map { String(text[$0]) })
            }
            results.append(groups)
            if results.count >= limit { break }
        }
        return results
    }
}
