/// A Gamma or CLOB record that cannot become a domain value (for example outcomes and token ids of
/// different lengths). Trading on a half-understood market is worse than not seeing it.
public struct PolymarketMappingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which record: the Gamma id, slug or condition id, whichever is known.
    public var record: String
    public var field: String
    public var detail: String

    public var description: String { "Polymarket record \(record): field '\(field)' \(detail)" }
}
