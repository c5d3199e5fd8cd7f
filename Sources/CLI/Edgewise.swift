/// The `edgewise` command: the user's entry point. Each subcommand is a thin shell over the
/// library modules — it parses flags, asks `EdgewiseServices` for the parts, and renders a table
/// or JSON. Errors become one line plus a hint and a non-zero exit code.
import ArgumentParser
import EdgewiseCore
import Foundation

@main
struct Edgewise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edgewise",
        abstract: "A prediction-market agent: markets, books, recordings and trading on Polymarket, Kalshi and Manifold.",
        discussion: """
            Every command takes --venue polymarket|kalshi|manifold (default polymarket); `edgewise venues` shows
            what each accepts. Data lives in the data directory (--home, EDGEWISE_HOME, or ~/.local/share/edgewise):
            the SQLite database, recordings and config.toml. Every venue URL can be overridden in config.toml or
            with EDGEWISE_POLYMARKET_{GAMMA,CLOB,WS,DATA}_URL, EDGEWISE_KALSHI_{API,WS}_URL and
            EDGEWISE_MANIFOLD_{API,WS}_URL.
            """,
        version: EdgewiseCore.version,
        subcommands: [
            MarketsCommand.self, BookCommand.self, RecordCommand.self, OrderCommand.self, PositionsCommand.self,
            RedeemCommand.self, VenuesCommand.self, ScanCommand.self, PairsCommand.self, RunCommand.self, KillCommand.self,
        ])

    /// Runs the command and turns failures into one clear line plus a hint.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CLIFailure {
            report(failure)
        } catch {
            if let failure = CLIFailure(from: error) {
                report(failure)
            } else {
                exit(withError: error)
            }
        }
    }

    static func report(_ failure: CLIFailure) -> Never {
        FileHandle.standardError.write(Data("error: \(failure.message)\n".utf8))
        if let hint = failure.hint { FileHandle.standardError.write(Data("hint: \(hint)\n".utf8)) }
        Foundation.exit(failure.exitCode)
    }
}
