import BigInt
import EdgewiseCore
import EdgewiseEthereum

/// Signs V2 orders for one wallet setup: the key, the chain, the signature type and the funder.
///
/// The maker/signer rules of the exchange's signature check are enforced when the signer is made,
/// so a misconfigured funder fails before any order is built rather than as a venue rejection.
public struct PolymarketOrderSigner: Sendable {
    public let key: EthereumPrivateKey
    public let chain: PolymarketChain
    public let signatureType: PolymarketSignatureType
    /// The order's maker: the EOA itself, its proxy wallet, its Safe, or the deposit wallet.
    public let funder: EthereumAddress

    public init(
        key: EthereumPrivateKey, chain: PolymarketChain, signatureType: PolymarketSignatureType = .eoa,
        funder: EthereumAddress? = nil
    ) throws(PolymarketSigningError) {
        switch signatureType {
        case .eoa:
            if let funder, funder != key.address {
                throw .makerMustBeSigner(signatureType: .eoa, maker: funder, signer: key.address)
            }
            self.funder = key.address
        case .polyProxy, .polyGnosisSafe, .poly1271:
            guard let funder else { throw .funderRequired(signatureType) }
            self.funder = funder
        }
        self.key = key
        self.chain = chain
        self.signatureType = signatureType
    }

    /// The address that goes in the order's `signer` field: the EOA, except for POLY_1271 where the
    /// deposit wallet validates the signature itself.
    public var signerAddress: EthereumAddress { signatureType == .poly1271 ? funder : key.address }

    public func order(
        tokenID: TokenID, side: OrderSide, makerAmount: UInt64, takerAmount: UInt64,
        timestampMilliseconds: UInt64, salt: UInt64, expiration: UInt64 = 0,
        builder: Bytes32 = .zero, metadata: Bytes32 = .zero
    ) throws(PolymarketSigningError) -> PolymarketOrderV2 {
        try PolymarketOrderV2(
            salt: salt, maker: funder, signer: signerAddress, tokenID: tokenID, makerAmount: makerAmount,
            takerAmount: takerAmount, side: side, signatureType: signatureType,
            timestampMilliseconds: timestampMilliseconds, metadata: metadata, builder: builder, expiration: expiration)
    }

    public func sign(_ order: PolymarketOrderV2, negRisk: Bool) -> PolymarketSignedOrder {
        let structHash = order.structHash
        let separator = PolymarketOrderV2.domainSeparator(chain: chain, negRisk: negRisk)
        let digest = EIP712.digest(domainSeparator: separator, structHash: structHash)
        let signature: String
        if order.signatureType == .poly1271 {
            signature = Hex.encode(Self.erc7739Wrapper(
                key: key, order: order, chainID: chain.chainID, appDomainSeparator: separator, contentsHash: structHash))
        } else {
            signature = key.sign(digest: digest).hex
        }
        return PolymarketSignedOrder(order: order, signature: signature, orderHash: digest, chain: chain, negRisk: negRisk)
    }

    /// POLY_1271 signatures follow ERC-7739's nested typed-data scheme: the EOA signs
    /// `TypedDataSign(Order contents, …)` under the app (exchange) domain with the deposit wallet's
    /// own domain fields inside, and the wallet receives
    /// `innerSig ‖ appDomainSeparator ‖ contentsHash ‖ typeString ‖ uint16(len(typeString))` so it can
    /// rebuild and check the digest.
    static func erc7739Wrapper(
        key: EthereumPrivateKey, order: PolymarketOrderV2, chainID: UInt64, appDomainSeparator: Bytes32, contentsHash: Bytes32
    ) -> [UInt8] {
        let typeString = try! PolymarketOrderV2.types.encodeType("Order")
        let message: [String: EIP712Value] = [
            "contents": .object(order.typedMessage), "name": .string("DepositWallet"), "version": .string("1"),
            "chainId": .integer(chainID), "verifyingContract": .address(order.signer), "salt": .bytes32(.zero),
        ]
        let structHash = try! typedDataSignTypes.hashStruct("TypedDataSign", message)
        let inner = key.sign(digest: EIP712.digest(domainSeparator: appDomainSeparator, structHash: structHash))
        let typeBytes = Array(typeString.utf8)
        return inner.bytes + appDomainSeparator.bytes + contentsHash.bytes + typeBytes
            + [UInt8(typeBytes.count >> 8), UInt8(typeBytes.count & 0xff)]
    }

    static let typedDataSignTypes = try! EIP712Types([
        "TypedDataSign": [
            .init("contents", "Order"), .init("name", "string"), .init("version", "string"),
            .init("chainId", "uint256"), .init("verifyingContract", "address"), .init("salt", "bytes32"),
        ],
        "Order": PolymarketOrderV2.fields,
    ])
}
