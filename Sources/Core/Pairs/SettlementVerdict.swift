/// Whether two markets settle the same way. Only ``equivalent`` lets a pair produce
/// cross-venue opportunities: a false "equivalent" loses money, a false "needs review" only a trade.
public enum SettlementVerdict: String, Hashable, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// Every criterion was positively matched.
    case equivalent
    /// At least one criterion contradicts: different contracts.
    case notEquivalent = "not_equivalent"
    /// Nothing contradicts, but something could not be confirmed; a person must read both rules.
    case needsReview = "needs_review"

    /// Combines finding statuses: any contradiction wins, then any doubt; only all-matched is equivalent.
    public init(findings: [SettlementFinding]) {
        if findings.contains(where: { $0.status == .mismatch }) {
            self = .notEquivalent
        } else if findings.isEmpty || findings.contains(where: { $0.status == .unknown }) {
            self = .needsReview
        } else {
            self = .equivalent
        }
    }

    public var description: String { rawValue }
}
