import BigInt

/// A message call as `eth_call` and `eth_estimateGas` take it.
public struct EthereumCall: Hashable, Sendable {
    /// The sender; estimates depend on it (balances, approvals), so set it when estimating.
    public var from: EthereumAddress?
    public var to: EthereumAddress
    public var data: [UInt8]
    public var value: BigUInt

    public init(from: EthereumAddress? = nil, to: EthereumAddress, data: [UInt8], value: BigUInt = 0) {
        self.from = from
        self.to = to
        self.data = data
        self.value = value
    }

    /// The JSON object. `data` rather than `input`, the name every node accepts.
    var json: JSONRPCValue {
        var object: [String: JSONRPCValue] = ["to": .string(to.checksummed), "data": .string(Hex.encode(data))]
        if let from { object["from"] = .string(from.checksummed) }
        if !value.isZero { object["value"] = .string(RPCQuantity.encode(value)) }
        return .object(object)
    }
}

/// Which block state a read refers to.
public enum BlockTag: String, Sendable {
    case latest
    /// Includes the node's pending pool: the next usable nonce.
    case pending
    case safe
    case finalized
}
