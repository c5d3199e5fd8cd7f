import ArgumentParser
import EdgewiseCore
import EdgewiseInformation
import EdgewisePolymarket
import EdgewiseRuntime
import Foundation

/// `edgewise record`: stream books, trades and resolutions into recording files for backtests.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record live books, trades and resolutions of chosen markets for later backtests.",
        discussion: """
            Writes append-only compressed .ewrec files (see docs/recording-format.md) into the recordings
            directory, a new file every UTC hour. Every event carries the time it was received. Stop with
            Ctrl-C, --duration or --max-events; a recorder killed at any moment leaves its files readable
            up to the last complete record.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "The venue to record.")
    var venue: VenueOption = .polymarket

    @Option(name: .customLong("market"), help: "A market slug, condition id or token id (repeatable).")
    var markets: [String] = []

    @Option(name: .customLong("event"), help: "An event slug: record every open market of the event (repeatable).")
    var events: [String] = []

    @Option(name: .customLong("tag"), help: "A Gamma tag id: record every open market of the tag's active events.")
    var tag: String?

    @Option(help: "The most markets to record (the venue limits subscriptions per connection).")
    var maxMarkets = 200

    @Option(name: .shortAndLong, help: ArgumentHelp("Directory for the files (default: <home>/recordings).", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("Stop after this many seconds.", valueName: "seconds"))
    var duration: Double?

    @Option(help: "Stop after this many events.")
    var maxEvents: Int?

    @Flag(help: "Print the final summary as JSON.")
    var json = false

    func validate() throws {
        guard !markets.isEmpty || !events.isEmpty || tag != nil else {
            throw ValidationError("choose what to record with --market, --event or --tag")
        }
        if let duration, !(duration > 0 && duration <= 31_536_000) { throw ValidationError("--duration must be a number of seconds between 0 and one year") }
        if let maxEvents, maxEvents <= 0 { throw ValidationError("--max-events must be positive") }
        guard maxMarkets > 0 else { throw ValidationError("--max-markets must be positive") }
    }

    func run() async throws {
        let services = try global.services()
        if venue != .polymarket, tag != nil { throw CLIFailure(exitCode2: "--tag is a Polymarket option; choose with --market or --event") }
        switch venue {
        case .polymarket: try await runPolymarket(services)
        case .kalshi: try await runKalshi(services)
        case .manifold: try await runManifold(services)
        }
    }

    func runPolymarket(_ services: EdgewiseServices) async throws {
        let polymarket = services.polymarket()
        let chosen = try await resolveMarkets(polymarket)
        let tokens = chosen.flatMap { $0.outcomes.map(\.token) }
        let directory = try prepare(chosen, services)
        let stream = polymarket.marketStream(tokens: tokens)
        let trigger = StopTrigger(after: duration) { stream.stop() }
        defer { trigger.cancel() }
        let updates = await stream.updates()
        let received = ReceivedEvents(updates: updates, limit: maxEvents, onLimit: { stream.stop() }, verbose: global.verbose)
        try await write(received, venue: .polymarket, markets: chosen.count, tokens: tokens.count, directory: directory)
    }

    /// Checks the selection, caches it, and returns the directory the files go to.
    func prepare(_ chosen: [Market], _ services: EdgewiseServices) throws -> URL {
        guard !chosen.isEmpty else {
            throw CLIFailure("nothing to record: none of the chosen markets is open", hint: "check the ids with `edgewise markets --venue \(venue.rawValue) --search …`")
        }
        if chosen.count > maxMarkets {
            throw CLIFailure("\(chosen.count) markets chosen but --max-markets is \(maxMarkets)", hint: "narrow the selection or raise --max-markets")
        }
        cacheCatalog(chosen, services)
        let directory = output.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? services.configuration.recordingsDirectory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if !json {
            let tokens = chosen.reduce(0) { $0 + $1.outcomes.count }
            warn("recording \(chosen.count) market(s), \(tokens) token(s) into \(directory.path); Ctrl-C to stop")
        }
        return directory
    }

    /// Records `events` and prints the summary, the same for every venue.
    func write<Events: AsyncSequence & Sendable>(_ events: Events, venue: VenueID, markets: Int, tokens: Int, directory: URL) async throws
    where Events.Element == ReceivedEvent {
        let recorder = Recorder(configuration: .init(directory: directory, venue: venue))
        try await recorder.record(events)
        let files = await recorder.files
        let count = await recorder.eventsRecorded
        let summary = RecordSummary(markets: markets, tokens: tokens, events: count, files: files.map(\.path))
        if json {
            try printJSON(summary)
        } else {
            print("recorded \(count) event(s) from \(markets) market(s) into \(files.count) file(s)")
            for file in files { print("  \(file.path)") }
        }
    }

    func resolveMarkets(_ polymarket: PolymarketClient) async throws -> [Market] {
        let gamma = polymarket.gamma
        var chosen: [Market] = []
        for text in markets {
            let reference = MarketReference(text)
            guard let market = try await polymarket.market(reference) else {
                throw CLIFailure("no Polymarket market with \(reference)", hint: "find it with `edgewise markets --search <words>`")
            }
            chosen.append(market)
        }
        for slug in events {
            let event = try await gamma.domainEvent(slug: slug)
            chosen += event.markets.filter { $0.status.isTradable }
        }
        if let tag {
            for record in try await gamma.allEvents(GammaQuery(active: true, closed: false, tagID: tag), limit: 100) {
                do {
                    chosen += try record.toEvent().markets.filter { $0.status.isTradable }
                } catch {
                    warn("skipped an event the venue returned in an unusable shape: \(error)")
                }
            }
        }
        var seen = Set<MarketID>()
        return chosen.filter { seen.insert($0.id).inserted }
    }
}

/// The market-data events of a stream, reporting connection trouble on stderr and stopping
/// after `limit` events.
struct ReceivedEvents: AsyncSequence, Sendable {
    typealias Element = ReceivedEvent
    let updates: AsyncStream<MarketStreamUpdate>
    let limit: Int?
    let onLimit: @Sendable () -> Void
    let verbose: Bool

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncStream<MarketStreamUpdate>.AsyncIterator
        let limit: Int?
        let onLimit: @Sendable () -> Void
        let verbose: Bool
        var delivered = 0

        mutating func next() async -> ReceivedEvent? {
            if let limit, delivered >= limit {
                onLimit()
                return nil
            }
            while let update = await base.next() {
                switch update {
                case .event(let event):
                    delivered += 1
                    return event
                case .connection(let state):
                    if verbose || state.isReconnect { warn("websocket \(state)") }
                case .resynced(let token, let reason):
                    if verbose { warn("book \(token) rebuilt from REST: \(reason)") }
                case .problem(let problem):
                    warn(problem.description)
                }
            }
            return nil
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: updates.makeAsyncIterator(), limit: limit, onLimit: onLimit, verbose: verbose)
    }
}

struct RecordSummary: Encodable {
    var markets: Int
    var tokens: Int
    var events: Int
    var files: [String]
}
