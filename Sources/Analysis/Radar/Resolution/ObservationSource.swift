import EdgewiseCore

/// Who reported an observation. A venue is its own kind of source because its resolution notice
/// settles its own markets whatever the rules text names, while an outside publisher counts only
/// when it is the market's settlement source.
public enum ObservationSource: Hashable, Codable, Sendable, CustomStringConvertible {
    /// An exchange, an agency, a weather service: named, and with the address the value was read
    /// from where there is one (matching on the domain is what makes it checkable).
    case publisher(name: String, url: String?)
    /// The venue's own resolution feed.
    case venue(VenueID)

    public var description: String {
        switch self {
        case .publisher(let name, let url?): "\(name) (\(url))"
        case .publisher(let name, nil): name
        case .venue(let venue): "\(venue.rawValue) resolution"
        }
    }
}
