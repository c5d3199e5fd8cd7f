import EdgewiseCore
import EdgewisePolymarket
import Synchronization

/// The order journal's contract without SQLite (this test target cannot link the store): the
/// same refusals as `EdgewiseStore` — updates only of journaled orders, never backwards (out of a
/// terminal state, or forgetting a fill), fills unique per venue and id with conflicting repeats
/// refused — so the reconciler is tested against the rules it will meet in production. The
/// store-backed run lives in the runtime tests.
final class InMemoryOrderJournal: UserChannelJournal {
    struct JournalError: Error, CustomStringConvertible {
        let description: String
    }

    struct State {
        var orders: [ClientOrderID: Order] = [:]
        var history: [ClientOrderID: [OrderEvent]] = [:]
        var fills: [FillID: Fill] = [:]
        var fillOrder: [FillID] = []
        var writes = 0
    }

    let state = Mutex(State())

    /// Records a new order as the trading client would before sending it, then its acknowledgement.
    @discardableResult
    func journalAccepted(_ order: Order, venueOrderID: VenueOrderID, at: Timestamp = Timestamp(seconds: 1)) throws -> Order {
        var accepted = order
        try accepted.apply(.submitted(at: at))
        try accepted.apply(.accepted(venueOrderID, at: at))
        state.withLock {
            $0.orders[accepted.id] = accepted
            $0.history[accepted.id] = [.submitted(at: at), .accepted(venueOrderID, at: at)]
        }
        return accepted
    }

    /// Records an order that was sent but whose acknowledgement has not come back.
    func journalSubmitted(_ order: Order, at: Timestamp = Timestamp(seconds: 1)) throws {
        var submitted = order
        try submitted.apply(.submitted(at: at))
        state.withLock {
            $0.orders[submitted.id] = submitted
            $0.history[submitted.id] = [.submitted(at: at)]
        }
    }

    func order(_ id: ClientOrderID) -> Order? { state.withLock { $0.orders[id] } }
    func history(_ id: ClientOrderID) -> [OrderEvent] { state.withLock { $0.history[id] ?? [] } }
    var allFills: [Fill] { state.withLock { s in s.fillOrder.compactMap { s.fills[$0] } } }

    // MARK: UserChannelJournal

    func order(venue: VenueID, venueOrderID: VenueOrderID) throws -> Order? {
        state.withLock { s in s.orders.values.first { $0.instrument.venue == venue && $0.venueOrderID == venueOrderID } }
    }

    func ordersThatMayBeLive(venue: VenueID?) throws -> [Order] {
        state.withLock { s in
            s.orders.values.filter { $0.status.mayBeLive && (venue == nil || $0.instrument.venue == venue) }
                .sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        }
    }

    func update(order: Order, after event: OrderEvent, recordedAt: Timestamp) throws -> Int {
        try state.withLock { s throws(JournalError) -> Int in
            guard let stored = s.orders[order.id] else { throw JournalError(description: "order \(order.id) not journaled") }
            guard stored.instrument == order.instrument, stored.side == order.side, stored.limitPrice == order.limitPrice,
                stored.size == order.size
            else { throw JournalError(description: "order \(order.id): identity changed") }
            if (stored.status.isTerminal && !order.status.isTerminal) || !Set(stored.fillIDs).isSubset(of: order.fillIDs) {
                throw JournalError(description: "order \(order.id): stale update")
            }
            if case .filled(let fill) = event {
                var linked = fill
                linked.clientOrderID = fill.clientOrderID ?? order.id
                try Self.insert(linked, into: &s)
            }
            s.orders[order.id] = order
            s.history[order.id, default: []].append(event)
            s.writes += 1
            return s.history[order.id]!.count
        }
    }

    func fill(venue: VenueID, id: FillID) throws -> Fill? {
        state.withLock { s in s.fills[id].flatMap { $0.instrument.venue == venue ? $0 : nil } }
    }

    func insert(fill: Fill, recordedAt: Timestamp) throws -> Bool {
        try state.withLock { s throws(JournalError) -> Bool in
            let inserted = try Self.insert(fill, into: &s)
            s.writes += 1
            return inserted
        }
    }

    @discardableResult
    static func insert(_ fill: Fill, into s: inout State) throws(JournalError) -> Bool {
        guard let stored = s.fills[fill.id] else {
            s.fills[fill.id] = fill
            s.fillOrder.append(fill.id)
            return true
        }
        guard stored.instrument == fill.instrument, stored.side == fill.side, stored.price == fill.price, stored.size == fill.size,
            stored.fee == fill.fee
        else { throw JournalError(description: "fill \(fill.id) reported twice with different contents") }
        // As the store does: a fill first stored without its order keeps the link learned later.
        var linked = stored
        linked.clientOrderID = stored.clientOrderID ?? fill.clientOrderID
        s.fills[fill.id] = linked
        return false
    }
}
