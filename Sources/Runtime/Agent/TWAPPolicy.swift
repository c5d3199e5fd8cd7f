import EdgewiseCore

/// Larger directional orders are worked over time instead of hitting the book at once
/// (`[agent] twap_above`, `twap_slices`, `twap_seconds`): an order whose notional is above the
/// threshold is sent as equal slices at equal intervals, each priced, routed and risk-checked
/// when it goes out, never above the strategy's limit.
public struct TWAPPolicy: Hashable, Sendable {
    public var above: Amount
    public var slices: Int
    public var seconds: Double

    public init(above: Amount, slices: Int = 5, seconds: Double = 300) {
        self.above = above
        self.slices = slices
        self.seconds = seconds
    }
}
