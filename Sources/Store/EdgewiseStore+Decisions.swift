import EdgewiseCore
import GRDB

/// Decision records: the audit trail from evidence to P&L. The record is stored whole as JSON
/// because its stages grow over time; the columns beside it exist only to find records.
extension EdgewiseStore {
    /// Inserts the record, or replaces the stored one with the same id as its stages fill in.
    public func save(decision: DecisionRecord) throws(StoreError) {
        let json = try StoredJSON.encode(decision, what: "decision \(decision.id)")
        let now = Timestamp.now()
        try write("save decision \(decision.id)") { db in
            try db.execute(
                sql: """
                    INSERT INTO decisions (id, created_at_ns, venue, market_id, stage, source, record_json, updated_at_ns)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET
                        created_at_ns = excluded.created_at_ns, venue = excluded.venue, market_id = excluded.market_id,
                        stage = excluded.stage, source = excluded.source, record_json = excluded.record_json,
                        updated_at_ns = excluded.updated_at_ns
                    """,
                arguments: [
                    decision.id.rawValue, decision.createdAt.nanoseconds, decision.venue.rawValue,
                    decision.marketID.rawValue, decision.stage.rawValue, decision.source, json, now.nanoseconds,
                ])
        }
    }

    public func decision(id: DecisionID) throws(StoreError) -> DecisionRecord? {
        let json = try read("fetch decision \(id)") { db in
            try String.fetchOne(db, sql: "SELECT record_json FROM decisions WHERE id = ?", arguments: [id.rawValue])
        }
        return try json.map { json throws(StoreError) in
            try StoredJSON.decode(DecisionRecord.self, from: json, what: "decision \(id)")
        }
    }

    /// The newest decisions first, optionally only those about one market or at one stage.
    public func recentDecisions(
        limit: Int = 50, venue: VenueID? = nil, marketID: MarketID? = nil, stage: DecisionStage? = nil
    ) throws(StoreError) -> [DecisionRecord] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let venue {
            conditions.append("venue = ?")
            arguments += [venue.rawValue]
        }
        if let marketID {
            conditions.append("market_id = ?")
            arguments += [marketID.rawValue]
        }
        if let stage {
            conditions.append("stage = ?")
            arguments += [stage.rawValue]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [max(0, limit)]
        let rows = try read("list decisions") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, record_json FROM decisions \(filter) ORDER BY created_at_ns DESC, id DESC LIMIT ?",
                arguments: arguments)
        }
        var records: [DecisionRecord] = []
        for row in rows {
            let id: String = row["id"]
            records.append(try StoredJSON.decode(DecisionRecord.self, from: row["record_json"], what: "decision \(id)"))
        }
        return records
    }
}
