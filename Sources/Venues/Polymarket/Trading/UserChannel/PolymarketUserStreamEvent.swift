import EdgewiseCore
import EdgewiseVenueKit

/// What a ``PolymarketUserStream`` delivers, in the order the venue sent it.
public enum PolymarketUserStreamEvent: Sendable {
    /// An order event: placed (`kind == .placement`), updated (`.update`, e.g. `size_matched`
    /// grew) or cancelled (`.cancellation`). An unknown `kind` is also reported as a problem.
    case order(PolymarketUserOrder, receivedAt: Timestamp)
    /// A report of a trade at one settlement step, with our parts of it as far as the stream can
    /// tell (see ``PolymarketUserTrade/participations(apiKey:fallbackTime:isOurOrder:)``). The
    /// same trade arrives again at each step: the parts are not new executions each time.
    case trade(PolymarketUserTrade, ours: [PolymarketTradeParticipation], receivedAt: Timestamp)
    /// Reasons are stripped of our credentials.
    case connection(WebSocketConnectionState)
    /// Something the stream survived.
    case problem(PolymarketUserStreamProblem)
}

public enum PolymarketUserStreamProblem: Sendable, Hashable, CustomStringConvertible {
    /// A frame or element that could not be decoded; it was skipped.
    case malformedFrame(UserChannelDecodingError)
    /// An `event_type` this version does not know; skipped.
    case unknownEvent(type: String)
    /// A known event with a value this version does not know (`status`, `type`); the event was
    /// still delivered, with the value as `.unknown(raw)`.
    case unknownValue(event: String, field: String, value: String)

    public var description: String {
        switch self {
        case .malformedFrame(let error): error.description
        case .unknownEvent(let type): "user channel: unknown event_type '\(type)' skipped; Edgewise may need an update"
        case .unknownValue(let event, let field, let value):
            "user channel: \(event) has unknown \(field) '\(value)'; delivered as unknown, Edgewise may need an update"
        }
    }
}

/// Counters for monitoring a user stream.
public struct UserStreamStatistics: Sendable, Hashable {
    public var frames = 0
    public var orderEvents = 0
    public var tradeEvents = 0
    public var pongs = 0
    public var unknownEvents = 0
    public var unknownValues = 0
    public var malformedFrames = 0
    public var reconnects = 0

    public init() {}
}
