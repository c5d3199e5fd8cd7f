/// A group of related markets. The flags say whether the markets' YES outcomes form a set in
/// which exactly one wins — the precondition of every sum-to-one (Dutch book) argument.
public struct Event: Hashable, Codable, Sendable, Identifiable {
    public var venue: VenueID
    public var id: EventID
    public var slug: String?
    public var title: String
    public var description: String
    public var category: String?
    public var tags: [String]
    public var settlementSource: String?
    public var markets: [Market]
    public var status: MarketStatus
    public var openTime: Timestamp?
    public var endTime: Timestamp?
    /// At most one market of the event resolves YES.
    public var isMutuallyExclusive: Bool
    /// Exactly one market resolves YES (mutually exclusive and exhaustive).
    public var isExhaustive: Bool
    /// Polymarket neg-risk: NO on one market converts into YES on all the others.
    public var isNegRisk: Bool
    /// Polymarket neg-risk-augmented: the listed outcomes include placeholders or may grow, so
    /// the listed YES prices need not sum to one and no sum-to-one arbitrage may be inferred.
    public var isNegRiskAugmented: Bool

    public init(
        venue: VenueID, id: EventID, slug: String? = nil, title: String, description: String = "",
        category: String? = nil, tags: [String] = [], settlementSource: String? = nil,
        markets: [Market] = [], status: MarketStatus = .open, openTime: Timestamp? = nil,
        endTime: Timestamp? = nil, isMutuallyExclusive: Bool = false, isExhaustive: Bool = false,
        isNegRisk: Bool = false, isNegRiskAugmented: Bool = false
    ) {
        self.venue = venue
        self.id = id
        self.slug = slug
        self.title = title
        self.description = description
        self.category = category
        self.tags = tags
        self.settlementSource = settlementSource
        self.markets = markets
        self.status = status
        self.openTime = openTime
        self.endTime = endTime
        self.isMutuallyExclusive = isMutuallyExclusive
        self.isExhaustive = isExhaustive
        self.isNegRisk = isNegRisk
        self.isNegRiskAugmented = isNegRiskAugmented
    }

    /// Whether the YES outcomes of the markets may be treated as a complete partition
    /// (exactly one pays): mutually exclusive, exhaustive, and not augmented with placeholders.
    public var isCompletePartition: Bool {
        isMutuallyExclusive && isExhaustive && !isNegRiskAugmented
    }
}
