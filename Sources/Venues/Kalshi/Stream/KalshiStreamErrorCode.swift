/// The numeric code of a Kalshi WebSocket `error` reply. Codes this version has no name for are
/// kept as they came, so a new code is still reported (with its message) rather than lost.
public struct KalshiStreamErrorCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let unableToProcessMessage = Self(rawValue: 1)
    public static let paramsRequired = Self(rawValue: 2)
    public static let channelsRequired = Self(rawValue: 3)
    public static let subscriptionIDsRequired = Self(rawValue: 4)
    public static let unknownCommand = Self(rawValue: 5)
    /// Newer documentation marks 6 as retired; older servers still send it.
    public static let alreadySubscribed = Self(rawValue: 6)
    public static let unknownSubscriptionID = Self(rawValue: 7)
    public static let unknownChannelName = Self(rawValue: 8)
    public static let authenticationRequired = Self(rawValue: 9)
    public static let channelError = Self(rawValue: 10)
    public static let invalidParameter = Self(rawValue: 11)
    public static let exactlyOneSubscriptionIDRequired = Self(rawValue: 12)
    public static let unsupportedAction = Self(rawValue: 13)
    public static let marketTickerRequired = Self(rawValue: 14)
    public static let actionRequired = Self(rawValue: 15)
    public static let marketNotFound = Self(rawValue: 16)
    public static let internalError = Self(rawValue: 17)

    /// The documented name, or nil for a code this version does not know.
    public var name: String? {
        switch rawValue {
        case 1: "unable to process message"
        case 2: "params required"
        case 3: "channels required"
        case 4: "subscription ids required"
        case 5: "unknown command"
        case 6: "already subscribed"
        case 7: "unknown subscription id"
        case 8: "unknown channel name"
        case 9: "authentication required"
        case 10: "channel error"
        case 11: "invalid parameter"
        case 12: "exactly one subscription id is required"
        case 13: "unsupported action"
        case 14: "market ticker required"
        case 15: "action required"
        case 16: "market not found"
        case 17: "internal error"
        default: nil
        }
    }

    /// What to do about it, where that is not obvious from the name.
    public var remedy: String? {
        switch rawValue {
        case 6: "nothing: the subscription already exists"
        case 7: "the subscription is gone; the stream resubscribes on the next resynchronisation"
        case 8: "check the channel name against the venue's channel list"
        case 9: "set EDGEWISE_KALSHI_KEY_ID and EDGEWISE_KALSHI_PRIVATE_KEY_FILE; private channels need a signed connection"
        case 16: "check the ticker (tickers are case-sensitive, e.g. with `edgewise markets --venue kalshi`) and remove it"
        case 1, 10, 17: "a venue-side problem; it is retried on the next reconnect or resubscription"
        default: nil
        }
    }

    public var description: String {
        name.map { "\(rawValue) (\($0))" } ?? "\(rawValue) (unknown code)"
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
