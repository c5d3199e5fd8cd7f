import EdgewiseCore
import EdgewiseVenueKit

/// Parameters of `GET /prices-history`: either an `interval` ending now (`1m`, `1h`, `6h`,
/// `1d`, `1w`, `max`) or an explicit `startTs`/`endTs` window (unix seconds); `fidelity` is
/// the bucket width in minutes.
public struct PriceHistoryQuery: Sendable, Hashable {
    public var token: TokenID
    public var interval: String?
    public var start: Timestamp?
    public var end: Timestamp?
    public var fidelityMinutes: Int?

    public init(token: TokenID, interval: String? = nil, start: Timestamp? = nil, end: Timestamp? = nil, fidelityMinutes: Int? = nil) {
        self.token = token
        self.interval = interval
        self.start = start
        self.end = end
        self.fidelityMinutes = fidelityMinutes
    }

    var queryItems: [(name: String, value: String)] {
        var items: [(name: String, value: String)] = [("market", token.rawValue)]
        if let interval { items.append(("interval", interval)) }
        if let start { items.append(("startTs", String(start.nanoseconds / 1_000_000_000))) }
        if let end { items.append(("endTs", String(end.nanoseconds / 1_000_000_000))) }
        if let fidelityMinutes { items.append(("fidelity", String(fidelityMinutes))) }
        return items
    }
}

/// One point of a price history.
public struct PricePoint: Sendable, Hashable {
    public var time: Timestamp
    public var price: Price

    public init(time: Timestamp, price: Price) {
        self.time = time
        self.price = price
    }
}

struct PriceHistoryResponse: Decodable {
    struct Point: Decodable {
        var t: Int64
        var p: LenientDecimal
    }

    var history: [Point]
}
