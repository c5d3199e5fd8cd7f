import EdgewiseCore

/// Sizes a buy of one binary outcome against the real offers: the method's budget is computed at
/// the average executable price of the size itself, so slippage and fees are inside the size.
///
/// The size is the largest multiple of the venue's step `s` such that
/// - `s` fits in the offers whose every level clears the minimum edge after its own fee;
/// - the all-in cost of `s` (notional rounded up plus per-level fees) is within the bankroll,
///   the per-order cap and the method's budget evaluated at `s`'s own average price;
/// - the edge per share left at `s`'s average all-in price still clears the minimum.
///
/// Each of these tightens as `s` grows (the average price only rises, so the budgets only fall),
/// so a bisection over the step grid finds it. Should fee rounding ever make a constraint wobble
/// by a millionth, the bisection still returns a size that satisfies every constraint, perhaps a
/// step short of the largest. The constraint that fails just above `s` is reported as `boundBy`. Sizes are rounded down
/// onto the step, never up, and under the venue minimum the idea is declined.
public struct ExecutionAwareSizer: Sendable {
    public var method: SizingMethod
    public var limits: SizingLimits

    public init(method: SizingMethod, limits: SizingLimits) {
        self.method = method
        self.limits = limits
    }

    public func size(_ request: SizingRequest) -> SizingResult {
        do {
            return try sized(request)
        } catch {
            return .declined(error)
        }
    }

    private func sized(_ request: SizingRequest) throws(SizingDecline) -> SizingResult {
        do {
            try limits.validate()
            try method.validate()
        } catch {
            throw .invalidConfiguration(error)
        }
        guard let probabilityOfYes = request.probabilityOfYes else { throw .notCalibrated }
        guard probabilityOfYes.isFinite, probabilityOfYes > 0, probabilityOfYes < 1,
            let probability = request.probabilityOfBoughtOutcome,
            let fairValue = Price(fairValueOf: probability), fairValue.isInsideUnitInterval
        else { throw .probabilityOutOfRange(probabilityOfYes) }

        let ladder = OfferLadder(request.offers)
        guard let best = ladder.best else { throw .emptyBook }
        guard fairValue > best.price else { throw .noEdgeAtBestPrice(fairValue: fairValue, bestOffer: best.price) }
        let bestFee = OfferLadder.feePerShare(best, fees: request.fees)
        let bestNet = Int64(fairValue.units) - best.price.units - bestFee.units
        guard bestNet > 0 else {
            throw .edgeEatenByFees(grossEdgePerShare: fairValue - best.price, feePerShare: bestFee)
        }
        guard OfferLadder.clearsMinimum(fairValue: fairValue, allInPrice: best.price + bestFee, limits: limits) else {
            throw .edgeBelowMinimum(
                netEdgePerShare: Amount(units: bestNet), minimumPerShare: limits.minimumEdgePerShare,
                minimumReturnBasisPoints: limits.minimumReturnBasisPoints)
        }

        let step = limits.sizeStep.units
        let depth = ladder.depthWorthBuying(fairValue: fairValue, limits: limits, fees: request.fees)
        let maxSteps = depth.units / step

        /// The first constraint `steps × step` breaks, nil when it satisfies them all.
        func violation(_ steps: Int64) -> SizingBound? {
            guard steps <= maxSteps else { return .depth }
            guard let fill = ladder.fill(Size(units: steps * step), fees: request.fees) else { return .depth }
            let spend = fill.spend
            let budget = method.budget(
                fill: fill, fairValue: fairValue, bankroll: limits.bankroll, uncertainty: request.uncertainty)
            // The tightest money bound is the one reported.
            var bound: (amount: Amount, reason: SizingBound)?
            for candidate in [
                (budget.amount, SizingBound.method(budget.label)), (limits.perOrderCap, .perOrderCap),
                (limits.bankroll, .bankroll),
            ] where spend > candidate.0 {
                if bound == nil || candidate.0 < bound!.amount { bound = candidate }
            }
            if let bound { return bound.reason }
            let allIn = spend.perShare(fill.size, .up)
            guard OfferLadder.clearsMinimum(fairValue: fairValue, allInPrice: allIn, limits: limits) else { return .minimumEdge }
            return nil
        }

        let steps: Int64
        let bound: SizingBound
        if maxSteps > 0, violation(maxSteps) == nil {
            steps = maxSteps
            bound = .depth
        } else {
            // Invariant: `low` satisfies every constraint (zero trivially), `high` breaks one.
            var low: Int64 = 0
            var high = maxSteps + 1
            while high - low > 1 {
                let mid = low + (high - low) / 2
                if violation(mid) == nil { low = mid } else { high = mid }
            }
            steps = low
            bound = violation(low + 1) ?? .depth
        }

        let size = Size(units: steps * step)
        if size.units == 0 || size < limits.minimumSize {
            // Not even the first step earns a tier: say so rather than blame the venue minimum.
            if size.units == 0, case .confidenceTiers = method, case .method(SizingMethod.noTierLabel) = bound,
                let fill = ladder.fill(Size(units: step), fees: request.fees)
            {
                throw .noConfidenceTier(
                    netEdgePerShare: fill.netEdgePerShare(fairValue: fairValue), uncertainty: request.uncertainty)
            }
            throw .belowVenueMinimum(size: size, minimum: max(limits.minimumSize, limits.sizeStep), boundBy: bound)
        }
        guard let fill = ladder.fill(size, fees: request.fees) else {
            preconditionFailure("a size within the walked depth always fills")
        }
        let edge = Edge(
            side: .buy, quotedPrice: best.price, executablePrice: fill.averagePrice, feesPerShare: fill.feesPerShare,
            netEdgePerShare: fill.netEdgePerShare(fairValue: fairValue))
        let decision = SizingDecision(
            method: method.name, size: size, limitPrice: fill.worstPrice, boundBy: bound.description)
        return .size(decision, edge)
    }
}
