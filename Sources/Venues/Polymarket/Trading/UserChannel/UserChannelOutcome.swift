import EdgewiseCore
import EdgewiseVenueKit

/// What ``UserChannelReconciler`` did with what it learned. Everything that changed the journal
/// is here, and so is everything it could not place: nothing is dropped silently.
public enum UserChannelOutcome: Sendable, CustomStringConvertible {
    /// A new execution of ours, journaled: with its order, or alone (`order == nil`) when the
    /// journal does not hold the order (see ``unknownOrder(_:context:)``).
    case fillRecorded(Fill, order: ClientOrderID?, status: PolymarketUserTrade.Status)
    /// A later settlement step (or a repeat) of an execution: nothing new was booked. Also a
    /// `FAILED` for an execution that was never booked.
    case settlementProgressed(FillID, status: PolymarketUserTrade.Status)
    /// An execution booked earlier failed to settle and was taken back from its order.
    case fillReversed(Fill, order: ClientOrderID, reason: String)
    case orderAccepted(ClientOrderID, VenueOrderID)
    case orderCancelled(ClientOrderID, VenueOrderID)
    /// The channel or the venue named an order of ours that the journal does not hold (placed
    /// outside Edgewise, or reported before the placing request returned). The report is kept
    /// and applied by ``UserChannelReconciler/retryParked()`` once the order is journaled.
    case unknownOrder(VenueOrderID, context: String)
    case reconciliationStarted(reason: String)
    case reconciled(UserChannelReconciliation)
    /// The status source could not be asked; missed executions stay missing until the next try.
    case reconciliationFailed(reason: String, error: String)
    /// The journal or the order state machine refused something; reconcile by hand.
    case problem(String)
    /// Passed through from the stream, so a consumer of the outcomes alone sees everything.
    case connection(WebSocketConnectionState)
    case streamProblem(PolymarketUserStreamProblem)

    public var description: String {
        switch self {
        case .fillRecorded(let fill, let order, let status):
            "fill \(fill.id) (\(fill.side.rawValue) \(fill.size) @ \(fill.price)) recorded for \(order.map { "order \($0)" } ?? "no journaled order") at \(status)"
        case .settlementProgressed(let fill, let status): "fill \(fill): \(status), nothing new booked"
        case .fillReversed(let fill, let order, let reason): "fill \(fill.id) of order \(order) reversed: \(reason)"
        case .orderAccepted(let order, let venue): "order \(order) accepted as \(venue)"
        case .orderCancelled(let order, let venue): "order \(order) (\(venue)) cancelled"
        case .unknownOrder(let venue, let context): "order \(venue) is not in the journal: \(context)"
        case .reconciliationStarted(let reason): "reconciling with the venue: \(reason)"
        case .reconciled(let summary): summary.description
        case .reconciliationFailed(let reason, let error): "reconciliation (\(reason)) failed: \(error); missed fills stay missing until the next attempt"
        case .problem(let text): text
        case .connection(let state): "user channel \(state)"
        case .streamProblem(let problem): problem.description
        }
    }
}

/// What one reconciliation with the venue found.
public struct UserChannelReconciliation: Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    /// The start of the trade query.
    public var since: Timestamp
    public var tradesReported = 0
    public var openOrdersReported = 0
    /// Executions that were missing from the journal and are now recorded.
    public var fillsRecovered = 0
    public var fillsReversed = 0
    public var ordersCancelled = 0

    public init(reason: String, since: Timestamp) {
        self.reason = reason
        self.since = since
    }

    public var description: String {
        "reconciled (\(reason)): \(tradesReported) trade(s) and \(openOrdersReported) open order(s) reported, "
            + "\(fillsRecovered) missed fill(s) recovered, \(fillsReversed) reversed, \(ordersCancelled) order(s) cancelled"
    }
}
