import EdgewiseCore

/// One order's outcome in a batched cancel.
public struct KalshiBatchCancelOutcome: Sendable, Hashable {
    public var orderID: String
    public var order: KalshiOrder?
    public var reducedBy: Size?
    public var error: KalshiErrorBody?
}
