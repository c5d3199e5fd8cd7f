import EdgewiseCore

/// The reply to a cancel: the zeroed order and how many contracts the cancel removed.
public struct KalshiCancellation: Sendable, Hashable {
    public var order: KalshiOrder
    public var reducedBy: Size?
}
