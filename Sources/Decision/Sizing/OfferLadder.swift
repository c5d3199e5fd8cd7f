import EdgewiseCore

/// The offers to buy one outcome, cheapest first, and the walks the sizer makes over them.
public struct OfferLadder: Sendable {
    /// Non-empty levels, ascending by price; equal prices merged.
    public let levels: [BookLevel]

    public init(_ offers: [BookLevel]) {
        var merged: [BookLevel] = []
        for offer in offers.filter({ $0.size.units > 0 }).sorted(by: { $0.price < $1.price }) {
            if let last = merged.last, last.price == offer.price {
                merged[merged.count - 1].size += offer.size
            } else {
                merged.append(offer)
            }
        }
        levels = merged
    }

    public var best: BookLevel? { levels.first }

    public var totalSize: Size { Size(units: levels.reduce(0) { $0 + $1.size.units }) }

    /// The fee per share of taking a whole level, rounded up: the marginal fee at that price.
    public static func feePerShare(_ level: BookLevel, fees: any FeeModel) -> Price {
        fees.takerFee(size: level.size, price: level.price).perShare(level.size, .up)
    }

    /// The size at the front of the ladder whose every level still has at least the minimum
    /// edge after its own fee: the most that may be bought at prices worth buying. The walk stops
    /// at the first level that fails (a dearer level cannot do better).
    public func depthWorthBuying(fairValue: Price, limits: SizingLimits, fees: any FeeModel) -> Size {
        var total: Int64 = 0
        for level in levels {
            let fee = Self.feePerShare(level, fees: fees)
            guard Self.clearsMinimum(fairValue: fairValue, allInPrice: level.price + fee, limits: limits) else { break }
            total += level.size.units
        }
        return Size(units: total)
    }

    /// Whether a share bought at `allInPrice` (price plus fee) leaves the minimum edge per share
    /// and the minimum return.
    static func clearsMinimum(fairValue: Price, allInPrice: Price, limits: SizingLimits) -> Bool {
        let edge = Int128(fairValue.units) - Int128(allInPrice.units)
        guard edge > 0, edge >= Int128(limits.minimumEdgePerShare.units) else { return false }
        return edge * 10_000 >= Int128(limits.minimumReturnBasisPoints) * Int128(allInPrice.units)
    }

    /// Buying `size` cheapest first; nil when the offers hold less than that or `size` is zero.
    public func fill(_ size: Size, fees: any FeeModel) -> ExecutableFill? {
        guard size.units > 0 else { return nil }
        var remaining = size.units
        var notional: Int128 = 0
        var fee = Amount.zero
        var worst = Price.zero
        for level in levels where remaining > 0 {
            let take = min(remaining, level.size.units)
            notional += Int128(take) * Int128(level.price.units)
            fee += fees.takerFee(size: Size(units: take), price: level.price)
            worst = level.price
            remaining -= take
        }
        guard remaining == 0 else { return nil }
        return ExecutableFill(
            size: size,
            notional: Amount(units: Int64(FixedPoint.divide(notional, Int128(FixedPoint.unitsPerWhole), .up))),
            fees: fee, worstPrice: worst)
    }
}
