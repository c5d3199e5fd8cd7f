import EdgewiseCore
import EdgewiseVenueKit
import Foundation

/// The V2 compact market record `GET /clob-markets/{conditionId}`: the trading parameters the
/// CLOB itself enforces (they win over Gamma's copy when the two disagree).
public struct ClobMarketInfo: Decodable, Sendable, Hashable {
    public struct Token: Decodable, Sendable, Hashable {
        /// The token id.
        public var t: String
        /// The outcome label.
        public var o: String?
    }

    /// Fee parameters: platform fee ≈ shares × r × (p(1−p))^e.
    public struct Fees: Decodable, Sendable, Hashable {
        public var r: LenientDecimal?
        public var e: LenientDecimal?
        /// Whether only takers pay.
        public var to: LenientBool?
    }

    public var c: String
    public var t: [Token]?
    public var mts: LenientDecimal?
    public var nr: LenientBool?
    public var fd: Fees?
    public var mos: LenientDecimal?
    public var ao: LenientBool?

    public var conditionID: MarketID { MarketID(c) }
    public var tokens: [(token: TokenID, outcome: String)] { (t ?? []).map { (TokenID($0.t), $0.o ?? "") } }
    public var isNegRisk: Bool { nr?.value ?? false }
    public var acceptingOrders: Bool? { ao?.value }
    public var minimumTickSize: Price? { try? mts?.value(Price.self) }
    public var minimumOrderSize: Size? { try? mos?.value(Size.self) }
    public var feeRate: Decimal? { fd?.r.flatMap { Decimal(string: $0.text) } }
    public var feeExponent: Decimal? { fd?.e.flatMap { Decimal(string: $0.text) } }
    public var feesTakerOnly: Bool? { fd?.to?.value }
}
