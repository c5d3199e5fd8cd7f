import ArgumentParser
import EdgewiseCore

/// `--venue`: which venue a command talks to.
enum VenueOption: String, ExpressibleByArgument, CaseIterable {
    case polymarket
    case kalshi
    case manifold

    var capabilities: VenueCapabilities {
        switch self {
        case .polymarket: .polymarket
        case .kalshi: .kalshi
        case .manifold: .manifold
        }
    }
}

/// `--outcome yes|no`: the side of a binary contract, where the market id does not name it
/// (Kalshi tickers, Manifold contracts). Polymarket token ids already name their outcome.
enum OutcomeOption: String, ExpressibleByArgument, CaseIterable {
    case yes, no
}
