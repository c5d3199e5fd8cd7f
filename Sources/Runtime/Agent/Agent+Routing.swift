import EdgewiseAnalysis
import EdgewiseCore
import EdgewiseExecution

extension Agent {
    /// Where a strategy's buy goes when the same exposure trades on another venue too (an
    /// equivalent cross-venue pair): split by the router across both books so the total paid,
    /// fees included, is least — never above the strategy's limit on either venue. A buy with no
    /// pair, a resting or post-only order, or one the router cannot place (not enough depth
    /// within the limit, an unknown grid) goes as proposed.
    func routed(_ intent: OrderIntent) -> (slices: [OrderIntent], note: String?) {
        guard intent.side == .buy, !intent.postOnly, intent.timeInForce == .fillAndKill || intent.timeInForce == .fillOrKill,
            let routeTerms, let pair = pairsOfInstrument[intent.instrument]?.first
        else { return ([intent], nil) }
        // The intent's own market is side A, so its outcome is read from there.
        var oriented = pair
        if pair.b.yes == intent.instrument || pair.b.no == intent.instrument { swap(&oriented.a, &oriented.b) }
        let outcome: BinaryOutcome = oriented.a.yes == intent.instrument ? .yes : .no
        var books: [InstrumentID: [BookLevel]] = [:]
        var terms: [InstrumentID: RouteTerms] = [:]
        var received: [InstrumentID: Timestamp] = [:]
        for instrument in [oriented.a.yes, oriented.a.no, oriented.b.yes, oriented.b.no].compactMap({ $0 }) {
            books[instrument] = offers(instrument, for: .buy).filter { $0.price <= intent.limitPrice }
            terms[instrument] = routeTerms(instrument)
            received[instrument] = followedBook(of: instrument)?.receivedAt
        }
        do {
            let routes = try Route.routes(for: outcome, on: oriented, books: books, terms: terms, bookReceivedAt: received)
            let plan = try Router().route(intent.size, over: routes)
            let slices = plan.slices.map { slice in
                var leg = intent
                leg.instrument = slice.instrument
                leg.marketID = slice.marketID
                leg.eventID = slice.eventID ?? marketOfInstrument[slice.instrument]?.eventID ?? intent.eventID
                leg.size = slice.size
                leg.limitPrice = slice.limitPrice
                leg.bookReceivedAt = slice.bookReceivedAt ?? intent.bookReceivedAt
                return leg
            }
            let where_ = plan.slices.map { "\($0.size) on \($0.instrument) ≤ \($0.limitPrice)" }.joined(separator: ", ")
            return (slices, "routed over pair \(pair.id): \(where_), \(plan.totalCost) all in")
        } catch {
            return ([intent], "not routed over pair \(pair.id) (\(error)); sent as proposed")
        }
    }

    /// What a buy or a sell could take now from the followed books, best first.
    func offers(_ instrument: InstrumentID, for side: OrderSide) -> [BookLevel] {
        if let book = host.state.books[instrument] { return book.levels(side == .buy ? .ask : .bid) }
        guard let other = complements[instrument], let book = host.state.books[other] else { return [] }
        return side == .buy
            ? book.complementOffersToBuy : book.levels(.ask).map { BookLevel(price: $0.price.complement, size: $0.size) }
    }

    /// The book an instrument's prices are read from: its own, or the complement's it mirrors.
    func followedBook(of instrument: InstrumentID) -> OrderBook? {
        host.state.books[instrument] ?? complements[instrument].flatMap { host.state.books[$0] }
    }
}
