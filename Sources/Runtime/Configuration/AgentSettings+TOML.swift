import EdgewiseCore
import EdgewiseDecision
import Foundation

extension AgentSettings {
    static let agentKeys = [
        "venues", "paper_cash", "on_shutdown", "status_interval_seconds", "kill_switch_poll_seconds", "max_book_age_seconds",
        "twap_above", "twap_slices", "twap_seconds",
    ]
    static let riskKeys = [
        "per_event", "per_order", "per_venue", "per_category", "daily_loss", "max_drawdown", "max_book_age_milliseconds",
        "risk_off",
    ]
    static let sizingKeys = [
        "method", "multiplier", "unit_size", "count", "amount", "max_loss", "bankroll", "per_order_cap",
        "minimum_edge_per_share", "minimum_return_basis_points", "minimum_size", "size_step",
    ]
    static let tierKeys = ["minimum_edge", "maximum_uncertainty", "cap"]
    static let exitKeys = ["stop_loss", "take_profit", "trailing_stop", "fraction"]
    static let strategyKeys = ["type", "enabled"]
    static let arbitrageKeys = [
        "kinds", "minimum_profit", "minimum_return", "max_cost_per_basket", "cooldown_seconds", "max_slippage",
        "leg_time_budget_seconds", "in_flight_timeout_seconds", "size_step",
    ]
    static let tailKeys = [
        "min_price", "max_price", "hours_to_end", "include_categories", "exclude_categories", "max_cost_per_market",
        "assumed_probability", "minimum_edge", "max_book_age_seconds", "scan_interval_seconds",
    ]
    static let confidenceKeys = ["minimum_edge", "max_book_age_seconds", "max_position_cost", "order_timeout_seconds"]
    /// The venues an agent can trade.
    static let supportedVenues: [VenueID] = [.polymarket, .kalshi, .manifold]
    /// The tables named by the user rather than by Edgewise, for error messages.
    static let dynamicTableNames = [
        "risk.venue_overrides", "risk.category_overrides", "sizing.tiers.<name>", "strategies.<name>",
    ]

    /// Whether `table` is read here rather than by the rest of the configuration.
    static func owns(table: String) -> Bool {
        ["agent", "risk", "sizing", "exits", "risk.venue_overrides", "risk.category_overrides"].contains(table)
            || table.hasPrefix("sizing.") || table.hasPrefix("strategies.")
    }

    /// Reads the agent's tables of `document`; every table absent leaves its defaults.
    init(_ document: TOMLDocument) throws(ConfigurationError) {
        self.init()
        for table in document.tables.keys.sorted() where table.hasPrefix("sizing.") || table.hasPrefix("risk.") {
            let allowed = table.hasPrefix("sizing.tiers.") && table.split(separator: ".").count == 3
                || table == "risk.venue_overrides" || table == "risk.category_overrides"
            guard allowed else {
                throw .unknownKey(
                    table: table, key: "(table)", known: Self.dynamicTableNames, line: document.line(table: table, key: nil))
            }
        }
        try readAgent(TOMLTable("agent", in: document, known: Self.agentKeys))
        try readRisk(document)
        try readSizing(document)
        try readStrategies(document)
        try readExits(TOMLTable("exits", in: document, known: Self.exitKeys))
    }

    private mutating func readExits(_ table: TOMLTable) throws(ConfigurationError) {
        exits.stopLoss = try table.price("stop_loss")
        exits.takeProfit = try table.price("take_profit")
        exits.trailingStop = try table.price("trailing_stop")
        if let fraction = try table.fixedPoint(
            "fraction", as: Price.self, expected: "a share above 0 and at most 1, like \"0.5\"",
            where: { $0.units > 0 && $0.units <= FixedPoint.unitsPerWhole })
        {
            exits.fractionBasisPoints = Int(fraction.units / (FixedPoint.unitsPerWhole / 10_000))
        }
    }

    private mutating func readAgent(_ table: TOMLTable) throws(ConfigurationError) {
        let accepted = Self.supportedVenues.map(\.rawValue).joined(separator: ", ")
        if let names = try table.strings("venues", expected: "a list of venues from \(accepted)") {
            var venues: [VenueID] = []
            for name in names {
                guard let venue = Self.supportedVenues.first(where: { $0.rawValue == name.lowercased() }) else {
                    throw table.invalid("venues", .string(name), expected: "venues from \(accepted)")
                }
                if !venues.contains(venue) { venues.append(venue) }
            }
            guard !venues.isEmpty else { throw table.invalid("venues", .array([]), expected: "at least one of \(accepted)") }
            self.venues = venues
        }
        if let cash = try table.amount("paper_cash", positive: true) { paperCash = cash }
        if let value = table.values["on_shutdown"] {
            guard case .string(let text) = value, let policy = ShutdownPolicy(rawValue: text.lowercased()) else {
                throw table.invalid("on_shutdown", value, expected: "\"cancel\" or \"keep\"")
            }
            onShutdown = policy
        }
        if let seconds = try table.seconds("status_interval_seconds") { statusIntervalSeconds = seconds }
        if let seconds = try table.seconds("kill_switch_poll_seconds") { killSwitchPollSeconds = seconds }
        if let seconds = try table.seconds("max_book_age_seconds") { maxBookAgeSeconds = seconds }
        let slices = try table.integer("twap_slices", expected: "a number of slices from 2 to 100", where: { (2...100).contains($0) })
        let seconds = try table.seconds("twap_seconds")
        if let above = try table.amount("twap_above", positive: true) {
            twap = TWAPPolicy(above: above, slices: slices.map { Int($0) } ?? 5, seconds: seconds ?? 300)
        } else if slices != nil || seconds != nil {
            throw table.invalid(
                slices != nil ? "twap_slices" : "twap_seconds", table.values[slices != nil ? "twap_slices" : "twap_seconds"]!,
                expected: "twap_above as well: the notional above which orders are worked as a TWAP")
        }
    }

    private mutating func readRisk(_ document: TOMLDocument) throws(ConfigurationError) {
        let table = try TOMLTable("risk", in: document, known: Self.riskKeys)
        var limits = RiskLimits()
        if let cap = try table.cap("per_event") { limits.perEvent = cap }
        if let cap = try table.cap("per_order") { limits.perOrder = cap }
        if let cap = try table.cap("per_venue") { limits.perVenue = cap }
        if let cap = try table.cap("per_category") { limits.perCategory = cap }
        if let cap = try table.cap("daily_loss") { limits.dailyLoss = cap }
        if let cap = try table.cap("max_drawdown") { limits.maxDrawdown = cap }
        if let age = try table.integer("max_book_age_milliseconds", expected: "a positive number of milliseconds", where: { $0 > 0 }) {
            limits.maxBookAgeMilliseconds = age
        }
        if let riskOff = try table.bool("risk_off") { limits.riskOff = riskOff }
        for name in ["risk.venue_overrides", "risk.category_overrides"] {
            for (key, value) in (document.tables[name] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let cap = try TOMLTable.cap(value, source: "\(name).\(key)")
                if name == "risk.category_overrides" {
                    limits.categoryOverrides[key] = cap
                    continue
                }
                guard Self.supportedVenues.contains(VenueID(key)) else {
                    throw .unknownKey(
                        table: name, key: key, known: Self.supportedVenues.map(\.rawValue), line: document.line(table: name, key: key))
                }
                limits.venueOverrides[key] = cap
            }
        }
        risk = limits
    }

    private mutating func readSizing(_ document: TOMLDocument) throws(ConfigurationError) {
        let table = try TOMLTable("sizing", in: document, known: Self.sizingKeys)
        let bankroll = try table.amount("bankroll", positive: true) ?? paperCash
        // 5 % of the bankroll per order, like the risk engine's default per-order cap.
        let perOrderCap = try table.amount("per_order_cap", positive: true)
            ?? Amount(units: Int64(FixedPoint.divide(Int128(bankroll.units) * 5, 100, .down)))
        var limits = SizingLimits(bankroll: bankroll, perOrderCap: perOrderCap)
        if let edge = try table.price("minimum_edge_per_share", margin: true) { limits.minimumEdgePerShare = edge }
        if let bps = try table.integer(
            "minimum_return_basis_points", expected: "whole basis points from 0 to 10000", where: { (0...10_000).contains($0) })
        {
            limits.minimumReturnBasisPoints = Int(bps)
        }
        if let minimum = try table.size("minimum_size") { limits.minimumSize = minimum }
        if let step = try table.size("size_step") { limits.sizeStep = step }

        let kinds = SizingMethod.Kind.allCases
        let names = kinds.map { Self.snakeCase($0.rawValue) }
        var kind = SizingMethod.Kind.confidenceTiers
        if let value = table.values["method"] {
            guard case .string(let text) = value,
                let index = names.firstIndex(of: text) ?? kinds.firstIndex(where: { $0.rawValue == text })
            else { throw table.invalid("method", value, expected: names.joined(separator: ", ")) }
            kind = kinds[index]
        }
        // Each parameter belongs to one method; a stray one is a mistake, not something to ignore.
        let owners: [String: SizingMethod.Kind] = [
            "multiplier": .fractionalKelly, "unit_size": .units, "count": .units, "amount": .flat, "max_loss": .invertedRisk,
        ]
        for (key, owner) in owners.sorted(by: { $0.key < $1.key }) where owner != kind && table.values[key] != nil {
            throw .invalidValue(
                source: table.source(key), value: TOMLTable.text(table.values[key]!),
                expected: "no \(key) with method \(Self.snakeCase(kind.rawValue)); it belongs to method \(Self.snakeCase(owner.rawValue))")
        }
        func required<T>(_ value: T?, _ key: String) throws(ConfigurationError) -> T {
            guard let value else {
                throw .invalidValue(source: table.source(key), value: "(missing)", expected: "a value for method \(Self.snakeCase(kind.rawValue))")
            }
            return value
        }
        let tierTables = document.tables.keys.filter { $0.hasPrefix("sizing.tiers.") }.sorted()
        if kind != .confidenceTiers, let first = tierTables.first {
            throw .invalidValue(source: first, value: "(table)", expected: "tiers only with method confidence_tiers")
        }
        let method: SizingMethod
        switch kind {
        case .kelly:
            method = .kelly
        case .fractionalKelly:
            method = .fractionalKelly(multiplier: try required(
                try table.double("multiplier", expected: "a fraction in (0, 1], usually 0.1–0.25", where: { $0 > 0 && $0 <= 1 }),
                "multiplier"))
        case .units:
            method = .units(
                unitSize: try required(try table.amount("unit_size", positive: true), "unit_size"),
                count: Int(try required(try table.integer("count", expected: "a unit count from 0 to 1000", where: { (0...1000).contains($0) }), "count")))
        case .flat:
            method = .flat(amount: try required(try table.amount("amount", positive: true), "amount"))
        case .invertedRisk:
            method = .invertedRisk(maxLoss: try required(try table.amount("max_loss", positive: true), "max_loss"))
        case .confidenceTiers:
            if tierTables.isEmpty {
                method = .default(bankroll: bankroll)
            } else {
                var tiers: [ConfidenceTier] = []
                for name in tierTables {
                    let tier = try TOMLTable(name, in: document, known: Self.tierKeys)
                    func need<T>(_ value: T?, _ key: String) throws(ConfigurationError) -> T {
                        guard let value else { throw .invalidValue(source: tier.source(key), value: "(missing)", expected: "a value for every tier") }
                        return value
                    }
                    tiers.append(ConfidenceTier(
                        name: String(name.dropFirst("sizing.tiers.".count)),
                        minimumEdge: try need(try tier.price("minimum_edge", margin: true), "minimum_edge"),
                        maximumUncertainty: try tier.double(
                            "maximum_uncertainty", expected: "a standard deviation from 0 to 1", where: { $0 >= 0 && $0 <= 1 }),
                        cap: try need(try tier.amount("cap", positive: true), "cap")))
                }
                method = .confidenceTiers(ConfidenceTiers(tiers: tiers))
            }
        }
        do {
            try limits.validate()
            try method.validate()
        } catch {
            throw .invalidValue(source: "sizing", value: method.name, expected: error.description)
        }
        sizing = method
        sizingLimits = limits
    }

    private mutating func readStrategies(_ document: TOMLDocument) throws(ConfigurationError) {
        let tables = document.tables.keys.filter { $0.hasPrefix("strategies.") }.sorted()
        guard !tables.isEmpty else { return }
        var enabled: [StrategySettings] = []
        var disabled: [String] = []
        let types = StrategySettings.StrategyType.allCases.map(\.rawValue)
        for name in tables {
            let strategyName = String(name.dropFirst("strategies.".count))
            guard !strategyName.contains(".") else {
                throw .unknownKey(table: name, key: "(table)", known: ["strategies.<name>"], line: document.line(table: name, key: nil))
            }
            let values = document.tables[name] ?? [:]
            guard case .string(let typeName) = values["type"] ?? .string(""),
                let type = StrategySettings.StrategyType(rawValue: typeName)
            else {
                throw .invalidValue(
                    source: "\(name).type", value: values["type"].map(TOMLTable.text) ?? "(missing)",
                    expected: types.map { "\"\($0)\"" }.joined(separator: ", "))
            }
            let own: [String] = switch type {
            case .arbitrage: Self.arbitrageKeys
            case .nearResolutionTail: Self.tailKeys
            case .confidenceTiers: Self.confidenceKeys
            }
            let table = try TOMLTable(name, in: document, known: Self.strategyKeys + own)
            let settings: StrategySettings = switch type {
            case .arbitrage: .arbitrage(name: strategyName, try Self.arbitrage(table))
            case .nearResolutionTail: .nearResolutionTail(name: strategyName, try tail(table))
            case .confidenceTiers: .confidenceTiers(name: strategyName, try confidence(table))
            }
            if try table.bool("enabled") ?? true { enabled.append(settings) } else { disabled.append(strategyName) }
        }
        strategies = enabled
        disabledStrategies = disabled
    }

    private static func arbitrage(_ table: TOMLTable) throws(ConfigurationError) -> ArbitrageSettings {
        var settings = ArbitrageSettings()
        let kindNames = OpportunityKind.allCases.map(\.rawValue)
        if let names = try table.strings("kinds", expected: "a list of kinds from \(kindNames.joined(separator: ", "))") {
            var kinds: Set<OpportunityKind> = []
            for name in names {
                guard let kind = OpportunityKind(rawValue: name) else {
                    throw table.invalid("kinds", .string(name), expected: "kinds from \(kindNames.joined(separator: ", "))")
                }
                kinds.insert(kind)
            }
            guard !kinds.isEmpty else { throw table.invalid("kinds", .array([]), expected: "at least one kind") }
            settings.kinds = kinds
        }
        if let profit = try table.amount("minimum_profit") { settings.minimumProfit = profit }
        if let ratio = try table.ratio("minimum_return") { settings.minimumReturnOnCost = ratio }
        if let value = table.values["max_cost_per_basket"] {
            if case .string(let text) = value, text == "none" {
                settings.maximumCostPerBasket = nil
            } else {
                settings.maximumCostPerBasket = try table.fixedPoint(
                    "max_cost_per_basket", as: Amount.self, expected: "a positive amount, or \"none\" for no cap",
                    where: { $0.units > 0 })
            }
        }
        if let seconds = try table.seconds("cooldown_seconds", allowZero: true) { settings.cooldownSeconds = seconds }
        if let slippage = try table.price("max_slippage", margin: true) { settings.maxSlippage = slippage }
        if let seconds = try table.seconds("leg_time_budget_seconds") { settings.legTimeBudgetSeconds = seconds }
        if let seconds = try table.seconds("in_flight_timeout_seconds") { settings.inFlightTimeoutSeconds = seconds }
        if let step = try table.size("size_step") { settings.sizeStep = step }
        return settings
    }

    private func tail(_ table: TOMLTable) throws(ConfigurationError) -> NearResolutionTailSettings {
        var settings = NearResolutionTailSettings(maxBookAgeSeconds: maxBookAgeSeconds)
        if let price = try table.price("min_price") { settings.minimumPrice = price }
        if let price = try table.price("max_price") { settings.maximumPrice = price }
        guard settings.minimumPrice <= settings.maximumPrice else {
            throw .invalidValue(
                source: table.source("max_price"), value: "\(settings.maximumPrice)",
                expected: "a price at or above min_price (\(settings.minimumPrice))")
        }
        if let hours = try table.double("hours_to_end", expected: "a positive number of hours", where: { $0 > 0 }) {
            settings.hoursToEnd = hours
        }
        if let names = try table.strings("include_categories", expected: "a list of category names") { settings.includeCategories = names }
        if let names = try table.strings("exclude_categories", expected: "a list of category names") { settings.excludeCategories = names }
        if let cost = try table.amount("max_cost_per_market", positive: true) { settings.maximumCostPerMarket = cost }
        if let p = try table.double("assumed_probability", expected: "a probability strictly between 0 and 1", where: { $0 > 0 && $0 < 1 }) {
            settings.assumedProbability = p
        }
        if let edge = try table.price("minimum_edge", margin: true) { settings.minimumEdgePerShare = edge }
        if let seconds = try table.seconds("max_book_age_seconds") { settings.maxBookAgeSeconds = seconds }
        if let seconds = try table.seconds("scan_interval_seconds") { settings.scanIntervalSeconds = seconds }
        return settings
    }

    private func confidence(_ table: TOMLTable) throws(ConfigurationError) -> ConfidenceTierSettings {
        var settings = ConfidenceTierSettings(maxBookAgeSeconds: maxBookAgeSeconds)
        if let edge = try table.price("minimum_edge", margin: true) { settings.minimumEdge = edge }
        if let seconds = try table.seconds("max_book_age_seconds") { settings.maxBookAgeSeconds = seconds }
        if let cost = try table.amount("max_position_cost", positive: true) { settings.maximumPositionCost = cost }
        if let seconds = try table.seconds("order_timeout_seconds") { settings.orderTimeoutSeconds = seconds }
        return settings
    }

    /// `fractionalKelly` → `fractional_kelly`.
    static func snakeCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
