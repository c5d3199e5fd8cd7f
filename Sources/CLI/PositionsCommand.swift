import ArgumentParser
import EdgewiseCore
import EdgewiseEthereum
import EdgewisePolymarket
import EdgewiseRuntime
import Foundation

/// `edgewise positions`: what the configured wallet (or any address) holds on Polymarket.
struct PositionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "positions",
        abstract: "Show positions with value and P&L (Polymarket: and which can be redeemed).",
        discussion: """
            Polymarket: without --user, the configured funder (or the key's own address for EOA wallets) is shown.
            Manifold: the API key's account, in --market or in the markets of its latest bets.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "The venue.") var venue: VenueOption = .polymarket
    @Option(help: ArgumentHelp("The wallet to show (0x…).", valueName: "address")) var user: String?
    @Flag(help: "Only positions that can be redeemed now.") var redeemable = false
    @Option(help: ArgumentHelp("Manifold: only this market (contract id or slug).", valueName: "market")) var market: String?
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        if venue != .polymarket, user != nil || redeemable { throw ValidationError("--user and --redeemable are Polymarket options") }
        if venue != .manifold, market != nil { throw ValidationError("--market is a Manifold option; positions here cover the whole account") }
    }

    func run() async throws {
        let services = try global.services()
        switch venue {
        case .polymarket: try await runPolymarket(services)
        case .kalshi: try await runKalshi(services)
        case .manifold: try await runManifold(services)
        }
    }

    func runPolymarket(_ services: EdgewiseServices) async throws {
        let wallet: String
        if let user {
            do { wallet = try EthereumAddress(user).checksummed } catch { throw ValidationError("--user: \(error)") }
        } else {
            let key = try services.polymarketPrivateKey()
            wallet = try services.polymarketOrderSigner(key: key, chain: try services.polymarketChain()).funder.checksummed
        }
        let client = DataAPIClient(
            baseURL: services.configuration.polymarket.dataURL, configuration: services.httpConfiguration, logger: services.logger)
        let positions = try await client.positions(.init(user: wallet, redeemableOnly: redeemable))
        if json {
            try printJSON(positions.map { position in
                [
                    "token": position.token.rawValue, "conditionId": position.conditionID.rawValue, "title": position.title,
                    "outcome": position.outcome, "size": position.size.description, "avgPrice": position.averagePrice.description,
                    "curPrice": position.currentPrice.description, "currentValue": position.currentValue.description,
                    "cashPnl": position.cashPnL.description, "redeemable": position.redeemable ? "true" : "false",
                    "negRisk": position.negativeRisk ? "true" : "false",
                ]
            })
            return
        }
        if positions.isEmpty { emit("no positions for \(wallet)\n"); return }
        let rows = [["MARKET", "OUTCOME", "SHARES", "AVG", "NOW", "VALUE", "P&L", "REDEEM"]] + positions.map { position in
            [
                position.title, position.outcome, position.size.description, position.averagePrice.description,
                position.currentPrice.description, position.currentValue.description, position.cashPnL.description,
                position.redeemable ? "yes" : "",
            ]
        }
        emit(Table.render(rows, maxWidths: [48, 12, 14, 8, 8, 14, 14, 6]) + "\n")
    }
}
