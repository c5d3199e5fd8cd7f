/// The four kinds of guaranteed-payoff trade the radar looks for.
public enum OpportunityKind: String, Hashable, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// Every outcome of one mutually exclusive, exhaustive set, bought for less than it pays.
    case dutchBook = "dutch_book"
    /// The same contract on two venues, bought on both sides for less than it pays; only for
    /// pairs whose settlement was judged equivalent.
    case crossVenue = "cross_venue"
    /// A portfolio over logically related markets (ladders, implications, partitions) whose worst
    /// joint outcome still pays more than it cost.
    case bundle
    /// A market whose result is already fixed by something observable while its price lags.
    case resolution

    public var description: String { rawValue }
}
