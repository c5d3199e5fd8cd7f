import EdgewiseCore

/// One order's outcome in a batched create: the order, or the venue's error for it.
public struct KalshiBatchOrderOutcome: Sendable, Hashable {
    public var clientOrderID: String?
    public var order: KalshiOrder?
    public var error: KalshiErrorBody?
}
