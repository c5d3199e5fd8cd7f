/// The side of a binary market (or of one answer of a multiple-choice market) a bet buys.
public enum ManifoldBinaryOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case yes = "YES"
    case no = "NO"

    public var opposite: ManifoldBinaryOutcome { self == .yes ? .no : .yes }
}
