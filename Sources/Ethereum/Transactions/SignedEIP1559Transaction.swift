import BigInt

/// A signed EIP-1559 transaction: what `eth_sendRawTransaction` takes.
///
/// Raw form: `0x02 ‖ rlp([…nine payload fields…, yParity, r, s])`, with r and s as RLP integers
/// (no leading zeros). The transaction hash is keccak256 of the raw bytes, so it is known before
/// the node answers — which is what lets a sender whose submission timed out ask whether the
/// transaction arrived instead of sending a second one.
public struct SignedEIP1559Transaction: Hashable, Sendable {
    public let transaction: EIP1559Transaction
    /// 0 or 1: the parity of the signature point's y coordinate.
    public let yParity: UInt8
    public let r: Bytes32
    public let s: Bytes32

    /// half the secp256k1 group order: EIP-2 rejects signatures with a larger s.
    static let halfOrder = BigUInt("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0", radix: 16)!

    public init(transaction: EIP1559Transaction, yParity: UInt8, r: Bytes32, s: Bytes32) {
        self.transaction = transaction
        self.yParity = yParity
        self.r = r
        self.s = s
    }

    public var rawBytes: [UInt8] {
        let signatureItems: [RLPItem] = [.uint(UInt64(yParity)), .uint(BigUInt(bigEndian: r.bytes)), .uint(BigUInt(bigEndian: s.bytes))]
        return [EIP1559Transaction.typeByte] + RLP.encode(.list(transaction.payloadItems + signatureItems))
    }

    public var rawHex: String { Hex.encode(rawBytes) }

    /// The transaction hash nodes and explorers use.
    public var hash: Bytes32 { Keccak256.hash(rawBytes) }

    /// The signature with Ethereum's 27/28 `v`.
    public var signature: EthereumSignature { EthereumSignature(r: r, s: s, v: 27 + yParity) }

    /// The address whose key signed this transaction.
    public func recoverSender() throws(TransactionDecodingError) -> EthereumAddress {
        do { return try signature.recoverAddress(digest: transaction.signingHash) } catch {
            throw .unrecoverableSender
        }
    }

    public init(rawHex: String) throws(TransactionDecodingError) {
        let bytes: [UInt8]
        do { bytes = try Hex.decode(rawHex) } catch { throw .notHex }
        try self.init(raw: bytes)
    }

    /// Decodes a raw signed transaction, refusing anything that is not canonical type-2.
    public init(raw: [UInt8]) throws(TransactionDecodingError) {
        guard raw.first == EIP1559Transaction.typeByte else { throw .unsupportedType(raw.first) }
        let item: RLPItem
        do { item = try RLP.decode(Array(raw.dropFirst())) } catch { throw .rlp(error) }
        let fields = try TransactionDecodingError.wrap { () throws(RLPError) in try item.listValue("transaction") }
        guard fields.count == 12 else { throw .wrongFieldCount(expected: 12, actual: fields.count, what: "a type-2 transaction") }
        let transaction = try TransactionDecodingError.wrap { () throws(RLPError) in
            EIP1559Transaction(
                chainID: try fields[0].uint64Value("chainId"),
                nonce: try fields[1].uint64Value("nonce"),
                maxPriorityFeePerGas: try fields[2].uintValue("maxPriorityFeePerGas"),
                maxFeePerGas: try fields[3].uintValue("maxFeePerGas"),
                gasLimit: try fields[4].uint64Value("gasLimit"),
                to: nil,
                value: try fields[6].uintValue("value"),
                data: try fields[7].bytesValue("data"))
        }
        var decoded = transaction
        let toBytes = try TransactionDecodingError.wrap { () throws(RLPError) in try fields[5].bytesValue("to") }
        if !toBytes.isEmpty {
            guard let to = try? EthereumAddress(bytes: toBytes) else { throw .invalidAddress(field: "to") }
            decoded.to = to
        }
        let entries = try TransactionDecodingError.wrap { () throws(RLPError) in try fields[8].listValue("accessList") }
        decoded.accessList = []
        for entry in entries { decoded.accessList.append(try AccessListEntry(rlp: entry)) }

        let (parity, rValue, sValue) = try TransactionDecodingError.wrap { () throws(RLPError) in
            (try fields[9].uintValue("yParity", maxBytes: 1), try fields[10].uintValue("r"), try fields[11].uintValue("s"))
        }
        guard parity <= 1 else { throw .invalidYParity }
        guard !rValue.isZero, !sValue.isZero, sValue <= Self.halfOrder else { throw .invalidSignatureValues }
        self.init(transaction: decoded, yParity: UInt8(parity), r: Self.word(rValue), s: Self.word(sValue))
    }

    static func word(_ value: BigUInt) -> Bytes32 {
        Bytes32(unchecked: ABIWord.uint(value))
    }
}
