import EdgewiseAnalysis
import EdgewiseCore
import EdgewiseKalshi

extension RadarScanner {
    /// Kalshi's open events with their markets. Only mutually exclusive events can hold a Dutch
    /// book, so only their books are read (one request per market).
    func loadKalshi(into radar: inout Radar, now: @Sendable () -> Timestamp) async throws {
        let client = try services.kalshi(authenticated: false)
        let pageSize = min(KalshiEventsQuery.maxLimit, options.eventLimit)
        let collection = try await client.allEvents(
            KalshiEventsQuery(status: .open, withNestedMarkets: true, limit: pageSize),
            maxPages: max(1, (options.eventLimit + pageSize - 1) / pageSize))
        var instruments: [InstrumentID] = []
        for record in collection.items.prefix(options.eventLimit) {
            let event = record.toEvent()
            guard !event.markets.isEmpty else { continue }
            // Provisional: the general schedule, which most series use; the series' own is
            // fetched before anything is reported.
            let indices = radar.add(event, fees: { _ in KalshiFeeSchedule(takerRate: KalshiFeeSchedule.generalTakerRate, makerRate: nil) })
            if event.isMutuallyExclusive { instruments += indices.map { radar.universe.markets[$0].yes } }
        }
        let received = now()
        for snapshot in try await kalshiBooks(instruments) { radar.load(snapshot, receivedAt: received) }
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
