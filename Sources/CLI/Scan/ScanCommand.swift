import ArgumentParser
import EdgewiseAnalysis
import EdgewiseCore
import EdgewiseRuntime
import EdgewiseStore
import Foundation
import Synchronization

/// `edgewise scan`: the arbitrage radar from the command line.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find guaranteed-payoff trades (Dutch books, cross-venue pairs, bundles, resolution) net of fees and depth.",
        discussion: """
            Reads the venues' open events and books, prices every opportunity against depth with each \
            market's real fee schedule, stores it in the local database, and prints it. Without --once it \
            keeps running: the books follow the venues' WebSocket streams (Kalshi's needs API credentials; \
            without them its books are re-read every --interval seconds), only the events, pairs and sets \
            whose books changed are re-evaluated, and each opening, change and closing is printed as it \
            happens. Ctrl-C stops. \
            Resolution arbitrage needs something observed (a reading, a published result): give it with \
            --observations, a JSON Lines file that is re-read for new lines on every pass.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("venue"), help: "A venue to scan (repeatable; default: polymarket and kalshi).")
    var venues: [VenueOption] = []

    @Flag(help: "Scan once, print what is open, and exit.")
    var once = false

    @Flag(help: "Print JSON: one opportunity record per line.")
    var json = false

    @Option(help: ArgumentHelp("Report only opportunities whose profit after fees at the best size exceeds this (in the venue's currency).", valueName: "amount"))
    var minProfit: String = "0"

    @Option(help: "Only this kind (repeatable): dutch_book, cross_venue, bundle, resolution.")
    var kind: [OpportunityKindOption] = []

    @Option(help: "Events read per venue at most (most active first).")
    var limit = 200

    @Option(help: "Seconds between REST book reads (venues without a stream), observation-file reads and staleness checks when running continuously.")
    var interval = 15.0

    @Option(help: "Books older than this many seconds are not traded on.")
    var maxBookAge = 120.0

    @Option(
        help: ArgumentHelp(
            "A JSON Lines file of readings and published results for resolution arbitrage, followed as it grows (see the README).",
            valueName: "file"))
    var observations: String?

    func validate() throws {
        guard (try? Amount(parsing: minProfit)) != nil else { throw ValidationError("--min-profit must be a decimal amount, e.g. 0.50") }
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
        guard interval >= 1 else { throw ValidationError("--interval must be at least 1 second") }
        guard maxBookAge > 0 else { throw ValidationError("--max-book-age must be positive") }
        if let observations, !FileManager.default.isReadableFile(atPath: observations) {
            throw ValidationError("--observations: no readable file at \(observations)")
        }
        if venues.contains(.manifold) {
            throw ValidationError("the radar reads polymarket and kalshi; manifold (play money, AMM prices) is not scanned")
        }
    }

    func run() async throws {
        let services = try global.services()
        let store = try services.openStore()
        let scanner = RadarScanner(services: services, options: .init(
            venues: (venues.isEmpty ? [.polymarket, .kalshi] : venues).map { VenueID($0.rawValue) }, eventLimit: limit,
            configuration: RadarConfiguration(maxBookAge: maxBookAge, minimumProfit: try Amount(parsing: minProfit))))
        let filter = ScanFilter(kinds: Set(kind.map(\.kind)))
        var session = RadarSession(scanner: scanner, observations: observations.map { URL(fileURLWithPath: $0) })

        let first: RadarScanner.Pass
        do {
            first = try await session.start()
        } catch {
            throw CLIFailure(error.description, hint: "pass a readable JSON Lines file to --observations")
        }
        first.warnings.forEach(warn)
        try record(first.changes, store)
        if once {
            let now = Timestamp.now()
            let open = session.radar.registry.ranked.filter(filter.accepts)
            if json {
                for opportunity in open { try printJSON(OpportunityRecord(opportunity, now: now), pretty: false) }
            } else {
                print(ScanTable.render(open, now: now))
                explainExclusions(session.radar)
            }
            return
        }

        let stopped = StopFlag()
        let trigger = StopTrigger(after: nil) { stopped.set() }
        defer { trigger.cancel() }
        show(first.changes.filter { filter.accepts($0) })
        let polled = scanner.options.venues.filter { !session.streamedVenues.contains($0) }
        if !polled.isEmpty {
            note("\(polled.map(\.rawValue).joined(separator: ", ")): no stream (Kalshi's needs API credentials); books re-read every \(interval) s")
        }
        await session.runLive(
            options: .init(refreshInterval: .milliseconds(Int64(interval * 1000))), isStopped: { stopped.isSet }
        ) { pass in
            pass.warnings.forEach(warn)
            try? record(pass.changes, store)
            show(pass.changes.filter { filter.accepts($0) })
        }
    }

    func record(_ changes: [OpportunityChange], _ store: EdgewiseStore) throws {
        do {
            try store.record(changes)
        } catch {
            warn("opportunities not saved: \(error)")
        }
    }

    func show(_ changes: [OpportunityChange]) {
        let now = Timestamp.now()
        for change in changes {
            if json {
                let record: OpportunityRecord? = switch change {
                case .opened(let o): OpportunityRecord(o, now: now, status: "opened")
                case .updated(let o): OpportunityRecord(o, now: now, status: "updated")
                case .closed: nil
                }
                if let record { try? printJSON(record, pretty: false) } else {
                    emit("{\"id\":\"\(change.id)\",\"status\":\"closed\"}\n")
                }
            } else {
                emit(ScanTable.line(change, now: now) + "\n")
            }
        }
    }

    func explainExclusions(_ radar: Radar) {
        let count = radar.exclusions.count
        guard count > 0 else { return }
        note("\(count) event(s) not taken as complete partitions (placeholders, open-ended lists, or not exclusive); --json lists only opportunities.")
    }
}

enum OpportunityKindOption: String, ExpressibleByArgument, CaseIterable {
    case dutch_book, cross_venue, bundle, resolution
    var kind: OpportunityKind { OpportunityKind(rawValue: rawValue)! }
}

/// `--kind` (and the `--venue` the scan already restricted itself to).
struct ScanFilter {
    var kinds: Set<OpportunityKind>

    func accepts(_ opportunity: Opportunity) -> Bool { kinds.isEmpty || kinds.contains(opportunity.kind) }

    func accepts(_ change: OpportunityChange) -> Bool {
        change.opportunity.map(accepts) ?? true
    }
}

/// Set from a signal handler, read by the scan loop.
final class StopFlag: Sendable {
    private let flag = Mutex(false)
    func set() { flag.withLock { $0 = true } }
    var isSet: Bool { flag.withLock { $0 } }
}
