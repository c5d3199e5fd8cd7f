import BigInt
import EdgewiseCore
import EdgewiseEthereum

/// The order the CLOB V2 exchange settles: the 11 signed fields of its EIP-712 `Order`, plus the
/// expiration the REST API reads but the signature does not cover.
///
/// Amounts are 6-decimal base units (USDC or outcome-token shares), the exact integers that are
/// signed; they come from `PolymarketOrderAmounts`, never from floating point.
public struct PolymarketOrderV2: Sendable, Hashable {
    public var salt: UInt64
    /// The funder: the address whose collateral or tokens the order spends.
    public var maker: EthereumAddress
    /// The address that produced the signature (the EOA; for POLY_1271, the deposit wallet).
    public var signer: EthereumAddress
    public let tokenID: TokenID
    public var makerAmount: UInt64
    public var takerAmount: UInt64
    public var side: OrderSide
    public var signatureType: PolymarketSignatureType
    /// Creation time in milliseconds; part of the signed struct, so it also makes each order hash unique.
    public var timestampMilliseconds: UInt64
    public var metadata: Bytes32
    /// The builder code that attributes the order to an integrator (zero for none).
    public var builder: Bytes32
    /// Unix seconds after which a GTD order lapses; 0 for none. Sent, not signed.
    public var expiration: UInt64

    private let tokenNumber: BigUInt
    /// The token id as its 32-byte ABI word, encoded once.
    private let tokenWord: [UInt8]

    public init(
        salt: UInt64, maker: EthereumAddress, signer: EthereumAddress, tokenID: TokenID,
        makerAmount: UInt64, takerAmount: UInt64, side: OrderSide, signatureType: PolymarketSignatureType,
        timestampMilliseconds: UInt64, metadata: Bytes32 = .zero, builder: Bytes32 = .zero, expiration: UInt64 = 0
    ) throws(PolymarketSigningError) {
        let text = tokenID.rawValue
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let number = BigUInt(text, radix: 10), number.bitWidth <= 256
        else { throw .invalidTokenID(text) }
        self.salt = salt
        self.maker = maker
        self.signer = signer
        self.tokenID = tokenID
        self.tokenNumber = number
        self.tokenWord = ABIWord.uint(number)
        self.makerAmount = makerAmount
        self.takerAmount = takerAmount
        self.side = side
        self.signatureType = signatureType
        self.timestampMilliseconds = timestampMilliseconds
        self.metadata = metadata
        self.builder = builder
        self.expiration = expiration
    }

    /// `Order(uint256 salt,address maker,address signer,uint256 tokenId,uint256 makerAmount,
    /// uint256 takerAmount,uint8 side,uint8 signatureType,uint256 timestamp,bytes32 metadata,bytes32 builder)`
    public static let fields: [EIP712Field] = [
        .init("salt", "uint256"), .init("maker", "address"), .init("signer", "address"),
        .init("tokenId", "uint256"), .init("makerAmount", "uint256"), .init("takerAmount", "uint256"),
        .init("side", "uint8"), .init("signatureType", "uint8"), .init("timestamp", "uint256"),
        .init("metadata", "bytes32"), .init("builder", "bytes32"),
    ]
    public static let types = try! EIP712Types(["Order": fields])

    /// The struct as EIP-712 values: side 0 = BUY, 1 = SELL.
    public var typedMessage: [String: EIP712Value] {
        [
            "salt": .integer(salt), "maker": .address(maker), "signer": .address(signer),
            "tokenId": .uint(tokenNumber), "makerAmount": .integer(makerAmount), "takerAmount": .integer(takerAmount),
            "side": .integer(side == .buy ? 0 : 1), "signatureType": .integer(signatureType.rawValue),
            "timestamp": .integer(timestampMilliseconds), "metadata": .bytes32(metadata), "builder": .bytes32(builder),
        ]
    }

    /// `hashStruct(Order)`. The type hash comes from the general encoder; the eleven members are
    /// written straight into one 384-byte buffer, because an order is hashed for every quote and
    /// the by-name encoding costs more than the hash. The tests check both give the same bytes.
    public var structHash: Bytes32 {
        var buffer = [UInt8](repeating: 0, count: 32 * 12)
        buffer.withUnsafeMutableBufferPointer { out in
            func put(_ bytes: [UInt8], word: Int) {
                let end = 32 * (word + 1)
                for (offset, byte) in bytes.enumerated() { out[end - bytes.count + offset] = byte }
            }
            func put(_ value: UInt64, word: Int) {
                let end = 32 * (word + 1)
                for byte in 0..<8 { out[end - 1 - byte] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(byte))) }
            }
            for (offset, byte) in Self.typeHash.bytes.enumerated() { out[offset] = byte }
            put(salt, word: 1)
            put(maker.bytes, word: 2)
            put(signer.bytes, word: 3)
            put(tokenWord, word: 4)
            put(makerAmount, word: 5)
            put(takerAmount, word: 6)
            put(side == .buy ? 0 : 1, word: 7)
            put(UInt64(signatureType.rawValue), word: 8)
            put(timestampMilliseconds, word: 9)
            put(metadata.bytes, word: 10)
            put(builder.bytes, word: 11)
        }
        return Keccak256.hash(buffer)
    }

    static let typeHash = try! types.typeHash("Order")

    /// The exchange's domain: name "Polymarket CTF Exchange", version "2", the chain, and the exchange
    /// (plain or neg-risk) that will settle the order.
    public static func domain(chain: PolymarketChain, negRisk: Bool) -> EIP712Domain {
        EIP712Domain(
            name: "Polymarket CTF Exchange", version: "2", chainID: BigUInt(chain.chainID),
            verifyingContract: chain.exchange(negRisk: negRisk))
    }

    /// Domain separators, computed once: there are only four.
    static let separators: [PolymarketChain: [Bool: Bytes32]] = Dictionary(
        uniqueKeysWithValues: PolymarketChain.allCases.map { chain in
            (chain, [false: domain(chain: chain, negRisk: false).separator, true: domain(chain: chain, negRisk: true).separator])
        })

    public static func domainSeparator(chain: PolymarketChain, negRisk: Bool) -> Bytes32 {
        separators[chain]![negRisk]!
    }

    /// The EIP-712 digest — the order hash the exchange computes, and the CLOB's order id.
    public func digest(chain: PolymarketChain, negRisk: Bool) -> Bytes32 {
        EIP712.digest(domainSeparator: Self.domainSeparator(chain: chain, negRisk: negRisk), structHash: structHash)
    }
}
