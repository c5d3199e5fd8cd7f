import EdgewiseCore
import GRDB

/// One line of an order's append-only history.
public struct OrderJournalEntry: Hashable, Sendable {
    public var orderID: ClientOrderID
    /// 0 is the journaling itself; each update adds one.
    public var sequence: Int
    /// What happened; `nil` for sequence 0.
    public var event: OrderEvent?
    public var statusAfter: OrderStatus
    /// When the store recorded it (the event carries the venue's time).
    public var recordedAt: Timestamp
}

/// The order journal: the record that makes crashes recoverable. An order is journaled as
/// `pendingSubmit` before any request leaves, and every state change after that is written with
/// the event that caused it, so that at start-up ``ordersThatMayBeLive(venue:)`` lists exactly the
/// orders that must be reconciled with the venues before anything new is sent.
extension EdgewiseStore {
    /// Records a new order durably. Call it before sending the order; when it returns, the order
    /// survives a crash or power loss.
    public func journal(order: Order, recordedAt: Timestamp = .now()) throws(StoreError) {
        guard order.status == .pendingSubmit else {
            throw .journalRequiresPendingSubmit(order.id, status: order.status)
        }
        let json = try StoredJSON.encode(order, what: "order \(order.id)")
        try write("journal order \(order.id)") { db in
            let exists = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM orders WHERE client_order_id = ?)", arguments: [order.id.rawValue])
            if exists == true { throw StoreError.duplicateOrder(order.id) }
            try db.execute(
                sql: """
                    INSERT INTO orders (client_order_id, venue, token_id, market_id, venue_order_id, decision_id, side,
                        limit_price_units, size_units, filled_size_units, filled_notional_units, fees_units, status,
                        may_be_live, created_at_ns, updated_at_ns, last_sequence, order_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
                    """,
                arguments: [
                    order.id.rawValue, order.instrument.venue.rawValue, order.instrument.token.rawValue,
                    order.marketID?.rawValue, order.venueOrderID?.rawValue, order.decisionID?.rawValue,
                    order.side.rawValue, order.limitPrice.units, order.size.units, order.filledSize.units,
                    order.filledNotional.units, order.fees.units, order.status.rawValue, order.status.mayBeLive,
                    order.createdAt.nanoseconds, order.updatedAt.nanoseconds, json,
                ])
            try Self.appendHistory(order, event: nil, sequence: 0, recordedAt: recordedAt, db)
        }
    }

    /// Records `order` as it is after `event` was applied to it, and appends the event to the
    /// history, in one transaction. A `.filled` event also stores the fill (idempotently), so
    /// the order's fills and its filled size can never disagree on disk.
    @discardableResult
    public func update(order: Order, after event: OrderEvent, recordedAt: Timestamp = .now()) throws(StoreError)
        -> OrderJournalEntry
    {
        let json = try StoredJSON.encode(order, what: "order \(order.id)")
        return try write("update order \(order.id)") { db in
            guard let stored = try Row.fetchOne(
                db,
                sql: """
                    SELECT venue, token_id, side, limit_price_units, size_units, status, last_sequence,
                        coalesce(json_extract(order_json, '$.fillIDs'), '[]') AS fill_ids
                    FROM orders WHERE client_order_id = ?
                    """,
                arguments: [order.id.rawValue])
            else { throw StoreError.orderNotJournaled(order.id) }
            let identity: [(String, Bool)] = [
                ("venue", (stored["venue"] as String) == order.instrument.venue.rawValue),
                ("token", (stored["token_id"] as String) == order.instrument.token.rawValue),
                ("side", (stored["side"] as String) == order.side.rawValue),
                ("limit price", (stored["limit_price_units"] as Int64) == order.limitPrice.units),
                ("size", (stored["size_units"] as Int64) == order.size.units),
            ]
            if let changed = identity.first(where: { !$0.1 }) {
                throw StoreError.orderIdentityChanged(order.id, field: changed.0)
            }
            // Two tasks updating one order from stale copies would otherwise let the later
            // write erase the earlier one's fill or resurrect a finished order. The state
            // machine never leaves a terminal state nor forgets a fill, so either is staleness.
            // Comparing fill ids, not counts: two stale copies can hold the same number of
            // different fills.
            let storedStatus = OrderStatus(rawValue: stored["status"] as String) ?? .pendingSubmit
            let storedFillIDs = Set(try StoredJSON.decode([String].self, from: stored["fill_ids"] as String, what: "fills of order \(order.id)"))
            if (storedStatus.isTerminal && !order.status.isTerminal)
                || !storedFillIDs.isSubset(of: order.fillIDs.map(\.rawValue))
            {
                throw StoreError.staleOrderUpdate(
                    order.id, stored: storedStatus, storedFills: storedFillIDs.count, offered: order.status,
                    offeredFills: order.fillIDs.count)
            }
            if case .filled(let fill) = event {
                var linked = fill
                linked.clientOrderID = fill.clientOrderID ?? order.id
                _ = try Self.insert(linked, db, recordedAt: recordedAt)
            }
            let sequence = (stored["last_sequence"] as Int) + 1
            try db.execute(
                sql: """
                    UPDATE orders SET venue_order_id = ?, market_id = ?, decision_id = ?, filled_size_units = ?,
                        filled_notional_units = ?, fees_units = ?, status = ?, may_be_live = ?, updated_at_ns = ?,
                        last_sequence = ?, order_json = ?
                    WHERE client_order_id = ?
                    """,
                arguments: [
                    order.venueOrderID?.rawValue, order.marketID?.rawValue, order.decisionID?.rawValue,
                    order.filledSize.units, order.filledNotional.units, order.fees.units, order.status.rawValue,
                    order.status.mayBeLive, order.updatedAt.nanoseconds, sequence, json, order.id.rawValue,
                ])
            return try Self.appendHistory(order, event: event, sequence: sequence, recordedAt: recordedAt, db)
        }
    }

    public func order(_ id: ClientOrderID) throws(StoreError) -> Order? {
        try orders("fetch order \(id)", where: "client_order_id = ?", arguments: [id.rawValue]).first
    }

    /// The order the venue knows as `venueOrderID` (the newest, should a venue ever reuse an id).
    public func order(venue: VenueID, venueOrderID: VenueOrderID) throws(StoreError) -> Order? {
        try orders(
            "fetch order \(venueOrderID)",
            where: "venue = ? AND venue_order_id = ? ORDER BY created_at_ns DESC LIMIT 1",
            arguments: [venue.rawValue, venueOrderID.rawValue]
        ).first
    }

    /// Every order not in a terminal state, oldest first: what start-up reconciliation must
    /// check with the venues before trading resumes.
    public func ordersThatMayBeLive(venue: VenueID? = nil) throws(StoreError) -> [Order] {
        if let venue {
            return try orders(
                "list live orders", where: "may_be_live = 1 AND venue = ? ORDER BY created_at_ns, client_order_id",
                arguments: [venue.rawValue])
        }
        return try orders("list live orders", where: "may_be_live = 1 ORDER BY created_at_ns, client_order_id", arguments: [])
    }

    /// The orders placed for one decision, oldest first.
    public func orders(decision: DecisionID) throws(StoreError) -> [Order] {
        try orders(
            "list orders of \(decision)", where: "decision_id = ? ORDER BY created_at_ns, client_order_id",
            arguments: [decision.rawValue])
    }

    /// The full history of an order, in the order it was recorded.
    public func history(of id: ClientOrderID) throws(StoreError) -> [OrderJournalEntry] {
        let rows = try read("history of \(id)") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM order_events WHERE client_order_id = ? ORDER BY sequence",
                arguments: [id.rawValue])
        }
        var entries: [OrderJournalEntry] = []
        for row in rows {
            let statusText: String = row["status_after"]
            guard let status = OrderStatus(rawValue: statusText) else {
                throw .decoding(what: "status of order \(id)", reason: "unknown status '\(statusText)'")
            }
            let eventJSON: String? = row["event_json"]
            let event = try eventJSON.map { json throws(StoreError) in
                try StoredJSON.decode(OrderEvent.self, from: json, what: "event of order \(id)")
            }
            entries.append(
                OrderJournalEntry(
                    orderID: id, sequence: row["sequence"], event: event, statusAfter: status,
                    recordedAt: Timestamp(nanoseconds: row["recorded_at_ns"])))
        }
        return entries
    }

    // MARK: - Rows

    @discardableResult
    static func appendHistory(
        _ order: Order, event: OrderEvent?, sequence: Int, recordedAt: Timestamp, _ db: Database
    ) throws -> OrderJournalEntry {
        let eventJSON = try event.map { event throws(StoreError) in
            try StoredJSON.encode(event, what: "event of order \(order.id)")
        }
        try db.execute(
            sql: """
                INSERT INTO order_events (client_order_id, sequence, event_json, status_after, recorded_at_ns)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [order.id.rawValue, sequence, eventJSON, order.status.rawValue, recordedAt.nanoseconds])
        return OrderJournalEntry(
            orderID: order.id, sequence: sequence, event: event, statusAfter: order.status, recordedAt: recordedAt)
    }

    private func orders(_ operation: String, where condition: String, arguments: StatementArguments) throws(StoreError)
        -> [Order]
    {
        let rows = try read(operation) { db in
            try Row.fetchAll(db, sql: "SELECT client_order_id, order_json FROM orders WHERE " + condition, arguments: arguments)
        }
        var orders: [Order] = []
        for row in rows {
            let id: String = row["client_order_id"]
            orders.append(try StoredJSON.decode(Order.self, from: row["order_json"], what: "order \(id)"))
        }
        return orders
    }
}
