import ArgumentParser
import EdgewiseCore
import Foundation

/// `edgewise pairs show <pair-id>`: both markets, the polarity, every finding and the override.
struct PairsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one pair: both markets, polarity, every finding with what to check next, and the override.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The pair id (from `edgewise pairs list`).", valueName: "pair-id")) var pairID: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let store = try global.services().openStore()
        let id = MarketPairID(pairID)
        guard let pair = try store.marketPair(id: id) else { throw PairsError.unknownPair(id) }
        if json {
            try printJSON(PairJSON(pair, withFindings: true))
            return
        }
        emit(Self.render(pair))
    }

    static func render(_ pair: MarketPair) -> String {
        var lines: [String] = []
        let source = pair.override == nil ? "automatic" : "override; automatic \(pair.assessment.verdict)"
        lines.append("\(pair.id)  \(pair.effectiveVerdict) (\(source))")
        for (label, market) in [("A", pair.a), ("B", pair.b)] {
            lines.append("\(label)  \(market.venue) \(market.marketID): \(market.question)")
            var details: [String] = []
            if let yes = market.yes { details.append("yes \(yes)") }
            if let no = market.no { details.append("no \(no)") }
            details.append("ends \(market.endTime.map(utcISO) ?? "unknown")")
            lines.append("   " + details.joined(separator: "  "))
        }
        let score = pair.candidateScore.map { String(format: "%.2f", $0) } ?? "-"
        lines.append("polarity \(pair.polarity)  (A's YES pays with B's \(pair.polarity == .same ? "YES" : "NO"))  candidate score \(score)")
        lines.append("checked \(utcISO(pair.assessment.checkedAt))")
        if let override = pair.override {
            lines.append("override \(override.verdict) at \(utcISO(override.at))\(override.note.map { ": \($0)" } ?? "")")
        }
        lines.append("")
        lines.append("FINDINGS")
        for finding in pair.assessment.findings {
            let status = finding.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
            let criterion = finding.criterion.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
            lines.append("\(status)\(criterion)\(finding.detail)")
            if let next = finding.nextStep { lines.append(String(repeating: " ", count: 27) + "next: \(next)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
