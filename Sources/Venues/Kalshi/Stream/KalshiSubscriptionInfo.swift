/// One live subscription: the channel and the `sid` the venue gave it. Data messages carry the
/// sid, and `unsubscribe` / `update_subscription` name it.
public struct KalshiSubscriptionInfo: Hashable, Sendable, Codable {
    public var channel: KalshiChannel
    public var sid: Int

    public init(channel: KalshiChannel, sid: Int) {
        self.channel = channel
        self.sid = sid
    }
}
