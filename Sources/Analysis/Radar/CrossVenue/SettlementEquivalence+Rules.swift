import EdgewiseCore
import Foundation

/// Whether the two markets read the result from the same place and treat a cancelled,
/// postponed or voided event the same way.
extension SettlementEquivalence {
    func resolutionSource(_ a: SettlementSide, _ b: SettlementSide) -> SettlementFinding {
        let aSource = Self.normalisedSource(a.market.settlementSource)
        let bSource = Self.normalisedSource(b.market.settlementSource)
        switch (aSource, bSource) {
        case (let x?, let y?) where x == y:
            return .init(.resolutionSource, .match, "both settle on \(x)")
        case (let x?, let y?):
            // Different names can denote one publication ("AP" and apnews.com), so this is a
            // doubt for a person, not a contradiction.
            return .init(
                .resolutionSource, .unknown, "A settles on \(x), B on \(y)",
                next: "check whether both sources publish the same figure; if not, the pair is not equivalent")
        case (nil, nil):
            return .init(
                .resolutionSource, .unknown, "neither market names a settlement source",
                next: "find the resolution source in each venue's full rules")
        case (let source?, nil), (nil, let source?):
            return .init(
                .resolutionSource, .unknown, "\(aSource == nil ? "B" : "A") settles on \(source), \(aSource == nil ? "A" : "B") names no source",
                next: "find the resolution source in the other venue's full rules")
        }
    }

    /// Case, scheme, `www.` and a trailing slash are not differences between sources.
    static func normalisedSource(_ source: String?) -> String? {
        guard var text = source?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), !text.isEmpty else { return nil }
        for prefix in ["https://", "http://"] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        if text.hasPrefix("www.") { text.removeFirst(4) }
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    func voidRules(_ a: SettlementSide, _ b: SettlementSide) -> SettlementFinding {
        let aRules = a.market.rules.trimmingCharacters(in: .whitespacesAndNewlines)
        let bRules = b.market.rules.trimmingCharacters(in: .whitespacesAndNewlines)
        if aRules.isEmpty || bRules.isEmpty {
            let missing = [aRules.isEmpty ? "A" : nil, bRules.isEmpty ? "B" : nil].compactMap { $0 }
            return .init(
                .voidRules, .unknown, "no rules text for \(missing.joined(separator: " and "))",
                next: "fetch the full rules (refresh the catalog) and compare what happens on cancellation")
        }
        switch (a.voidClauses.isEmpty, b.voidClauses.isEmpty) {
        case (true, true):
            return .init(
                .voidRules, .unknown, "neither rules text says what happens if the event is cancelled or postponed",
                next: "ask or look up each venue's general void policy")
        case (true, false), (false, true):
            let (stated, silent) = a.voidClauses.isEmpty ? ("B", "A") : ("A", "B")
            return .init(
                .voidRules, .unknown, "only \(stated)'s rules say what happens on cancellation or postponement",
                next: "look up \(silent)'s general void policy")
        case (false, false):
            if a.voidClauses == b.voidClauses {
                return .init(.voidRules, .match, "identical void clauses: \"\(a.voidClauses.joined(separator: " / "))\"")
            }
            let aOutcomes = a.voidOutcomes
            let bOutcomes = b.voidOutcomes
            if !aOutcomes.isEmpty, aOutcomes == bOutcomes {
                return .init(
                    .voidRules, .match,
                    "both resolve \(aOutcomes.sorted().joined(separator: "/")) when the event is cancelled or postponed")
            }
            return .init(
                .voidRules, .unknown,
                "void handling differs: A: \"\(a.voidClauses.joined(separator: " / "))\"; B: \"\(b.voidClauses.joined(separator: " / "))\"",
                next: "decide whether the two void rules pay the same in every cancellation scenario")
        }
    }
}
