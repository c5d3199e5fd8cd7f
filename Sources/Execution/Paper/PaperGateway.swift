import EdgewiseCore

/// One venue, traded on paper: the order manager's view of a ``PaperExchange``. Everything the
/// live path does — journal, acknowledgment, fills, cancels, reconciliation — runs unchanged;
/// only the fills are simulated against the real books.
public struct PaperGateway: VenueGateway {
    public let venue: VenueID
    public let exchange: PaperExchange
    /// The broker refuses a client order id it has seen.
    public var resendIsIdempotent: Bool { true }

    public init(venue: VenueID, exchange: PaperExchange) {
        self.venue = venue
        self.exchange = exchange
    }

    public func submit(_ order: Order) async -> GatewaySubmission {
        let events = await exchange.submit(order)
        var venueID: VenueOrderID?
        var fills: [Fill] = []
        var ended: VenueOrderReport.State?
        for event in events where event.order == order.id {
            switch event.event {
            case .rejected(let reason, _): return .rejected(reason: reason)
            case .accepted(let id, _): venueID = id
            case .filled(let fill): fills.append(fill)
            case .cancelled: ended = .cancelled
            case .expired: ended = .expired
            case .submitted, .fillReversed, .cancelRequested: break
            }
        }
        guard let venueID else { return .unknown(reason: "the paper broker neither accepted nor rejected \(order.id)") }
        let total = fills.reduce(Size.zero) { $0 + $1.size }
        return .accepted(venueID, fills: fills, ended: ended ?? (total == order.size ? .filled : nil))
    }

    public func cancel(_ order: Order) async -> GatewayCancellation {
        let events = await exchange.cancel(order.id)
        return events.contains { if case .cancelled = $0.event { true } else { false } }
            ? .cancelled : .notOpen(reason: "not resting at the paper broker")
    }

    public func lookup(_ order: Order) async throws(GatewayError) -> VenueOrderReport? {
        guard let (known, fills) = await exchange.report(order.id) else { return nil }
        let state: VenueOrderReport.State = switch known.status {
        case .filled: .filled
        case .cancelled: .cancelled
        case .expired: .expired
        case .rejected: .rejected(reason: known.rejectReason ?? "rejected")
        default: .open
        }
        return VenueOrderReport(venueOrderID: known.venueOrderID, state: state, fills: fills)
    }
}
