import GRDB

/// The schema, as an ordered list of migrations that are never edited once released: a user's
/// database is upgraded by replaying the ones it lacks. Each migration also stamps
/// `PRAGMA user_version`, so that a binary can recognise a file from a newer Edgewise (and
/// refuse it) even if the migration names changed.
///
/// Money columns are `INTEGER` millionths (`*_units`) and times `INTEGER` nanoseconds (`*_ns`):
/// SQLite `REAL` would round prices, and text would sort wrongly.
enum Migrations {
    struct Step: Sendable {
        let identifier: String
        let version: Int
        let body: @Sendable (Database) throws -> Void
    }

    static let steps: [Step] = [
        Step(identifier: "v1_catalog_decisions_journal_fills", version: 1, body: v1),
        Step(identifier: "v2_positions_cash", version: 2, body: v2),
        Step(identifier: "v3_market_pairs", version: 3, body: v3),
        Step(identifier: "v4_opportunities", version: 4, body: v4),
        Step(identifier: "v5_risk", version: 5, body: v5),
    ]

    /// The newest schema version this binary understands.
    static var currentVersion: Int { steps.last!.version }

    static func migrator(upTo identifier: String? = nil) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for step in steps {
            migrator.registerMigration(step.identifier) { db in
                try step.body(db)
                try db.execute(sql: "PRAGMA user_version = \(step.version)")
            }
            if step.identifier == identifier { break }
        }
        return migrator
    }

    private static func v1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE events (
                venue TEXT NOT NULL,
                id TEXT NOT NULL,
                slug TEXT,
                title TEXT NOT NULL,
                description TEXT NOT NULL,
                category TEXT,
                tags_json TEXT NOT NULL,
                settlement_source TEXT,
                status TEXT NOT NULL,
                open_time_ns INTEGER,
                end_time_ns INTEGER,
                is_mutually_exclusive INTEGER NOT NULL,
                is_exhaustive INTEGER NOT NULL,
                is_neg_risk INTEGER NOT NULL,
                is_neg_risk_augmented INTEGER NOT NULL,
                updated_at_ns INTEGER NOT NULL,
                PRIMARY KEY (venue, id)
            ) STRICT;
            CREATE INDEX events_slug ON events(venue, slug);

            -- No foreign key to events: venues list markets whose event we may never fetch.
            CREATE TABLE markets (
                venue TEXT NOT NULL,
                id TEXT NOT NULL,
                event_id TEXT,
                slug TEXT,
                question TEXT NOT NULL,
                rules TEXT NOT NULL,
                settlement_source TEXT,
                status TEXT NOT NULL,
                open_time_ns INTEGER,
                close_time_ns INTEGER,
                end_time_ns INTEGER,
                tick_size_units INTEGER,
                minimum_order_size_units INTEGER,
                is_neg_risk INTEGER NOT NULL,
                accepting_orders INTEGER NOT NULL,
                venue_reference TEXT,
                updated_at_ns INTEGER NOT NULL,
                PRIMARY KEY (venue, id)
            ) STRICT;
            CREATE INDEX markets_slug ON markets(venue, slug);
            CREATE INDEX markets_event ON markets(venue, event_id);

            CREATE TABLE outcomes (
                venue TEXT NOT NULL,
                market_id TEXT NOT NULL,
                ordinal INTEGER NOT NULL,
                token_id TEXT NOT NULL,
                name TEXT NOT NULL,
                indicative_price_units INTEGER,
                payout_units INTEGER,
                PRIMARY KEY (venue, market_id, ordinal),
                FOREIGN KEY (venue, market_id) REFERENCES markets(venue, id) ON DELETE CASCADE
            ) STRICT;
            CREATE UNIQUE INDEX outcomes_token ON outcomes(venue, token_id);

            CREATE TABLE decisions (
                id TEXT PRIMARY KEY NOT NULL,
                created_at_ns INTEGER NOT NULL,
                venue TEXT NOT NULL,
                market_id TEXT NOT NULL,
                stage TEXT NOT NULL,
                source TEXT NOT NULL,
                record_json TEXT NOT NULL,
                updated_at_ns INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX decisions_created ON decisions(created_at_ns);
            CREATE INDEX decisions_market ON decisions(venue, market_id);

            -- The order journal. order_json is the authoritative copy (Order's state is only
            -- settable through its state machine); the other columns exist to be queried.
            CREATE TABLE orders (
                client_order_id TEXT PRIMARY KEY NOT NULL,
                venue TEXT NOT NULL,
                token_id TEXT NOT NULL,
                market_id TEXT,
                venue_order_id TEXT,
                decision_id TEXT,
                side TEXT NOT NULL,
                limit_price_units INTEGER NOT NULL,
                size_units INTEGER NOT NULL,
                filled_size_units INTEGER NOT NULL,
                filled_notional_units INTEGER NOT NULL,
                fees_units INTEGER NOT NULL,
                status TEXT NOT NULL,
                may_be_live INTEGER NOT NULL,
                created_at_ns INTEGER NOT NULL,
                updated_at_ns INTEGER NOT NULL,
                last_sequence INTEGER NOT NULL,
                order_json TEXT NOT NULL
            ) STRICT;
            -- Not unique: a venue reusing an id must never stop the journal from recording.
            CREATE INDEX orders_venue_order ON orders(venue, venue_order_id) WHERE venue_order_id IS NOT NULL;
            CREATE INDEX orders_live ON orders(created_at_ns) WHERE may_be_live = 1;
            CREATE INDEX orders_decision ON orders(decision_id) WHERE decision_id IS NOT NULL;

            -- Append-only: sequence 0 is the journaling itself (event_json NULL).
            CREATE TABLE order_events (
                client_order_id TEXT NOT NULL REFERENCES orders(client_order_id) ON DELETE CASCADE,
                sequence INTEGER NOT NULL,
                event_json TEXT,
                status_after TEXT NOT NULL,
                recorded_at_ns INTEGER NOT NULL,
                PRIMARY KEY (client_order_id, sequence)
            ) STRICT;
            CREATE TRIGGER order_events_append_only_update BEFORE UPDATE ON order_events
            BEGIN SELECT RAISE(ABORT, 'order_events is append-only'); END;

            -- No foreign key to orders: fills of orders placed outside Edgewise (or before the
            -- journal existed) must still be recorded.
            CREATE TABLE fills (
                venue TEXT NOT NULL,
                fill_id TEXT NOT NULL,
                client_order_id TEXT,
                venue_order_id TEXT,
                token_id TEXT NOT NULL,
                side TEXT NOT NULL,
                price_units INTEGER NOT NULL,
                size_units INTEGER NOT NULL,
                fee_units INTEGER NOT NULL,
                liquidity TEXT,
                time_ns INTEGER NOT NULL,
                recorded_at_ns INTEGER NOT NULL,
                PRIMARY KEY (venue, fill_id)
            ) STRICT;
            CREATE INDEX fills_order ON fills(client_order_id) WHERE client_order_id IS NOT NULL;
            CREATE INDEX fills_instrument ON fills(venue, token_id, time_ns);
            """)
    }

    private static func v2(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE positions (
                venue TEXT NOT NULL,
                token_id TEXT NOT NULL,
                size_units INTEGER NOT NULL,
                cost_basis_units INTEGER NOT NULL,
                realized_pnl_units INTEGER NOT NULL,
                updated_at_ns INTEGER NOT NULL,
                PRIMARY KEY (venue, token_id)
            ) STRICT;

            CREATE TABLE cash_balances (
                venue TEXT PRIMARY KEY NOT NULL,
                amount_units INTEGER NOT NULL,
                updated_at_ns INTEGER NOT NULL
            ) STRICT;
            """)
    }

    /// Cross-venue pairs with their automatic settlement verdict and the user's override. The
    /// override lives in its own columns so the radar's re-checks (which rewrite the automatic
    /// columns) can never touch it. The markets and findings are JSON because they are shown,
    /// not queried.
    private static func v3(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE market_pairs (
                id TEXT PRIMARY KEY NOT NULL,
                a_venue TEXT NOT NULL,
                a_market_id TEXT NOT NULL,
                b_venue TEXT NOT NULL,
                b_market_id TEXT NOT NULL,
                a_json TEXT NOT NULL,
                b_json TEXT NOT NULL,
                polarity TEXT NOT NULL CHECK (polarity IN ('same', 'inverted')),
                candidate_score REAL,
                auto_verdict TEXT NOT NULL CHECK (auto_verdict IN ('equivalent', 'not_equivalent', 'needs_review')),
                findings_json TEXT NOT NULL,
                checked_at_ns INTEGER NOT NULL,
                override_verdict TEXT CHECK (override_verdict IN ('equivalent', 'not_equivalent', 'needs_review')),
                override_note TEXT,
                override_at_ns INTEGER,
                updated_at_ns INTEGER NOT NULL,
                CHECK ((override_verdict IS NULL) = (override_at_ns IS NULL))
            ) STRICT;
            CREATE INDEX market_pairs_a ON market_pairs(a_venue, a_market_id);
            CREATE INDEX market_pairs_b ON market_pairs(b_venue, b_market_id);
            CREATE INDEX market_pairs_effective ON market_pairs(COALESCE(override_verdict, auto_verdict));
            """)
    }

    /// Radar opportunities: one row per stable id, updated in place while it stays open and
    /// marked closed when it goes, so the history of what the radar saw survives restarts.
    private static func v4(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE opportunities (
                id TEXT PRIMARY KEY NOT NULL,
                kind TEXT NOT NULL,
                group_key TEXT NOT NULL,
                title TEXT NOT NULL,
                profit_units INTEGER NOT NULL,
                cost_units INTEGER NOT NULL,
                max_size_units INTEGER NOT NULL,
                first_seen_ns INTEGER NOT NULL,
                last_seen_ns INTEGER NOT NULL,
                closed_at_ns INTEGER,
                record_json TEXT NOT NULL
            ) STRICT;
            CREATE INDEX opportunities_open ON opportunities(closed_at_ns, profit_units);
            CREATE INDEX opportunities_kind ON opportunities(kind, last_seen_ns);
            """)
    }

    /// The risk engine's memory across restarts: the kill switch (one row; a tripped switch stays
    /// tripped until reset by hand) and the equity watermarks the daily-loss and drawdown limits
    /// are measured from (one row), so that restarting the agent resets neither.
    private static func v5(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE kill_switch (
                id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
                tripped INTEGER NOT NULL CHECK (tripped IN (0, 1)),
                reason_json TEXT,
                tripped_at_ns INTEGER,
                reset_at_ns INTEGER,
                reset_note TEXT,
                reset_cleared_json TEXT,
                updated_at_ns INTEGER NOT NULL,
                CHECK ((tripped = 1) = (reason_json IS NOT NULL AND tripped_at_ns IS NOT NULL))
            ) STRICT;

            CREATE TABLE equity_watermarks (
                id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
                day INTEGER NOT NULL,
                start_of_day_units INTEGER NOT NULL,
                peak_units INTEGER NOT NULL,
                peak_at_ns INTEGER NOT NULL,
                last_units INTEGER NOT NULL,
                last_at_ns INTEGER NOT NULL,
                updated_at_ns INTEGER NOT NULL
            ) STRICT;
            """)
    }
}
