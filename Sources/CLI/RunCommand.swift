import ArgumentParser
import EdgewiseCore
import EdgewiseDecision
import EdgewiseRuntime
import Foundation

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the agent: strategies on the radar's live books, risk-checked orders, paper or live.",
        discussion: """
            With no arguments this is paper trading on live public data: the radar follows Polymarket's and \
            Kalshi's books, the configured strategies ([strategies.*] in config.toml; by default arbitrage of \
            every kind) propose trades, the risk engine checks each one, and the paper broker fills them against \
            the real books with the venues' fees. Paper orders, fills and decisions go to their own database \
            next to the live one (edgewise-paper.sqlite), so a later run continues where this one stopped. \
            --live sends real orders through the venues (credentials required). A status view (positions, P&L, \
            open orders, latest decisions) is printed every few seconds. Ctrl-C or SIGTERM stops cleanly: \
            resting orders are cancelled, or kept with on_shutdown = "keep" in [agent]. `edgewise kill` stops \
            trading from another terminal; `edgewise kill --reset` resumes it.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Trade on paper against the live books (the default).")
    var paper = false

    @Flag(help: "Send real orders (or set mode = \"live\" in config.toml).")
    var live = false

    @Option(name: .customLong("strategy"), help: "Run only this configured strategy (repeatable; default: every enabled one).")
    var strategies: [String] = []

    @Option(name: .customLong("venue"), help: "A venue to trade (repeatable; default: [agent] venues, else polymarket and kalshi).")
    var venues: [VenueOption] = []

    @Option(help: ArgumentHelp("Stop after this many seconds.", valueName: "seconds"))
    var duration: Double?

    @Option(help: ArgumentHelp("Seconds between status views (default: [agent] status_interval_seconds).", valueName: "seconds"))
    var statusInterval: Double?

    @Option(help: "Events read per venue at most (most active first).")
    var limit = 200

    @Option(help: ArgumentHelp("A JSON Lines file of readings and results for resolution arbitrage.", valueName: "file"))
    var observations: String?

    @Flag(help: "Print each status as one JSON line instead of the screen view.")
    var json = false

    func validate() throws {
        if paper && live { throw ValidationError("choose --paper or --live, not both") }
        if let duration, duration <= 0 { throw ValidationError("--duration must be positive") }
        if let statusInterval, statusInterval <= 0 { throw ValidationError("--status-interval must be positive") }
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
        if let observations, !FileManager.default.isReadableFile(atPath: observations) {
            throw ValidationError("--observations: no readable file at \(observations)")
        }
    }

    func run() async throws {
        let services = try global.services()
        let settings = services.configuration.agent
        let names = strategies.isEmpty ? nil : strategies
        // Checked now, so a wrong --strategy fails before anything is read from the venues.
        let chosenStrategies = try makeStrategies(settings, only: names)
        let mode: AgentMode = paper ? .paper : (live || services.configuration.trading.mode == .live ? .live : .paper)
        let chosen = venues.isEmpty ? settings.venues : venues.map { VenueID($0.rawValue) }

        let venuesForRun: AgentRunner.Venues
        switch mode {
        case .paper:
            venuesForRun = .paper(cash: settings.paperCash)
        case .live:
            let gateways = try await services.liveGateways(for: chosen, live: true)
            venuesForRun = .live(gateways: gateways, cash: try await services.liveCash(gateways))
        }
        let options = AgentRunner.Options(
            venues: chosen, risk: settings.risk, cancelOnShutdown: settings.onShutdown == .cancel,
            statusInterval: .milliseconds(Int64((statusInterval ?? settings.statusIntervalSeconds) * 1000)),
            tickInterval: .milliseconds(Int64(min(settings.killSwitchPollSeconds, 1) * 1000)),
            maxBookAge: settings.maxBookAgeSeconds, eventLimit: limit,
            observations: observations.map { URL(fileURLWithPath: $0) }, exits: settings.exits.isEnabled ? settings.exits : nil,
            twap: settings.twap)
        let runner = AgentRunner(
            services: services, strategies: { fees, categories in
                try makeStrategies(settings, only: names, fees: fees, categories: categories)
            }, venues: venuesForRun,
            options: options)

        note(
            "\(mode.rawValue) trading with \(chosenStrategies.map(\.id.rawValue).joined(separator: ", ")) on \(chosen.map(\.rawValue).joined(separator: ", "))"
                + (mode == .paper ? "; journal \(AgentRunner.paperDatabase(for: services.configuration).path)" : ""))
        let stopped = StopFlag()
        let trigger = StopTrigger(after: duration) { stopped.set() }
        defer { trigger.cancel() }
        let json = self.json
        let final = try await runner.run(
            isStopped: { stopped.isSet }, report: { status in Self.show(status, json: json, final: false) },
            warn: { warn($0) })
        Self.show(final, json: json, final: true)
    }

    static func show(_ status: AgentStatus, json: Bool, final: Bool) {
        if json {
            try? printJSON(StatusRecord(status, final: final), pretty: false)
        } else if isatty(STDOUT_FILENO) == 1 && !final {
            // Redraw in place: a status view, not a scrolling log.
            emit("\u{1B}[H\u{1B}[2J" + status.render() + "\n")
        } else {
            emit(status.render() + "\n\n")
        }
    }
}

/// One status as a JSON line (`edgewise run --json`), for scripts and supervisors.
struct StatusRecord: Encodable {
    struct Holding: Encodable {
        var instrument: String
        var size: String
        var averageCost: String?
        var mark: String?
        var unrealizedPnL: String?
    }

    struct OpenOrder: Encodable {
        var id: String
        var instrument: String
        var side: String
        var price: String
        var size: String
        var filled: String
        var status: String
    }

    var final: Bool
    var mode: String
    var at: String
    var strategies: [String]
    var cash: String
    var equity: String
    var pnl: String
    var realizedPnL: String
    var killSwitchTripped: Bool
    var killSwitchReason: String?
    var positions: [Holding]
    var openOrders: [OpenOrder]
    var decisions: [String]
    var ordersSent: Int
    var ordersRefused: Int
    var baskets: Int
    var fills: Int
    var opportunities: Int
    var books: Int

    init(_ status: AgentStatus, final: Bool) {
        self.final = final
        mode = status.mode.rawValue
        at = AgentStatus.time(status.at)
        strategies = status.strategies.map(\.rawValue)
        cash = status.cash.description
        equity = status.equity.description
        pnl = status.pnl.description
        realizedPnL = status.realizedPnL.description
        killSwitchTripped = status.killSwitch.isTripped
        killSwitchReason = status.killSwitch.trip.map { "\($0.reason)" }
        positions = status.holdings.map {
            Holding(
                instrument: $0.instrument.description, size: $0.size.description, averageCost: $0.averageCost?.description,
                mark: $0.mark?.description, unrealizedPnL: $0.unrealizedPnL?.description)
        }
        openOrders = status.openOrders.map {
            OpenOrder(
                id: $0.id.rawValue, instrument: $0.instrument.description, side: $0.side.rawValue, price: $0.limitPrice.description,
                size: $0.size.description, filled: $0.filledSize.description, status: $0.status.rawValue)
        }
        decisions = status.recentDecisions.map { "\($0.strategy.map { "[\($0)] " } ?? "")\($0.text)" }
        ordersSent = status.ordersSent
        ordersRefused = status.ordersRefused
        baskets = status.baskets
        fills = status.fills
        opportunities = status.openOpportunities
        books = status.booksFollowed
    }
}
