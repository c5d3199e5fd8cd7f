import EdgewiseCore

/// One market's order limits as the CLOB enforces them, and the checks an order must pass before
/// it is signed. This is the user-facing door to ``PolymarketOrderAmounts``: where the official
/// algorithm would quietly round a price to the tick's places, these checks refuse any price that
/// is not on the tick, so what is signed is what was asked for.
public struct PolymarketMarketRules: Sendable, Hashable {
    /// The finest tick the market accepts (`mts` / `tick_size`).
    public var minimumTickSize: PolymarketTickSize
    /// The smallest limit order, in shares (`mos` / `min_order_size`).
    public var minimumOrderSize: Size

    public init(minimumTickSize: PolymarketTickSize, minimumOrderSize: Size) {
        self.minimumTickSize = minimumTickSize
        self.minimumOrderSize = minimumOrderSize
    }

    /// The tick an order uses: the market's, or a coarser one the caller asks for. A finer tick
    /// would produce prices the venue rejects.
    public func tickSize(requested: PolymarketTickSize? = nil) throws(PolymarketOrderRejection) -> PolymarketTickSize {
        guard let requested else { return minimumTickSize }
        guard requested >= minimumTickSize else { throw .tickFinerThanMarket(requested: requested, market: minimumTickSize) }
        return requested
    }

    /// A price must sit on the order's tick — and on the market's, which a coarser tick such as
    /// 0.0025 over 0.001 does not imply — and within `tick … 1 − tick`.
    public func validatePrice(_ price: Price, tickSize requested: PolymarketTickSize? = nil) throws(PolymarketOrderRejection) {
        let tick = try tickSize(requested: requested)
        for grid in [tick, minimumTickSize] where !price.isMultiple(of: grid.price) {
            throw .priceNotOnTick(price: price, tick: grid)
        }
        guard tick.validPrices.contains(price) else { throw .priceOutOfRange(price: price, tick: tick) }
    }

    /// Validates and prices a GTC/GTD order for `size` shares at `price`. The size is rounded down
    /// to two decimals (the venue's lot) and what remains must reach the market minimum.
    public func limitOrder(
        side: OrderSide, price: Price, size: Size, tickSize requested: PolymarketTickSize? = nil
    ) throws(PolymarketOrderRejection) -> PolymarketOrderAmounts {
        let tick = try tickSize(requested: requested)
        try validatePrice(price, tickSize: tick)
        let lots = size.rounded(toPlaces: tick.sizeDecimals, .down)
        guard lots.units > 0 else { throw .sizeRoundsToZero(size) }
        guard lots >= minimumOrderSize else { throw .sizeBelowMinimum(size: lots, minimum: minimumOrderSize) }
        return try PolymarketOrderAmounts.limit(side: side, price: price, size: size, tickSize: tick)
    }

    /// Validates and prices a FOK/FAK order with `price` as its worst acceptable price.
    ///
    /// The market minimum is not applied here: it is documented for limit orders, and a market
    /// BUY's share count is only known as a bound. The venue has the last word on market orders.
    public func marketOrder(
        _ quantity: PolymarketMarketOrderQuantity, price: Price, tickSize requested: PolymarketTickSize? = nil
    ) throws(PolymarketOrderRejection) -> PolymarketOrderAmounts {
        let tick = try tickSize(requested: requested)
        try validatePrice(price, tickSize: tick)
        return try PolymarketOrderAmounts.market(quantity, price: price, tickSize: tick)
    }

    /// A FOK/FAK order priced from the book (see ``PolymarketMarketPrice``). A book level off the
    /// tick means these rules are stale (the tick changed): refresh them rather than sign.
    public func marketOrder(
        _ quantity: PolymarketMarketOrderQuantity, book: OrderBook, kind: PolymarketMarketOrderKind,
        tickSize requested: PolymarketTickSize? = nil
    ) throws(PolymarketOrderRejection) -> PolymarketOrderAmounts {
        let worst = try PolymarketMarketPrice.walk(quantity, book: book, kind: kind)
        return try marketOrder(quantity, price: worst.price, tickSize: requested)
    }
}
