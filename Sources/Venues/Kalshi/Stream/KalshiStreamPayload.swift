/// The body of a data message, by its `type`.
public enum KalshiStreamPayload: Hashable, Sendable {
    case orderbookSnapshot(KalshiOrderbookSnapshotMessage)
    case orderbookDelta(KalshiOrderbookDeltaMessage)
    case ticker(KalshiTickerMessage)
    case trade(KalshiTradeMessage)
    case fill(KalshiFillMessage)
    case userOrder(KalshiUserOrderMessage)
    case marketLifecycle(KalshiMarketLifecycleMessage)
    case eventLifecycle(KalshiEventLifecycleMessage)
    case marketPosition(KalshiMarketPositionMessage)
    case orderGroupUpdate(KalshiOrderGroupUpdateMessage)

    /// The market the payload is about, when it is about one market.
    public var marketTicker: String? {
        switch self {
        case .orderbookSnapshot(let m): m.marketTicker
        case .orderbookDelta(let m): m.marketTicker
        case .ticker(let m): m.marketTicker
        case .trade(let m): m.marketTicker
        case .fill(let m): m.marketTicker
        case .userOrder(let m): m.marketTicker
        case .marketLifecycle(let m): m.marketTicker
        case .marketPosition(let m): m.marketTicker
        case .eventLifecycle, .orderGroupUpdate: nil
        }
    }
}
