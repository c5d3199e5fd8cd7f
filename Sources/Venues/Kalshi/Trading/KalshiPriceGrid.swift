import EdgewiseCore

/// The prices a market accepts orders at: one or more bands, each a run of multiples of its step
/// counted from its start. A price is valid when it lies strictly inside (0, 1) and on the grid
/// of some band; band edges shared by two bands (0.10 in the tapered grid) are valid when either
/// band allows them.
public struct KalshiPriceGrid: Sendable, Hashable {
    public var ranges: [KalshiPriceRange]

    public init(ranges: [KalshiPriceRange]) {
        self.ranges = ranges
    }

    /// 0.01 everywhere.
    public static let linearCent = KalshiPriceGrid(ranges: [KalshiPriceRange(start: .zero, end: .one, step: .cents(1))])
    /// 0.001 below 0.10 and above 0.90, 0.01 in between.
    public static let taperedDeciCent = KalshiPriceGrid(ranges: [
        KalshiPriceRange(start: .zero, end: .cents(10), step: .deciCents(1)),
        KalshiPriceRange(start: .cents(10), end: .cents(90), step: .cents(1)),
        KalshiPriceRange(start: .cents(90), end: .one, step: .deciCents(1)),
    ])
    /// 0.001 everywhere.
    public static let deciCent = KalshiPriceGrid(ranges: [KalshiPriceRange(start: .zero, end: .one, step: .deciCents(1))])

    /// The grid a named structure stands for; nil for a name this client does not know.
    public static func named(_ structure: KalshiPriceLevelStructure) -> KalshiPriceGrid? {
        switch structure {
        case .linearCent: .linearCent
        case .taperedDeciCent: .taperedDeciCent
        case .deciCent: .deciCent
        case .unknown: nil
        }
    }

    /// The grid of `market`: its explicit `price_ranges` when it sends any (they are the
    /// venue's precise statement and win over the name), otherwise its `price_level_structure`.
    /// A market with neither, or with only a structure name this client does not know, has no
    /// grid we can check, and orders on it are refused rather than sent on a guess.
    public init(market: KalshiMarket) throws(KalshiOrderValidationError) {
        if !market.priceRanges.isEmpty {
            self.init(ranges: market.priceRanges)
        } else if let structure = market.priceLevelStructure, let grid = Self.named(structure) {
            self = grid
        } else {
            throw .unknownPriceGrid(ticker: market.ticker, structure: market.priceLevelStructure?.wire)
        }
    }

    /// Whether an order may be placed at `price`.
    public func accepts(_ price: Price) -> Bool {
        guard price.isInsideUnitInterval else { return false }
        return ranges.contains { range in
            range.start <= price && price <= range.end && (price.units - range.start.units) % range.step.units == 0
        }
    }

    /// The closest valid prices strictly below and strictly above `price` (either may be nil).
    public func neighbours(of price: Price) -> (below: Price?, above: Price?) {
        var below: Price?
        var above: Price?
        for range in ranges {
            if range.start < price {
                let top = min(price.units - 1, range.end.units)
                let steps = (top - range.start.units) / range.step.units
                let candidate = Price(units: range.start.units + steps * range.step.units)
                if candidate.isInsideUnitInterval, candidate < price, below.map({ candidate > $0 }) ?? true { below = candidate }
            }
            if range.end > price {
                let bottom = max(price.units + 1, range.start.units)
                let steps = (bottom - range.start.units + range.step.units - 1) / range.step.units
                let candidate = Price(units: range.start.units + steps * range.step.units)
                if candidate <= range.end, candidate.isInsideUnitInterval, above.map({ candidate < $0 }) ?? true { above = candidate }
            }
        }
        return (below, above)
    }

    /// The largest step of any band. Every multiple of it inside (0, 1) is valid on the
    /// built-in grids, so it is the safe tick for code that rounds prices to one increment.
    public var coarsestStep: Price? { ranges.map(\.step).max() }

    /// The smallest step of any band: the finest price resolution the market offers anywhere.
    public var finestStep: Price? { ranges.map(\.step).min() }
}

extension Price {
    /// `n` hundredths of a dollar.
    static func cents(_ n: Int64) -> Price { Price(units: n * (FixedPoint.unitsPerWhole / 100)) }
    /// `n` thousandths of a dollar.
    static func deciCents(_ n: Int64) -> Price { Price(units: n * (FixedPoint.unitsPerWhole / 1000)) }
}
