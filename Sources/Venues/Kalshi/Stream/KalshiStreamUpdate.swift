import EdgewiseCore
import EdgewiseVenueKit

/// What a ``KalshiMarketStream`` delivers, in the order it happened.
public enum KalshiStreamUpdate: Sendable {
    /// A synchronised book changed (snapshot or delta applied).
    case book(KalshiBookUpdate)
    /// These books can no longer be trusted and wait for fresh snapshots; until then no
    /// ``book(_:)`` update is sent for them and ``KalshiMarketStream/book(for:)`` returns nil.
    case unsynchronized(tickers: [String], reason: KalshiResyncReason)
    /// Any other data message (ticker, trade, fill, user order, lifecycle, position, …).
    case message(KalshiStreamPayload, receivedAt: Timestamp)
    /// The venue confirmed a subscription.
    case subscribed(KalshiSubscriptionInfo)
    /// An `ok` reply (`update_subscription`, `list_subscriptions`).
    case acknowledged(KalshiOKReply)
    /// The venue refused a command.
    case venueError(KalshiStreamErrorReply)
    case connection(WebSocketConnectionState)
    case problem(KalshiStreamProblem)

    /// The update in Core's venue-neutral terms, for recording and for strategies that do not
    /// care which venue a book came from. Account messages and notices have none.
    public var marketDataEvents: [ReceivedEvent] {
        switch self {
        case .book(let update):
            return update.marketDataEvents
        case .message(.trade(let trade), let receivedAt):
            return [ReceivedEvent(receivedAt: receivedAt, event: .trade(trade.tradeTick))]
        case .message(.ticker(let ticker), let receivedAt):
            return KalshiSide.allCases.map { ReceivedEvent(receivedAt: receivedAt, event: .topOfBook(ticker.topOfBook($0))) }
        default:
            return []
        }
    }
}
