import ArgumentParser
import EdgewiseCore

/// `edgewise venues`: what each venue accepts, so a refused option is no surprise.
struct VenuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "venues",
        abstract: "Show what each venue supports: quantities, order types, batch limits, price grids.")

    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        if json {
            try printJSON(VenueCapabilities.all)
            return
        }
        var text = ""
        for venue in VenueCapabilities.all {
            text += """
                \(venue.displayName) (--venue \(venue.venue.rawValue)) — \(venue.currency)\(venue.realMoney ? "" : ", no real money")
                  quantity:      \(Self.quantity(venue))
                  outcome:       \(venue.outcomeAddressing == .tokenPerOutcome ? "the token id names the outcome" : "--outcome yes|no picks the side")
                  order types:   \(venue.timeInForce.joined(separator: ", "))\(venue.postOnly ? ", post-only" : "")\(venue.reduceOnly ? ", reduce-only" : "")
                  batch:         \(venue.maxBatch.map { "up to \($0) orders" } ?? "none")
                  price grid:    \(venue.priceGrid)
                  minimum:       \(venue.minimumQuantity)

                """
            for note in venue.notes { text += "  - \(note)\n" }
            text += "\n"
        }
        emit(text)
    }

    static func quantity(_ venue: VenueCapabilities) -> String {
        switch venue.quantity {
        case .shares: "shares (--size), up to \(venue.sizeDecimals) decimals"
        case .contracts: "contracts (--size)"
        case .amount: "\(venue.currency) to spend (--amount); sells name shares (--size)"
        }
    }
}
