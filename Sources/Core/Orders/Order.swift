/// An order and everything learned about it since it was journaled.
public struct Order: Hashable, Codable, Sendable, Identifiable {
    public var id: ClientOrderID
    public var venueOrderID: VenueOrderID?
    public var instrument: InstrumentID
    public var marketID: MarketID?
    public var side: OrderSide
    public var limitPrice: Price
    public var size: Size
    public var timeInForce: TimeInForce
    public var postOnly: Bool
    public var decisionID: DecisionID?
    public private(set) var status: OrderStatus
    public private(set) var filledSize: Size
    /// Exact sum of price × size over the fills.
    public private(set) var filledNotional: Amount
    public private(set) var fees: Amount
    /// Every fill ever applied, reversed ones included, so that a re-sent report of an execution
    /// is refused as a duplicate even after it was reversed.
    public private(set) var fillIDs: [FillID]
    public private(set) var rejectReason: String?
    public let createdAt: Timestamp
    public private(set) var updatedAt: Timestamp

    public init(
        id: ClientOrderID = .generate(), instrument: InstrumentID, marketID: MarketID? = nil, side: OrderSide,
        limitPrice: Price, size: Size, timeInForce: TimeInForce = .goodTillCancelled, postOnly: Bool = false,
        decisionID: DecisionID? = nil, createdAt: Timestamp
    ) {
        self.id = id
        self.instrument = instrument
        self.marketID = marketID
        self.side = side
        self.limitPrice = limitPrice
        self.size = size
        self.timeInForce = timeInForce
        self.postOnly = postOnly
        self.decisionID = decisionID
        self.status = .pendingSubmit
        self.filledSize = .zero
        self.filledNotional = .zero
        self.fees = .zero
        self.fillIDs = []
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }

    /// Fills taken back by ``OrderEvent/fillReversed(_:reason:at:)``; their size, notional and fee
    /// are no longer in ``filledSize``, ``filledNotional`` and ``fees``.
    public var reversedFillIDs: [FillID] { reversedFills ?? [] }
    /// Optional so that orders journaled before reversals existed still decode (and an order
    /// without reversals encodes exactly as before).
    private var reversedFills: [FillID]?

    public var remainingSize: Size { size - filledSize }
    public var averageFillPrice: Price? { filledSize.units > 0 ? filledNotional.perShare(filledSize) : nil }

    /// Moves the state machine. Fills are accepted in any non-terminal state — and even after a
    /// cancel or an expiry, which a fill can race — but never twice, never beyond the size and
    /// never on the other side.
    public mutating func apply(_ event: OrderEvent) throws(OrderTransitionError) {
        switch event {
        case .submitted(let at):
            guard status == .pendingSubmit else { throw invalid("submitted") }
            status = .submitted
            updatedAt = at
        case .accepted(let venueID, let at):
            guard status == .submitted || status == .pendingSubmit || (status == .open && venueOrderID == venueID)
            else {
                // A late ack after fills or a cancel only supplies the venue id.
                if status.mayBeLive || status == .filled || status == .cancelled {
                    venueOrderID = venueOrderID ?? venueID
                    return
                }
                throw invalid("accepted")
            }
            venueOrderID = venueID
            status = filledSize.units > 0 ? .partiallyFilled : .open
            updatedAt = at
        case .rejected(let reason, let at):
            guard status == .pendingSubmit || status == .submitted else { throw invalid("rejected") }
            status = .rejected
            rejectReason = reason
            updatedAt = at
        case .filled(let fill):
            guard fill.instrument == instrument, fill.side == side, fill.clientOrderID == nil || fill.clientOrderID == id else {
                throw .wrongOrder(order: id, fill: fill.id)
            }
            guard !fillIDs.contains(fill.id) else { throw .duplicateFill(order: id, fill: fill.id) }
            // A fill can race an expiry just as it races a cancel; only a rejected order never traded.
            guard status != .rejected else { throw invalid("filled") }
            let total = filledSize + fill.size
            guard total <= size else { throw .overfill(order: id, size: size, filled: total) }
            filledSize = total
            filledNotional += fill.notional
            fees += fill.fee
            fillIDs.append(fill.id)
            if let venue = fill.venueOrderID, venueOrderID == nil { venueOrderID = venue }
            if total == size {
                status = .filled
            } else if status != .pendingCancel && status != .cancelled && status != .expired {
                status = .partiallyFilled
            }
            updatedAt = max(updatedAt, fill.time)
        case .fillReversed(let fill, _, let at):
            guard fillIDs.contains(fill.id) else { throw .unknownFill(order: id, fill: fill.id) }
            guard !reversedFillIDs.contains(fill.id) else { throw .fillAlreadyReversed(order: id, fill: fill.id) }
            // The order only knows fill ids; a fill whose economics cannot have been applied here
            // (other instrument or side, more than is filled) is not the one that was.
            guard fill.instrument == instrument, fill.side == side, fill.size <= filledSize else {
                throw .wrongOrder(order: id, fill: fill.id)
            }
            filledSize = filledSize - fill.size
            filledNotional -= fill.notional
            fees -= fill.fee
            reversedFills = reversedFillIDs + [fill.id]
            // The status is left alone: a failed match still consumed the order's size at the venue
            // (Polymarket does not put it back on the book), so a filled order stays finished and a
            // resting one keeps resting with what the venue still shows as open.
            updatedAt = max(updatedAt, at)
        case .cancelRequested(let at):
            guard status == .open || status == .partiallyFilled || status == .submitted else {
                throw invalid("cancelRequested")
            }
            status = .pendingCancel
            updatedAt = at
        case .cancelled(let at):
            guard status.mayBeLive else {
                if status == .cancelled { return }
                throw invalid("cancelled")
            }
            status = .cancelled
            updatedAt = at
        case .expired(let at):
            guard status.mayBeLive else { throw invalid("expired") }
            status = .expired
            updatedAt = at
        }
    }

    private func invalid(_ event: String) -> OrderTransitionError {
        .invalid(order: id, from: status, event: event)
    }
}
