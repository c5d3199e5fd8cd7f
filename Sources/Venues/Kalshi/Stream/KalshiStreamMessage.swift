/// One decoded frame of Kalshi's WebSocket: a reply to one of our commands, a data message of a
/// subscription (`sid`, and `seq` where the channel sequences its messages), or a type this
/// version does not know, which is reported and skipped rather than treated as an error.
public enum KalshiStreamMessage: Hashable, Sendable {
    case subscribed(id: Int?, KalshiSubscriptionInfo)
    case unsubscribed(id: Int?, sid: Int)
    case ok(KalshiOKReply)
    case error(KalshiStreamErrorReply)
    case data(sid: Int?, seq: UInt64?, KalshiStreamPayload)
    case unknown(type: String, sid: Int?, seq: UInt64?)

    /// Message types whose payload is a market's order book.
    static let bookTypes: Set<String> = ["orderbook_snapshot", "orderbook_delta"]
}

extension KalshiStreamMessage: Decodable {
    enum Keys: String, CodingKey {
        case type, id, sid, seq, msg
        case marketTickers = "market_tickers"
        case subscriptions
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let type = try container.decode(String.self, forKey: .type)
        let id = try container.decodeIfPresent(Int.self, forKey: .id)
        let sid = try container.decodeIfPresent(Int.self, forKey: .sid)
        let seq = try container.decodeIfPresent(UInt64.self, forKey: .seq)
        switch type {
        case "subscribed":
            self = .subscribed(id: id, try container.decode(KalshiSubscriptionInfo.self, forKey: .msg))
        case "unsubscribed":
            guard let sid else {
                throw DecodingError.keyNotFound(Keys.sid, .init(codingPath: container.codingPath, debugDescription: "unsubscribed without sid"))
            }
            self = .unsubscribed(id: id, sid: sid)
        case "ok":
            self = .ok(KalshiOKReply(
                id: id, sid: sid, seq: seq, marketTickers: try container.decodeIfPresent([String].self, forKey: .marketTickers),
                subscriptions: try container.decodeIfPresent([KalshiSubscriptionInfo].self, forKey: .subscriptions)))
        case "error":
            let body = try container.nestedContainer(keyedBy: KalshiStreamErrorReply.Keys.self, forKey: .msg)
            self = .error(try KalshiStreamErrorReply(id: id, from: body))
        default:
            guard let payload = try Self.payload(type: type, container) else {
                self = .unknown(type: type, sid: sid, seq: seq)
                return
            }
            self = .data(sid: sid, seq: seq, payload)
        }
    }

    private static func payload(type: String, _ container: KeyedDecodingContainer<Keys>) throws -> KalshiStreamPayload? {
        func body<K: CodingKey>(_: K.Type) throws -> KeyedDecodingContainer<K> {
            try container.nestedContainer(keyedBy: K.self, forKey: .msg)
        }
        switch type {
        case "orderbook_snapshot": return .orderbookSnapshot(try .init(from: body(KalshiOrderbookSnapshotMessage.Keys.self)))
        case "orderbook_delta": return .orderbookDelta(try .init(from: body(KalshiOrderbookDeltaMessage.Keys.self)))
        case "ticker", "ticker_v2": return .ticker(try .init(from: body(KalshiTickerMessage.Keys.self)))
        case "trade": return .trade(try .init(from: body(KalshiTradeMessage.Keys.self)))
        case "fill": return .fill(try .init(from: body(KalshiFillMessage.Keys.self)))
        // The channel is `user_orders`; the message type has been seen in both numbers.
        case "user_order", "user_orders": return .userOrder(try .init(from: body(KalshiUserOrderMessage.Keys.self)))
        case "market_lifecycle_v2", "market_lifecycle": return .marketLifecycle(try .init(from: body(KalshiMarketLifecycleMessage.Keys.self)))
        case "event_lifecycle": return .eventLifecycle(try .init(from: body(KalshiEventLifecycleMessage.Keys.self)))
        case "market_position", "market_positions": return .marketPosition(try .init(from: body(KalshiMarketPositionMessage.Keys.self)))
        case "order_group_updates", "order_group_update": return .orderGroupUpdate(try .init(from: body(KalshiOrderGroupUpdateMessage.Keys.self)))
        default: return nil
        }
    }
}
