import EdgewiseCore
import EdgewiseDecision
import Foundation
import Testing

@testable import EdgewiseRuntime

/// The agent's tables: `[agent]`, `[risk]`, `[sizing]`, `[strategies.<name>]`.
@Suite("Agent configuration")
struct AgentConfigurationTests {
    static let example = """
        [agent]
        venues = ["polymarket", "kalshi"]
        paper_cash = "2500.50"
        on_shutdown = "keep"
        status_interval_seconds = 10
        kill_switch_poll_seconds = 0.5
        max_book_age_seconds = 20

        [risk]
        per_event = "10%"
        per_order = 250
        per_venue = "55.5%"
        per_category = "35%"
        daily_loss = "4%"
        max_drawdown = "12.25%"
        max_book_age_milliseconds = 3000
        risk_off = true

        [risk.venue_overrides]
        kalshi = "30%"

        [risk.category_overrides]
        sports = 100

        [sizing]
        method = "confidence_tiers"
        bankroll = 2000
        per_order_cap = "80"
        minimum_edge_per_share = "0.02"
        minimum_return_basis_points = 150
        minimum_size = 5
        size_step = "0.01"

        [sizing.tiers.low]
        minimum_edge = "0.04"
        cap = 20

        [sizing.tiers.high]
        minimum_edge = 0.1
        maximum_uncertainty = 0.05
        cap = 60

        [strategies.arb]
        type = "arbitrage"
        kinds = ["dutch_book", "cross_venue"]
        minimum_profit = "0.25"
        minimum_return = "1%"
        max_cost_per_basket = 150
        cooldown_seconds = 30
        max_slippage = "0.005"
        leg_time_budget_seconds = 2.5
        in_flight_timeout_seconds = 90
        size_step = 1

        [strategies.tail]
        type = "near_resolution_tail"
        min_price = "0.94"
        max_price = "0.985"
        hours_to_end = 12
        include_categories = ["crypto", "politics"]
        exclude_categories = ["sports"]
        max_cost_per_market = 40
        assumed_probability = 0.992
        minimum_edge = "0.004"
        scan_interval_seconds = 30

        [strategies.forecast]
        type = "confidence_tiers"
        minimum_edge = "0.05"
        max_position_cost = 75
        order_timeout_seconds = 45

        [strategies.old]
        type = "arbitrage"
        enabled = false
        """

    static func parse(_ text: String) throws(ConfigurationError) -> EdgewiseConfiguration {
        var configuration = EdgewiseConfiguration(
            home: URL(fileURLWithPath: "/tmp/edgewise-agent-test"), configFile: nil,
            databasePath: URL(fileURLWithPath: "/tmp/edgewise-agent-test/db.sqlite"),
            recordingsDirectory: URL(fileURLWithPath: "/tmp/edgewise-agent-test/recordings"),
            polymarket: .production, network: .init())
        try configuration.apply(try TOMLDocument(parsing: text), relativeTo: URL(fileURLWithPath: "/tmp"))
        return configuration
    }

    @Test("a full example is read exactly")
    func fullExample() throws {
        let agent = try Self.parse(Self.example).agent
        #expect(agent.venues == [.polymarket, .kalshi])
        #expect(agent.paperCash == Amount("2500.5")!)
        #expect(agent.onShutdown == .keep)
        #expect(agent.statusIntervalSeconds == 10)
        #expect(agent.killSwitchPollSeconds == 0.5)
        #expect(agent.maxBookAgeSeconds == 20)

        #expect(agent.risk.perEvent == .fraction(basisPoints: 1_000))
        #expect(agent.risk.perOrder == .amount(250))
        #expect(agent.risk.perVenue == .fraction(basisPoints: 5_550))
        #expect(agent.risk.perCategory == .fraction(basisPoints: 3_500))
        #expect(agent.risk.dailyLoss == .fraction(basisPoints: 400))
        #expect(agent.risk.maxDrawdown == .fraction(basisPoints: 1_225))
        #expect(agent.risk.maxBookAgeMilliseconds == 3_000)
        #expect(agent.risk.riskOff)
        #expect(agent.risk.venueOverrides == ["kalshi": .fraction(basisPoints: 3_000)])
        #expect(agent.risk.categoryOverrides == ["sports": .amount(100)])

        #expect(agent.sizingLimits == SizingLimits(
            bankroll: 2_000, perOrderCap: 80, minimumEdgePerShare: Price("0.02")!, minimumReturnBasisPoints: 150,
            minimumSize: 5, sizeStep: Size("0.01")!))
        #expect(agent.sizing == .confidenceTiers(ConfidenceTiers(tiers: [
            ConfidenceTier(name: "high", minimumEdge: Price("0.1")!, maximumUncertainty: 0.05, cap: 60),
            ConfidenceTier(name: "low", minimumEdge: Price("0.04")!, cap: 20),
        ])))

        #expect(agent.strategies.map(\.name) == ["arb", "forecast", "tail"])
        #expect(agent.disabledStrategies == ["old"])
        #expect(agent.strategies[0] == .arbitrage(name: "arb", ArbitrageSettings(
            kinds: [.dutchBook, .crossVenue], minimumProfit: Amount("0.25")!, minimumReturnOnCost: Decimal(string: "0.01")!,
            maximumCostPerBasket: 150, cooldownSeconds: 30, maxSlippage: Price("0.005")!, legTimeBudgetSeconds: 2.5,
            inFlightTimeoutSeconds: 90, sizeStep: 1)))
        #expect(agent.strategies[1] == .confidenceTiers(name: "forecast", ConfidenceTierSettings(
            minimumEdge: Price("0.05")!, maxBookAgeSeconds: 20, maximumPositionCost: 75, orderTimeoutSeconds: 45)))
        #expect(agent.strategies[2] == .nearResolutionTail(name: "tail", NearResolutionTailSettings(
            minimumPrice: Price("0.94")!, maximumPrice: Price("0.985")!, hoursToEnd: 12,
            includeCategories: ["crypto", "politics"], excludeCategories: ["sports"], maximumCostPerMarket: 40,
            assumedProbability: 0.992, minimumEdgePerShare: Price("0.004")!, maxBookAgeSeconds: 20, scanIntervalSeconds: 30)))

        let strategies = try makeStrategies(agent, only: nil)
        #expect(strategies.map(\.id) == ["arb", "forecast", "tail"])
        #expect(strategies[0] is ArbitrageStrategy)
        #expect(strategies[1] is ConfidenceTierStrategy)
        #expect(strategies[2] is NearResolutionTailStrategy)
        let forecast = try #require(strategies[1] as? ConfidenceTierStrategy)
        #expect(forecast.method == agent.sizing && forecast.limits == agent.sizingLimits)
        #expect(try makeStrategies(agent, only: ["tail", "arb", "tail"]).map(\.id) == ["arb", "tail"])
    }

    @Test("without agent tables: the documented defaults and one arbitrage strategy over every kind")
    func defaults() throws {
        let agent = try Self.parse("[network]\nmax_retries = 2").agent
        #expect(agent == AgentSettings())
        #expect(agent.venues == [.polymarket, .kalshi])
        #expect(agent.paperCash == 1_000)
        #expect(agent.onShutdown == .cancel)
        #expect(agent.statusIntervalSeconds == 5 && agent.killSwitchPollSeconds == 1 && agent.maxBookAgeSeconds == 30)
        #expect(agent.risk == .standard)
        #expect(agent.sizing == .default(bankroll: 1_000))
        #expect(agent.sizingLimits == SizingLimits(bankroll: 1_000, perOrderCap: 50))
        #expect(agent.strategies == [.arbitrage(name: "arbitrage", ArbitrageSettings())])
        #expect(ArbitrageSettings().kinds == Set(OpportunityKind.allCases))
        #expect(try makeStrategies(agent, only: nil).map(\.id) == ["arbitrage"])

        // The sizing bankroll follows the paper cash unless set; so do the default tiers and cap.
        let rich = try Self.parse("[agent]\npaper_cash = 4000").agent
        #expect(rich.sizingLimits == SizingLimits(bankroll: 4_000, perOrderCap: 200))
        #expect(rich.sizing == .default(bankroll: 4_000))
        let kelly = try Self.parse("[sizing]\nmethod = \"fractional_kelly\"\nmultiplier = 0.25").agent
        #expect(kelly.sizing == .fractionalKelly(multiplier: 0.25))
        let flat = try Self.parse("[sizing]\nmethod = \"flat\"\namount = \"12.5\"").agent
        #expect(flat.sizing == .flat(amount: Amount("12.5")!))
    }

    @Test("each mistake is an error naming the table, the key and what is accepted", arguments: [
        ("[agent]\nvenus = [\"kalshi\"]", "unknown config key 'venus' in [agent] (line 2)"),
        ("[agent]\nvenues = [\"limitless\"]", "agent.venues = 'limitless' is invalid: expected venues from polymarket, kalshi, manifold"),
        ("[agent]\npaper_cash = -5", "agent.paper_cash = '-5' is invalid: expected a positive amount"),
        ("[agent]\non_shutdown = \"pause\"", "agent.on_shutdown = 'pause' is invalid: expected \"cancel\" or \"keep\""),
        ("[agent]\nstatus_interval_seconds = 0", "agent.status_interval_seconds = '0' is invalid: expected a positive number of seconds"),
        ("[risk]\nper_event = \"15.125%\"", "risk.per_event = '15.125%' is invalid: expected a percentage like \"15%\""),
        ("[risk]\nper_event = true", "risk.per_event = 'true' is invalid: expected a percentage"),
        ("[risk]\nrisk_off = 1", "risk.risk_off = '1' is invalid: expected true or false"),
        ("[risk]\n\n\nmax_loss = 3", "unknown config key 'max_loss' in [risk] (line 4)"),
        ("[risk.venue_overrides]\nbinance = \"5%\"", "unknown config key 'binance' in [risk.venue_overrides] (line 2)"),
        ("[risk.limits]\na = 1", "unknown config key '(table)' in [risk.limits] (line 1)"),
        ("[sizing]\nmethod = \"martingale\"", "sizing.method = 'martingale' is invalid: expected kelly, fractional_kelly, units, flat, confidence_tiers, inverted_risk"),
        ("[sizing]\nmethod = \"fractional_kelly\"", "sizing.multiplier = '(missing)' is invalid: expected a value for method fractional_kelly"),
        ("[sizing]\nmethod = \"fractional_kelly\"\nmultiplier = 1.5", "sizing.multiplier = '1.5' is invalid: expected a fraction in (0, 1]"),
        ("[sizing]\nmethod = \"kelly\"\namount = 5", "sizing.amount = '5' is invalid: expected no amount with method kelly; it belongs to method flat"),
        ("[sizing]\nmethod = \"kelly\"\n[sizing.tiers.low]\nminimum_edge = 0.03\ncap = 5", "sizing.tiers.low = '(table)' is invalid: expected tiers only with method confidence_tiers"),
        ("[sizing.tiers.low]\ncap = 5", "sizing.tiers.low.minimum_edge = '(missing)' is invalid: expected a value for every tier"),
        ("[sizing.tiers.low]\nminimum_edge = 0.03\ncap = 5\nmax = 1", "unknown config key 'max' in [sizing.tiers.low] (line 4)"),
        ("[sizing]\nminimum_edge_per_share = \"1.5\"", "sizing.minimum_edge_per_share = '1.5' is invalid: expected a price from 0 to below 1"),
        ("[strategies.x]\nkinds = [\"dutch_book\"]", "strategies.x.type = '(missing)' is invalid: expected \"arbitrage\", \"near_resolution_tail\", \"confidence_tiers\""),
        ("[strategies.x]\ntype = \"market_making\"", "strategies.x.type = 'market_making' is invalid"),
        ("[strategies.x]\ntype = \"arbitrage\"\nkinds = [\"triangular\"]", "strategies.x.kinds = 'triangular' is invalid: expected kinds from dutch_book, cross_venue, bundle, resolution"),
        ("[strategies.x]\ntype = \"arbitrage\"\nminimum_return = \"150%\"", "strategies.x.minimum_return = '150%' is invalid: expected a percentage like \"0.5%\""),
        ("[strategies.x]\ntype = \"arbitrage\"\nmin_price = 0.9", "unknown config key 'min_price' in [strategies.x] (line 3)"),
        ("[strategies.x]\ntype = \"arbitrage\"\nenabled = \"yes\"", "strategies.x.enabled = 'yes' is invalid: expected true or false"),
        ("[strategies.t]\ntype = \"near_resolution_tail\"\nmin_price = \"0.97\"\nmax_price = \"0.96\"", "strategies.t.max_price = '0.96' is invalid: expected a price at or above min_price (0.97)"),
        ("[strategies.t]\ntype = \"near_resolution_tail\"\nmax_price = 1", "strategies.t.max_price = '1' is invalid: expected a price strictly between 0 and 1"),
        ("[strategies.t]\ntype = \"near_resolution_tail\"\ninclude_categories = \"crypto\"", "strategies.t.include_categories = 'crypto' is invalid: expected a list of category names"),
        ("[strategies.t]\ntype = \"near_resolution_tail\"\nassumed_probability = 1", "strategies.t.assumed_probability = '1' is invalid: expected a probability strictly between 0 and 1"),
        ("[strategies.c]\ntype = \"confidence_tiers\"\nmax_position_cost = 0", "strategies.c.max_position_cost = '0' is invalid: expected a positive amount"),
        ("[strategies.a.b]\ntype = \"arbitrage\"", "unknown config key '(table)' in [strategies.a.b] (line 1)"),
        ("[agent]\ntwap_slices = 4", "agent.twap_slices = '4' is invalid: expected twap_above as well"),
        ("[agent]\ntwap_above = 100\ntwap_slices = 1", "agent.twap_slices = '1' is invalid: expected a number of slices from 2 to 100"),
        ("[exits]\nstop_loss = 1", "exits.stop_loss = '1' is invalid: expected a price strictly between 0 and 1"),
        ("[exits]\nfraction = 0", "exits.fraction = '0' is invalid: expected a share above 0 and at most 1"),
        ("[exits]\ntake_profit = \"0.1\"\nstop = 1", "unknown config key 'stop' in [exits] (line 3)"),
    ] as [(String, String)])

    func errors(text: String, message: String) {
        do {
            _ = try Self.parse(text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }

    @Test("[exits] sets the stop-loss, take-profit and trailing distances and the share sold; absent, there are none")
    func exits() throws {
        let agent = try Self.parse("[exits]\nstop_loss = \"0.10\"\ntake_profit = 0.2\ntrailing_stop = \"0.05\"\nfraction = \"0.5\"").agent
        #expect(agent.exits == ExitPolicy(
            stopLoss: Price("0.10")!, takeProfit: Price("0.2")!, trailingStop: Price("0.05")!, fractionBasisPoints: 5_000))
        #expect(try Self.parse("").agent.exits.isEnabled == false)
        #expect(try Self.parse("[agent]\ntwap_above = 250\ntwap_slices = 10").agent.twap == TWAPPolicy(above: 250, slices: 10, seconds: 300))
        #expect(try Self.parse("").agent.twap == nil)
    }

    @Test("--strategy picks configured strategies and names the configured ones when it does not know a name")
    func onlyNames() throws {
        let agent = try Self.parse(Self.example).agent
        #expect(try makeStrategies(agent, only: ["forecast"]).map(\.id) == ["forecast"])
        do {
            _ = try makeStrategies(agent, only: ["arb", "tial"])
            Issue.record("expected an error")
        } catch {
            #expect(error == .invalidValue(source: "--strategy", value: "tial", expected: "one of the configured strategies: arb, forecast, tail"))
        }
        do {
            _ = try makeStrategies(agent, only: ["old"])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("it is disabled"))
        }
    }

    @Test("an unknown key in an existing table now says its line; unknown tables list the agent tables")
    func lines() {
        do {
            _ = try Self.parse("[network]\nmax_retries = 2\nretries = 3")
            Issue.record("expected an error")
        } catch {
            #expect(error == .unknownKey(table: "network", key: "retries", known: ["request_timeout_seconds", "max_retries"], line: 3))
        }
        do {
            _ = try Self.parse("# agent\n[agnet]\nvenues = []")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("unknown config key '(table)' in [agnet] (line 2); known keys: agent, exits, kalshi"))
            #expect(error.description.contains("strategies.<name>"))
        }
    }
}
