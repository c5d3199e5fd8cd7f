/// A string-backed identifier with its own type, so a token id can never be passed where a
/// market id is expected. Each concrete identifier is a one-line struct conforming to this.
public protocol Identifier: Hashable, Comparable, Codable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    var rawValue: String { get }
    init(_ rawValue: String)
}

extension Identifier {
    public init(stringLiteral value: String) { self.init(value) }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(try container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A trading venue (`polymarket`, `kalshi`, `manifold`, …). A struct rather than an enum so that
/// third-party adapters can add venues without changing the core.
public struct VenueID: Identifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static let polymarket = VenueID("polymarket")
    public static let kalshi = VenueID("kalshi")
    public static let manifold = VenueID("manifold")
}

/// A venue's event: a group of related markets (Polymarket event id, Kalshi event ticker).
public struct EventID: Identifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A venue's market: one question (Polymarket condition id, Kalshi market ticker).
public struct MarketID: Identifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// One tradable outcome of a market (Polymarket CLOB token id; Kalshi `ticker:yes`).
public struct TokenID: Identifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The id Edgewise gives an order before it is sent; it is the key of the order journal and the
/// idempotency key towards venues that support one.
public struct ClientOrderID: Identifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// A fresh, collision-free client order id.
    public static func generate() -> ClientOrderID {
        ClientOrderID("ew-" + UUIDString.random())
    }
}

/// The id a venue assigned to an order once it accepted it.
public struct VenueOrderID: Identifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The id of one execution (a venue trade id), unique per venue.
public struct FillID: Identifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The id of a decision record.
public struct DecisionID: Identifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static func generate() -> DecisionID { DecisionID("dec-" + UUIDString.random()) }
}

/// What an order book, a trade or a position refers to: one outcome token on one venue.
public struct InstrumentID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let venue: VenueID
    public let token: TokenID

    public init(venue: VenueID, token: TokenID) {
        self.venue = venue
        self.token = token
    }

    public var description: String { "\(venue.rawValue):\(token.rawValue)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.venue, lhs.token) < (rhs.venue, rhs.token)
    }
}

enum UUIDString {
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return String(high, radix: 16).leftPadded(to: 16) + String(low, radix: 16).leftPadded(to: 16)
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
