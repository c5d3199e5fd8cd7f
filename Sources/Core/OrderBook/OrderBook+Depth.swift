/// The result of walking one side of a book for a given size: what a marketable order of that
/// size would get, level by level, before fees.
public struct DepthWalk: Hashable, Sendable {
    public var requested: Size
    public var filled: Size
    /// Exact total cost (or proceeds) of the filled part.
    public var notional: Amount
    /// The last level the walk reached: the limit price a marketable order needs.
    public var worstPrice: Price?
    public var levelsUsed: Int

    /// Whether the book held the whole requested size.
    public var isComplete: Bool { filled == requested }

    /// Average price of the filled part, rounded half-up to the millionth.
    public var averagePrice: Price? { filled.units > 0 ? notional.perShare(filled) : nil }
}

extension OrderBook {
    /// What buying `size` against the asks would cost.
    public func walk(buying size: Size) -> DepthWalk { walk(asks, size) }

    /// What selling `size` into the bids would bring.
    public func walk(selling size: Size) -> DepthWalk { walk(bids, size) }

    public func walk(_ side: OrderSide, size: Size) -> DepthWalk {
        side == .buy ? walk(buying: size) : walk(selling: size)
    }

    /// The size a buyer can take without paying more than `limit` per share.
    public func sizeAvailable(buyingAtOrBelow limit: Price) -> Size {
        var total: Int64 = 0
        for level in asks.reversed() {
            guard level.price <= limit else { break }
            total += level.size.units
        }
        return Size(units: total)
    }

    /// The size a seller can hit without receiving less than `limit` per share.
    public func sizeAvailable(sellingAtOrAbove limit: Price) -> Size {
        var total: Int64 = 0
        for level in bids.reversed() {
            guard level.price >= limit else { break }
            total += level.size.units
        }
        return Size(units: total)
    }

    private func walk(_ levels: ContiguousArray<BookLevel>, _ size: Size) -> DepthWalk {
        var remaining = size.units
        // price × size in millionths² keeps every partial product exact; round once at the end.
        var notional: Int128 = 0
        var worst: Price?
        var used = 0
        for level in levels.reversed() where remaining > 0 {
            let take = min(remaining, level.size.units)
            notional += Int128(take) * Int128(level.price.units)
            remaining -= take
            worst = level.price
            used += 1
        }
        let filled = size.units - remaining
        return DepthWalk(
            requested: size, filled: Size(units: filled),
            notional: Amount(units: Int64(FixedPoint.divide(notional, Int128(FixedPoint.unitsPerWhole), .halfUp))),
            worstPrice: worst, levelsUsed: used)
    }
}
