import EdgewiseCore
import GRDB

/// The market catalog: events, markets and their outcome tokens, as the venues list them.
/// A refresh replaces what is stored for each market, so the catalog is always the venue's
/// latest view rather than a merge of old and new.
extension EdgewiseStore {
    /// Inserts or replaces the given markets and their outcomes, in one transaction.
    public func upsert(markets: [Market]) throws(StoreError) {
        let now = Timestamp.now()
        try write("upsert markets") { db in
            for market in markets { try Self.upsert(market, db, now: now) }
        }
    }

    /// Inserts or replaces an event and every market it lists, in one transaction.
    public func upsert(event: Event) throws(StoreError) {
        let now = Timestamp.now()
        let tags = try StoredJSON.encode(event.tags, what: "tags of event \(event.id)")
        try write("upsert event \(event.id)") { db in
            try db.execute(
                sql: """
                    INSERT INTO events (venue, id, slug, title, description, category, tags_json, settlement_source,
                        status, open_time_ns, end_time_ns, is_mutually_exclusive, is_exhaustive, is_neg_risk,
                        is_neg_risk_augmented, updated_at_ns)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (venue, id) DO UPDATE SET
                        slug = excluded.slug, title = excluded.title, description = excluded.description,
                        category = excluded.category, tags_json = excluded.tags_json,
                        settlement_source = excluded.settlement_source, status = excluded.status,
                        open_time_ns = excluded.open_time_ns, end_time_ns = excluded.end_time_ns,
                        is_mutually_exclusive = excluded.is_mutually_exclusive, is_exhaustive = excluded.is_exhaustive,
                        is_neg_risk = excluded.is_neg_risk, is_neg_risk_augmented = excluded.is_neg_risk_augmented,
                        updated_at_ns = excluded.updated_at_ns
                    """,
                arguments: [
                    event.venue.rawValue, event.id.rawValue, event.slug, event.title, event.description,
                    event.category, tags, event.settlementSource, event.status.label, event.openTime?.nanoseconds,
                    event.endTime?.nanoseconds, event.isMutuallyExclusive, event.isExhaustive, event.isNegRisk,
                    event.isNegRiskAugmented, now.nanoseconds,
                ])
            for market in event.markets { try Self.upsert(market, db, now: now) }
        }
    }

    /// An event with the markets stored under it (ordered by market id).
    public func event(venue: VenueID, id: EventID) throws(StoreError) -> Event? {
        try read("fetch event \(id)") { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT * FROM events WHERE venue = ? AND id = ?", arguments: [venue.rawValue, id.rawValue])
            else { return nil }
            let markets = try Self.markets(
                db, where: "venue = ? AND event_id = ? ORDER BY id", arguments: [venue.rawValue, id.rawValue])
            let tags = try StoredJSON.decode([String].self, from: row["tags_json"], what: "tags of event \(id)")
            return Event(
                venue: venue, id: id, slug: row["slug"], title: row["title"], description: row["description"],
                category: row["category"], tags: tags, settlementSource: row["settlement_source"], markets: markets,
                status: MarketStatus(label: row["status"]), openTime: Self.timestamp(row["open_time_ns"]),
                endTime: Self.timestamp(row["end_time_ns"]), isMutuallyExclusive: row["is_mutually_exclusive"],
                isExhaustive: row["is_exhaustive"], isNegRisk: row["is_neg_risk"],
                isNegRiskAugmented: row["is_neg_risk_augmented"])
        }
    }

    public func market(venue: VenueID, id: MarketID) throws(StoreError) -> Market? {
        try read("fetch market \(id)") { db in
            try Self.markets(db, where: "venue = ? AND id = ?", arguments: [venue.rawValue, id.rawValue]).first
        }
    }

    public func market(venue: VenueID, slug: String) throws(StoreError) -> Market? {
        try read("fetch market \(slug)") { db in
            try Self.markets(db, where: "venue = ? AND slug = ? ORDER BY id LIMIT 1", arguments: [venue.rawValue, slug]).first
        }
    }

    /// The market that trades `instrument`'s token.
    public func market(trading instrument: InstrumentID) throws(StoreError) -> Market? {
        try read("fetch market of \(instrument)") { db in
            try Self.markets(
                db,
                where: "(venue, id) IN (SELECT venue, market_id FROM outcomes WHERE venue = ? AND token_id = ?)",
                arguments: [instrument.venue.rawValue, instrument.token.rawValue]
            ).first
        }
    }

    /// Markets whose question or slug contains `text` (case-insensitive for ASCII), tradable
    /// ones first.
    public func searchMarkets(_ text: String, venue: VenueID? = nil, limit: Int = 20) throws(StoreError) -> [Market] {
        let pattern = "%" + Self.escapeLike(text) + "%"
        var condition = "(question LIKE ? ESCAPE '\\' OR slug LIKE ? ESCAPE '\\')"
        var arguments: StatementArguments = [pattern, pattern]
        if let venue {
            condition += " AND venue = ?"
            arguments += [venue.rawValue]
        }
        condition += " ORDER BY status = 'open' DESC, question, venue, id LIMIT ?"
        arguments += [max(0, limit)]
        return try read("search markets") { db in try Self.markets(db, where: condition, arguments: arguments) }
    }

    // MARK: - Rows

    static func upsert(_ market: Market, _ db: Database, now: Timestamp) throws {
        try db.execute(
            sql: """
                INSERT INTO markets (venue, id, event_id, slug, question, rules, settlement_source, status, open_time_ns,
                    close_time_ns, end_time_ns, tick_size_units, minimum_order_size_units, is_neg_risk, accepting_orders,
                    venue_reference, updated_at_ns)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (venue, id) DO UPDATE SET
                    event_id = excluded.event_id, slug = excluded.slug, question = excluded.question,
                    rules = excluded.rules, settlement_source = excluded.settlement_source, status = excluded.status,
                    open_time_ns = excluded.open_time_ns, close_time_ns = excluded.close_time_ns,
                    end_time_ns = excluded.end_time_ns, tick_size_units = excluded.tick_size_units,
                    minimum_order_size_units = excluded.minimum_order_size_units, is_neg_risk = excluded.is_neg_risk,
                    accepting_orders = excluded.accepting_orders, venue_reference = excluded.venue_reference,
                    updated_at_ns = excluded.updated_at_ns
                """,
            arguments: [
                market.venue.rawValue, market.id.rawValue, market.eventID?.rawValue, market.slug, market.question,
                market.rules, market.settlementSource, market.status.label, market.openTime?.nanoseconds,
                market.closeTime?.nanoseconds, market.endTime?.nanoseconds, market.tickSize?.units,
                market.minimumOrderSize?.units, market.isNegRisk, market.acceptingOrders, market.venueReference,
                now.nanoseconds,
            ])
        // Outcomes are replaced as a whole: the venue's list is the truth, including its order.
        try db.execute(
            sql: "DELETE FROM outcomes WHERE venue = ? AND market_id = ?",
            arguments: [market.venue.rawValue, market.id.rawValue])
        for (ordinal, outcome) in market.outcomes.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO outcomes (venue, market_id, ordinal, token_id, name, indicative_price_units, payout_units)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    market.venue.rawValue, market.id.rawValue, ordinal, outcome.token.rawValue, outcome.name,
                    outcome.indicativePrice?.units, outcome.payout?.units,
                ])
        }
    }

    static func markets(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [Market] {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM markets WHERE " + condition, arguments: arguments)
        return try rows.map { row in
            let venue = VenueID(row["venue"])
            let id = MarketID(row["id"])
            let outcomes = try Row.fetchAll(
                db,
                sql: "SELECT * FROM outcomes WHERE venue = ? AND market_id = ? ORDER BY ordinal",
                arguments: [venue.rawValue, id.rawValue]
            ).map { outcome in
                Outcome(
                    token: TokenID(outcome["token_id"]), name: outcome["name"],
                    indicativePrice: (outcome["indicative_price_units"] as Int64?).map(Price.init(units:)),
                    payout: (outcome["payout_units"] as Int64?).map(Price.init(units:)))
            }
            return Market(
                venue: venue, id: id, eventID: (row["event_id"] as String?).map(EventID.init),
                slug: row["slug"], question: row["question"], rules: row["rules"],
                settlementSource: row["settlement_source"], outcomes: outcomes,
                status: MarketStatus(label: row["status"]), openTime: timestamp(row["open_time_ns"]),
                closeTime: timestamp(row["close_time_ns"]), endTime: timestamp(row["end_time_ns"]),
                tickSize: (row["tick_size_units"] as Int64?).map(Price.init(units:)),
                minimumOrderSize: (row["minimum_order_size_units"] as Int64?).map(Size.init(units:)),
                isNegRisk: row["is_neg_risk"], acceptingOrders: row["accepting_orders"],
                venueReference: row["venue_reference"])
        }
    }

    static func timestamp(_ nanoseconds: Int64?) -> Timestamp? {
        nanoseconds.map(Timestamp.init(nanoseconds:))
    }

    static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
