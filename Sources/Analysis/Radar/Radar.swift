import EdgewiseCore

/// The arbitrage radar: a universe of markets and their books, the detectors over them, and the
/// opportunities they currently find.
///
/// A book update re-evaluates only the detectors that read that book (an event's partition, the
/// pairs and constraint sets the market belongs to), so the cost of an update does not grow with
/// the universe. The radar is a value owned by one task — the scan loop, a backtest, a strategy
/// host — which keeps the hot path free of locks; it hands its changes to an
/// ``OpportunityFeed`` for everyone else.
public struct Radar: Sendable {
    public var configuration: RadarConfiguration
    public private(set) var universe = RadarUniverse()
    public private(set) var registry = OpportunityRegistry()
    private var detectors: [any OpportunityDetector] = []
    /// What each detector returned from its last evaluation, handed back to it on the next (see
    /// ``OpportunityDetector/evaluate(_:configuration:now:previous:)``).
    private var lastFound: [[Opportunity]] = []
    private var detectorIndexByGroup: [String: Int] = [:]
    /// For each market, the detectors that read its book.
    private var detectorsByMarket: [[Int]] = []
    /// Why events were not (or only partly, NO basket only) taken as partitions, for `scan` to
    /// explain itself.
    public private(set) var exclusions: [EventID: [PartitionExclusion]] = [:]

    public init(configuration: RadarConfiguration = RadarConfiguration()) {
        self.configuration = configuration
    }

    // MARK: Building the universe

    @discardableResult
    public mutating func add(_ market: RadarMarket) -> Int {
        let index = universe.upsert(market)
        while detectorsByMarket.count < universe.count { detectorsByMarket.append([]) }
        return index
    }

    /// Adds an event's markets and, when they are mutually exclusive, its Dutch-book detector
    /// (the YES basket only for a complete partition). `fees` gives each market's fee model (venue- and market-specific).
    @discardableResult
    public mutating func add(_ event: Event, fees: (Market) -> any FeeModel) -> [Int] {
        let indices = event.markets.map { market in
            add(RadarMarket(market, fees: fees(market)))
        }
        do {
            let detector = try DutchBookDetector(event: event, marketIndices: indices)
            exclusions[event.id] = detector.buysEveryYes ? nil : event.partitionExclusions
            add(detector)
        } catch {
            exclusions[event.id] = error.reasons
        }
        return indices
    }

    /// Registers a detector (replacing one with the same group).
    public mutating func add(_ detector: any OpportunityDetector) {
        if let existing = detectorIndexByGroup[detector.group] {
            for market in detectors[existing].marketIndices {
                detectorsByMarket[market].removeAll { $0 == existing }
            }
            detectors[existing] = detector
            lastFound[existing] = []
            for market in detector.marketIndices { detectorsByMarket[market].append(existing) }
            return
        }
        let index = detectors.count
        detectors.append(detector)
        lastFound.append([])
        detectorIndexByGroup[detector.group] = index
        for market in detector.marketIndices {
            precondition(market < detectorsByMarket.count, "add a detector's markets before the detector")
            detectorsByMarket[market].append(index)
        }
    }

    public var detectorCount: Int { detectors.count }

    /// Universe indices of the markets some detector reads: the books worth keeping current.
    public var watchedMarketIndices: Set<Int> {
        Set(detectorsByMarket.indices.filter { !detectorsByMarket[$0].isEmpty })
    }

    /// Adds the constraint sets (threshold and date ladders, bucket families, declared
    /// implications and partitions) found among `markets`, each as a bundle detector. A set that
    /// is exactly an event's markets is left to that event's Dutch-book detector, which prices
    /// the same trade.
    @discardableResult
    public mutating func addBundles(
        among markets: [Market], constraintDetector: ConstraintDetector = ConstraintDetector(),
        implications: [ConstraintDetector.DeclaredImplication] = [], partitions: [ConstraintDetector.DeclaredPartition] = []
    ) -> Int {
        var added = 0
        let byKey = Dictionary(markets.map { (VenueMarketKey($0), $0) }, uniquingKeysWith: { a, _ in a })
        for constraint in constraintDetector.detect(markets: markets, implications: implications, partitions: partitions) {
            let members = constraint.members.compactMap { byKey[$0.market] }
            guard members.count == constraint.members.count else { continue }
            let indices = members.compactMap { universe.index(venue: $0.venue, market: $0.id) }
            guard indices.count == members.count else { continue }
            if let event = members.first?.eventID, members.allSatisfy({ $0.eventID == event }),
                detectorIndexByGroup["event:\(members[0].venue):\(event)"] != nil,
                Set(indices) == Set(detectors[detectorIndexByGroup["event:\(members[0].venue):\(event)"]!].marketIndices)
            {
                continue
            }
            add(BundleRadarDetector(constraints: [constraint], markets: members, marketIndices: indices))
            added += 1
        }
        return added
    }

    /// Watches `market` (already in the universe) for resolution arbitrage.
    public mutating func watchResolution(of market: Market) {
        guard let index = universe.index(venue: market.venue, market: market.id) else { return }
        add(ResolutionRadarDetector(market: market, marketIndex: index))
    }

    /// Records an observation and re-evaluates every market watched for resolution.
    public mutating func observe(_ observation: ResolutionObservation, at now: Timestamp) -> [OpportunityChange] {
        universe.record(observation)
        var changes: [OpportunityChange] = []
        for index in detectors.indices where detectors[index] is ResolutionRadarDetector {
            changes += run(index, now: now)
        }
        return changes
    }

    public mutating func setFees(_ fees: any FeeModel, venue: VenueID, market: MarketID) {
        guard let index = universe.index(venue: venue, market: market) else { return }
        universe.setFees(fees, at: index)
    }

    // MARK: Updating

    /// Applies a market-data event to the book it concerns and re-evaluates the detectors that
    /// read it. An event for an instrument the radar does not watch is ignored. A delta that
    /// leaves the book inconsistent (sequence gap, crossed, negative level) marks it unusable
    /// until the next snapshot, which closes any opportunity built on it.
    public mutating func apply(_ event: MarketDataEvent, receivedAt: Timestamp) -> [OpportunityChange] {
        switch event {
        case .bookSnapshot(let snapshot):
            guard let index = universe.index(of: snapshot.instrument) else { return [] }
            universe.withBook(at: index) { book in try? book.apply(snapshot, receivedAt: receivedAt) }
            return reevaluate(market: index, now: receivedAt)
        case .bookDelta(let delta):
            guard let index = universe.index(of: delta.instrument) else { return [] }
            universe.withBook(at: index) { book in _ = try? book.apply(delta, receivedAt: receivedAt) }
            return reevaluate(market: index, now: receivedAt)
        case .market(let notice):
            guard let index = universe.index(venue: notice.venue, market: notice.marketID) else { return [] }
            if notice.kind == .resolved { universe.setTradable(false, at: index) }
            return reevaluate(market: index, now: receivedAt)
        case .trade, .topOfBook, .tickSizeChange:
            return []
        }
    }

    /// Replaces a market's book with `snapshot` without evaluating (bulk loading); call
    /// ``evaluateAll(now:)`` afterwards.
    public mutating func load(_ snapshot: BookSnapshot, receivedAt: Timestamp) {
        guard let index = universe.index(of: snapshot.instrument) else { return }
        universe.withBook(at: index) { book in try? book.apply(snapshot, receivedAt: receivedAt) }
    }

    /// Marks a book untrustworthy until its next snapshot (its stream lost sync, its connection
    /// dropped), closing every opportunity built on it.
    public mutating func invalidateBook(of instrument: InstrumentID, now: Timestamp) -> [OpportunityChange] {
        guard let index = universe.index(of: instrument) else { return [] }
        universe.withBook(at: index) { $0.invalidate() }
        return reevaluate(market: index, now: now)
    }

    /// Re-evaluates the detectors reading one market.
    public mutating func reevaluate(market index: Int, now: Timestamp) -> [OpportunityChange] {
        var changes: [OpportunityChange] = []
        for detectorIndex in detectorsByMarket[index] {
            changes += run(detectorIndex, now: now)
        }
        return changes
    }

    /// Re-evaluates every detector (after a bulk load, or on a timer for staleness).
    public mutating func evaluateAll(now: Timestamp) -> [OpportunityChange] {
        var changes: [OpportunityChange] = []
        for index in detectors.indices { changes += run(index, now: now) }
        return changes
    }

    private mutating func run(_ detectorIndex: Int, now: Timestamp) -> [OpportunityChange] {
        let detector = detectors[detectorIndex]
        let found = detector.evaluate(universe, configuration: configuration, now: now, previous: lastFound[detectorIndex])
        lastFound[detectorIndex] = found
        return registry.reconcile(group: detector.group, found: found, at: now)
    }
}
