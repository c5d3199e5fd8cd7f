import BigInt

/// Why a contract call was not sent, or did not succeed. Everything before ``reverted`` and
/// ``receiptTimeout`` is refused before anything is signed or sent.
public enum TransactionSenderError: Error, Sendable, CustomStringConvertible {
    /// The RPC node serves another chain than the one configured.
    case chainMismatch(configured: UInt64, node: UInt64)
    case gasEstimateAboveCap(estimate: BigUInt, cap: UInt64)
    /// Base fee + tip already exceed the configured fee cap: the transaction could not be included.
    case feeAboveCap(baseFee: BigUInt, priorityFee: BigUInt, cap: BigUInt)
    /// The node refused or failed the request (includes reverts found while estimating gas,
    /// insufficient funds, a nonce conflict that survived one re-read).
    case rpc(EthereumRPCError)
    /// Mined with status 0: the call failed on chain and its gas was spent.
    case reverted(hash: Bytes32, receipt: TransactionReceipt)
    /// No receipt within the timeout. The transaction may still be mined.
    case receiptTimeout(hash: Bytes32, waited: Duration, lastError: String?)
    case cancelled

    public var description: String {
        switch self {
        case .chainMismatch(let configured, let node):
            "the RPC node is on chain \(node) but chain \(configured) is configured; nothing was signed — point the RPC URL at chain \(configured) or fix the configured chain"
        case .gasEstimateAboveCap(let estimate, let cap):
            "the node estimates \(estimate) gas, above the cap of \(cap); nothing was signed — check the call, or raise the gas cap if it is expected"
        case .feeAboveCap(let baseFee, let priorityFee, let cap):
            "base fee \(Self.gwei(baseFee)) + tip \(Self.gwei(priorityFee)) exceed the max fee cap of \(Self.gwei(cap)); nothing was signed — wait for lower fees or raise the cap"
        case .rpc(let error):
            "\(error)"
        case .reverted(let hash, let receipt):
            "transaction \(hash.hex) was mined in block \(receipt.blockNumber) but reverted (status 0); its gas was spent and nothing else changed — check the call's preconditions before retrying"
        case .receiptTimeout(let hash, let waited, let lastError):
            "no receipt for transaction \(hash.hex) after \(waited)\(lastError.map { " (last error: \($0))" } ?? ""); it may still be mined — check it by hash before sending anything again"
        case .cancelled:
            "cancelled"
        }
    }

    /// Wei as gwei with up to nine decimals, exact.
    static func gwei(_ wei: BigUInt) -> String {
        let (whole, fraction) = wei.quotientAndRemainder(dividingBy: 1_000_000_000)
        guard !fraction.isZero else { return "\(whole) gwei" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 9 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits) gwei"
    }
}
