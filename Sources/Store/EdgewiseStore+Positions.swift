import EdgewiseCore
import GRDB

/// Positions per instrument and cash per venue: the last known holdings, so the agent starts
/// from what it owned rather than from zero. Flat positions are kept, because their realized
/// P&L is still part of the record.
extension EdgewiseStore {
    public func upsert(position: Position, at time: Timestamp = .now()) throws(StoreError) {
        try write("save position \(position.instrument)") { db in
            try db.execute(
                sql: """
                    INSERT INTO positions (venue, token_id, size_units, cost_basis_units, realized_pnl_units, updated_at_ns)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (venue, token_id) DO UPDATE SET
                        size_units = excluded.size_units, cost_basis_units = excluded.cost_basis_units,
                        realized_pnl_units = excluded.realized_pnl_units, updated_at_ns = excluded.updated_at_ns
                    """,
                arguments: [
                    position.instrument.venue.rawValue, position.instrument.token.rawValue, position.size.units,
                    position.costBasis.units, position.realizedPnL.units, time.nanoseconds,
                ])
        }
    }

    public func position(_ instrument: InstrumentID) throws(StoreError) -> Position? {
        try read("fetch position \(instrument)") { db in
            try Self.positions(
                db, where: "venue = ? AND token_id = ?",
                arguments: [instrument.venue.rawValue, instrument.token.rawValue]
            ).first
        }
    }

    /// Positions ordered by instrument; flat ones only when asked for.
    public func positions(venue: VenueID? = nil, includeFlat: Bool = false) throws(StoreError) -> [Position] {
        var condition = includeFlat ? "1" : "size_units != 0"
        var arguments: StatementArguments = []
        if let venue {
            condition += " AND venue = ?"
            arguments += [venue.rawValue]
        }
        return try read("list positions") { db in
            try Self.positions(db, where: condition + " ORDER BY venue, token_id", arguments: arguments)
        }
    }

    public func setCash(_ amount: Amount, venue: VenueID, at time: Timestamp = .now()) throws(StoreError) {
        try write("save cash of \(venue)") { db in
            try db.execute(
                sql: """
                    INSERT INTO cash_balances (venue, amount_units, updated_at_ns) VALUES (?, ?, ?)
                    ON CONFLICT (venue) DO UPDATE SET amount_units = excluded.amount_units, updated_at_ns = excluded.updated_at_ns
                    """,
                arguments: [venue.rawValue, amount.units, time.nanoseconds])
        }
    }

    public func cash(venue: VenueID) throws(StoreError) -> Amount? {
        try read("fetch cash of \(venue)") { db in
            try Int64.fetchOne(db, sql: "SELECT amount_units FROM cash_balances WHERE venue = ?", arguments: [venue.rawValue])
                .map(Amount.init(units:))
        }
    }

    public func cashBalances() throws(StoreError) -> [VenueID: Amount] {
        try read("list cash") { db in
            var balances: [VenueID: Amount] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT venue, amount_units FROM cash_balances") {
                balances[VenueID(row["venue"])] = Amount(units: row["amount_units"])
            }
            return balances
        }
    }

    static func positions(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [Position] {
        try Row.fetchAll(db, sql: "SELECT * FROM positions WHERE " + condition, arguments: arguments).map { row in
            Position(
                instrument: InstrumentID(venue: VenueID(row["venue"]), token: TokenID(row["token_id"])),
                size: Size(units: row["size_units"]), costBasis: Amount(units: row["cost_basis_units"]),
                realizedPnL: Amount(units: row["realized_pnl_units"]))
        }
    }
}
