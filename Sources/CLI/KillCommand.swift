import ArgumentParser
import EdgewiseCore
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
    @Flag(help: "Print the switch's state as JSON.") var json = false

    func run() throws {
        let store = try global.services().openStore()
        let now = Timestamp.now()
        if reset {
            let wasTripped = try store.resetKillSwitch(at: now, note: note)
            if wasTripped, let last = try store.equityWatermarks()?.last {
                _ = try store.rebaseEquity(last, at: now)
            }
            if !json { emit(wasTripped ? "kill switch reset: trading may resume\n" : "the kill switch was not tripped; nothing to reset\n") }
        } else {
            let state = try store.tripKillSwitch(.manual(note ?? "edgewise kill"), at: now)
            if !json, let trip = state.trip {
                emit("kill switch tripped at \(utcISO(trip.at)): \(trip.reason)\nA running agent cancels its orders and stops; `edgewise kill --reset` re-arms it.\n")
            }
        }
        if json { try printJSON(KillSwitchRecord(try store.killSwitch())) }
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
