import EdgewiseCore
import EdgewiseKalshi

/// What a user may type to name a Kalshi market: its ticker, or our token `<ticker>/YES|NO`,
/// which also names the side.
struct KalshiReference {
    var ticker: String
    var side: KalshiSide?

    init(_ text: String, outcome: OutcomeOption? = nil) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var named: KalshiSide?
        if let parsed = Kalshi.parseToken(TokenID(trimmed)) {
            ticker = parsed.ticker
            named = parsed.side
        } else {
            guard !trimmed.isEmpty, !trimmed.contains("/"), !trimmed.contains(" ") else {
                throw CLIFailure(exitCode2: "'\(text)' is not a Kalshi market ticker (e.g. KXHIGHNY-26JUN01-B80.5) or <ticker>/YES")
            }
            ticker = trimmed.uppercased()
        }
        let chosen = outcome.map { $0 == .yes ? KalshiSide.yes : .no }
        if let chosen, let named, chosen != named {
            throw CLIFailure(exitCode2: "--outcome \(outcome!.rawValue) contradicts the side in '\(text)'")
        }
        side = chosen ?? named
    }
}

extension KalshiOrder {
    /// One line of `order list`.
    var row: [String] {
        [
            orderID, ticker ?? "?", side?.rawValue ?? "?", action?.wire ?? "?", price?.description ?? "-",
            initialCount?.description ?? "-", fillCount?.description ?? "-", status.wire,
        ]
    }
}
