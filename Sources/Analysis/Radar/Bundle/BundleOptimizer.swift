import EdgewiseCore

/// Finds the portfolio over a joint outcome space with the best guaranteed payoff minus cost, and
/// proves it in exact money.
///
/// The search is a linear program over the best prices: buy `yᵢ` YES and `nᵢ` NO of each market,
/// each at most 1 (the normalisation that keeps the program bounded and makes its optimum the
/// most profitable portfolio per unit of top-of-book capacity), and maximise `t − cost` where `t`
/// is no more than the payoff in every joint outcome. The solver works in `Double`, so its answer
/// is only a proposal: it is turned into small whole-share weights per basket, and the payout per
/// basket (the minimum over joint outcomes of Σ weight × payoff) and the cost per basket (best
/// offer plus the per-share fee estimate) are recomputed exactly in fixed point. A proposal whose
/// exact profit is not positive is discarded.
public struct BundleOptimizer: Sendable {
    /// The best prices of one market of the space, in the space's market order.
    public struct Quote: Hashable, Sendable {
        /// The best offer to buy YES; nil when there is none.
        public var yesAsk: Price?
        /// The best offer to buy NO (a NO ask, or `1 − best YES bid`); nil when there is none.
        public var noAsk: Price?
        /// The taker fee per share at those offers, rounded up.
        public var yesFeePerShare: Price
        public var noFeePerShare: Price

        public init(yesAsk: Price?, noAsk: Price?, yesFeePerShare: Price = .zero, noFeePerShare: Price = .zero) {
            self.yesAsk = yesAsk
            self.noAsk = noAsk
            self.yesFeePerShare = yesFeePerShare
            self.noFeePerShare = noFeePerShare
        }
    }

    /// Whole shares of one outcome per basket.
    public struct Position: Hashable, Sendable {
        /// The market's index in the joint space.
        public var market: Int
        public var outcome: BinaryOutcome
        public var weight: Int64

        public init(market: Int, outcome: BinaryOutcome, weight: Int64) {
            self.market = market
            self.outcome = outcome
            self.weight = weight
        }
    }

    /// A verified portfolio: every figure exact at the best offers.
    public struct Portfolio: Hashable, Sendable {
        public var positions: [Position]
        /// The least the basket pays over every allowed joint outcome.
        public var payoutPerBasket: Amount
        /// What one basket costs at the best offers, the fee estimate included.
        public var costPerBasket: Amount
        /// The joint outcomes in which the basket pays only ``payoutPerBasket``.
        public var worstStates: [Int]

        public var profitPerBasket: Amount { payoutPerBasket - costPerBasket }
    }

    public var solver: SimplexSolver
    /// The largest whole-share weight a basket may hold of one outcome.
    public var maxWeight: Int64

    public init(solver: SimplexSolver = SimplexSolver(), maxWeight: Int64 = 12) {
        precondition(maxWeight >= 1, "a basket holds at least one share of an outcome")
        self.solver = solver
        self.maxWeight = maxWeight
    }

    /// The best verified portfolio; nil when the program finds no positive guaranteed profit or
    /// its rounded proposal does not hold exactly.
    public func optimize(_ space: JointOutcomeSpace, quotes: [Quote]) -> Portfolio? {
        precondition(quotes.count == space.markets.count, "one quote per market of the space")
        // Variables: one per available (market, outcome), then t.
        var variables: [(market: Int, outcome: BinaryOutcome, cost: Double)] = []
        for (index, quote) in quotes.enumerated() {
            if let ask = quote.yesAsk {
                variables.append((index, .yes, (ask + quote.yesFeePerShare).approximateDouble))
            }
            if let ask = quote.noAsk {
                variables.append((index, .no, (ask + quote.noFeePerShare).approximateDouble))
            }
        }
        guard !variables.isEmpty else { return nil }
        let t = variables.count
        var objective = variables.map { -$0.cost }
        objective.append(1)
        var constraints: [LinearProgram.Constraint] = []
        for state in space.states.indices {
            var row = variables.map { variable -> Double in
                let yes = space.pays(variable.market, in: state)
                return (variable.outcome == .yes) == yes ? -1 : 0
            }
            row.append(1)
            constraints.append(.init(row, .lessOrEqual, 0))
        }
        var bounds: [Double?] = variables.map { _ in 1 }
        bounds.append(nil)
        let program = LinearProgram(maximize: objective, constraints: constraints, upperBounds: bounds)
        guard let solution = (try? solver.solve(program))?.solution, solution.objective > 1e-9 else { return nil }

        let quantities = Array(solution.values.prefix(t))
        guard let weights = wholeWeights(quantities) else { return nil }
        var positions: [Position] = []
        for (index, weight) in weights.enumerated() where weight > 0 {
            positions.append(Position(market: variables[index].market, outcome: variables[index].outcome, weight: weight))
        }
        return verify(positions, space: space, quotes: quotes)
    }

    /// The exact payout and cost of `positions` per basket; nil unless the profit is positive.
    public func verify(_ positions: [Position], space: JointOutcomeSpace, quotes: [Quote]) -> Portfolio? {
        guard !positions.isEmpty else { return nil }
        var cost: Int64 = 0
        for position in positions {
            let quote = quotes[position.market]
            let price = position.outcome == .yes ? quote.yesAsk : quote.noAsk
            guard let price else { return nil }
            let fee = position.outcome == .yes ? quote.yesFeePerShare : quote.noFeePerShare
            cost += position.weight * (price.units + fee.units)
        }
        var worst = Int64.max
        var worstStates: [Int] = []
        for state in space.states.indices {
            var shares: Int64 = 0
            for position in positions where space.pays(position.market, in: state) == (position.outcome == .yes) {
                shares += position.weight
            }
            if shares < worst {
                worst = shares
                worstStates = [state]
            } else if shares == worst {
                worstStates.append(state)
            }
        }
        let payout = Amount(units: worst * FixedPoint.unitsPerWhole)
        let portfolio = Portfolio(
            positions: positions, payoutPerBasket: payout, costPerBasket: Amount(units: cost), worstStates: worstStates)
        return portfolio.profitPerBasket.units > 0 ? portfolio : nil
    }

    /// Small whole numbers in the proportions of `quantities`: the smallest common denominator
    /// up to ``maxWeight`` that makes every quantity whole, else the nearest ratios at
    /// ``maxWeight`` (the exact check decides whether those still profit).
    func wholeWeights(_ quantities: [Double]) -> [Int64]? {
        guard let largest = quantities.max(), largest > 1e-9 else { return nil }
        let scaled = quantities.map { max(0, $0 / largest) }
        var chosen: [Int64]?
        for denominator in 1...maxWeight {
            let d = Double(denominator)
            if scaled.allSatisfy({ abs($0 * d - ($0 * d).rounded()) < 1e-6 }) {
                chosen = scaled.map { Int64(($0 * d).rounded()) }
                break
            }
        }
        var weights = chosen ?? scaled.map { Int64(($0 * Double(maxWeight)).rounded()) }
        let divisor = weights.reduce(0) { gcd($0, $1) }
        guard divisor > 0 else { return nil }
        weights = weights.map { $0 / divisor }
        return weights
    }

    private func gcd(_ a: Int64, _ b: Int64) -> Int64 { b == 0 ? a : gcd(b, a % b) }
}
