import EdgewiseAnalysis
import EdgewiseCore
import EdgewiseDecision
import EdgewiseExecution
import EdgewiseStore
import Foundation
import Logging

/// Builds a whole agent from configuration and runs it until told to stop: the radar keeps the
/// books and opportunities current from the venues' public data, the agent trades on them —
/// through the paper broker against those same books, or through the venues — and a status is
/// reported at a steady interval.
///
/// ```text
///  venue streams ─► RadarSession ─► AgentInput stream ─► Agent ─► StrategyHost ─► actions
///                    (books, radar)        ▲                │ risk check (AgentLink)
///                                          │                ▼
///              order events (journaled) ◄─ OrderManager ◄─ MultiLegExecutor
///                                          │
///                              PaperGateway / venue gateways
/// ```
public struct AgentRunner: Sendable {
    /// Where orders go.
    public enum Venues: Sendable {
        /// The paper broker, starting from this much cash (once: later runs continue the paper
        /// journal's positions and cash).
        case paper(cash: Amount)
        /// The venues themselves; `cash` is what the accounts hold now.
        case live(gateways: [any VenueGateway], cash: Amount)
    }

    public struct Options: Sendable {
        public var venues: [VenueID]
        public var risk: RiskLimits
        public var cancelOnShutdown: Bool
        public var statusInterval: Duration
        /// How often timers, the kill switch and equity are checked.
        public var tickInterval: Duration
        /// How often venues without a stream are re-read over REST.
        public var refreshInterval: Duration
        /// Books older than this are not traded on (the radar's and the risk engine's limit).
        public var maxBookAge: Double
        public var eventLimit: Int
        public var observations: URL?
        /// Orders per second per venue.
        public var ordersPerSecond: Int
        /// Stop-loss and take-profit on directional positions.
        public var exits: ExitPolicy?
        /// Large directional buys worked over time.
        public var twap: TWAPPolicy?

        public init(
            venues: [VenueID] = [.polymarket, .kalshi], risk: RiskLimits = .standard, cancelOnShutdown: Bool = true,
            statusInterval: Duration = .seconds(5), tickInterval: Duration = .milliseconds(250),
            refreshInterval: Duration = .seconds(15), maxBookAge: Double = 30, eventLimit: Int = 200,
            observations: URL? = nil, ordersPerSecond: Int = 5, exits: ExitPolicy? = nil, twap: TWAPPolicy? = nil
        ) {
            self.twap = twap
            self.venues = venues
            self.risk = risk
            self.cancelOnShutdown = cancelOnShutdown
            self.statusInterval = statusInterval
            self.tickInterval = tickInterval
            self.refreshInterval = refreshInterval
            self.maxBookAge = maxBookAge
            self.eventLimit = eventLimit
            self.observations = observations
            self.ordersPerSecond = ordersPerSecond
            self.exits = exits
        }
    }

    public let services: EdgewiseServices
    /// Builds the strategies once the radar has read the venues, so that they price with each
    /// market's real fee schedule.
    public let strategies: @Sendable (VenueFees, MarketCategories) throws -> [any Strategy]
    public let venues: Venues
    public let options: Options

    public init(
        services: EdgewiseServices, strategies: @escaping @Sendable (VenueFees, MarketCategories) throws -> [any Strategy],
        venues: Venues,
        options: Options
    ) {
        self.services = services
        self.strategies = strategies
        self.venues = venues
        self.options = options
    }

    public var mode: AgentMode {
        if case .paper = venues { return .paper }
        return .live
    }

    /// The paper journal lives in its own database next to the live one: a paper order must
    /// never be reconciled against a real venue, nor a real one against the paper broker.
    public static func paperDatabase(for configuration: EdgewiseConfiguration) -> URL {
        let live = configuration.databasePath
        let name = live.deletingPathExtension().lastPathComponent + "-paper." + (live.pathExtension.isEmpty ? "sqlite" : live.pathExtension)
        return live.deletingLastPathComponent().appendingPathComponent(name)
    }

    /// Runs until `isStopped`; returns the final status after the shutdown policy was applied.
    /// `report` receives a status every ``Options/statusInterval`` and `warn` the radar's and
    /// the start-up's warnings.
    public func run(
        isStopped: @escaping @Sendable () -> Bool, report: @escaping @Sendable (AgentStatus) -> Void,
        warn: @escaping @Sendable (String) -> Void
    ) async throws -> AgentStatus {
        let store: EdgewiseStore
        let liveStore: EdgewiseStore?
        switch venues {
        case .paper:
            try services.configuration.prepareHome()
            store = try EdgewiseStore(path: Self.paperDatabase(for: services.configuration).path)
            liveStore = try? services.openStore()
        case .live:
            store = try services.openStore()
            liveStore = nil
        }

        let radarVenues = options.venues.filter { $0 == .polymarket || $0 == .kalshi }
        for venue in options.venues where !radarVenues.contains(venue) {
            warn("\(venue): no public book feed for the agent yet (the radar reads polymarket and kalshi); not traded")
        }
        let scanner = RadarScanner(
            services: services,
            options: .init(venues: radarVenues, eventLimit: options.eventLimit, configuration: RadarConfiguration(maxBookAge: options.maxBookAge)))
        var session = RadarSession(scanner: scanner, observations: options.observations)
        let first = try await session.start()
        first.warnings.forEach(warn)
        let universe = session.radar.universe

        let (inputs, continuation) = AsyncStream.makeStream(of: AgentInput.self, bufferingPolicy: .unbounded)
        let link = AgentLink()
        let paperExchange: PaperExchange?
        let gateways: [any VenueGateway]
        let startingCash: Amount
        switch venues {
        case .paper(let cash):
            let exchange = PaperExchange(broker: PaperBroker(markets: Self.paperMarkets(universe)))
            paperExchange = exchange
            gateways = radarVenues.map { PaperGateway(venue: $0, exchange: exchange) }
            startingCash = cash
        case .live(let live, let cash):
            paperExchange = nil
            gateways = live
            startingCash = cash
        }
        let manager = OrderManager(
            store: store, gateways: gateways,
            configuration: .init(
                settleDelay: mode == .paper ? .zero : .seconds(2),
                rateLimits: Dictionary(
                    uniqueKeysWithValues: gateways.map {
                        ($0.venue, TokenBucket(capacity: max(1, options.ordersPerSecond), perSecond: max(1, options.ordersPerSecond)))
                    }),
                preTradeCheck: link.preTradeCheck,
                onEvent: { order, event in continuation.yield(.order(order, event)) }))
        let rules = Self.legRules(universe)
        let terms = Self.routeTerms(universe)
        let executor = MultiLegExecutor(
            manager: manager, liquidity: paperExchange.map { $0 as any LiquiditySource } ?? link,
            rules: { rules[$0] }, balance: link.cash)

        let agent = Agent(
            strategies: try strategies(Self.fees(universe), Self.categories(first.events)), portfolio: try Self.portfolio(from: store, cash: startingCash, mode: mode),
            store: store, manager: manager, executor: executor, paper: paperExchange,
            settings: Agent.Settings(
                mode: mode, risk: options.risk, exits: options.exits, orderRefreshInterval: mode == .live ? 5 : nil,
                twap: options.twap), complements: Self.complements(universe),
            externalKillSwitch: { liveStore.flatMap { try? $0.killSwitch() } }, routeTerms: { terms[$0] })
        link.attach(agent)

        // Cross-venue pairs (and your verdicts on them) live in the live database, where the
        // radar and `edgewise pairs` keep them; paper runs read them from there too.
        let pairs = (try? (liveStore ?? store).marketPairs()) ?? []
        await agent.handle(AgentInput.catalog(events: first.events, markets: first.markets, pairs: pairs))
        for (index, book) in universe.books.enumerated() where book.isSynchronized {
            let snapshot = BookSnapshot(
                instrument: universe.markets[index].yes, bids: book.levels(.bid), asks: book.levels(.ask),
                venueTimestamp: book.venueTimestamp, sequence: book.sequence, hash: book.venueHash, tickSize: book.tickSize)
            await agent.handle(AgentInput.marketData(ReceivedEvent(receivedAt: book.receivedAt ?? .now(), event: .bookSnapshot(snapshot))))
        }
        await agent.start()
        await agent.handle(AgentInput.opportunities(first.changes, warnings: []))

        let liveOptions = RadarSession.LiveOptions(refreshInterval: options.refreshInterval)
        let radarTask = Task {
            await session.runLive(
                options: liveOptions, isStopped: isStopped, observe: { continuation.yield(.marketData($0)) },
                deliver: { continuation.yield(.opportunities($0.changes, warnings: $0.warnings)) })
        }
        let tickInterval = options.tickInterval
        let clockTask = Task {
            while !Task.isCancelled {
                do { try await Task.sleep(for: tickInterval) } catch { return }
                continuation.yield(.tick)
            }
        }
        let statusInterval = options.statusInterval
        let statusTask = Task {
            while !Task.isCancelled {
                do { try await Task.sleep(for: statusInterval) } catch { return }
                report(await agent.status())
            }
        }
        var iterator = inputs.makeAsyncIterator()
        while let input = await iterator.next() {
            if isStopped() { break }
            await agent.handle(input)
        }
        statusTask.cancel()
        clockTask.cancel()
        radarTask.cancel()
        _ = await agent.shutdown(cancelOrders: options.cancelOnShutdown)
        // Order events already journaled (a basket's fills, the shutdown's cancels) still reach
        // the portfolio before the final status; market data and ticks no longer matter.
        continuation.finish()
        while let input = await iterator.next() {
            if case .order = input { await agent.handle(input) }
        }
        return await agent.status()
    }

    // MARK: Building blocks

    /// The paper broker's view of each instrument: YES on its own book, NO on the YES book
    /// mirrored (the radar keeps only YES books), with the market's minimum and its real fees.
    static func paperMarkets(_ universe: RadarUniverse) -> [InstrumentID: PaperMarket] {
        var markets: [InstrumentID: PaperMarket] = [:]
        for market in universe.markets {
            let increment = sizeIncrement(market.venue)
            markets[market.yes] = PaperMarket(
                source: .own, minimumSize: market.minimumSize, sizeIncrement: increment, takerFees: market.fees)
            if let no = market.no {
                markets[no] = PaperMarket(
                    source: .complement(of: market.yes), minimumSize: market.minimumSize, sizeIncrement: increment,
                    takerFees: market.fees)
            }
        }
        return markets
    }

    /// Each market's own fee schedule as the radar confirmed it; a market it does not know is
    /// priced with the provisional (overstated) schedule.
    static func fees(_ universe: RadarUniverse) -> VenueFees {
        var models: [MarketKey: any FeeModel] = [:]
        for market in universe.markets { models[MarketKey(venue: market.venue, id: market.marketID)] = market.fees }
        let known = models
        return VenueFees { venue, market in
            known[MarketKey(venue: venue, id: market)] ?? VenueFees.provisional.model(venue: venue, market: market)
        }
    }

    /// Categories live on events; strategies filter markets by them.
    static func categories(_ events: [Event]) -> MarketCategories {
        var byEvent: [EventID: String] = [:]
        for event in events { if let category = event.category { byEvent[event.id] = category } }
        return MarketCategories(byEvent: byEvent)
    }

    static func complements(_ universe: RadarUniverse) -> [InstrumentID: InstrumentID] {
        var result: [InstrumentID: InstrumentID] = [:]
        for market in universe.markets { if let no = market.no { result[no] = market.yes } }
        return result
    }

    /// What each leg must satisfy before a basket is sent: the book's tick, the market's
    /// minimum, and the most its fee can be per share (the fee at 50¢, where the venues' curves
    /// peak, on one share — rounded up, so the balance check can only overstate it).
    static func legRules(_ universe: RadarUniverse) -> [InstrumentID: LegRules] {
        var rules: [InstrumentID: LegRules] = [:]
        let half = Price(units: FixedPoint.unitsPerWhole / 2)
        for (index, market) in universe.markets.enumerated() {
            let fee = market.fees.takerFee(size: 1, price: half)
            let rule = LegRules(
                tickSize: universe.books[index].tickSize, minimumSize: market.minimumSize,
                fees: FeeAllowance(perShare: Price(units: fee.units)))
            rules[market.yes] = rule
            if let no = market.no { rules[no] = rule }
        }
        return rules
    }

    /// Each instrument's fees and order grid for the router. A market whose book carried no
    /// tick is left out: its buys go where the strategy proposed them, not on a guessed grid.
    static func routeTerms(_ universe: RadarUniverse) -> [InstrumentID: RouteTerms] {
        var terms: [InstrumentID: RouteTerms] = [:]
        for (index, market) in universe.markets.enumerated() {
            guard let tick = universe.books[index].tickSize else { continue }
            let grid = OrderGrid(
                tick: tick, minimumSize: market.minimumSize ?? .zero, sizeStep: sizeIncrement(market.venue) ?? Size(units: 1))
            let routeTerms = RouteTerms(fees: market.fees, grid: grid)
            terms[market.yes] = routeTerms
            if let no = market.no { terms[no] = routeTerms }
        }
        return terms
    }

    /// Kalshi trades whole contracts; Polymarket sizes have two decimals.
    static func sizeIncrement(_ venue: VenueID) -> Size? {
        switch venue {
        case .kalshi: Size(units: FixedPoint.unitsPerWhole)
        case .polymarket: Size(units: FixedPoint.unitsPerWhole / 100)
        default: nil
        }
    }

    /// The portfolio is the journal's: the starting cash (paper) or the accounts' cash (live)
    /// and every fill the store holds, each booked once — so a restart, whatever it
    /// interrupted, starts from exactly what was executed.
    static func portfolio(from store: EdgewiseStore, cash: Amount, mode: AgentMode) throws -> Portfolio {
        var portfolio = Portfolio(cash: cash)
        for fill in try store.allFills() { try? portfolio.apply(fill) }
        guard mode == .live else { return portfolio }
        // A live account's cash already reflects its past fills: put the cash back to what the
        // venues hold, keeping the positions and the record of which fills are booked (so one
        // reported again is not booked twice).
        portfolio.deposit(cash - portfolio.cash)
        return portfolio
    }
}
