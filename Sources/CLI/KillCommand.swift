import ArgumentParser
import EdgewiseCore
import EdgewiseRuntime
import EdgewiseStore
import Foundation

/// `edgewise kill [--note …]` / `edgewise kill --reset`: the kill switch from the command line.
///
/// Tripping is written to the database, where a running agent reads it within a second: it
/// cancels every resting order and refuses new ones. The switch stays tripped across restarts
/// until it is reset here; a reset also restarts the drawdown and daily-loss reckoning from the
/// last recorded equity, or a drawdown trip would trip again at once.
struct KillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kill",
        abstract: "Stop all trading (the kill switch), or --reset it.",
        discussion: """
            A running `edgewise run` cancels its resting orders and refuses new ones as soon as the switch trips, \
            and stays stopped across restarts until `edgewise kill --reset`.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Why (kept with the trip).", valueName: "text")) var note: String?
    @Flag(help: "Re-arm the switch so trading can resume.") var reset = false
    @Flag(help: "Only the paper agent's switch (its own database); without it a trip stops paper and live alike.")
    var paper = false
    @Flag(help: "Print the switch's state as JSON.") var json = false

    func run() throws {
        let services = try global.services()
        let paperPath = AgentRunner.paperDatabase(for: services.configuration)
        let paperStore = FileManager.default.fileExists(atPath: paperPath.path) ? try EdgewiseStore(path: paperPath.path) : nil
        if paper && paperStore == nil {
            throw CLIFailure("no paper journal at \(paperPath.path)", hint: "run `edgewise run --paper` first")
        }
        // A paper run follows the live switch, so tripping the live one stops both; a reset
        // re-arms both, or the paper run would stay stopped by a trip that no longer exists.
        let store = paper ? paperStore! : try services.openStore()
        let now = Timestamp.now()
        if reset {
            var wasTripped = try Self.reset(store, at: now, note: note)
            if !paper, let paperStore { wasTripped = try Self.reset(paperStore, at: now, note: note) || wasTripped }
            if !json { emit(wasTripped ? "kill switch reset: trading may resume\n" : "the kill switch was not tripped; nothing to reset\n") }
        } else {
            let state = try store.tripKillSwitch(.manual(note ?? "edgewise kill"), at: now)
            if !json, let trip = state.trip {
                emit("kill switch tripped at \(utcISO(trip.at)): \(trip.reason)\nA running agent cancels its orders and stops; `edgewise kill --reset` re-arms it.\n")
            }
        }
        if json { try printJSON(KillSwitchRecord(try store.killSwitch())) }
    }

    /// Re-arms one database's switch; says whether it was tripped.
    static func reset(_ store: EdgewiseStore, at now: Timestamp, note: String?) throws -> Bool {
        let wasTripped = try store.resetKillSwitch(at: now, note: note)
        if wasTripped, let last = try store.equityWatermarks()?.last {
            _ = try store.rebaseEquity(last, at: now)
        }
        return wasTripped
    }
}

/// The switch as `--json` prints it.
struct KillSwitchRecord: Encodable {
    var tripped: Bool
    var reason: String?
    var since: String?
    var lastReset: String?

    init(_ state: KillSwitchState) {
        tripped = state.isTripped
        reason = state.trip?.reason.description
        since = state.trip.map { utcISO($0.at) }
        lastReset = state.lastReset.map { utcISO($0.at) }
    }
}
