import EdgewiseCore

/// What ``NearResolutionTailStrategy`` buys: the favourite of a market about to end, priced
/// between ``minimumPrice`` and ``maximumPrice``.
public struct NearResolutionTailSettings: Hashable, Codable, Sendable {
    /// The least best ask that marks an outcome as the clear favourite. Default 0.95.
    public var minimumPrice: Price
    /// The most paid per share, every level of the walk included; it also bounds the edge the
    /// strategy believes in. Default 0.98.
    public var maximumPrice: Price
    /// Only markets whose end time is at most this far ahead. Default 24 h.
    public var hoursToEnd: Double
    /// Only markets in one of these categories (case-insensitive); empty admits every category.
    /// A market whose category is unknown is skipped whenever either list is non-empty.
    public var includeCategories: [String]
    /// Never markets in these categories.
    public var excludeCategories: [String]
    /// The most spent on one market, fees included. Default 50.
    public var maximumCostPerMarket: Amount
    /// The probability the favourite wins when no calibrated signal says otherwise: the tail
    /// premise is that a favourite this close to the end is still priced a little low.
    /// Default 0.99.
    public var assumedProbability: Double
    /// The least edge per share after fees and slippage. Default 0.005.
    public var minimumEdgePerShare: Price
    /// The oldest book priced from, in seconds. Default 30.
    public var maxBookAgeSeconds: Double
    /// How often every known market is re-checked (a market enters the window with time, not
    /// with a book change). Default 60 s.
    public var scanIntervalSeconds: Double

    public init(
        minimumPrice: Price = Price(units: 950_000), maximumPrice: Price = Price(units: 980_000), hoursToEnd: Double = 24,
        includeCategories: [String] = [], excludeCategories: [String] = [], maximumCostPerMarket: Amount = 50,
        assumedProbability: Double = 0.99, minimumEdgePerShare: Price = Price(units: 5_000), maxBookAgeSeconds: Double = 30,
        scanIntervalSeconds: Double = 60
    ) {
        self.minimumPrice = minimumPrice
        self.maximumPrice = maximumPrice
        self.hoursToEnd = hoursToEnd
        self.includeCategories = includeCategories
        self.excludeCategories = excludeCategories
        self.maximumCostPerMarket = maximumCostPerMarket
        self.assumedProbability = assumedProbability
        self.minimumEdgePerShare = minimumEdgePerShare
        self.maxBookAgeSeconds = maxBookAgeSeconds
        self.scanIntervalSeconds = scanIntervalSeconds
    }

    /// Whether a market of `category` may be traded.
    func admits(category: String?) -> Bool {
        guard !includeCategories.isEmpty || !excludeCategories.isEmpty else { return true }
        guard let category = category?.lowercased() else { return false }
        if excludeCategories.contains(where: { $0.lowercased() == category }) { return false }
        return includeCategories.isEmpty || includeCategories.contains { $0.lowercased() == category }
    }
}
