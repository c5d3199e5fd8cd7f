import EdgewiseCore
import GRDB

/// The risk engine's persisted memory: the kill switch and the equity watermarks. Both are one
/// row each; every change is one transaction that reads and writes the row, so two callers can
/// never interleave a trip and a reset.
extension EdgewiseStore {
    // MARK: - Kill switch

    /// The kill switch as stored; armed when it was never tripped.
    public func killSwitch() throws(StoreError) -> KillSwitchState {
        try read("read kill switch") { db in try Self.killSwitch(db) }
    }

    /// Trips the switch; an already tripped switch keeps its first trip (time and reason).
    /// Returns the state as now stored.
    @discardableResult
    public func tripKillSwitch(_ reason: KillSwitchReason, at time: Timestamp) throws(StoreError) -> KillSwitchState {
        try write("trip kill switch") { db in
            let next = try Self.killSwitch(db).tripping(reason, at: time)
            try Self.save(next, db)
            return next
        }
    }

    /// Re-arms a tripped switch and records who reset it; returns false (and changes nothing)
    /// when the switch was not tripped.
    @discardableResult
    public func resetKillSwitch(at time: Timestamp, note: String? = nil) throws(StoreError) -> Bool {
        try write("reset kill switch") { db in
            guard let next = try Self.killSwitch(db).resetting(at: time, note: note) else { return false }
            try Self.save(next, db)
            return true
        }
    }

    private static func killSwitch(_ db: Database) throws -> KillSwitchState {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM kill_switch WHERE id = 1") else { return .armed }
        var state = KillSwitchState()
        if (row["tripped"] as Int64) == 1 {
            let reason = try StoredJSON.decode(KillSwitchReason.self, from: row["reason_json"], what: "kill switch reason")
            state.trip = KillSwitchTrip(reason: reason, at: Timestamp(nanoseconds: row["tripped_at_ns"]))
        }
        if let at: Int64 = row["reset_at_ns"], let cleared: String = row["reset_cleared_json"] {
            let trip = try StoredJSON.decode(KillSwitchTrip.self, from: cleared, what: "kill switch reset")
            state.lastReset = KillSwitchState.Reset(cleared: trip, at: Timestamp(nanoseconds: at), note: row["reset_note"])
        }
        return state
    }

    private static func save(_ state: KillSwitchState, _ db: Database) throws {
        let reason = try state.trip.map { trip throws(StoreError) in try StoredJSON.encode(trip.reason, what: "kill switch reason") }
        let cleared = try state.lastReset.map { reset throws(StoreError) in
            try StoredJSON.encode(reset.cleared, what: "kill switch reset")
        }
        try db.execute(
            sql: """
                INSERT INTO kill_switch (id, tripped, reason_json, tripped_at_ns, reset_at_ns, reset_note, reset_cleared_json, updated_at_ns)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    tripped = excluded.tripped, reason_json = excluded.reason_json, tripped_at_ns = excluded.tripped_at_ns,
                    reset_at_ns = excluded.reset_at_ns, reset_note = excluded.reset_note,
                    reset_cleared_json = excluded.reset_cleared_json, updated_at_ns = excluded.updated_at_ns
                """,
            arguments: [
                state.isTripped ? 1 : 0, reason, state.trip?.at.nanoseconds, state.lastReset?.at.nanoseconds,
                state.lastReset?.note, cleared, Timestamp.now().nanoseconds,
            ])
    }

    // MARK: - Equity watermarks

    /// The stored start-of-day and peak equity; nil before the first observation.
    public func equityWatermarks() throws(StoreError) -> EquityWatermarks? {
        try read("read equity watermarks") { db in try Self.watermarks(db) }
    }

    /// Records an equity observation (``EquityWatermarks/observing(_:at:)``: a new UTC day starts
    /// from it, a new high becomes the peak) and returns the watermarks as now stored.
    @discardableResult
    public func recordEquity(_ equity: Amount, at time: Timestamp) throws(StoreError) -> EquityWatermarks {
        try write("record equity") { db in
            let next = try Self.watermarks(db)?.observing(equity, at: time) ?? EquityWatermarks(first: equity, at: time)
            try Self.save(next, db)
            return next
        }
    }

    /// Starts the day and the peak from `equity` again (after a kill-switch reset, so that the
    /// drawdown that tripped it does not trip it again at once).
    @discardableResult
    public func rebaseEquity(_ equity: Amount, at time: Timestamp) throws(StoreError) -> EquityWatermarks {
        try write("rebase equity") { db in
            let next = EquityWatermarks(first: equity, at: time)
            try Self.save(next, db)
            return next
        }
    }

    private static func watermarks(_ db: Database) throws -> EquityWatermarks? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM equity_watermarks WHERE id = 1") else { return nil }
        return EquityWatermarks(
            day: row["day"], startOfDay: Amount(units: row["start_of_day_units"]), peak: Amount(units: row["peak_units"]),
            peakAt: Timestamp(nanoseconds: row["peak_at_ns"]), last: Amount(units: row["last_units"]),
            lastAt: Timestamp(nanoseconds: row["last_at_ns"]))
    }

    private static func save(_ marks: EquityWatermarks, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO equity_watermarks (id, day, start_of_day_units, peak_units, peak_at_ns, last_units, last_at_ns, updated_at_ns)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    day = excluded.day, start_of_day_units = excluded.start_of_day_units, peak_units = excluded.peak_units,
                    peak_at_ns = excluded.peak_at_ns, last_units = excluded.last_units, last_at_ns = excluded.last_at_ns,
                    updated_at_ns = excluded.updated_at_ns
                """,
            arguments: [
                marks.day, marks.startOfDay.units, marks.peak.units, marks.peakAt.nanoseconds, marks.last.units,
                marks.lastAt.nanoseconds, Timestamp.now().nanoseconds,
            ])
    }
}
