import EdgewiseCore
import Foundation

/// An intent checked against the market's rules and the limits, with its exact amounts; not yet
/// signed.
public struct PolymarketPricedOrder: Sendable {
    public let intent: PolymarketOrderIntent
    public let amounts: PolymarketOrderAmounts
    public let tickSize: PolymarketTickSize
    public let negRisk: Bool
    /// Nil when the look-up was skipped: the venue then enforces its minimum itself.
    public let minimumOrderSize: Size?
    public let createdAt: Timestamp
}

/// A validated, signed order and the exact request that would carry it — everything a dry run
/// shows and a live run sends.
public struct PolymarketPreparedOrder: Sendable {
    public let priced: PolymarketPricedOrder
    public let signed: PolymarketSignedOrder
    public let submission: PolymarketOrderSubmission
    public let request: PolymarketRequestPreview

    public var intent: PolymarketOrderIntent { priced.intent }
    public var amounts: PolymarketOrderAmounts { priced.amounts }
}

/// An HTTP request as it would leave, with the secrets replaced.
public struct PolymarketRequestPreview: Sendable {
    public let method: String
    public let url: URL
    /// In sending order; `POLY_PASSPHRASE` is redacted, and headers that need credentials are
    /// marked as computed at send time when none are configured.
    public let headers: [(name: String, value: String)]
    /// The exact body bytes.
    public let body: String

    public static let redacted = "<redacted>"

    /// `{"method":…,"url":…,"headers":{…},"body":<the body itself>}` — the body is spliced in as
    /// the very JSON that would be sent, keys in sending order.
    public var json: String {
        func quoted(_ text: String) -> String {
            let data = try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
            let array = String(decoding: data, as: UTF8.self)
            return String(array.dropFirst().dropLast())
        }
        let headerText = headers.map { "\(quoted($0.name)):\(quoted($0.value))" }.joined(separator: ",")
        return "{\"method\":\(quoted(method)),\"url\":\(quoted(url.absoluteString)),\"headers\":{\(headerText)},\"body\":\(body)}"
    }
}
