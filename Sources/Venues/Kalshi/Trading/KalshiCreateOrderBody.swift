import Foundation

/// The JSON body of `POST /portfolio/orders` (and one element of a batch), field for field.
/// Only the fixed-point forms are sent (`count_fp`, `*_price_dollars`), as exact strings; the
/// legacy integer fields are not, since sending both invites a mismatch refusal.
public struct KalshiCreateOrderBody: Codable, Sendable, Hashable {
    public var ticker: String
    public var client_order_id: String
    public var side: String
    public var action: String
    public var count_fp: String
    public var yes_price_dollars: String?
    public var no_price_dollars: String?
    public var time_in_force: String?
    public var expiration_ts: Int64?
    public var post_only: Bool?
    public var reduce_only: Bool?
    public var buy_max_cost: Int64?
    public var self_trade_prevention_type: String?

    public var clientOrderID: String { client_order_id }

    /// The exact bytes sent: sorted keys, so a dry run and the real request are identical.
    public func encoded() -> Data { KalshiJSON.encode(self) }
}

enum KalshiJSON {
    static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Plain strings, integers and booleans cannot fail to encode.
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }
}
