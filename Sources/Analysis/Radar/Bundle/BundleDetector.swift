import EdgewiseCore

/// Prices a violated logical constraint between markets as a `.bundle` opportunity.
///
/// The joint outcomes the constraints allow, the best offers for YES and NO of every member and
/// a fee estimate go to the ``BundleOptimizer``, which proposes whole-share weights per basket
/// and verifies them exactly; the ``BasketPricer`` then walks every leg's depth with the venue's
/// real fees to size the basket. Anything it cannot trust — a member market missing or not open,
/// a book unsynchronized or crossed, a venue without a fee model — yields no opportunity, because
/// a false positive costs money and a miss does not.
public struct BundleDetector: Sendable {
    public var optimizer: BundleOptimizer
    public var pricer: BasketPricer
    /// The share count the per-share fee estimate is taken at (fees with per-order rounding
    /// overstate a single share's fee).
    public var feeEstimateShares: Size

    public init(optimizer: BundleOptimizer = BundleOptimizer(), pricer: BasketPricer = BasketPricer(), feeEstimateShares: Size = 100) {
        precondition(feeEstimateShares.units > 0, "the fee estimate needs a positive share count")
        self.optimizer = optimizer
        self.pricer = pricer
        self.feeEstimateShares = feeEstimateShares
    }

    /// The opportunity in `constraints` (combined over their shared markets), or nil.
    ///
    /// - Parameters:
    ///   - markets: the member markets (others are ignored); each needs a "Yes" outcome, and a
    ///     "No" outcome for its NO to be bought.
    ///   - books: books keyed by each market's YES instrument; NO is bought against YES bids.
    ///   - fees: each venue's fee model; a venue without one is not traded.
    public func evaluate(
        _ constraints: [MarketConstraint], markets: [Market], books: [InstrumentID: OrderBook],
        fees: [VenueID: any FeeModel], now: Timestamp
    ) -> Opportunity? {
        guard let space = JointOutcomeSpace(constraints) else { return nil }
        let catalog = Dictionary(markets.map { (VenueMarketKey($0), $0) }, uniquingKeysWith: { a, _ in a })

        var members: [Member] = []
        for reference in space.markets {
            guard let market = catalog[reference], market.status.isTradable, market.acceptingOrders,
                let yes = market.outcome(named: "Yes"), let book = books[market.instrument(for: yes)],
                book.isSynchronized, !book.isCrossed, let fee = fees[market.venue]
            else { return nil }
            let label = constraints.lazy.compactMap { $0.label(of: reference) }.first ?? market.question
            members.append(Member(market: market, yes: yes, no: market.outcome(named: "No"), book: book, fees: fee, label: label))
        }

        let quotes = members.map { member in
            let yesAsk = member.book.bestAsk?.price
            let noAsk = member.no == nil ? nil : member.book.bestBid?.price.complement
            return BundleOptimizer.Quote(
                yesAsk: yesAsk, noAsk: noAsk,
                yesFeePerShare: yesAsk.map { feePerShare(member.fees, $0) } ?? .zero,
                noFeePerShare: noAsk.map { feePerShare(member.fees, $0) } ?? .zero)
        }
        guard let portfolio = optimizer.optimize(space, quotes: quotes) else { return nil }

        let legs = portfolio.positions.map { position -> BasketLeg in
            let member = members[position.market]
            let outcome = position.outcome == .yes ? member.yes : member.no!
            return BasketLeg(
                venue: member.market.venue, marketID: member.market.id, instrument: member.market.instrument(for: outcome),
                outcome: position.outcome, label: "\(position.outcome) '\(member.label)'", weight: position.weight,
                offers: position.outcome == .yes ? member.book.offerLadderToBuy : member.book.complementOfferLadderToBuy,
                fees: member.fees, minimumSize: member.market.minimumOrderSize)
        }
        guard let quote = pricer.price(legs, payoutPerBasket: portfolio.payoutPerBasket) else { return nil }

        let traded = Set(portfolio.positions.map(\.market))
        let ends = traded.map { members[$0].market.endTime }
        let resolution = ends.contains(where: { $0 == nil }) ? nil : ends.compactMap { $0 }.max()
        let group = constraints.map(\.key).sorted().joined(separator: "|")
        let title = constraints.map { "\($0.kind.rawValue.replacingOccurrences(of: "_", with: " ")): \($0.members.map(\.label).joined(separator: ", "))" }
            .joined(separator: "; ")
        return Opportunity(
            kind: .bundle, group: group, title: title, legs: quote.legs, size: quote.size,
            payoutPerBasket: portfolio.payoutPerBasket, cost: quote.cost, fees: quote.fees, payout: quote.payout,
            maxSize: quote.maxSize, curve: quote.curve, resolutionTime: resolution,
            evidence: evidence(constraints, members: members, quotes: quotes, portfolio: portfolio), seenAt: now)
    }

    /// One constraint on its own.
    public func evaluate(
        _ constraint: MarketConstraint, markets: [Market], books: [InstrumentID: OrderBook],
        fees: [VenueID: any FeeModel], now: Timestamp
    ) -> Opportunity? {
        evaluate([constraint], markets: markets, books: books, fees: fees, now: now)
    }

    struct Member {
        var market: Market
        var yes: Outcome
        var no: Outcome?
        var book: OrderBook
        var fees: any FeeModel
        var label: String
    }

    /// The fee per share at `price`, rounded up, measured on ``feeEstimateShares``.
    func feePerShare(_ model: any FeeModel, _ price: Price) -> Price {
        let fee = model.takerFee(size: feeEstimateShares, price: price)
        return Price(units: Int64(FixedPoint.divide(
            Int128(fee.units) * Int128(FixedPoint.unitsPerWhole), Int128(feeEstimateShares.units), .up)))
    }

    // MARK: Evidence

    func evidence(
        _ constraints: [MarketConstraint], members: [Member], quotes: [BundleOptimizer.Quote],
        portfolio: BundleOptimizer.Portfolio
    ) -> [OpportunityEvidence] {
        var items = constraints.map { OpportunityEvidence(claim: $0.reason, source: "market metadata") }
        let index = Dictionary(members.enumerated().map { (VenueMarketKey($1.market), $0) }, uniquingKeysWith: { a, _ in a })
        for constraint in constraints {
            if let conflict = priceConflict(constraint, members: members, index: index) { items.append(conflict) }
        }
        items.append(OpportunityEvidence(
            claim: "at the best offers one basket costs \(portfolio.costPerBasket) with estimated fees and pays at least \(portfolio.payoutPerBasket) in every allowed outcome"))
        for member in members {
            let bid = member.book.bestBid.map { "\($0.price)" } ?? "none"
            let ask = member.book.bestAsk.map { "\($0.price)" } ?? "none"
            items.append(OpportunityEvidence(
                claim: "YES '\(member.label)' bid \(bid), ask \(ask)", source: member.book.instrument.description,
                observedAt: member.book.receivedAt ?? member.book.venueTimestamp))
        }
        return items
    }

    /// The plainest statement of the mispricing: a stronger market's YES bid above a weaker
    /// one's ask for implications, or YES asks summing below one for a partition.
    func priceConflict(_ constraint: MarketConstraint, members: [Member], index: [VenueMarketKey: Int]) -> OpportunityEvidence? {
        switch constraint.kind {
        case .thresholdLadder, .dateLadder, .implication:
            var best: (gap: Int64, text: String)?
            for strong in constraint.members {
                for weak in constraint.members where weak.market != strong.market {
                    guard implies(strong.market, weak.market, in: constraint),
                        let s = index[strong.market], let w = index[weak.market],
                        let bid = members[s].book.bestBid?.price, let ask = members[w].book.bestAsk?.price, bid > ask
                    else { continue }
                    let text = "YES '\(strong.label)' bids \(bid) while '\(weak.label)' asks \(ask): '\(strong.label)' implies '\(weak.label)'"
                    if best == nil || bid.units - ask.units > best!.gap { best = (bid.units - ask.units, text) }
                }
            }
            return best.map { OpportunityEvidence(claim: $0.text) }
        case .partition:
            var sum: Int64 = 0
            for member in constraint.members {
                guard let i = index[member.market], let ask = members[i].book.bestAsk?.price else { return nil }
                sum += ask.units
            }
            guard sum < FixedPoint.unitsPerWhole else { return nil }
            return OpportunityEvidence(
                claim: "the YES asks of \(constraint.members.count) markets of which exactly one resolves YES sum to \(Price(units: sum)) < 1")
        case .mutuallyExclusive, .rangeFamily:
            return nil
        }
    }

    /// Whether YES of `a` implies YES of `b` in every allowed state of `constraint`.
    private func implies(_ a: VenueMarketKey, _ b: VenueMarketKey, in constraint: MarketConstraint) -> Bool {
        guard let i = constraint.members.firstIndex(where: { $0.market == a }),
            let j = constraint.members.firstIndex(where: { $0.market == b })
        else { return false }
        return constraint.states.allSatisfy { !$0[i] || $0[j] }
    }
}
