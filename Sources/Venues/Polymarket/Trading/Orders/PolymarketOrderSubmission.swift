import EdgewiseCore

/// One signed order ready for `POST /order`.
///
/// The order is signed elsewhere (EIP-712); this type carries its JSON verbatim so the bytes the
/// signature covers are the bytes the venue receives. `orderHash` is the EIP-712 digest, which the
/// CLOB uses as the order's id: it is how an order whose submission went unanswered is found again.
public struct PolymarketOrderSubmission: Sendable, Hashable {
    /// The `0x…` EIP-712 digest of the signed order — the CLOB's `orderID`.
    public var orderHash: String
    /// The outcome token the order trades (the signed `tokenId`).
    public var tokenID: TokenID
    /// The exact signed `order` object as JSON (`{"salt":…,"maker":…,…,"signature":"0x…"}`).
    public var orderJSON: String
    public var orderType: PolymarketOrderType
    /// Rest only; the venue rejects it instead of letting it take liquidity. GTC/GTD only.
    public var postOnly: Bool
    /// Ask the venue to accept the order and run matching asynchronously.
    public var deferExec: Bool

    public init(
        orderHash: String, tokenID: TokenID, orderJSON: String, orderType: PolymarketOrderType, postOnly: Bool = false,
        deferExec: Bool = false
    ) {
        self.orderHash = orderHash
        self.tokenID = tokenID
        self.orderJSON = orderJSON
        self.orderType = orderType
        self.postOnly = postOnly
        self.deferExec = deferExec
    }
}
