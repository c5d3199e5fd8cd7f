import EdgewiseCore
import Foundation

/// The terms a market is matched on: content words of its question and slug, crudely stemmed so
/// "nominee"/"nomination" and "presidency"/"presidential" meet, plus tagged terms for its numeric
/// condition and date, so "above 100k" and "above 110k" on the same asset do not look identical.
enum PairTerms {
    static let stopWords: Set<String> = PropositionParser.fillerWords.union([
        "are", "as", "with", "from", "his", "her", "its", "their", "this", "that", "after", "following", "does",
        "do", "has", "have", "get", "become", "us", "yes", "no",
    ])

    /// Long enough to tell names apart, short enough to merge a word's derivations.
    static let stemLength = 5

    static func terms(of market: Market) -> Set<String> {
        let slugText = (market.slug ?? "").replacingOccurrences(of: "-", with: " ")
        let text = market.question + " " + slugText
        var terms = Set<String>()
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            let word = String(word)
            if word.allSatisfy(\.isNumber) {
                // Years name the season or the election; other bare numbers are read below with their unit.
                if word.count == 4, word.hasPrefix("19") || word.hasPrefix("20") { terms.insert(word) }
                continue
            }
            guard word.count > 1, !stopWords.contains(word) else { continue }
            terms.insert(String(word.prefix(stemLength)))
        }
        // Parsing is the expensive part; a question without digits has no threshold or date to read.
        if text.contains(where: \.isNumber) {
            let proposition = PropositionParser.parse(market.question, slug: market.slug)
            if let condition = proposition.condition { terms.insert(conditionTerm(condition)) }
            if let date = proposition.date { terms.insert("#day:\(date.nanoseconds / 86_400_000_000_000)") }
        }
        return terms
    }

    static func conditionTerm(_ condition: Proposition.Condition) -> String {
        "#\(condition.comparison.rawValue):\(condition.threshold):\(condition.upper.map { "\($0)" } ?? ""):\(condition.unit ?? "")"
    }

    static func isCondition(_ term: String) -> Bool { term.hasPrefix("#") && !term.hasPrefix("#day:") }
}
