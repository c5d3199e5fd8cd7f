import EdgewiseCore
import EdgewiseEthereum

/// A V2 order with its signature, ready to post.
public struct PolymarketSignedOrder: Sendable, Hashable {
    public let order: PolymarketOrderV2
    /// `0x`-hex signature: 65 bytes for ECDSA, the ERC-7739 wrapper for POLY_1271.
    public let signature: String
    /// The EIP-712 digest, which the CLOB reports as the order id. Known before sending, so an order
    /// whose POST timed out can be looked up instead of being sent again.
    public let orderHash: Bytes32
    public let chain: PolymarketChain
    public let negRisk: Bool

    public init(order: PolymarketOrderV2, signature: String, orderHash: Bytes32, chain: PolymarketChain, negRisk: Bool) {
        self.order = order
        self.signature = signature
        self.orderHash = orderHash
        self.chain = chain
        self.negRisk = negRisk
    }

    /// The `order` object of `POST /order`, in the official clients' key order and compact form:
    /// salt as a JSON number, amounts, token id, expiration and timestamp as decimal strings, side as
    /// "BUY"/"SELL", signature type as a number. Built by hand because the key order is part of the
    /// bytes the L2 HMAC signs and that the vectors pin down; every value is digits or hex, so
    /// nothing needs escaping.
    public var json: String {
        var out = "{\"salt\":"
        out.reserveCapacity(640)
        out += String(order.salt)
        out += ",\"maker\":\""; out += order.maker.checksummed
        out += "\",\"signer\":\""; out += order.signer.checksummed
        out += "\",\"tokenId\":\""; out += order.tokenID.rawValue
        out += "\",\"makerAmount\":\""; out += String(order.makerAmount)
        out += "\",\"takerAmount\":\""; out += String(order.takerAmount)
        out += "\",\"side\":\""; out += order.side == .buy ? "BUY" : "SELL"
        out += "\",\"expiration\":\""; out += String(order.expiration)
        out += "\",\"signatureType\":"; out += String(order.signatureType.rawValue)
        out += ",\"timestamp\":\""; out += String(order.timestampMilliseconds)
        out += "\",\"metadata\":\""; out += order.metadata.hex
        out += "\",\"builder\":\""; out += order.builder.hex
        out += "\",\"signature\":\""; out += signature
        out += "\"}"
        return out
    }
}
