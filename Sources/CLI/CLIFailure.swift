import EdgewisePolymarket
import EdgewiseRuntime
import EdgewiseVenueKit
import Foundation

/// A failure as the user sees it: what went wrong in one line, and what to do about it.
struct CLIFailure: Error {
    var message: String
    var hint: String?
    var exitCode: Int32 = 1

    init(_ message: String, hint: String? = nil, exitCode: Int32 = 1) {
        self.message = message
        self.hint = hint
        self.exitCode = exitCode
    }

    /// A bad flag value found while running (after ArgumentParser's own validation): exit 2,
    /// like a usage error, without printing the whole usage.
    init(exitCode2 message: String) {
        self.init(message, exitCode: 2)
    }

    /// Maps the library's typed errors; nil for errors ArgumentParser reports itself.
    init?(from error: any Error) {
        switch error {
        case let error as VenueError:
            self.init(Self.oneLine(error.description), hint: Self.hint(for: error), exitCode: error.isTransient ? 3 : 1)
        case let error as PairsError:
            self.init(error.description, hint: error.hint, exitCode: error.exitCode)
        case let error as ConfigurationError:
            self.init(error.description, hint: "see the Configuration section of the README", exitCode: 2)
        case let error as PolymarketEndpoints.InvalidOverride:
            self.init(error.description, exitCode: 2)
        case let error as PolymarketMappingError:
            self.init(error.description, hint: "the venue returned a record Edgewise cannot use safely; report it")
        case let error as PolymarketTraderError:
            switch error {
            case .notLive: self.init(error.description, exitCode: 2)
            case .venue(let venue): self.init(Self.oneLine(venue.description), hint: Self.hint(for: venue), exitCode: Self.exitCode(for: venue))
            case .unresolved: self.init(Self.oneLine(error.description), exitCode: 4)
            default: self.init(Self.oneLine(error.description))
            }
        case let error as PolymarketTradingError:
            self.init(Self.oneLine(error.description), hint: Self.hint(for: error), exitCode: Self.exitCode(for: error))
        case let error as PolymarketSetupError:
            self.init(error.description, hint: "see Trading in the README", exitCode: 2)
        case let error as PolymarketCredentialsError:
            self.init(error.description, hint: "see Trading in the README", exitCode: 2)
        case let error as PolymarketOnChainError:
            self.init(Self.oneLine(error.description))
        case is CancellationError:
            self.init("interrupted", exitCode: 130)
        default:
            // ArgumentParser's own errors (usage, --help, --version) keep its formatting.
            guard !String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") else { return nil }
            self.init(Self.oneLine(String(describing: error)))
        }
    }

    static func hint(for error: PolymarketTradingError) -> String? {
        switch error {
        case .orderMayExist:
            "the order may have reached the venue: run `edgewise order list` before placing it again"
        case .transport(let venue): hint(for: venue)
        case .rejected(_, _, let reason, _): reason.nextStep
        default: nil
        }
    }

    /// 3 for "try again later", 4 for "the outcome is unknown: look before acting".
    static func exitCode(for error: PolymarketTradingError) -> Int32 {
        switch error {
        case .orderMayExist: 4
        case .rateLimited, .venueUnavailable: 3
        case .transport(let venue): venue.isTransient ? 3 : 1
        default: 1
        }
    }

    static func hint(for error: VenueError) -> String? {
        switch error {
        case .unreachable, .timeout:
            "check the network connection; to use another host set EDGEWISE_POLYMARKET_*_URL or [polymarket] in config.toml"
        case .rateLimited:
            "wait a little and run again"
        case .server:
            "the venue is having trouble; try again shortly"
        case .client(_, let status, _) where status == 404:
            "check the market slug, condition id or token id (`edgewise markets --search …` lists them)"
        case .decoding:
            "the venue's response changed shape; run with a newer Edgewise or report the message"
        default:
            nil
        }
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
