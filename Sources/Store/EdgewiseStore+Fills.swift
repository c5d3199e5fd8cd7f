import EdgewiseCore
import GRDB

/// What happened when a fill was offered to the store.
public enum FillInsertion: Hashable, Sendable {
    case inserted
    /// The venue's fill id was already stored; nothing was booked twice.
    case duplicate
}

/// Fills, unique per venue and fill id. Venues re-send executions (reconnects, REST backfill
/// after a WebSocket gap), so inserting is idempotent; a repeated id with different economics is
/// an error, since booking either version silently could misstate positions.
extension EdgewiseStore {
    @discardableResult
    public func insert(fill: Fill, recordedAt: Timestamp = .now()) throws(StoreError) -> FillInsertion {
        try write("insert fill \(fill.id)") { db in try Self.insert(fill, db, recordedAt: recordedAt) }
    }

    public func fill(venue: VenueID, id: FillID) throws(StoreError) -> Fill? {
        try read("fetch fill \(id)") { db in
            try Self.fills(db, where: "venue = ? AND fill_id = ?", arguments: [venue.rawValue, id.rawValue]).first
        }
    }

    /// The fills of one order, oldest first.
    public func fills(clientOrderID: ClientOrderID) throws(StoreError) -> [Fill] {
        try read("list fills of \(clientOrderID)") { db in
            try Self.fills(db, where: "client_order_id = ? ORDER BY time_ns, fill_id", arguments: [clientOrderID.rawValue])
        }
    }

    /// The fills in one instrument, oldest first, optionally only those at or after `since`.
    public func fills(instrument: InstrumentID, since: Timestamp? = nil) throws(StoreError) -> [Fill] {
        try read("list fills of \(instrument)") { db in
            try Self.fills(
                db, where: "venue = ? AND token_id = ? AND time_ns >= ? ORDER BY time_ns, fill_id",
                arguments: [instrument.venue.rawValue, instrument.token.rawValue, since?.nanoseconds ?? Int64.min])
        }
    }

    /// Every fill, oldest first: what a portfolio is rebuilt from after a restart.
    public func allFills() throws(StoreError) -> [Fill] {
        try read("list fills") { db in try Self.fills(db, where: "1 ORDER BY time_ns, fill_id", arguments: []) }
    }

    // MARK: - Rows

    static func insert(_ fill: Fill, _ db: Database, recordedAt: Timestamp) throws -> FillInsertion {
        let venue = fill.instrument.venue
        try db.execute(
            sql: """
                INSERT INTO fills (venue, fill_id, client_order_id, venue_order_id, token_id, side, price_units,
                    size_units, fee_units, liquidity, time_ns, recorded_at_ns)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (venue, fill_id) DO NOTHING
                """,
            arguments: [
                venue.rawValue, fill.id.rawValue, fill.clientOrderID?.rawValue, fill.venueOrderID?.rawValue,
                fill.instrument.token.rawValue, fill.side.rawValue, fill.price.units, fill.size.units, fill.fee.units,
                fill.liquidity?.rawValue, fill.time.nanoseconds, recordedAt.nanoseconds,
            ])
        if db.changesCount == 1 { return .inserted }

        guard let stored = try fills(db, where: "venue = ? AND fill_id = ?", arguments: [venue.rawValue, fill.id.rawValue]).first
        else { throw StoreError.constraintViolated(operation: "insert fill \(fill.id)", detail: "fill neither inserted nor found") }
        guard stored.instrument == fill.instrument, stored.side == fill.side, stored.price == fill.price,
            stored.size == fill.size, stored.fee == fill.fee
        else { throw StoreError.conflictingFill(venue: venue, fill: fill.id) }
        // A fill first seen without its order (a trade stream) may be re-reported with it: keep
        // the link, which is knowledge gained, not a second booking.
        try db.execute(
            sql: """
                UPDATE fills SET client_order_id = coalesce(client_order_id, ?), venue_order_id = coalesce(venue_order_id, ?)
                WHERE venue = ? AND fill_id = ?
                """,
            arguments: [fill.clientOrderID?.rawValue, fill.venueOrderID?.rawValue, venue.rawValue, fill.id.rawValue])
        return .duplicate
    }

    static func fills(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [Fill] {
        try Row.fetchAll(db, sql: "SELECT * FROM fills WHERE " + condition, arguments: arguments).map { row in
            let sideText: String = row["side"]
            guard let side = OrderSide(rawValue: sideText) else {
                throw StoreError.decoding(what: "fill side", reason: "unknown side '\(sideText)'")
            }
            let liquidityText: String? = row["liquidity"]
            return Fill(
                id: FillID(row["fill_id"]), clientOrderID: (row["client_order_id"] as String?).map(ClientOrderID.init),
                venueOrderID: (row["venue_order_id"] as String?).map(VenueOrderID.init),
                instrument: InstrumentID(venue: VenueID(row["venue"]), token: TokenID(row["token_id"])), side: side,
                price: Price(units: row["price_units"]), size: Size(units: row["size_units"]),
                fee: Amount(units: row["fee_units"]), liquidity: liquidityText.flatMap(Liquidity.init(rawValue:)),
                time: Timestamp(nanoseconds: row["time_ns"]))
        }
    }
}
