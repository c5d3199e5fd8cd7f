import EdgewiseVenueKit

/// Why a JSON-RPC call to an Ethereum node failed. Node error messages are classified into the
/// cases a sender acts on; every description says what to do next.
public enum EthereumRPCError: Error, Sendable, CustomStringConvertible {
    /// The HTTP exchange failed (after the transport's retries, for reads).
    case transport(method: String, VenueError)
    /// The node answered, but not with a JSON-RPC reply of the expected shape.
    case malformedReply(method: String, detail: String)
    /// The account has already used this nonce (another transaction was mined or is pending).
    case nonceTooLow(message: String)
    /// The account cannot pay value + gas × max fee.
    case insufficientFunds(message: String)
    /// The call reverted (in `eth_call` / `eth_estimateGas`). `data` is the revert data, if any.
    case executionReverted(message: String, data: [UInt8]?)
    /// A transaction with the same nonce is pending and this one does not pay enough more to replace it.
    case replacementUnderpriced(message: String)
    /// The fee cap is below the block's base fee or the node's minimum.
    case feeTooLow(message: String)
    /// Any other JSON-RPC error object.
    case rpc(method: String, code: Int, message: String)
    /// The node already has this exact transaction. ``EthereumRPCClient/sendRawTransaction(_:)``
    /// treats it as success; it surfaces only from raw ``EthereumRPCClient/request(_:_:idempotent:)`` calls.
    case alreadyKnown
    /// A send failed ambiguously and the node still does not know the transaction after the
    /// allowed re-sends: it may or may not be in some node's pool.
    case submissionUncertain(hash: Bytes32, lastError: String)

    public var description: String {
        switch self {
        case .transport(_, let error):
            // The transport's message already names the method (it is the endpoint name).
            "\(error)"
        case .malformedReply(let method, let detail):
            "\(method): the RPC node's reply is malformed (\(detail)); check that the RPC URL points at an Ethereum JSON-RPC endpoint"
        case .nonceTooLow(let message):
            "nonce too low (\(message)): the account's nonce has moved on (another transaction from this key?); re-read the pending nonce and rebuild"
        case .insufficientFunds(let message):
            "insufficient funds (\(message)): the account cannot pay the gas (POL on Polygon) plus any value; fund the signing address"
        case .executionReverted(let message, let data):
            "execution reverted (\(message)); reason: \(ABIRevertReason(data: data ?? []))\(data.map { " data \(Hex.encode($0))" } ?? ""); the contract refused the call — check its arguments, balances and approvals; sending it would fail too"
        case .replacementUnderpriced(let message):
            "replacement transaction underpriced (\(message)): a transaction with this nonce is pending; wait for it or raise the fees by at least 10%"
        case .feeTooLow(let message):
            "fee too low (\(message)): raise the max fee per gas (or its cap) above the current base fee"
        case .rpc(let method, let code, let message):
            "\(method): RPC error \(code): \(message)"
        case .alreadyKnown:
            "the node already has this transaction"
        case .submissionUncertain(let hash, let lastError):
            "transaction \(hash.hex) may or may not have reached the network (\(lastError)); do not sign a new one — look it up by hash (eth_getTransactionByHash or an explorer) before retrying"
        }
    }

    /// Maps a JSON-RPC error object onto a case, by the messages geth, Bor (Polygon) and the
    /// common hosted providers use; execution reverts also come as code 3.
    static func classify(method: String, code: Int, message: String, data: JSONRPCValue?) -> EthereumRPCError {
        let lower = message.lowercased()
        if lower.contains("nonce too low") || lower.contains("nonce is too low") { return .nonceTooLow(message: message) }
        if lower.contains("insufficient funds") { return .insufficientFunds(message: message) }
        if lower.contains("already known") || lower.contains("known transaction") || lower.contains("already imported") {
            return .alreadyKnown
        }
        if lower.contains("replacement transaction underpriced") { return .replacementUnderpriced(message: message) }
        if lower.contains("underpriced") || lower.contains("less than block base fee") || lower.contains("fee cap less than") {
            return .feeTooLow(message: message)
        }
        if code == 3 || lower.contains("execution reverted") || lower.contains("revert") {
            return .executionReverted(message: message, data: revertData(data))
        }
        return .rpc(method: method, code: code, message: message)
    }

    /// Revert data is a hex string in `error.data`, or nested one level (`{"data": "0x…"}`) by
    /// some providers.
    static func revertData(_ data: JSONRPCValue?) -> [UInt8]? {
        let text = data?.stringValue ?? data?["data"]?.stringValue
        guard let text, text.hasPrefix("0x") else { return nil }
        return try? Hex.decode(text)
    }
}
