import EdgewiseCore

/// Executes a guaranteed-payoff basket leg by leg through the order manager.
///
/// 1. **Pre-check every leg** before the first is sent: the venue's minimum size and tick, the
///    depth offered within the limit, and each venue's balance against what its legs can cost.
///    One failure and nothing is sent.
/// 2. **Thinnest leg first**: legs are sent in order of fill risk (offered depth within the
///    limit relative to the size, smallest first), so the leg most likely to fail is tried
///    before anything is committed on the others.
/// 3. Every leg is a **fill-and-kill** order: it takes what is there and never rests, so a
///    leg's outcome is known at once and a slow venue cannot leave half a basket resting.
/// 4. **The stated rule on a short fill**: the leg tries to complete the rest at up to
///    `maxSlippage` worse than planned — once at least, then again until its time budget is
///    spent. If it is still short,
///    the basket shrinks to what that leg got: the legs already bought sell back their excess
///    (fill-and-kill at the best bids), and the remaining legs buy only the shrunk size. A
///    basket shrunk to zero holds nothing.
/// 5. **An unknown outcome stops everything**: no further leg, no unwind (either could create
///    the exposure it means to remove); reconciliation settles that order.
public struct MultiLegExecutor: Sendable {
    public let manager: OrderManager
    public let liquidity: any LiquiditySource
    public let rules: @Sendable (InstrumentID) -> LegRules?
    public let balance: @Sendable (VenueID) async -> Amount?
    public let now: @Sendable () -> Timestamp

    public init(
        manager: OrderManager, liquidity: any LiquiditySource, rules: @escaping @Sendable (InstrumentID) -> LegRules?,
        balance: @escaping @Sendable (VenueID) async -> Amount?, now: @escaping @Sendable () -> Timestamp = Timestamp.now
    ) {
        self.manager = manager
        self.liquidity = liquidity
        self.rules = rules
        self.balance = balance
        self.now = now
    }

    public func execute(_ plan: MultiLegPlan) async -> MultiLegOutcome {
        let problems = await precheck(plan)
        guard problems.isEmpty else { return .aborted(problems) }
        let ordered = await orderByFillRisk(plan.legs)

        var target = plan.legs.first?.size ?? .zero
        var bought: [(leg: OrderIntent, size: Size)] = []
        var orders: [ClientOrderID] = []
        var shortReason: String?
        for leg in ordered {
            guard target > .zero else { break }
            var got = Size.zero
            let started = ContinuousClock.now
            var attempt = 0
            while got < target {
                let limit = attempt == 0 ? leg.limitPrice : min(leg.limitPrice + plan.maxSlippage, Price(units: FixedPoint.unitsPerWhole))
                var intent = leg
                intent.size = target - got
                intent.limitPrice = limit
                intent.timeInForce = .fillAndKill
                let order: Order
                do {
                    order = try await manager.submit(intent)
                } catch {
                    shortReason = "\(leg.instrument): \(error)"
                    break
                }
                orders.append(order.id)
                if order.status == .submitted || order.status == .pendingSubmit {
                    return .uncertain(order.id, orders: orders, reason: "the venue could not say whether it filled")
                }
                got = got + order.filledSize
                attempt += 1
                // One completion attempt at the slipped limit always; more while the budget lasts.
                if got >= target || (attempt >= 2 && ContinuousClock.now - started >= plan.timeBudget) { break }
                try? await Task.sleep(for: plan.retryInterval)
            }
            if got < target {
                shortReason = shortReason ?? "\(leg.instrument) filled \(got) of \(target) within its limit, slippage and time budget"
                target = got
            }
            bought.append((leg, got))
        }

        // Sell back whatever a leg holds beyond the final basket size.
        var unwinds: [ClientOrderID] = []
        // What could not be sold back stays held; it is said in the outcome, not swallowed.
        var unsold: [String] = []
        for (leg, size) in bought where size > target {
            let excess = size - target
            // The price down to which the bids cover the excess: no deeper than needed.
            var covered = Size.zero
            var floor: Price?
            for bid in await liquidity.liquidity(leg.instrument, for: .sell) {
                covered = covered + bid.size
                floor = bid.price
                if covered >= excess { break }
            }
            guard let floor else {
                unsold.append("\(excess) \(leg.instrument) not sold back: no bid")
                continue
            }
            var exit = leg
            exit.side = .sell
            exit.size = excess
            exit.limitPrice = floor
            exit.timeInForce = .fillAndKill
            exit.purpose = .exit
            do {
                unwinds.append(try await manager.submit(exit).id)
            } catch {
                unsold.append("\(excess) \(leg.instrument) not sold back: \(error)")
            }
        }
        if let shortReason {
            let reason = ([shortReason] + unsold).joined(separator: "; ")
            return .shrunk(size: target, orders: orders, unwinds: unwinds, reason: reason)
        }
        return .completed(size: target, orders: orders)
    }

    /// Every problem with every leg; empty when the basket may be sent.
    public func precheck(_ plan: MultiLegPlan) async -> [LegProblem] {
        var problems: [LegProblem] = []
        var needed: [VenueID: Amount] = [:]
        for leg in plan.legs {
            guard leg.side == .buy else {
                problems.append(.notABuy(leg.instrument))
                continue
            }
            guard let rules = rules(leg.instrument) else {
                problems.append(.unknownRules(leg.instrument))
                continue
            }
            if let minimum = rules.minimumSize, leg.size < minimum {
                problems.append(.belowMinimum(leg.instrument, size: leg.size, minimum: minimum))
            }
            if let tick = rules.tickSize, tick.units > 0, leg.limitPrice.units % tick.units != 0 {
                problems.append(.offTick(leg.instrument, price: leg.limitPrice, tick: tick))
            }
            let available = await depth(leg)
            if available < leg.size {
                problems.append(.insufficientDepth(leg.instrument, available: available, needed: leg.size))
            }
            needed[leg.instrument.venue, default: .zero] += leg.notional + rules.fees.perShare.cost(of: leg.size, .up)
        }
        for (venue, amount) in needed.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            if let available = await balance(venue), available < amount {
                problems.append(.insufficientBalance(venue, available: available, needed: amount))
            }
        }
        return problems
    }

    /// Size offered within the leg's limit.
    private func depth(_ leg: OrderIntent) async -> Size {
        await liquidity.liquidity(leg.instrument, for: .buy)
            .prefix { $0.price <= leg.limitPrice }
            .reduce(Size.zero) { $0 + $1.size }
    }

    private func orderByFillRisk(_ legs: [OrderIntent]) async -> [OrderIntent] {
        var scored: [(leg: OrderIntent, ratio: Int64, index: Int)] = []
        for (index, leg) in legs.enumerated() {
            let available = await depth(leg)
            // Depth per share wanted, in millionths; the thinnest leg first, ties in plan order.
            let ratio = leg.size.units > 0 ? Int64(clamping: Int128(available.units) * 1_000_000 / Int128(leg.size.units)) : .max
            scored.append((leg, ratio, index))
        }
        return scored.sorted { ($0.ratio, $0.index) < ($1.ratio, $1.index) }.map(\.leg)
    }
}
