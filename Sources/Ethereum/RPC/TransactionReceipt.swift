import BigInt

/// The parts of `eth_getTransactionReceipt` a sender needs.
public struct TransactionReceipt: Hashable, Sendable {
    public let transactionHash: Bytes32
    /// true for status 1; false means the transaction was mined but reverted (its gas is spent).
    public let succeeded: Bool
    public let blockNumber: UInt64
    public let gasUsed: BigUInt
    /// Wei paid per gas; absent from some older nodes.
    public let effectiveGasPrice: BigUInt?

    public init(transactionHash: Bytes32, succeeded: Bool, blockNumber: UInt64, gasUsed: BigUInt, effectiveGasPrice: BigUInt?) {
        self.transactionHash = transactionHash
        self.succeeded = succeeded
        self.blockNumber = blockNumber
        self.gasUsed = gasUsed
        self.effectiveGasPrice = effectiveGasPrice
    }

    /// The fee actually paid, in wei, when the node reports the price.
    public var fee: BigUInt? { effectiveGasPrice.map { $0 * gasUsed } }

    init(json: JSONRPCValue, method: String) throws(EthereumRPCError) {
        func field(_ name: String) throws(EthereumRPCError) -> String {
            guard let text = json[name]?.stringValue else { throw .malformedReply(method: method, detail: "receipt has no string '\(name)'") }
            return text
        }
        func quantity(_ name: String) throws(EthereumRPCError) -> BigUInt {
            guard let value = RPCQuantity.parse(try field(name)) else {
                throw .malformedReply(method: method, detail: "receipt '\(name)' is not a hex quantity")
            }
            return value
        }
        guard let hash = try? Bytes32(hex: try field("transactionHash")) else {
            throw .malformedReply(method: method, detail: "receipt 'transactionHash' is not 32 bytes of hex")
        }
        // Receipts before Byzantium had a state root instead of a status; no chain we use has them.
        let status = try quantity("status")
        guard status <= 1 else { throw .malformedReply(method: method, detail: "receipt status is \(status), expected 0 or 1") }
        let block = try quantity("blockNumber")
        guard block.bitWidth <= 64 else { throw .malformedReply(method: method, detail: "receipt blockNumber is too large") }
        var price: BigUInt?
        if json["effectiveGasPrice"] != nil, json["effectiveGasPrice"] != .null { price = try quantity("effectiveGasPrice") }
        self.init(
            transactionHash: hash, succeeded: status == 1, blockNumber: UInt64(block), gasUsed: try quantity("gasUsed"),
            effectiveGasPrice: price)
    }
}
