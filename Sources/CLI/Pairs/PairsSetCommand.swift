import ArgumentParser
import EdgewiseCore
import Foundation

/// `edgewise pairs set <pair-id> <verdict> [--note]` / `--clear`: record or remove a review.
struct PairsSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Record your verdict on a pair (it outranks the automatic one), or --clear it.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The pair id (from `edgewise pairs list`).", valueName: "pair-id")) var pairID: String
    @Argument(help: ArgumentHelp("Your verdict.", valueName: "equivalent|not-equivalent|needs-review")) var verdict: VerdictOption?
    @Option(help: ArgumentHelp("Why (what you read in the rules).", valueName: "text")) var note: String?
    @Flag(help: "Remove your verdict; the automatic one applies again.") var clear = false

    func validate() throws {
        if (verdict == nil) == !clear { throw ValidationError(PairsError.verdictOrClear.description) }
        if clear, note != nil { throw ValidationError("--note goes with a verdict, not with --clear") }
    }

    func run() throws {
        let store = try global.services().openStore()
        let id = MarketPairID(pairID)
        guard try store.marketPair(id: id) != nil else { throw PairsError.unknownPair(id) }
        let pair: MarketPair
        if let verdict {
            pair = try store.setOverride(pair: id, PairOverride(verdict: verdict.verdict, note: note, at: .now()))
        } else {
            pair = try store.clearOverride(pair: id)
        }
        let source = pair.override == nil ? "automatic" : "your override"
        emit("\(pair.id): \(pair.effectiveVerdict) (\(source))\n")
    }
}
