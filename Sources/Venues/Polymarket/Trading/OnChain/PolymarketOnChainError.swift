import BigInt
import EdgewiseEthereum

/// Why an on-chain Polymarket operation was refused or failed.
public enum PolymarketOnChainError: Error, Sendable, CustomStringConvertible {
    /// No known contracts for this chain id.
    case unsupportedChain(UInt64)
    /// The sender signs for another chain than the contracts are on.
    case chainMismatch(contracts: UInt64, sender: UInt64)
    /// The condition's payouts are not reported yet (`payoutDenominator` is zero): redeeming
    /// would revert and spend gas.
    case conditionNotResolved(conditionID: Bytes32)
    case invalidAmounts(String)
    /// Reading contract state failed.
    case read(EthereumRPCError)
    /// A view function's return data did not decode.
    case unexpectedReturn(function: String, ABIError)
    /// Building, sending or mining the transaction failed.
    case transaction(TransactionSenderError)

    public var description: String {
        switch self {
        case .unsupportedChain(let chain):
            "no Polymarket contracts are known for chain \(chain); use 137 (Polygon) or 80002 (Amoy), or pass the contract addresses"
        case .chainMismatch(let contracts, let sender):
            "the contracts are on chain \(contracts) but the transaction sender is configured for chain \(sender); configure both for the same chain"
        case .conditionNotResolved(let conditionID):
            "condition \(conditionID.hex) is not resolved yet (payoutDenominator is 0); nothing was sent — redeem after the market resolves"
        case .invalidAmounts(let detail):
            "invalid amounts: \(detail)"
        case .read(let error):
            "reading Polymarket contract state failed: \(error)"
        case .unexpectedReturn(let function, let error):
            "\(function) returned unexpected data (\(error)); check that the contract address is right for this chain"
        case .transaction(let error):
            "\(error)"
        }
    }
}
