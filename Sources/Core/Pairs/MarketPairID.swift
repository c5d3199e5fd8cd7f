/// The id of a cross-venue pair. It is derived from the two markets alone, sorted, so the same
/// two markets get the same id whichever side the finder saw first; a re-run of the radar then
/// updates the stored verdict instead of creating a second row that would lose the user's review.
public struct MarketPairID: Identifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(_ a: (venue: VenueID, market: MarketID), _ b: (venue: VenueID, market: MarketID)) {
        let keys = ["\(a.venue.rawValue)|\(a.market.rawValue)", "\(b.venue.rawValue)|\(b.market.rawValue)"].sorted()
        self.init("pair-" + String(StableHash.fnv1a64(keys.joined(separator: "\n")), radix: 16).leftPadded(to: 16))
    }
}
