import EdgewiseAnalysis
import EdgewiseCore
import EdgewisePolymarket

extension RadarScanner {
    /// Gamma's open events, most active first; only events with two or more markets can hold a
    /// Dutch book, but all are kept for the other detectors.
    @discardableResult
    func loadPolymarket(into radar: inout Radar, now: @Sendable () -> Timestamp) async throws -> [Event] {
        let client = services.polymarket()
        let records = try await client.gamma.allEvents(
            GammaQuery(order: "volume24hr", ascending: false, active: true, closed: false),
            pageSize: min(100, options.eventLimit), limit: options.eventLimit)
        var instruments: [InstrumentID] = []
        var markets: [Market] = []
        var events: [Event] = []
        for record in records {
            guard let event = try? record.toEvent(), !event.markets.isEmpty else { continue }
            let indices = radar.add(event, fees: { _ in NoFees() })
            instruments += indices.map { radar.universe.markets[$0].yes }
            markets += event.markets
            events.append(event)
        }
        radar.addBundles(among: markets)
        let received = now()
        for snapshot in try await polymarketBooks(instruments) { radar.load(snapshot, receivedAt: received) }
        return events
    }

    /// `POST /books` in batches (the venue caps the body size).
    func polymarketBooks(_ instruments: [InstrumentID]) async throws -> [BookSnapshot] {
        let client = services.polymarket()
        var snapshots: [BookSnapshot] = []
        var start = 0
        while start < instruments.count {
            let batch = instruments[start..<min(start + 100, instruments.count)].map(\.token)
            snapshots += try await client.clob.books(Array(batch)).map(\.snapshot)
            start += 100
        }
        return snapshots
    }

    /// The market's V2 fee schedule (`fd`); a market without one is fee-free.
    func polymarketFees(_ market: MarketID) async throws -> any FeeModel {
        let info = try await services.polymarket().clob.marketInfo(market)
        return try info.feeSchedule() ?? PolymarketFeeSchedule.free
    }
}
