/// The CLOB's answer to a cancel: which orders it cancelled and why it left the others.
public struct PolymarketCancelResult: Sendable, Hashable {
    public var canceled: [String]
    /// Order id → the venue's reason (for example already matched, or unknown).
    public var notCanceled: [String: String]

    public init(canceled: [String] = [], notCanceled: [String: String] = [:]) {
        self.canceled = canceled
        self.notCanceled = notCanceled
    }
}

struct WireCancelResult: Decodable, Sendable {
    var canceled: [String]?
    var not_canceled: [String: ClobErrorText]?
    var notCanceled: [String: ClobErrorText]?

    var result: PolymarketCancelResult {
        PolymarketCancelResult(
            canceled: canceled ?? [], notCanceled: (not_canceled ?? notCanceled ?? [:]).mapValues(\.text))
    }
}
