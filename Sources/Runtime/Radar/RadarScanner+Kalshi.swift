import EdgewiseAnalysis
import EdgewiseCore
import EdgewiseKalshi

/// Kalshi's listed markets with the series each event belongs to (fetched only when needed).
struct KalshiCatalog {
    var events: [Event] = []
    var markets: [Market] = []
    var seriesByEvent: [EventID: String] = [:]
}

extension RadarScanner {
    /// Kalshi's open events with their markets, and the books of the markets a detector reads
    /// (mutually exclusive events, ladders and other constraint sets): one request per market.
    @discardableResult
    func loadKalshi(into radar: inout Radar, now: @Sendable () -> Timestamp) async throws -> KalshiCatalog {
        let client = try services.kalshi(authenticated: false)
        let pageSize = min(KalshiEventsQuery.maxLimit, options.eventLimit)
        let collection = try await client.allEvents(
            KalshiEventsQuery(status: .open, withNestedMarkets: true, limit: pageSize),
            maxPages: max(1, (options.eventLimit + pageSize - 1) / pageSize))
        var events: [Event] = []
        var markets: [Market] = []
        var seriesByEvent: [EventID: String] = [:]
        for record in collection.items.prefix(options.eventLimit) {
            let event = record.toEvent()
            guard !event.markets.isEmpty else { continue }
            if !record.seriesTicker.isEmpty { seriesByEvent[event.id] = record.seriesTicker }
            // Provisional: the general schedule, which most series use; the series' own is
            // fetched before anything is reported.
            radar.add(event, fees: { _ in KalshiFeeSchedule(takerRate: KalshiFeeSchedule.generalTakerRate, makerRate: nil) })
            markets += event.markets
            events.append(event)
        }
        radar.addBundles(among: markets)
        // One request per book: read only the books some detector reads.
        let instruments = radar.watchedMarketIndices.sorted().map { radar.universe.markets[$0].yes }
            .filter { $0.venue == .kalshi }
        let received = now()
        for snapshot in try await kalshiBooks(instruments) { radar.load(snapshot, receivedAt: received) }
        return KalshiCatalog(events: events, markets: markets, seriesByEvent: seriesByEvent)
    }

    /// Completes Kalshi markets with what only their series states: the settlement source the
    /// settlement check compares (events listed without their series carry none, so every pair
    /// would stay "needs review") and the fee structure, confirmed for the radar at the same
    /// time. One request per series, however many markets share it.
    func completeFromSeries(
        _ markets: [Market], catalog: KalshiCatalog, radar: inout Radar, warnings: inout [String]
    ) async -> [Market] {
        guard !markets.isEmpty else { return markets }
        let client: KalshiClient
        do {
            client = try services.kalshi(authenticated: false)
        } catch {
            warnings.append("kalshi series: \(error)")
            return markets
        }
        var series: [String: KalshiSeries?] = [:]
        var completed: [Market] = []
        for var market in markets {
            guard market.venue == .kalshi, let event = market.eventID, let ticker = catalog.seriesByEvent[event] else {
                completed.append(market)
                continue
            }
            if series[ticker] == nil {
                do {
                    series[ticker] = .some(try await client.series(ticker))
                } catch {
                    warnings.append("kalshi series \(ticker): \(error); its pairs stay unjudged on the source")
                    series[ticker] = .some(nil)
                }
            }
            if let found = series[ticker] ?? nil {
                if market.settlementSource == nil {
                    market.settlementSource = found.settlementSources.first.map { $0.url ?? $0.name }
                }
                if let fees = try? KalshiFeeSchedule(series: found) {
                    radar.setFees(FeeConfirmation.Confirmed(fees), venue: .kalshi, market: market.id)
                }
            }
            completed.append(market)
        }
        return completed
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
