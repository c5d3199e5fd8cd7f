import EdgewiseCore
import GRDB

/// Cross-venue pairs and their settlement verdicts. The radar writes the automatic assessment as
/// often as it likes; a user's override is written only through ``setOverride(pair:_:)`` and
/// cleared only through ``clearOverride(pair:)``, so no re-check can undo a review.
extension EdgewiseStore {
    /// Inserts the pair, or refreshes its markets, polarity, score and automatic assessment.
    /// A stored override is kept; the pair's own ``MarketPair/override`` is written only when
    /// the pair is new (so an import can carry reviews along).
    public func upsertAutomatic(pair: MarketPair) throws(StoreError) {
        let what = "market pair \(pair.id)"
        let a = try StoredJSON.encode(pair.a, what: what)
        let b = try StoredJSON.encode(pair.b, what: what)
        let findings = try StoredJSON.encode(pair.assessment.findings, what: what)
        let now = Timestamp.now()
        try write("save \(what)") { db in
            try db.execute(
                sql: """
                    INSERT INTO market_pairs (
                        id, a_venue, a_market_id, b_venue, b_market_id, a_json, b_json, polarity, candidate_score,
                        auto_verdict, findings_json, checked_at_ns, override_verdict, override_note, override_at_ns,
                        updated_at_ns)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET
                        a_venue = excluded.a_venue, a_market_id = excluded.a_market_id,
                        b_venue = excluded.b_venue, b_market_id = excluded.b_market_id,
                        a_json = excluded.a_json, b_json = excluded.b_json, polarity = excluded.polarity,
                        candidate_score = excluded.candidate_score, auto_verdict = excluded.auto_verdict,
                        findings_json = excluded.findings_json, checked_at_ns = excluded.checked_at_ns,
                        updated_at_ns = excluded.updated_at_ns
                    """,
                arguments: [
                    pair.id.rawValue, pair.a.venue.rawValue, pair.a.marketID.rawValue, pair.b.venue.rawValue,
                    pair.b.marketID.rawValue, a, b, pair.polarity.rawValue, pair.candidateScore,
                    pair.assessment.verdict.rawValue, findings, pair.assessment.checkedAt.nanoseconds,
                    pair.override?.verdict.rawValue, pair.override?.note, pair.override?.at.nanoseconds, now.nanoseconds,
                ])
        }
    }

    /// Records a user's verdict; returns the pair as now stored.
    @discardableResult
    public func setOverride(pair id: MarketPairID, _ override: PairOverride) throws(StoreError) -> MarketPair {
        try changeOverride(id, override, operation: "set override on market pair \(id)")
    }

    /// Removes the user's verdict so the automatic one applies again; returns the pair as now stored.
    @discardableResult
    public func clearOverride(pair id: MarketPairID) throws(StoreError) -> MarketPair {
        try changeOverride(id, nil, operation: "clear override on market pair \(id)")
    }

    public func marketPair(id: MarketPairID) throws(StoreError) -> MarketPair? {
        let row = try read("fetch market pair \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM market_pairs WHERE id = ?", arguments: [id.rawValue])
        }
        return try row.map { row throws(StoreError) in try Self.marketPair(row) }
    }

    /// Pairs ordered by id, optionally only those whose effective verdict (override, else
    /// automatic) is `verdict`.
    public func marketPairs(verdict: SettlementVerdict? = nil) throws(StoreError) -> [MarketPair] {
        let rows = try read("list market pairs") { db in
            if let verdict {
                return try Row.fetchAll(
                    db, sql: "SELECT * FROM market_pairs WHERE COALESCE(override_verdict, auto_verdict) = ? ORDER BY id",
                    arguments: [verdict.rawValue])
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM market_pairs ORDER BY id")
        }
        var pairs: [MarketPair] = []
        for row in rows { pairs.append(try Self.marketPair(row)) }
        return pairs
    }

    private func changeOverride(_ id: MarketPairID, _ override: PairOverride?, operation: String) throws(StoreError) -> MarketPair {
        let changed = try write(operation) { db in
            try db.execute(
                sql: """
                    UPDATE market_pairs SET override_verdict = ?, override_note = ?, override_at_ns = ?, updated_at_ns = ?
                    WHERE id = ?
                    """,
                arguments: [
                    override?.verdict.rawValue, override?.note, override?.at.nanoseconds, Timestamp.now().nanoseconds,
                    id.rawValue,
                ])
            return db.changesCount
        }
        guard changed > 0, let pair = try marketPair(id: id) else { throw .unknownPair(id) }
        return pair
    }

    private static func marketPair(_ row: Row) throws(StoreError) -> MarketPair {
        let id = MarketPairID(row["id"] as String)
        let what = "market pair \(id)"
        let a = try StoredJSON.decode(PairedMarket.self, from: row["a_json"], what: what)
        let b = try StoredJSON.decode(PairedMarket.self, from: row["b_json"], what: what)
        let findings = try StoredJSON.decode([SettlementFinding].self, from: row["findings_json"], what: what)
        guard let polarity = PairPolarity(rawValue: row["polarity"]),
            let automatic = SettlementVerdict(rawValue: row["auto_verdict"])
        else { throw .decoding(what: what, reason: "unknown polarity or verdict") }
        let assessment = SettlementAssessment(findings: findings, checkedAt: Timestamp(nanoseconds: row["checked_at_ns"]))
        guard assessment.verdict == automatic else {
            throw .decoding(what: what, reason: "stored verdict \(automatic) disagrees with its findings (\(assessment.verdict))")
        }
        var override: PairOverride?
        if let verdictText: String = row["override_verdict"] {
            guard let verdict = SettlementVerdict(rawValue: verdictText) else {
                throw .decoding(what: what, reason: "unknown override verdict \(verdictText)")
            }
            override = PairOverride(verdict: verdict, note: row["override_note"], at: Timestamp(nanoseconds: row["override_at_ns"]))
        }
        var pair = MarketPair(
            a: a, b: b, polarity: polarity, candidateScore: row["candidate_score"], assessment: assessment, override: override)
        // The id is the stored one even if a future id scheme derives it differently.
        pair.id = id
        return pair
    }
}
