import EdgewiseCore

/// What an order on one market must satisfy before it is sent: the price grid and whether
/// fractional counts are allowed. Built from a ``KalshiMarket`` (or by hand in tests).
public struct KalshiOrderRules: Sendable, Hashable {
    public var ticker: String
    public var grid: KalshiPriceGrid
    public var fractionalTradingEnabled: Bool

    public init(ticker: String, grid: KalshiPriceGrid, fractionalTradingEnabled: Bool = false) {
        self.ticker = ticker
        self.grid = grid
        self.fractionalTradingEnabled = fractionalTradingEnabled
    }

    public init(market: KalshiMarket) throws(KalshiOrderValidationError) {
        self.init(ticker: market.ticker, grid: try KalshiPriceGrid(market: market), fractionalTradingEnabled: market.fractionalTradingEnabled)
    }

    /// The smallest order: one contract, or one hundredth where fractional trading is enabled.
    public var minimumCount: Size { fractionalTradingEnabled ? Size(units: FixedPoint.unitsPerWhole / 100) : 1 }

    func check(price: Price) throws(KalshiOrderValidationError) {
        guard price.isInsideUnitInterval else {
            let (below, above) = grid.neighbours(of: price)
            throw .priceOutsideUnitInterval(price: price, nearest: price.units <= 0 ? above : below)
        }
        guard grid.accepts(price) else {
            let (below, above) = grid.neighbours(of: price)
            throw .priceOffGrid(price: price, below: below, above: above)
        }
    }

    func check(count: Size) throws(KalshiOrderValidationError) {
        guard count.units > 0 else { throw .countNotPositive(count: count) }
        guard count.decimalPlaces <= 2 else { throw .countTooPrecise(count: count) }
        if !fractionalTradingEnabled, count.decimalPlaces > 0 {
            let below = count.rounded(toPlaces: 0, .down)
            throw .countNotWhole(count: count, below: below.units > 0 ? below : nil, above: count.rounded(toPlaces: 0, .up))
        }
    }
}
