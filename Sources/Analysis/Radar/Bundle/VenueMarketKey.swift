import EdgewiseCore

/// A market on its venue. Market ids are only unique per venue, so constraints, joint spaces and
/// books are keyed by both.
public struct VenueMarketKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var venue: VenueID
    public var market: MarketID

    public init(venue: VenueID, market: MarketID) {
        self.venue = venue
        self.market = market
    }

    public init(_ market: Market) { self.init(venue: market.venue, market: market.id) }

    public var description: String { "\(venue.rawValue):\(market.rawValue)" }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.venue, lhs.market) < (rhs.venue, rhs.market) }
}
