import BigInt
import EdgewiseCore
import EdgewiseEthereum
import EdgewisePolymarket
import Foundation

/// Polygon transactions for Polymarket positions (redeem, split, merge) from configuration:
/// the RPC URL, the gas and fee caps, and the contracts of the configured chain.
extension EdgewiseServices {
    public func polymarketContracts(chain: PolymarketChain) throws(PolymarketSetupError) -> PolymarketContracts {
        guard var contracts = PolymarketContracts.forChain(chain.chainID) else { throw .signing(.unsupportedChain(chain.chainID)) }
        let settings = configuration.polygon
        if let text = settings.ctfCollateralAdapter {
            do { contracts.collateralAdapter = try EthereumAddress(text) } catch {
                throw .badAddress(setting: "polygon.ctf_collateral_adapter", error)
            }
        }
        if let text = settings.negRiskCollateralAdapter {
            do { contracts.negRiskCollateralAdapter = try EthereumAddress(text) } catch {
                throw .badAddress(setting: "polygon.neg_risk_collateral_adapter", error)
            }
        }
        return contracts
    }

    public func polygonRPC() -> EthereumRPCClient {
        EthereumRPCClient(
            configuration: EthereumRPCConfiguration(
                url: configuration.polygon.rpcURL, transport: httpConfiguration,
                overrideHint: "EDGEWISE_POLYGON_RPC_URL or polygon.rpc_url"),
            logger: logger)
    }

    /// The on-chain façade, sending from the signing key with the configured caps.
    public func polymarketOnChain(key: EthereumPrivateKey, chain: PolymarketChain) throws(PolymarketSetupError) -> PolymarketOnChain {
        let rpc = polygonRPC()
        let gwei = BigUInt(1_000_000_000)
        // The cap is in gwei with up to nine decimals; wei are integers.
        var scaled = configuration.polygon.maxFeePerGasGwei * 1_000_000_000
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .down)
        let capWei = BigUInt(rounded.description) ?? 500 * gwei
        let sender = TransactionSender(
            key: key, rpc: rpc,
            configuration: TransactionSenderConfiguration(
                chainID: chain.chainID, gasLimitCap: configuration.polygon.maxGas, maxFeePerGasCap: capWei),
            logger: logger)
        do {
            return try PolymarketOnChain(contracts: try polymarketContracts(chain: chain), rpc: rpc, sender: sender)
        } catch let error as PolymarketSetupError {
            throw error
        } catch {
            throw .onChain("\(error)")
        }
    }
}
