/// The result of checking one ``SettlementCriterion`` on a pair: whether it matched, and in words
/// what was compared and what a reviewer should check next.
public struct SettlementFinding: Hashable, Codable, Sendable {
    public enum Status: String, Hashable, Codable, Sendable, CaseIterable, CustomStringConvertible {
        /// Positively confirmed the same on both sides.
        case match
        /// Positively different: the markets are different contracts.
        case mismatch
        /// Missing, unparseable or different only in wording: cannot tell without a person.
        case unknown

        public var description: String { rawValue }
    }

    public var criterion: SettlementCriterion
    public var status: Status
    /// What was compared, with both sides' values.
    public var detail: String
    /// What a reviewer should read or check to settle the doubt; nil when nothing is left to do.
    public var nextStep: String?

    public init(_ criterion: SettlementCriterion, _ status: Status, _ detail: String, next nextStep: String? = nil) {
        self.criterion = criterion
        self.status = status
        self.detail = detail
        self.nextStep = nextStep
    }
}
