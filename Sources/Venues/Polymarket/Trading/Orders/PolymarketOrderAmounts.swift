import EdgewiseCore

/// The `makerAmount` and `takerAmount` a signed Polymarket order carries, in 6-decimal base units,
/// computed from a price and a size (limit orders) or a spend (market orders) exactly as the
/// official TypeScript order builder intends — but in integers, so none of its float artifacts
/// (market BUY $1 at 0.57 is 1.7543 shares, not 1.7857) can reach a signature.
///
/// These functions are the venue's algorithm and nothing more: they round the price to the
/// tick's decimal places as the official clients do. User input goes through
/// ``PolymarketMarketRules`` first, which refuses off-tick prices and sizes below the market
/// minimum instead of rounding them.
///
/// The amounts are `UInt64` because the signed fields are unsigned integers; every value is also
/// at most `Int64.max`, so ``collateral`` and ``shares`` convert to Core's types without loss.
public struct PolymarketOrderAmounts: Sendable, Hashable, CustomStringConvertible {
    public let side: OrderSide
    /// The price the amounts were computed at, after the official rounding.
    public let price: Price
    /// What the maker gives: USDC for a BUY, shares for a SELL.
    public let makerAmount: UInt64
    /// The least the maker receives: shares for a BUY, USDC for a SELL.
    public let takerAmount: UInt64

    public init(side: OrderSide, price: Price, makerAmount: UInt64, takerAmount: UInt64) {
        self.side = side
        self.price = price
        self.makerAmount = makerAmount
        self.takerAmount = takerAmount
    }

    /// A GTC/GTD order for `size` shares at `price`: the share leg is `size` rounded down to two
    /// decimals, the USDC leg is shares × price (the price rounded half-up to the tick's places).
    public static func limit(
        side: OrderSide, price: Price, size: Size, tickSize: PolymarketTickSize
    ) throws(PolymarketOrderRejection) -> PolymarketOrderAmounts {
        let rounded = price.rounded(toPlaces: tickSize.priceDecimals, .halfUp)
        guard rounded.units > 0 else { throw .priceRoundsToZero(price: price, decimals: tickSize.priceDecimals) }
        let shares = size.rounded(toPlaces: tickSize.sizeDecimals, .down)
        guard shares.units > 0 else { throw .sizeRoundsToZero(size) }
        let usdc = try settle(
            Int128(shares.units) * Int128(rounded.units), over: millionthsSquared, amountDecimals: tickSize.amountDecimals)
        let shareUnits = UInt64(shares.units)
        return side == .buy
            ? PolymarketOrderAmounts(side: side, price: rounded, makerAmount: usdc, takerAmount: shareUnits)
            : PolymarketOrderAmounts(side: side, price: rounded, makerAmount: shareUnits, takerAmount: usdc)
    }

    /// A FOK/FAK order: a BUY spends `amount` USDC for at least amount / price shares, a SELL gives
    /// `shares` for at least shares × price USDC. `price` is the worst acceptable price (see
    /// ``PolymarketMarketPrice``); it is rounded down to the tick's places, the quantity down to
    /// two decimals.
    public static func market(
        _ quantity: PolymarketMarketOrderQuantity, price: Price, tickSize: PolymarketTickSize
    ) throws(PolymarketOrderRejection) -> PolymarketOrderAmounts {
        let rounded = price.rounded(toPlaces: tickSize.priceDecimals, .down)
        guard rounded.units > 0 else { throw .priceRoundsToZero(price: price, decimals: tickSize.priceDecimals) }
        switch quantity {
        case .buy(let amount):
            guard amount.units > 0 else { throw .nonPositiveQuantity(quantity) }
            let spend = amount.rounded(toPlaces: 2, .down)
            guard spend.units > 0 else { throw .amountRoundsToZero(amount) }
            // spend / price with both in millionths: the ratio is already in whole shares.
            let shares = try settle(Int128(spend.units), over: Int128(rounded.units), amountDecimals: tickSize.amountDecimals)
            return PolymarketOrderAmounts(side: .buy, price: rounded, makerAmount: UInt64(spend.units), takerAmount: shares)
        case .sell(let size):
            let shares = size.rounded(toPlaces: tickSize.sizeDecimals, .down)
            guard shares.units > 0 else { throw .sizeRoundsToZero(size) }
            let usdc = try settle(
                Int128(shares.units) * Int128(rounded.units), over: millionthsSquared, amountDecimals: tickSize.amountDecimals)
            return PolymarketOrderAmounts(side: .sell, price: rounded, makerAmount: UInt64(shares.units), takerAmount: usdc)
        }
    }

    /// The USDC leg: what a BUY pays at most, or what a SELL receives at least.
    public var collateral: Amount { Amount(units: Int64(side == .buy ? makerAmount : takerAmount)) }

    /// The share leg: what a BUY receives at least, or what a SELL gives.
    public var shares: Size { Size(units: Int64(side == .buy ? takerAmount : makerAmount)) }

    public var description: String {
        "\(side) makerAmount \(makerAmount) takerAmount \(takerAmount) at \(price)"
    }

    private static let millionthsSquared: Int128 = 1_000_000_000_000

    /// Turns the exact value `numerator / denominator` (whole units) into base units following the
    /// official clean-up: round up at `amountDecimals + 4` places, then down to `amountDecimals`.
    ///
    /// With exact inputs the first step never carries into the kept digits (prices have at most
    /// four decimals, so a remainder is never that close to the next step), which makes this a
    /// truncation in practice; it is kept literal so that the fixture's official cases are
    /// reproduced by the same rule the venue's clients state, not by a shortcut that happens to agree.
    static func settle(_ numerator: Int128, over denominator: Int128, amountDecimals: Int) throws(PolymarketOrderRejection) -> UInt64 {
        precondition(denominator > 0 && numerator >= 0 && (0...FixedPoint.scale).contains(amountDecimals))
        let (scaled, overflow) = numerator.multipliedReportingOverflow(by: power10(amountDecimals + 4))
        if overflow { throw .amountOverflow }
        let roundedUp = FixedPoint.divide(scaled, denominator, .up)
        let kept = FixedPoint.divide(roundedUp, 10_000, .down)
        let (base, overflow2) = kept.multipliedReportingOverflow(by: power10(FixedPoint.scale - amountDecimals))
        guard !overflow2, base <= Int128(Int64.max) else { throw .amountOverflow }
        return UInt64(base)
    }

    private static func power10(_ exponent: Int) -> Int128 {
        var value: Int128 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
