/// The life of an order. The journal records the order as ``pendingSubmit`` before any byte is
/// sent, so a crash can always be reconciled: an order in ``pendingSubmit`` or ``submitted`` after
/// a restart is looked up at the venue by its client order id before anything is re-sent.
public enum OrderStatus: String, Hashable, Codable, Sendable, CaseIterable {
    /// Journaled; the request has not left yet.
    case pendingSubmit
    /// The request left; no answer yet.
    case submitted
    /// The venue accepted it and it rests on the book.
    case open
    case partiallyFilled
    case filled
    /// A cancel was sent; fills may still arrive.
    case pendingCancel
    case cancelled
    case rejected
    case expired

    /// No further change can happen.
    public var isTerminal: Bool {
        switch self {
        case .filled, .cancelled, .rejected, .expired: true
        default: false
        }
    }

    /// The order may be (or may become) live at the venue.
    public var mayBeLive: Bool { !isTerminal }
}

/// Something that happened to an order, in the order it was learned.
public enum OrderEvent: Hashable, Codable, Sendable {
    case submitted(at: Timestamp)
    case accepted(VenueOrderID, at: Timestamp)
    case rejected(reason: String, at: Timestamp)
    case filled(Fill)
    /// An execution the venue announced did not happen after all: Polymarket reports a trade
    /// `FAILED` when its on-chain settlement reverted for good. Carries the fill exactly as it was
    /// applied, because the order keeps only fill ids and needs the size and money to take back.
    case fillReversed(Fill, reason: String, at: Timestamp)
    case cancelRequested(at: Timestamp)
    case cancelled(at: Timestamp)
    case expired(at: Timestamp)
}

/// An event that is not possible in the order's current state.
public enum OrderTransitionError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalid(order: ClientOrderID, from: OrderStatus, event: String)
    case overfill(order: ClientOrderID, size: Size, filled: Size)
    case duplicateFill(order: ClientOrderID, fill: FillID)
    case wrongOrder(order: ClientOrderID, fill: FillID)
    /// A reversal names a fill the order never received.
    case unknownFill(order: ClientOrderID, fill: FillID)
    case fillAlreadyReversed(order: ClientOrderID, fill: FillID)

    public var description: String {
        switch self {
        case .invalid(let order, let from, let event):
            "order \(order): '\(event)' is not possible while \(from.rawValue); reconcile with the venue"
        case .overfill(let order, let size, let filled):
            "order \(order): fills total \(filled) but the order was for \(size); reconcile with the venue"
        case .duplicateFill(let order, let fill):
            "order \(order): fill \(fill) was already applied; ignored"
        case .wrongOrder(let order, let fill):
            "fill \(fill) does not belong to order \(order)"
        case .unknownFill(let order, let fill):
            "order \(order): cannot reverse fill \(fill), which was never applied to it; reconcile with the venue"
        case .fillAlreadyReversed(let order, let fill):
            "order \(order): fill \(fill) was already reversed; ignored"
        }
    }
}
