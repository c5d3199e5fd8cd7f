import ArgumentParser
import EdgewiseCore
import Foundation

/// `edgewise pairs list`: every stored pair with its effective verdict.
struct PairsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List stored pairs with their effective verdict (your override, else the automatic one).")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only pairs with this effective verdict.", valueName: "equivalent|not-equivalent|needs-review"))
    var verdict: VerdictOption?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let store = try global.services().openStore()
        let pairs = try store.marketPairs(verdict: verdict?.verdict)
        if json {
            try printJSON(pairs.map { PairJSON($0, withFindings: false) })
            return
        }
        if pairs.isEmpty {
            emit(verdict == nil ? "no market pairs stored\n" : "no market pairs with verdict \(verdict!.verdict)\n")
            return
        }
        let rows =
            [["PAIR", "VERDICT", "BY", "POLARITY", "SCORE", "A", "B"]]
            + pairs.map { pair in
                [
                    pair.id.rawValue, pair.effectiveVerdict.rawValue, pair.override == nil ? "auto" : "user",
                    pair.polarity.rawValue, pair.candidateScore.map { String(format: "%.2f", $0) } ?? "-",
                    "\(pair.a.venue) \(pair.a.marketID)", "\(pair.b.venue) \(pair.b.marketID)",
                ]
            }
        emit(Table.render(rows, maxWidths: [21, 14, 4, 8, 5, 40, 60]) + "\n")
    }
}
