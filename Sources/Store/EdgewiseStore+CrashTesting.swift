import EdgewiseCore
import GRDB

/// Hooks for the crash tests only (`@_spi(CrashTesting)`): they need a write transaction that
/// is provably open, with its pages already in the WAL, when the process is killed.
extension EdgewiseStore {
    /// Journals `orders` inside one write transaction, then calls `whileOpen` before committing.
    /// The page cache is shrunk first so that the uncommitted pages spill into the WAL file,
    /// which is what makes a kill at this point a real test of recovery.
    @_spi(CrashTesting)
    public func journalInOpenTransaction(_ orders: [Order], whileOpen: () -> Void) throws(StoreError) {
        try write("journal in open transaction") { db in
            try db.execute(sql: "PRAGMA cache_size = 8")
            for order in orders {
                try db.execute(
                    sql: """
                        INSERT INTO orders (client_order_id, venue, token_id, market_id, venue_order_id, decision_id,
                            side, limit_price_units, size_units, filled_size_units, filled_notional_units, fees_units,
                            status, may_be_live, created_at_ns, updated_at_ns, last_sequence, order_json)
                        VALUES (?, ?, ?, NULL, NULL, NULL, ?, ?, ?, 0, 0, 0, ?, 1, ?, ?, 0, ?)
                        """,
                    arguments: [
                        order.id.rawValue, order.instrument.venue.rawValue, order.instrument.token.rawValue,
                        order.side.rawValue, order.limitPrice.units, order.size.units, order.status.rawValue,
                        order.createdAt.nanoseconds, order.updatedAt.nanoseconds,
                        try StoredJSON.encode(order, what: "order \(order.id)"),
                    ])
                try Self.appendHistory(order, event: nil, sequence: 0, recordedAt: order.createdAt, db)
            }
            whileOpen()
        }
    }
}
