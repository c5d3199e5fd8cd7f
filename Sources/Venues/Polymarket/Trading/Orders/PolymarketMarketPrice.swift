import EdgewiseCore

/// The worst price a market order must accept to fill against the opposite side of the book, the
/// price the official clients put on a FOK/FAK order when the caller gives none.
///
/// The walk starts at the best level and accumulates what each level is worth in the order's own
/// unit — USDC (size × price) for a BUY, shares for a SELL — until it covers the quantity; the
/// level where that happens sets the price. Sums are exact (millionths², in 128 bits).
public struct PolymarketMarketPrice: Sendable, Hashable {
    /// The worst acceptable price: the last level the order needs.
    public let price: Price
    /// False only for a FAK order on a book too thin for the whole quantity; `price` is then the
    /// worst level on the book and the order fills partly.
    public let coversQuantity: Bool
    /// How many levels, from the best, the order reaches.
    public let levelsUsed: Int

    public init(price: Price, coversQuantity: Bool, levelsUsed: Int) {
        self.price = price
        self.coversQuantity = coversQuantity
        self.levelsUsed = levelsUsed
    }

    /// Walks `levels`, the side the order takes from (asks for a BUY, bids for a SELL), given in
    /// the venue's order: worst first, best last — as `GET /book` sends them and ``OrderBook``
    /// stores them.
    ///
    /// An empty side is "no match" for both kinds: there is no price to fall back on.
    public static func walk(
        _ quantity: PolymarketMarketOrderQuantity,
        levels: some BidirectionalCollection<BookLevel>,
        kind: PolymarketMarketOrderKind
    ) throws(PolymarketOrderRejection) -> PolymarketMarketPrice {
        guard quantity.units > 0 else { throw .nonPositiveQuantity(quantity) }
        // A BUY's spend is compared with Σ size × price, which carries twelve decimals.
        let target: Int128 = quantity.side == .buy ? Int128(quantity.units) * 1_000_000 : Int128(quantity.units)
        var accumulated: Int128 = 0
        var used = 0
        for level in levels.reversed() {
            // Stops as soon as the target is reached, so the sum stays below target + one level
            // and cannot overflow.
            accumulated += quantity.side == .buy ? Int128(level.size.units) * Int128(level.price.units) : Int128(level.size.units)
            used += 1
            if accumulated >= target {
                return PolymarketMarketPrice(price: level.price, coversQuantity: true, levelsUsed: used)
            }
        }
        guard let worst = levels.first, kind == .fillAndKill else {
            let available = quantity.side == .buy ? accumulated / 1_000_000 : accumulated
            throw .noMatch(requested: quantity, available: quantity.withUnits(Int64(clamping: available)))
        }
        return PolymarketMarketPrice(price: worst.price, coversQuantity: false, levelsUsed: used)
    }

    /// Walks the side of `book` that `quantity` takes from.
    public static func walk(
        _ quantity: PolymarketMarketOrderQuantity, book: OrderBook, kind: PolymarketMarketOrderKind
    ) throws(PolymarketOrderRejection) -> PolymarketMarketPrice {
        try walk(quantity, levels: quantity.side == .buy ? book.asks : book.bids, kind: kind)
    }
}
