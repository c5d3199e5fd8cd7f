import EdgewiseAnalysis
import EdgewiseCore
import Logging

/// Fills a ``Radar`` from the venues' public REST APIs and keeps it current: the catalogs
/// (events with their markets), the books of every market a detector reads, and each candidate
/// market's real fee schedule before anything is reported.
///
/// Fees are looked up only for markets of groups that look profitable on provisional fees — one
/// request per market for a universe of thousands would be slow and pointless — and an
/// opportunity is reported only after its markets' actual fees were applied and it survived.
public struct RadarScanner: Sendable {
    public struct Options: Sendable {
        public var venues: [VenueID]
        /// Events read per venue at most (most active first).
        public var eventLimit: Int
        public var configuration: RadarConfiguration

        public init(venues: [VenueID] = [.polymarket, .kalshi], eventLimit: Int = 200, configuration: RadarConfiguration = .init()) {
            self.venues = venues
            self.eventLimit = eventLimit
            self.configuration = configuration
        }
    }

    public let services: EdgewiseServices
    public let options: Options

    public init(services: EdgewiseServices, options: Options) {
        self.services = services
        self.options = options
    }

    /// What a load or refresh produced, with what went wrong on the way (a venue that failed does
    /// not stop the others).
    public struct Pass: Sendable {
        public var changes: [OpportunityChange] = []
        public var warnings: [String] = []
        /// The markets the venues listed (a load only): what resolution watching chooses from.
        public var markets: [Market] = []
        /// Their events (a load only): categories and exclusivity for the risk engine.
        public var events: [Event] = []

        /// Appends a later pass: its changes fold into these (an opening then a closing of the
        /// same opportunity cancel out), its warnings follow.
        public mutating func merge(_ later: Pass) {
            changes = OpportunityChangeLog.collapse(changes + later.changes)
            warnings += later.warnings
            markets += later.markets
            events += later.events
        }
    }

    /// Reads every venue's catalog and books into `radar` and evaluates it with real fees.
    public func load(into radar: inout Radar, now: @Sendable () -> Timestamp = Timestamp.now) async -> Pass {
        var pass = Pass()
        var catalogs: [VenueID: [Market]] = [:]
        var kalshi = KalshiCatalog()
        for venue in options.venues {
            do {
                switch venue {
                case .polymarket:
                    let events = try await loadPolymarket(into: &radar, now: now)
                    pass.events += events
                    catalogs[venue] = events.flatMap(\.markets)
                case .kalshi:
                    kalshi = try await loadKalshi(into: &radar, now: now)
                    pass.events += kalshi.events
                    catalogs[venue] = kalshi.markets
                default: pass.warnings.append("the radar does not read \(venue) yet; skipped")
                }
            } catch {
                pass.warnings.append("\(venue): \(error)")
            }
        }
        if let polymarket = catalogs[.polymarket], let kalshiMarkets = catalogs[.kalshi] {
            do {
                try await addPairs(polymarket, kalshiMarkets, catalog: kalshi, to: &radar, warnings: &pass.warnings, now: now)
            } catch {
                pass.warnings.append("cross-venue pairs: \(error)")
            }
        }
        pass.markets = options.venues.flatMap { catalogs[$0] ?? [] }
        pass.changes += radar.evaluateAll(now: now())
        await confirmFees(in: &radar, pass: &pass, now: now)
        pass.changes = OpportunityChangeLog.collapse(pass.changes)
        return pass
    }

    /// Re-reads the books of every market a detector reads and applies them as snapshots, so
    /// only the detectors whose books changed are re-evaluated (an unchanged book re-evaluates
    /// to the same result, which the registry does not report).
    public func refresh(
        _ radar: inout Radar, venues: [VenueID]? = nil, now: @Sendable () -> Timestamp = Timestamp.now
    ) async -> Pass {
        var pass = Pass()
        for venue in venues ?? options.venues {
            let instruments = radar.watchedMarketIndices.sorted().map { radar.universe.markets[$0].yes }
                .filter { $0.venue == venue }
            do {
                let snapshots: [BookSnapshot]
                switch venue {
                case .polymarket: snapshots = try await polymarketBooks(instruments)
                case .kalshi: snapshots = try await kalshiBooks(instruments)
                default: continue
                }
                let received = now()
                for snapshot in snapshots {
                    pass.changes += radar.apply(.bookSnapshot(snapshot), receivedAt: received)
                }
            } catch {
                pass.warnings.append("\(venue): \(error)")
            }
        }
        await confirmFees(in: &radar, pass: &pass, now: now)
        pass.changes = OpportunityChangeLog.collapse(pass.changes)
        return pass
    }

    /// For every opportunity whose markets still carry provisional fees, fetches the real
    /// schedules and re-evaluates; what does not survive is closed before anyone sees it.
    func confirmFees(in radar: inout Radar, pass: inout Pass, now: @Sendable () -> Timestamp) async {
        var pending: [VenueID: Set<MarketID>] = [:]
        for opportunity in radar.registry.open.values {
            for leg in opportunity.legs where !FeeConfirmation.isConfirmed(radar, venue: leg.venue, market: leg.marketID) {
                pending[leg.venue, default: []].insert(leg.marketID)
            }
        }
        guard !pending.isEmpty else { return }
        var touched: [Int] = []
        for (venue, markets) in pending {
            for market in markets.sorted() {
                let fees: any FeeModel
                do {
                    fees = try await confirmedFees(venue: venue, market: market, radar: radar)
                } catch {
                    pass.warnings.append("\(venue) \(market): fee schedule unavailable (\(error)); its opportunities are withheld")
                    fees = FeeConfirmation.Unavailable()
                }
                radar.setFees(FeeConfirmation.Confirmed(fees), venue: venue, market: market)
                if let index = radar.universe.index(venue: venue, market: market) { touched.append(index) }
            }
        }
        let time = now()
        var changes: [OpportunityChange] = []
        for index in touched { changes += radar.reevaluate(market: index, now: time) }
        pass.changes += changes
    }

    /// Finds candidate pairs between the two catalogs, judges their settlement, stores the
    /// automatic verdicts (never touching a user's override), and adds a detector for every pair
    /// whose effective verdict is equivalent, reading the books it needs.
    func addPairs(
        _ left: [Market], _ right: [Market], catalog: KalshiCatalog, to radar: inout Radar, warnings: inout [String],
        now: @Sendable () -> Timestamp
    ) async throws {
        var candidates = PairCandidateFinder().candidates(left, right)
        guard !candidates.isEmpty else { return }
        // The settlement check needs each Kalshi market's source, which only its series states.
        let kalshiSides = Array(Set(candidates.flatMap { [$0.a, $0.b] }.filter { $0.venue == .kalshi }))
            .sorted { $0.id < $1.id }
        let completed = await completeFromSeries(kalshiSides, catalog: catalog, radar: &radar, warnings: &warnings)
        let byID = Dictionary(completed.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for index in candidates.indices {
            if candidates[index].a.venue == .kalshi { candidates[index].a = byID[candidates[index].a.id] ?? candidates[index].a }
            if candidates[index].b.venue == .kalshi { candidates[index].b = byID[candidates[index].b.id] ?? candidates[index].b }
        }
        let store = try services.openStore()
        let judged = SettlementEquivalence().pairs(candidates, at: now())
        for pair in judged { try store.upsertAutomatic(pair: pair) }
        var kalshiInstruments: [InstrumentID] = []
        for pair in judged {
            guard let stored = try store.marketPair(id: pair.id), radar.add(stored) else { continue }
            for side in [stored.a, stored.b] where side.venue == .kalshi {
                if let index = radar.universe.index(venue: side.venue, market: side.marketID),
                    !radar.universe.books[index].isSynchronized
                {
                    kalshiInstruments.append(radar.universe.markets[index].yes)
                }
            }
        }
        let received = now()
        for snapshot in try await kalshiBooks(kalshiInstruments) { radar.load(snapshot, receivedAt: received) }
    }

    func confirmedFees(venue: VenueID, market: MarketID, radar: Radar) async throws -> any FeeModel {
        switch venue {
        case .polymarket: try await polymarketFees(market)
        case .kalshi: try await kalshiFees(market, radar: radar)
        default: NoFees()
        }
    }
}
