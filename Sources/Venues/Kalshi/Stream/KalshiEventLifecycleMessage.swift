import EdgewiseCore

/// `event_lifecycle` (on the `market_lifecycle_v2` channel): an event was created or changed.
public struct KalshiEventLifecycleMessage: Hashable, Sendable {
    public var eventTicker: String
    public var seriesTicker: String?
    public var title: String?
    public var subTitle: String?
    public var collateralReturnType: String?
    public var strikeDate: Timestamp?

    public init(
        eventTicker: String, seriesTicker: String? = nil, title: String? = nil, subTitle: String? = nil,
        collateralReturnType: String? = nil, strikeDate: Timestamp? = nil
    ) {
        self.eventTicker = eventTicker
        self.seriesTicker = seriesTicker
        self.title = title
        self.subTitle = subTitle
        self.collateralReturnType = collateralReturnType
        self.strikeDate = strikeDate
    }

    enum Keys: String, CodingKey {
        case eventTicker = "event_ticker"
        case seriesTicker = "series_ticker"
        case title
        case subTitle = "sub_title"
        case collateralReturnType = "collateral_return_type"
        case strikeDate = "strike_date"
    }

    init(from container: KeyedDecodingContainer<Keys>) throws {
        eventTicker = try container.kalshiRequiredString(.eventTicker)
        seriesTicker = try container.decodeIfPresent(String.self, forKey: .seriesTicker)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        subTitle = try container.decodeIfPresent(String.self, forKey: .subTitle)
        collateralReturnType = try container.decodeIfPresent(String.self, forKey: .collateralReturnType)
        strikeDate = try container.kalshiTimestamp(.strikeDate)
    }
}
