import BigInt

/// An unsigned EIP-1559 (type 2) transaction.
///
/// The signature covers `keccak256(0x02 ‖ rlp([chainId, nonce, maxPriorityFeePerGas,
/// maxFeePerGas, gasLimit, to, value, data, accessList]))`; the chain id inside the signed payload
/// is the replay protection, so a transaction signed for Amoy cannot be replayed on Polygon.
public struct EIP1559Transaction: Hashable, Sendable {
    /// The EIP-2718 type byte.
    public static let typeByte: UInt8 = 0x02

    public var chainID: UInt64
    public var nonce: UInt64
    /// The tip per gas for the block producer, in wei.
    public var maxPriorityFeePerGas: BigUInt
    /// The most this transaction pays per gas (base fee + tip), in wei.
    public var maxFeePerGas: BigUInt
    public var gasLimit: UInt64
    /// nil creates a contract.
    public var to: EthereumAddress?
    /// Native currency sent with the call, in wei.
    public var value: BigUInt
    /// Calldata: selector and ABI-encoded arguments.
    public var data: [UInt8]
    public var accessList: [AccessListEntry]

    public init(
        chainID: UInt64, nonce: UInt64, maxPriorityFeePerGas: BigUInt, maxFeePerGas: BigUInt, gasLimit: UInt64,
        to: EthereumAddress?, value: BigUInt = 0, data: [UInt8] = [], accessList: [AccessListEntry] = []
    ) {
        self.chainID = chainID
        self.nonce = nonce
        self.maxPriorityFeePerGas = maxPriorityFeePerGas
        self.maxFeePerGas = maxFeePerGas
        self.gasLimit = gasLimit
        self.to = to
        self.value = value
        self.data = data
        self.accessList = accessList
    }

    /// The nine payload fields, in the order the signature and the raw form share.
    var payloadItems: [RLPItem] {
        [
            .uint(chainID), .uint(nonce), .uint(maxPriorityFeePerGas), .uint(maxFeePerGas), .uint(gasLimit),
            .bytes(to?.bytes ?? []), .uint(value), .bytes(data), .list(accessList.map(\.rlp)),
        ]
    }

    /// The digest the sender signs.
    public var signingHash: Bytes32 {
        Keccak256.hash([Self.typeByte] + RLP.encode(.list(payloadItems)))
    }

    /// Signs with `key`. Ethereum's 27/28 `v` becomes the 0/1 y-parity type-2 transactions carry.
    public func signed(with key: EthereumPrivateKey) -> SignedEIP1559Transaction {
        let signature = key.sign(digest: signingHash)
        return SignedEIP1559Transaction(transaction: self, yParity: signature.v - 27, r: signature.r, s: signature.s)
    }
}
