import EdgewiseCore

/// One venue as the order manager sees it: send, cancel, and say what it knows about an order.
/// Adapters wrap the venue clients (and the paper broker); each maps its venue's answers onto
/// these few outcomes, and must never report as definite what it does not know.
public protocol VenueGateway: Sendable {
    var venue: VenueID { get }
    /// Whether sending the very same order again (same client order id, or the same signed
    /// order) is refused by the venue as a duplicate. Only then may an order whose first send
    /// had an unknown outcome, and which a lookup did not find, be sent again.
    var resendIsIdempotent: Bool { get }

    /// The venue's own checks and preparation before anything is journaled: tick, minimum size,
    /// balance, and whatever identity the venue will know the order by (Polymarket's order hash
    /// comes from the signature, and must be in the journal before the send so that a crash can
    /// be reconciled). Throws when the order cannot be sent as it is; nothing was journaled.
    func prepare(_ order: Order) async throws(GatewayError) -> Order
    /// Sends an order that is already journaled.
    func submit(_ order: Order) async -> GatewaySubmission
    /// Asks the venue to cancel an order it accepted.
    func cancel(_ order: Order) async -> GatewayCancellation
    /// Everything the venue knows about `order` — searched by client order id and venue order
    /// id, among open orders and trades — or nil when it has no trace of it. Throws when the
    /// venue could not be asked, in which case nothing may be concluded.
    func lookup(_ order: Order) async throws(GatewayError) -> VenueOrderReport?
}

extension VenueGateway {
    /// Venues that need no preparation send the order as it is.
    public func prepare(_ order: Order) async throws(GatewayError) -> Order { order }
}

/// What a send came to.
public enum GatewaySubmission: Hashable, Sendable {
    /// The venue took the order; `fills` are the executions it reported with the acknowledgment,
    /// and `ended` says whether the order is already over (a fill-and-kill's unfilled rest
    /// cancelled, a fill-or-kill that could not fill) rather than resting.
    case accepted(VenueOrderID, fills: [Fill], ended: VenueOrderReport.State? = nil)
    /// The venue refused it; nothing was placed.
    case rejected(reason: String)
    /// The request may or may not have reached the venue (a timeout after sending, a 5xx, a
    /// dropped connection): the order may exist.
    case unknown(reason: String)
}

/// What a cancel came to.
public enum GatewayCancellation: Hashable, Sendable {
    case cancelled
    /// The venue no longer has it open (filled or already gone); a lookup says which.
    case notOpen(reason: String)
    case unknown(reason: String)
}

/// An order as the venue reports it.
public struct VenueOrderReport: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        case open
        case filled
        case cancelled
        case expired
        case rejected(reason: String)
    }

    public var venueOrderID: VenueOrderID?
    public var state: State
    /// Every execution of the order the venue knows of.
    public var fills: [Fill]

    public init(venueOrderID: VenueOrderID?, state: State, fills: [Fill] = []) {
        self.venueOrderID = venueOrderID
        self.state = state
        self.fills = fills
    }
}

/// The venue could not be asked.
public struct GatewayError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
