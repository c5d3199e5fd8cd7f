/// One thing two markets must agree on to settle identically. Each is checked separately so a
/// reviewer sees exactly which one failed and what to read next.
public enum SettlementCriterion: String, Hashable, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// Both ask about the same people, teams, assets or places.
    case subject
    /// The date or year the question is about ("in 2026", "on June 30"), as written.
    case eventDate = "event_date"
    /// Where the result is read from.
    case resolutionSource = "resolution_source"
    /// When each venue expects to settle (end or expiration time).
    case deadline
    /// The time zone the question's dates and times are read in.
    case timeZone = "time_zone"
    /// The numeric condition: comparison, threshold and touch versus close wording.
    case threshold
    /// The unit of the numeric condition (USD, percent, °F, °C, bps).
    case units
    /// What happens when the event is cancelled, postponed or voided.
    case voidRules = "void_rules"
    /// Which outcome of B pays when A's YES pays.
    case polarity
    /// Whether the quoted prices fit the declared polarity.
    case priceConsistency = "price_consistency"

    public var description: String { rawValue }
}
