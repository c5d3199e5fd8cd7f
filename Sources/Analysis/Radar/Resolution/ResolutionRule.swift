import EdgewiseCore

/// Why an observation fixes a market's result: the rule it satisfies, recorded with the evidence
/// so a reader can check the argument and not only the data.
public enum ResolutionRule: Hashable, Codable, Sendable, CustomStringConvertible {
    /// A path-dependent question ("reach X by D"): the value touched the threshold inside the
    /// question's window, so YES is fixed whatever happens afterwards.
    case touchedWithinWindow(start: Timestamp, deadline: Timestamp)
    /// A question read at one instant ("above X on D"): this is the reading at that instant.
    case readingAtResolutionTime(Timestamp)
    /// A question about a day's figure: this is the final official figure for that day.
    case officialFigureForDay(Timestamp)
    /// The market's own settlement source published the result.
    case publishedBySettlementSource
    /// The venue announced the market's resolution.
    case resolvedByVenue(VenueID)

    public var description: String {
        switch self {
        case .touchedWithinWindow(let start, let deadline):
            "touch rule: the threshold was reached between \(start) and the deadline \(deadline), which fixes YES"
        case .readingAtResolutionTime(let time): "reading rule: this is the value at the resolution time \(time)"
        case .officialFigureForDay(let day): "figure rule: this is the final official figure for the day \(day)"
        case .publishedBySettlementSource: "source rule: published by the market's settlement source"
        case .resolvedByVenue(let venue): "venue rule: \(venue.rawValue) resolved the market"
        }
    }
}
