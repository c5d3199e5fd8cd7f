import EdgewiseCore
import EdgewiseVenueKit

/// `GET /book` (and each element of `POST /books`) as sent, with every value kept as its wire
/// text so the venue's hash can be recomputed byte for byte.
public struct ClobBookSummary: Decodable, Sendable, Hashable {
    public struct Level: Decodable, Sendable, Hashable {
        public var price: LenientString
        public var size: LenientString
    }

    public var market: String?
    public var asset_id: String
    public var timestamp: LenientString?
    public var hash: String?
    public var bids: [Level]?
    public var asks: [Level]?
    public var min_order_size: LenientString?
    public var tick_size: LenientString?
    public var neg_risk: LenientBool?
    public var last_trade_price: LenientString?
}

/// A CLOB book mapped to the domain, with the metadata the venue sends along and the result of
/// checking the venue's hash. A hash mismatch is tracked, never a reason to reject the book:
/// the hash recipe is not formally specified and the venue's own samples do not always match.
public struct PolymarketBook: Sendable, Hashable {
    public var snapshot: BookSnapshot
    public var market: MarketID?
    public var minimumOrderSize: Size?
    public var tickSize: Price?
    public var isNegRisk: Bool?
    public var lastTradePrice: Price?
    public var reportedHash: String?
    /// SHA-1 of the summary in the Python server's key order (see ``OrderBookHash``).
    public var computedHash: String

    public var hashMatches: Bool { reportedHash?.lowercased() == computedHash }
}

extension ClobBookSummary {
    /// Maps to the domain; `field` paths in errors match the JSON (`bids[1].price`).
    public func toBook() throws(PolymarketMappingError) -> PolymarketBook {
        func parse<T: FixedPointDecimal>(_ text: String, _ field: String) throws(PolymarketMappingError) -> T {
            do { return try T(parsing: text) } catch {
                throw PolymarketMappingError(record: "book \(asset_id)", field: field, detail: error.description)
            }
        }
        func optional<T: FixedPointDecimal>(_ text: LenientString?, _ field: String) throws(PolymarketMappingError) -> T? {
            guard let text = text?.value, !text.isEmpty else { return nil }
            return try parse(text, field)
        }
        let bidLevels: [BookLevel]
        let askLevels: [BookLevel]
        do {
            bidLevels = try WireLevels.parse((bids ?? []).map { ($0.price.value, $0.size.value) }, side: "bids")
            askLevels = try WireLevels.parse((asks ?? []).map { ($0.price.value, $0.size.value) }, side: "asks")
        } catch {
            throw PolymarketMappingError(record: "book \(asset_id)", field: error.field, detail: error.detail)
        }
        let tick: Price? = try optional(tick_size, "tick_size")
        let snapshot = BookSnapshot(
            instrument: InstrumentID(venue: .polymarket, token: TokenID(asset_id)), bids: bidLevels, asks: askLevels,
            venueTimestamp: PolymarketTime.parseMilliseconds(timestamp?.value), hash: hash, tickSize: tick)
        return PolymarketBook(
            snapshot: snapshot, market: market.map(MarketID.init), minimumOrderSize: try optional(min_order_size, "min_order_size"),
            tickSize: tick, isNegRisk: neg_risk?.value, lastTradePrice: try optional(last_trade_price, "last_trade_price"),
            reportedHash: hash, computedHash: OrderBookHash.hash(of: self))
    }
}
