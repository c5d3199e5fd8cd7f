import ArgumentParser
import EdgewiseCore
import EdgewiseEthereum
import EdgewisePolymarket
import EdgewiseRuntime
import Foundation

/// `edgewise redeem`: turn resolved winning positions into pUSD with a Polygon transaction.
struct RedeemCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redeem",
        abstract: "Redeem resolved Polymarket positions for pUSD (a Polygon transaction from the signing key).",
        discussion: """
            Give a market's condition id, or --all for every position the Data API reports redeemable. The \
            condition must be resolved on chain; otherwise nothing is signed. Needs --live (or mode = "live"); \
            --dry-run prints the transaction's target and calldata without sending. The RPC comes from \
            polygon.rpc_url or EDGEWISE_POLYGON_RPC_URL; gas and fee caps from polygon.max_gas and \
            polygon.max_fee_per_gas_gwei. Positions held by a proxy or Safe wallet are redeemed by that wallet, \
            which this command does not drive yet.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "The venue.") var venue: VenueOption = .polymarket
    @Option(help: ArgumentHelp("The market's condition id (0x…, 32 bytes).", valueName: "condition id")) var market: String?
    @Flag(help: "Redeem every position reported redeemable.") var all = false
    @Flag(help: "The market is neg-risk (with --market).") var negRisk = false
    @Option(help: "137 or 80002; default from the config.") var chain: UInt64?
    @Flag(help: "Print the transactions as JSON and send nothing.") var dryRun = false
    @Flag(help: "Allow transactions to be sent.") var live = false
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        guard (market != nil) != all else { throw ValidationError("give --market <condition id> or --all") }
        if let market, (try? Bytes32(hex: market)) == nil { throw ValidationError("--market takes a 0x-prefixed 32-byte condition id") }
    }

    struct Target: Encodable {
        var conditionId: String
        var negRisk: Bool
        var to: String
        var data: String
        var transactionHash: String?
        var status: String?
    }

    func run() async throws {
        let services = try global.services()
        let key = try services.polymarketPrivateKey()
        let chain = try services.polymarketChain(override: chain)
        let signer = try services.polymarketOrderSigner(key: key, chain: chain)
        guard signer.funder == key.address else {
            throw CLIFailure(
                "positions of \(signer.funder) are held by a \(signer.signatureType) wallet, which must send the redeem itself",
                hint: "redeem from polymarket.com, or set the signature type to eoa for positions held by the key's own address",
                exitCode: 2)
        }
        var targets: [(condition: Bytes32, negRisk: Bool)] = []
        if let market {
            targets = [(try Bytes32(hex: market), negRisk)]
        } else {
            let client = DataAPIClient(
                baseURL: services.configuration.polymarket.dataURL, configuration: services.httpConfiguration, logger: services.logger)
            let positions = try await client.positions(.init(user: key.address.checksummed, redeemableOnly: true))
            var seen = Set<String>()
            for position in positions where position.redeemable && seen.insert(position.conditionID.rawValue.lowercased()).inserted {
                targets.append((try Bytes32(hex: position.conditionID.rawValue), position.negativeRisk))
            }
        }
        if targets.isEmpty {
            if json { try printJSON([Target]()) } else { emit("nothing to redeem\n") }
            return
        }
        let onChain = try services.polymarketOnChain(key: key, chain: chain)
        var results: [Target] = []
        for target in targets {
            let call = try onChain.redeemCall(conditionID: target.condition, negRisk: target.negRisk, amounts: [])
            var result = Target(
                conditionId: target.condition.hex, negRisk: target.negRisk, to: call.to.checksummed, data: Hex.encode(call.data))
            if !dryRun {
                guard live || services.configuration.trading.mode == .live else { throw PolymarketTraderError.notLive }
                let receipt = try await onChain.redeem(conditionID: target.condition, negRisk: target.negRisk)
                result.transactionHash = receipt.transactionHash.hex
                result.status = receipt.succeeded ? "confirmed" : "reverted"
            }
            results.append(result)
            if !json {
                emit(dryRun
                    ? "would send to \(result.to): \(result.data)\n"
                    : "redeemed \(result.conditionId): \(result.status ?? "") in \(result.transactionHash ?? "")\n")
            }
        }
        if json { try printJSON(results) }
    }
}
