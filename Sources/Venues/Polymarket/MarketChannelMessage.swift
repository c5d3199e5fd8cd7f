import EdgewiseCore

/// One message of the market WebSocket channel, mapped to the domain. A `price_change` frame
/// touching several tokens becomes one ``priceChange(_:)`` per token.
public enum MarketChannelMessage: Sendable, Hashable {
    case book(BookSnapshot)
    case priceChange(BookDelta)
    case lastTrade(TradeTick)
    case tickSizeChange(TickSizeChange)
    case bestBidAsk(TopOfBook)
    case marketNotice(MarketNotice)
    /// The answer to our `PING`.
    case pong
    /// An `event_type` this version does not know; counted and reported, never dropped silently.
    case unknown(eventType: String)

    /// The domain event this message carries, if it carries one.
    public var marketDataEvent: MarketDataEvent? {
        switch self {
        case .book(let snapshot): .bookSnapshot(snapshot)
        case .priceChange(let delta): .bookDelta(delta)
        case .lastTrade(let trade): .trade(trade)
        case .tickSizeChange(let change): .tickSizeChange(change)
        case .bestBidAsk(let top): .topOfBook(top)
        case .marketNotice(let notice): .market(notice)
        case .pong, .unknown: nil
        }
    }
}

/// A frame that could not be understood. The stream reports it and moves on: one bad frame must
/// not cost the connection.
public struct MarketChannelDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var detail: String
    /// The start of the offending frame.
    public var excerpt: String

    public var description: String {
        "market channel: cannot decode frame at '\(field)': \(detail) — frame starts with: \(excerpt)"
    }
}
