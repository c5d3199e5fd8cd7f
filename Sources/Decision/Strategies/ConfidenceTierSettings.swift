import EdgewiseCore

/// When ``ConfidenceTierStrategy`` acts on a probability signal. How much it buys is the sizing
/// method's and the limits' business, passed alongside.
public struct ConfidenceTierSettings: Hashable, Codable, Sendable {
    /// The least edge per share at the best ask, before fees and slippage, for a side to be
    /// sized at all (the sizer then applies its own minimum after fees). Default 0.03, the
    /// lowest standard tier.
    public var minimumEdge: Price
    /// Books older than this, in seconds, are not priced from. Default 30.
    public var maxBookAgeSeconds: Double
    /// The most held in one market, at cost, both sides together; a market holding that much
    /// gets nothing more and one holding less gets at most the rest. Default 100.
    public var maximumPositionCost: Amount
    /// How long an order sent for a market blocks another one when nothing is heard of it (the
    /// host reports the orders it places; one it refused is never heard of). Default 60 s.
    public var orderTimeoutSeconds: Double

    public init(
        minimumEdge: Price = Price(units: 30_000), maxBookAgeSeconds: Double = 30, maximumPositionCost: Amount = 100,
        orderTimeoutSeconds: Double = 60
    ) {
        self.minimumEdge = minimumEdge
        self.maxBookAgeSeconds = maxBookAgeSeconds
        self.maximumPositionCost = maximumPositionCost
        self.orderTimeoutSeconds = orderTimeoutSeconds
    }
}
