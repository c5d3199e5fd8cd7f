import EdgewiseCore

/// An event (`EventData`) as `GET /events` and `GET /events/{event_ticker}` send it. `markets`
/// is filled only when the request asked for `with_nested_markets=true`.
public struct KalshiEvent: Decodable, Sendable, Hashable {
    public var eventTicker: String
    public var seriesTicker: String
    public var title: String
    public var subTitle: String?
    /// At most one of the event's markets settles YES.
    public var mutuallyExclusive: Bool
    public var collateralReturnType: String?
    /// Deprecated by the venue (the series carries the category); kept when present.
    public var category: String?
    public var strikeDate: Timestamp?
    public var strikePeriod: String?
    public var availableOnBrokers: Bool?
    public var markets: [KalshiMarket]

    enum CodingKeys: String, CodingKey {
        case eventTicker = "event_ticker"
        case seriesTicker = "series_ticker"
        case title
        case subTitle = "sub_title"
        case mutuallyExclusive = "mutually_exclusive"
        case collateralReturnType = "collateral_return_type"
        case category
        case strikeDate = "strike_date"
        case strikePeriod = "strike_period"
        case availableOnBrokers = "available_on_brokers"
        case markets
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        eventTicker = try c.decode(String.self, forKey: .eventTicker)
        seriesTicker = try c.kalshiText(.seriesTicker) ?? ""
        title = try c.kalshiText(.title) ?? ""
        subTitle = try c.kalshiText(.subTitle)
        mutuallyExclusive = try c.kalshiFlag(.mutuallyExclusive) ?? false
        collateralReturnType = try c.kalshiText(.collateralReturnType)
        category = try c.kalshiText(.category)
        strikeDate = try c.kalshiTime(.strikeDate)
        strikePeriod = try c.kalshiText(.strikePeriod)
        availableOnBrokers = try c.kalshiFlag(.availableOnBrokers)
        markets = try c.decodeIfPresent([KalshiMarket].self, forKey: .markets) ?? []
    }
}
