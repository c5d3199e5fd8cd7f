import EdgewiseCore
import GRDB

/// Radar opportunities. The record is stored whole as JSON (legs, curve, evidence); the columns
/// beside it exist to list open ones by profit and to keep the history of closed ones.
extension EdgewiseStore {
    /// Applies the radar's changes in one transaction: openings and updates upsert the row, and
    /// an id seen before (even in an earlier run) keeps its earliest first-seen time, in the
    /// columns and in the record alike; closings stamp the row.
    public func record(_ changes: [OpportunityChange]) throws(StoreError) {
        guard !changes.isEmpty else { return }
        try write("record \(changes.count) opportunity changes") { db in
            for change in changes {
                switch change {
                case .opened(var o), .updated(var o):
                    if let earlier = try Int64.fetchOne(
                        db, sql: "SELECT first_seen_ns FROM opportunities WHERE id = ?", arguments: [o.id.rawValue]),
                        earlier < o.firstSeen.nanoseconds
                    {
                        o.firstSeen = Timestamp(nanoseconds: earlier)
                    }
                    let json = try StoredJSON.encode(o, what: "opportunity \(o.id)")
                    try db.execute(
                        sql: """
                            INSERT INTO opportunities (id, kind, group_key, title, profit_units, cost_units, max_size_units,
                                first_seen_ns, last_seen_ns, closed_at_ns, record_json)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)
                            ON CONFLICT (id) DO UPDATE SET
                                title = excluded.title, profit_units = excluded.profit_units, cost_units = excluded.cost_units,
                                max_size_units = excluded.max_size_units,
                                first_seen_ns = excluded.first_seen_ns, last_seen_ns = excluded.last_seen_ns, closed_at_ns = NULL, record_json = excluded.record_json
                            """,
                        arguments: [
                            o.id.rawValue, o.kind.rawValue, o.group, o.title, o.profit.units, o.cost.units,
                            o.maxSize.units, o.firstSeen.nanoseconds, o.lastSeen.nanoseconds, json,
                        ])
                case .closed(let id, _, let at):
                    try db.execute(
                        sql: """
                            UPDATE opportunities SET closed_at_ns = ?, last_seen_ns = MAX(last_seen_ns, ?)
                            WHERE id = ? AND closed_at_ns IS NULL
                            """,
                        arguments: [at.nanoseconds, at.nanoseconds, id.rawValue])
                }
            }
        }
    }

    public func opportunity(id: OpportunityID) throws(StoreError) -> StoredOpportunity? {
        let row = try read("fetch opportunity \(id)") { db in
            try Row.fetchOne(
                db, sql: "SELECT id, record_json, closed_at_ns FROM opportunities WHERE id = ?", arguments: [id.rawValue])
        }
        return try row.map { row throws(StoreError) in try StoredOpportunity(row: row) }
    }

    /// Opportunities, most profitable first; only open ones unless `includeClosed`.
    public func opportunities(
        kind: OpportunityKind? = nil, includeClosed: Bool = false, limit: Int = 200
    ) throws(StoreError) -> [StoredOpportunity] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if !includeClosed { conditions.append("closed_at_ns IS NULL") }
        if let kind {
            conditions.append("kind = ?")
            arguments += [kind.rawValue]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [max(0, limit)]
        let rows = try read("list opportunities") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, record_json, closed_at_ns FROM opportunities \(filter) ORDER BY profit_units DESC, id LIMIT ?",
                arguments: arguments)
        }
        var result: [StoredOpportunity] = []
        for row in rows { result.append(try StoredOpportunity(row: row)) }
        return result
    }
}

/// An opportunity as stored: the record and, once it went away, when.
public struct StoredOpportunity: Sendable, Hashable {
    public var opportunity: Opportunity
    public var closedAt: Timestamp?

    init(row: Row) throws(StoreError) {
        let id: String = row["id"]
        opportunity = try StoredJSON.decode(Opportunity.self, from: row["record_json"], what: "opportunity \(id)")
        closedAt = (row["closed_at_ns"] as Int64?).map(Timestamp.init(nanoseconds:))
    }
}
