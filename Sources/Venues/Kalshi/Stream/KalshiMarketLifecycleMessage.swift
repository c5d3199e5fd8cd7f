import EdgewiseCore

/// `market_lifecycle_v2`: a market was created, opened, paused, closed, determined or settled.
/// The event type is kept as text (the venue adds kinds); the common metadata is decoded.
public struct KalshiMarketLifecycleMessage: Hashable, Sendable {
    public var marketTicker: String
    public var eventType: String
    public var openTime: Timestamp?
    public var closeTime: Timestamp?
    public var determinationTime: Timestamp?
    public var settledTime: Timestamp?
    /// `yes`, `no`, or another result string, once determined.
    public var result: String?
    public var title: String?
    public var name: String?
    public var yesSubTitle: String?
    public var noSubTitle: String?

    public init(
        marketTicker: String, eventType: String, openTime: Timestamp? = nil, closeTime: Timestamp? = nil,
        determinationTime: Timestamp? = nil, settledTime: Timestamp? = nil, result: String? = nil, title: String? = nil,
        name: String? = nil, yesSubTitle: String? = nil, noSubTitle: String? = nil
    ) {
        self.marketTicker = marketTicker
        self.eventType = eventType
        self.openTime = openTime
        self.closeTime = closeTime
        self.determinationTime = determinationTime
        self.settledTime = settledTime
        self.result = result
        self.title = title
        self.name = name
        self.yesSubTitle = yesSubTitle
        self.noSubTitle = noSubTitle
    }

    enum Keys: String, CodingKey {
        case marketTicker = "market_ticker"
        case eventType = "event_type"
        case openTS = "open_ts"
        case closeTS = "close_ts"
        case determinationTS = "determination_ts"
        case settledTS = "settled_ts"
        case result
        case metadata = "additional_metadata"
    }

    enum MetadataKeys: String, CodingKey {
        case title, name
        case yesSubTitle = "yes_sub_title"
        case noSubTitle = "no_sub_title"
    }

    init(from container: KeyedDecodingContainer<Keys>) throws {
        marketTicker = try container.kalshiRequiredString(.marketTicker)
        eventType = try container.decode(String.self, forKey: .eventType)
        openTime = try container.kalshiTimestamp(.openTS)
        closeTime = try container.kalshiTimestamp(.closeTS)
        determinationTime = try container.kalshiTimestamp(.determinationTS)
        settledTime = try container.kalshiTimestamp(.settledTS)
        result = try container.decodeIfPresent(String.self, forKey: .result)
        if container.contains(.metadata), try !container.decodeNil(forKey: .metadata) {
            let metadata = try container.nestedContainer(keyedBy: MetadataKeys.self, forKey: .metadata)
            title = try metadata.decodeIfPresent(String.self, forKey: .title)
            name = try metadata.decodeIfPresent(String.self, forKey: .name)
            yesSubTitle = try metadata.decodeIfPresent(String.self, forKey: .yesSubTitle)
            noSubTitle = try metadata.decodeIfPresent(String.self, forKey: .noSubTitle)
        }
    }
}
