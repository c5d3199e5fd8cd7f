import EdgewiseCore
import Foundation

/// One market as the settlement check reads it, parsed once: its proposition, the words and
/// years of its question and slug, the time zone it names and what its rules say about voiding.
struct SettlementSide {
    let market: Market
    let proposition: Proposition
    /// Lower-cased words of the question and slug.
    let words: Set<String>
    let years: Set<Int>
    /// Normalised zone (`ET`, `CT`, `MT`, `PT`, `UTC`) named in the question or rules.
    let timeZone: String?
    let voidClauses: [String]

    init(_ market: Market) {
        self.market = market
        let slugText = (market.slug ?? "").replacingOccurrences(of: "-", with: " ")
        let text = market.question + " " + slugText
        proposition = PropositionParser.parse(market.question, slug: market.slug)
        let tokens = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        words = Set(tokens)
        years = Set(tokens.compactMap { token in
            guard token.count == 4, let year = Int(token), (1900...2199).contains(year) else { return nil }
            return year
        })
        timeZone = Self.zone(in: market.question + "\n" + market.rules)
        voidClauses = Self.voidClauses(in: market.rules)
    }

    var yesPrice: Price? {
        if let yes = market.outcome(named: "Yes")?.indicativePrice { return yes }
        return market.outcome(named: "No")?.indicativePrice?.complement
    }

    var hasYesNoOutcomes: Bool { market.outcome(named: "Yes") != nil && market.outcome(named: "No") != nil }

    // MARK: Time zones

    /// Daylight and standard names denote one zone as venues use them ("ET" covers EST and EDT).
    static func zone(in text: String) -> String? {
        if let short = PropositionParser.timeZone(in: text) { return normalise(short) }
        let lower = text.lowercased()
        let long: [(String, String)] = [
            ("eastern time", "ET"), ("central time", "CT"), ("mountain time", "MT"), ("pacific time", "PT"),
            ("coordinated universal time", "UTC"), ("new york time", "ET"),
        ]
        return long.first { lower.contains($0.0) }?.1
    }

    static func normalise(_ zone: String) -> String {
        switch zone {
        case "ET", "EST", "EDT": "ET"
        case "CT", "CST", "CDT": "CT"
        case "PT", "PST", "PDT": "PT"
        case "UTC", "GMT": "UTC"
        default: zone
        }
    }

    // MARK: Void rules

    static let voidPattern =
        #"\b(void(ed)?|cancel(l?ed|lation|s)?|postpone(d|ment|s)?|annul(led|ment)?|refund(s|ed)?|rescheduled|abandon(ed)?|50-50|fifty-fifty)\b"#

    /// The sentences of a rules text that say what happens when the event does not take place
    /// as planned, normalised so that whitespace and case do not count as differences.
    static func voidClauses(in rules: String) -> [String] {
        let sentences = rules.lowercased().split(whereSeparator: { ".;\n".contains($0) })
        return sentences.compactMap { sentence in
            let text = sentence.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return text.range(of: voidPattern, options: .regularExpression) == nil ? nil : text
        }
    }

    /// What the void clauses make the market resolve to ("no", "yes", "50-50", "refund"…), when stated.
    var voidOutcomes: Set<String> {
        var outcomes = Set<String>()
        for clause in voidClauses {
            if clause.range(of: #"\b(refund(s|ed)?|void(ed)?|annul(led)?)\b"#, options: .regularExpression) != nil {
                outcomes.insert("void")
            }
            for match in PropositionParser.allMatches(#"resolve(?:s|d)?\s+(?:to\s+)?["“']?(yes|no|50-50|fifty-fifty|n/a)"#, in: clause) {
                if let value = match[1] { outcomes.insert(value == "fifty-fifty" ? "50-50" : value) }
            }
        }
        return outcomes
    }
}
