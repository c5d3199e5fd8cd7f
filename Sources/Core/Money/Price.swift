/// The price of one share of an outcome, in the venue's currency. On binary venues a share pays
/// 1 at resolution, so a price is also the market's implied probability.
public struct Price: FixedPointDecimal {
    public let units: Int64
    public init(units: Int64) { self.units = units }

    public static func validate(_ units: Int64, text: String) throws(FixedPointError) {
        if units < 0 { throw .negative(text: text) }
    }

    /// The payout of a winning share.
    public static let one = Price(units: FixedPoint.unitsPerWhole)

    /// `1 - price`: the price of the complementary outcome.
    public var complement: Price { Price(units: FixedPoint.unitsPerWhole - units) }

    /// Whether the price lies strictly inside (0, 1), the range where a binary contract trades.
    public var isInsideUnitInterval: Bool { units > 0 && units < FixedPoint.unitsPerWhole }

    /// A venue accepts a limit price when it sits on the tick grid and `tick ≤ p ≤ 1 − tick`.
    public func isValid(tick: Price) -> Bool {
        isMultiple(of: tick) && units >= tick.units && units <= FixedPoint.unitsPerWhole - tick.units
    }

    public static func + (lhs: Price, rhs: Price) -> Price { Price(units: lhs.units + rhs.units) }
    public static func - (lhs: Price, rhs: Price) -> Price { Price(units: lhs.units - rhs.units) }

    /// The amount paid for `size` shares at this price.
    public func cost(of size: Size, _ rule: Rounding = .halfUp) -> Amount {
        Amount(units: Int64(FixedPoint.divide(Int128(units) * Int128(size.units), Int128(FixedPoint.unitsPerWhole), rule)))
    }
}

/// A quantity of shares or contracts.
public struct Size: FixedPointDecimal {
    public let units: Int64
    public init(units: Int64) { self.units = units }

    public static func validate(_ units: Int64, text: String) throws(FixedPointError) {
        if units < 0 { throw .negative(text: text) }
    }

    public static func + (lhs: Size, rhs: Size) -> Size { Size(units: lhs.units + rhs.units) }
    public static func - (lhs: Size, rhs: Size) -> Size { Size(units: lhs.units - rhs.units) }
    public static func += (lhs: inout Size, rhs: Size) { lhs = lhs + rhs }
    public static func -= (lhs: inout Size, rhs: Size) { lhs = lhs - rhs }
    public static func min(_ a: Size, _ b: Size) -> Size { a < b ? a : b }
}

/// An amount of money (pUSD, USD, mana): cash, cost, fees and P&L. Signed.
public struct Amount: FixedPointDecimal {
    public let units: Int64
    public init(units: Int64) { self.units = units }

    public static func + (lhs: Amount, rhs: Amount) -> Amount { Amount(units: lhs.units + rhs.units) }
    public static func - (lhs: Amount, rhs: Amount) -> Amount { Amount(units: lhs.units - rhs.units) }
    public static prefix func - (value: Amount) -> Amount { Amount(units: -value.units) }
    public static func += (lhs: inout Amount, rhs: Amount) { lhs = lhs + rhs }
    public static func -= (lhs: inout Amount, rhs: Amount) { lhs = lhs - rhs }

    /// How many shares this amount buys at `price` (a market BUY's size), rounded by `rule`.
    public func shares(at price: Price, _ rule: Rounding = .down) -> Size {
        precondition(price.units > 0, "cannot divide an amount by a zero price")
        return Size(units: Int64(FixedPoint.divide(Int128(units) * Int128(FixedPoint.unitsPerWhole), Int128(price.units), rule)))
    }

    /// This amount per share: `amount / size` as a price (an average fill price).
    public func perShare(_ size: Size, _ rule: Rounding = .halfUp) -> Price {
        precondition(size.units > 0, "cannot divide an amount by a zero size")
        return Price(units: Int64(FixedPoint.divide(Int128(units) * Int128(FixedPoint.unitsPerWhole), Int128(size.units), rule)))
    }
}
