import EdgewiseAnalysis
import EdgewiseCore
import EdgewiseKalshi

extension RadarScanner {
    /// Kalshi's open events with their markets, and the books of the markets a detector reads
    /// (mutually exclusive events, ladders and other constraint sets): one request per market.
    @discardableResult
    func loadKalshi(into radar: inout Radar, now: @Sendable () -> Timestamp) async throws -> [Market] {
        let client = try services.kalshi(authenticated: false)
        let pageSize = min(KalshiEventsQuery.maxLimit, options.eventLimit)
        let collection = try await client.allEvents(
            KalshiEventsQuery(status: .open, withNestedMarkets: true, limit: pageSize),
            maxPages: max(1, (options.eventLimit + pageSize - 1) / pageSize))
        var markets: [Market] = []
        for record in collection.items.prefix(options.eventLimit) {
            let event = record.toEvent()
            guard !event.markets.isEmpty else { continue }
            // Provisional: the general schedule, which most series use; the series' own is
            // fetched before anything is reported.
            radar.add(event, fees: { _ in KalshiFeeSchedule(takerRate: KalshiFeeSchedule.generalTakerRate, makerRate: nil) })
            markets += event.markets
        }
        radar.addBundles(among: markets)
        // One request per book: read only the books some detector reads.
        let instruments = radar.watchedMarketIndices.sorted().map { radar.universe.markets[$0].yes }
            .filter { $0.venue == .kalshi }
        let received = now()
        for snapshot in try await kalshiBooks(instruments) { radar.load(snapshot, receivedAt: received) }
        return markets
    }

    func kalshiBooks(_ instruments: [InstrumentID]) async throws -> [BookSnapshot] {
        let client = try services.kalshi(authenticated: false)
        var snapshots: [BookSnapshot] = []
        for instrument in instruments {
            guard let ticker = Kalshi.parseToken(instrument.token)?.ticker else { continue }
            snapshots.append(try await client.orderBook(ticker).snapshot(of: .yes))
        }
        return snapshots
    }

    /// The series' fee structure (`fee_type`, `fee_multiplier`).
    func kalshiFees(_ market: MarketID, radar: Radar) async throws -> any FeeModel {
        let client = try services.kalshi(authenticated: false)
        let record = try await client.market(market.rawValue)
        let event = try await client.event(record.eventTicker, withNestedMarkets: false)
        return try KalshiFeeSchedule(series: try await client.series(event.seriesTicker))
    }
}
