import EdgewiseCore
import EdgewiseVenueKit

/// The CLOB's answer to an accepted order (`POST /order`, or one element of `POST /orders`).
public struct PolymarketOrderPlacement: Sendable, Hashable {
    /// The order id (the EIP-712 order hash).
    public var orderID: String
    public var status: PolymarketOrderStatus
    /// What the order gave in its immediate matches: pUSD for a BUY, shares for a SELL (in whole
    /// units); nil when nothing matched on arrival.
    public var makingAmount: Amount?
    /// What the order received in its immediate matches: shares for a BUY, pUSD for a SELL.
    public var takingAmount: Amount?
    public var tradeIDs: [String]
    public var transactionHashes: [String]
    /// A note the venue attached to an accepted order (empty when none).
    public var message: String

    public init(
        orderID: String, status: PolymarketOrderStatus, makingAmount: Amount? = nil, takingAmount: Amount? = nil,
        tradeIDs: [String] = [], transactionHashes: [String] = [], message: String = ""
    ) {
        self.orderID = orderID
        self.status = status
        self.makingAmount = makingAmount
        self.takingAmount = takingAmount
        self.tradeIDs = tradeIDs
        self.transactionHashes = transactionHashes
        self.message = message
    }
}

/// `POST /order` reply as sent: `{success, errorMsg, orderID, status, makingAmount, takingAmount,
/// transactionsHashes?, tradeIDs?}`; refusals may instead come as `{"error": …}`.
struct WirePlacement: Decodable, Sendable {
    var success: LenientBool?
    var errorMsg: String?
    var error: ClobErrorText?
    var orderID: String?
    var status: String?
    var makingAmount: LenientDecimal?
    var takingAmount: LenientDecimal?
    var transactionsHashes: [String]?
    var transactionHashes: [String]?
    var tradeIDs: [String]?

    /// The venue's refusal text, when this reply is a refusal.
    var refusal: String? {
        if let error = error?.text, !error.isEmpty { return error }
        if success?.value == false { return errorMsg ?? "" }
        return nil
    }

    /// The placement of an accepted order; `orderHash` stands in when the reply leaves the id out.
    func placement(orderHash: String, field: WireField) throws(VenueError) -> PolymarketOrderPlacement {
        let id = (orderID?.isEmpty == false ? orderID : nil) ?? orderHash
        return PolymarketOrderPlacement(
            orderID: id, status: PolymarketOrderStatus(venue: try field.text(status, "status")),
            makingAmount: try field.optionalExact(makingAmount, "makingAmount"),
            takingAmount: try field.optionalExact(takingAmount, "takingAmount"),
            tradeIDs: tradeIDs ?? [], transactionHashes: transactionsHashes ?? transactionHashes ?? [],
            message: errorMsg ?? "")
    }
}

