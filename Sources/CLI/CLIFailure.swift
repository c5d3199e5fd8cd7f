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

    /// Maps the library's typed errors; nil for errors ArgumentParser reports itself.
    init?(from error: any Error) {
        switch error {
        case let error as VenueError:
            self.init(Self.oneLine(error.description), hint: Self.hint(for: error), exitCode: error.isTransient ? 3 : 1)
        case let error as ConfigurationError:
            self.init(error.description, hint: "see the Configuration section of the README", exitCode: 2)
        case let error as PolymarketEndpoints.InvalidOverride:
            self.init(error.description, exitCode: 2)
        case let error as PolymarketMappingError:
            self.init(error.description, hint: "the venue returned a record Edgewise cannot use safely; report it")
        case is CancellationError:
            self.init("interrupted", exitCode: 130)
        default:
            // ArgumentParser's own errors (usage, --help, --version) keep its formatting.
            guard !String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") else { return nil }
            self.init(Self.oneLine(String(describing: error)))
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
