/// A person's verdict on a pair after reading both rules. It outranks the automatic check and
/// survives every re-run of it.
public struct PairOverride: Hashable, Codable, Sendable {
    public var verdict: SettlementVerdict
    public var note: String?
    public var at: Timestamp

    public init(verdict: SettlementVerdict, note: String? = nil, at: Timestamp) {
        self.verdict = verdict
        self.note = note
        self.at = at
    }
}
