import EdgewiseCore
import EdgewiseDecision

/// Splits a wanted buy across the routes that give the same exposure so that the total paid,
/// fees included, is as small as the venues' rules allow.
///
/// Every subset of routes is tried (so a venue whose slice would fall below its minimum is
/// simply left out and its share reallocated). Within a subset each route first gets its
/// smallest allowed order, then the rest goes, one level at a time, to whichever route's next
/// share is cheapest all in (offer price plus that level's fee per share). With all-in prices
/// rising along each ladder — true of every fee schedule that grows slower than the price —
/// this is the cheapest split up to one size step per route; the cheapest subset wins.
///
/// Ties go to the earlier candidate: fewer routes first, then routes earlier in venue-then-token
/// order, so the same books always give the same plan. Each single route able to fill the whole
/// size is a candidate, so the plan never costs more than the best of them.
public struct Router: Sendable {
    /// Subsets are enumerated, so the number of routes is capped.
    public var maxRoutes: Int

    public init(maxRoutes: Int = 10) {
        precondition(maxRoutes > 0 && maxRoutes <= 16, "maxRoutes must be 1…16")
        self.maxRoutes = maxRoutes
    }

    /// The cheapest allocation of `size` shares across `routes`, or why there is none.
    public func route(_ size: Size, over routes: [Route]) throws(RoutingRefusal) -> RoutingPlan {
        guard size.units > 0 else { throw .zeroSize }
        guard !routes.isEmpty else { throw .noRoutes }
        guard routes.count <= maxRoutes else { throw .tooManyRoutes(count: routes.count, limit: maxRoutes) }
        let ordered = routes.sorted { $0.instrument < $1.instrument }
        for (previous, next) in zip(ordered, ordered.dropFirst()) where previous.instrument == next.instrument {
            throw .duplicateRoute(next.instrument)
        }
        let prepared = ordered.map(PreparedRoute.init)
        let available = prepared.reduce(Int64(0)) { $0 + $1.usable }
        guard available >= size.units else {
            throw .insufficientDepth(available: Size(units: available), wanted: size)
        }

        var best: (cost: Int64, sizes: [Int64])?
        for mask in Self.subsets(count: prepared.count) {
            guard let sizes = Self.allocate(size.units, prepared, mask: mask) else { continue }
            var cost: Int64 = 0
            for (index, units) in sizes.enumerated() where units > 0 {
                cost += prepared[index].fill(units).cost
            }
            if best == nil || cost < best!.cost { best = (cost, sizes) }
        }
        guard let chosen = best else { throw .noFeasibleAllocation(wanted: size) }

        var slices: [RouteSlice] = []
        for (index, units) in chosen.sizes.enumerated() where units > 0 {
            let route = prepared[index]
            let fill = route.fill(units)
            slices.append(
                RouteSlice(
                    instrument: route.route.instrument, marketID: route.route.marketID, eventID: route.route.eventID,
                    size: Size(units: units), limitPrice: route.route.grid.limit(fill.worst, for: .buy),
                    notional: Amount(units: fill.notional), fees: Amount(units: fill.fees),
                    bookReceivedAt: route.route.bookReceivedAt))
        }
        return RoutingPlan(slices: slices, size: size)
    }

    /// Non-empty subsets of `count` routes as bit masks (bit i = route i), fewest routes first,
    /// then by mask value (so a subset of earlier routes comes first).
    static func subsets(count: Int) -> [Int] {
        Array(1..<(1 << count)).sorted { lhs, rhs in
            let (l, r) = (lhs.nonzeroBitCount, rhs.nonzeroBitCount)
            if l != r { return l < r }
            return lhs < rhs
        }
    }

    /// Sizes (in millionths) per route for `wanted` using exactly the routes in `mask`, each at
    /// least its smallest order; nil when that is impossible.
    static func allocate(_ wanted: Int64, _ routes: [PreparedRoute], mask: Int) -> [Int64]? {
        var sizes = [Int64](repeating: 0, count: routes.count)
        var remaining = wanted
        for index in routes.indices where mask & (1 << index) != 0 {
            let route = routes[index]
            guard route.smallest <= route.usable else { return nil }
            sizes[index] = route.smallest
            remaining -= route.smallest
        }
        guard remaining >= 0 else { return nil }
        while remaining > 0 {
            var chosen: Int?
            var cheapest = Int64.max
            for index in routes.indices where mask & (1 << index) != 0 {
                let route = routes[index]
                guard route.step <= remaining, sizes[index] + route.step <= route.usable else { continue }
                let key = route.allInPrice(at: sizes[index])
                if key < cheapest {
                    cheapest = key
                    chosen = index
                }
            }
            guard let index = chosen else { return nil }
            let route = routes[index]
            let room = route.roomInLevel(at: sizes[index])
            var chunk = min(room, remaining, route.usable - sizes[index])
            chunk -= chunk % route.step
            if chunk == 0 { chunk = route.step }
            sizes[index] += chunk
            remaining -= chunk
        }
        return sizes
    }
}

/// A route read once: its ladder, where each level ends, what a share costs all in at each level,
/// and how much of it can be bought on its step.
struct PreparedRoute: Sendable {
    let route: Route
    let levels: [BookLevel]
    /// The cumulative size at the end of each level, in millionths.
    let ends: [Int64]
    /// Price plus fee per share at each level, in millionths.
    let allInPrices: [Int64]
    let usable: Int64
    let step: Int64
    let smallest: Int64

    init(_ route: Route) {
        self.route = route
        let ladder = route.ladder.levels
        var total: Int64 = 0
        var ends: [Int64] = []
        var keys: [Int64] = []
        for level in ladder {
            total += level.size.units
            ends.append(total)
            keys.append((level.price + OfferLadder.feePerShare(level, fees: route.fees)).units)
        }
        levels = ladder
        self.ends = ends
        allInPrices = keys
        step = route.grid.sizeStep.units
        usable = total - total % step
        smallest = route.grid.smallestOrder.units
    }

    private func levelIndex(at position: Int64) -> Int {
        ends.firstIndex { $0 > position } ?? (ends.count - 1)
    }

    /// The all-in price of the share after the first `position` millionths.
    func allInPrice(at position: Int64) -> Int64 { allInPrices[levelIndex(at: position)] }

    /// What is left in the level the share after `position` lies in.
    func roomInLevel(at position: Int64) -> Int64 { ends[levelIndex(at: position)] - position }

    /// Buying `units` cheapest first: notional (price × size per level, rounded up once), fees
    /// (one fill per level) and the worst price reached. `units` must not exceed the depth.
    func fill(_ units: Int64) -> (notional: Int64, fees: Int64, worst: Price, cost: Int64) {
        var remaining = units
        var notional: Int128 = 0
        var fees: Int64 = 0
        var worst = Price.zero
        for level in levels where remaining > 0 {
            let take = min(remaining, level.size.units)
            notional += Int128(take) * Int128(level.price.units)
            fees += route.fees.takerFee(size: Size(units: take), price: level.price).units
            worst = level.price
            remaining -= take
        }
        precondition(remaining == 0, "a route was asked for more than its depth")
        let rounded = Int64(FixedPoint.divide(notional, Int128(FixedPoint.unitsPerWhole), .up))
        return (rounded, fees, worst, rounded + fees)
    }
}
