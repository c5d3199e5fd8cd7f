/// An `ok` reply: to `update_subscription` (with the subscription's markets afterwards) or to
/// `list_subscriptions` (with the live subscriptions).
public struct KalshiOKReply: Hashable, Sendable {
    public var id: Int?
    public var sid: Int?
    public var seq: UInt64?
    public var marketTickers: [String]?
    public var subscriptions: [KalshiSubscriptionInfo]?

    public init(
        id: Int?, sid: Int? = nil, seq: UInt64? = nil, marketTickers: [String]? = nil, subscriptions: [KalshiSubscriptionInfo]? = nil
    ) {
        self.id = id
        self.sid = sid
        self.seq = seq
        self.marketTickers = marketTickers
        self.subscriptions = subscriptions
    }
}
