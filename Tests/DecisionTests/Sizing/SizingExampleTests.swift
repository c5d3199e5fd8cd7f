import EdgewiseCore
import EdgewiseDecision
import Foundation
import Testing

/// Worked examples for every method, with the numbers done by hand.
@Suite struct SizingExampleTests {
    let deepHalf = [level("0.50", 100_000)]

    @Test func kellyFractionAtSixtyPercentAgainstFiftyCentsIsOneFifth() {
        #expect(abs(KellyCriterion.fraction(probability: 0.60, price: price("0.50")) - 0.2) < 1e-12)
        #expect(KellyCriterion.fraction(probability: 0.50, price: price("0.50")) == 0)
        #expect(KellyCriterion.fraction(probability: 0.40, price: price("0.50")) == 0)
    }

    @Test func fullKellyStakesOneFifthOfTheBankroll() throws {
        let result = sizing(.kelly, p: 0.60, offers: deepHalf, limits: wideLimits(bankroll: 1000))
        let decision = try #require(result.decision)
        let edge = try #require(result.edge)
        // f* = 0.2 of 1000 = 200 at 0.50 = 400 shares.
        #expect(decision.size == 400)
        #expect(decision.boundBy == "kelly")
        #expect(decision.limitPrice == price("0.50"))
        #expect(decision.method == "kelly")
        #expect(edge.executablePrice == price("0.50"))
        #expect(edge.quotedPrice == price("0.50"))
        #expect(edge.feesPerShare == .zero)
        #expect(edge.netEdgePerShare == amount("0.1"))
        #expect(edge.side == .buy)
    }

    @Test func quarterKellyStakesFivePercentOfTheBankroll() throws {
        let result = sizing(.fractionalKelly(multiplier: 0.25), p: 0.60, offers: deepHalf, limits: wideLimits(bankroll: 1000))
        let decision = try #require(result.decision)
        // 0.25 × 0.2 = 0.05 of 1000 = 50 at 0.50 = 100 shares.
        #expect(decision.size == 100)
        #expect(decision.boundBy == "fractional kelly")
    }

    @Test func kellyStakeIsExactInFixedPoint() throws {
        let fill = try #require(OfferLadder(deepHalf).fill(400, fees: NoFees()))
        #expect(KellyCriterion.stake(fairValue: price("0.6"), fill: fill, bankroll: 1000) == 200)
        #expect(KellyCriterion.stake(fairValue: price("0.6"), fill: fill, bankroll: 1000, multiplierMillionths: 100_000) == 20)
        #expect(KellyCriterion.stake(fairValue: price("0.5"), fill: fill, bankroll: 1000) == .zero)
    }

    @Test func invertedRiskNeverLosesMoreThanTheMaximumLoss() throws {
        // All-in 0.40 + 0.01 fee = 0.41 a share; 30 / 0.41 = 73.17 → 73 shares costing 29.93.
        let result = sizing(
            .invertedRisk(maxLoss: 30), p: 0.60, offers: [level("0.40", 10_000)],
            fees: PerShareFee(perShare: price("0.01")), limits: wideLimits())
        let decision = try #require(result.decision)
        #expect(decision.size == 73)
        #expect(decision.boundBy == "max loss")
        #expect(try #require(result.edge).feesPerShare == price("0.01"))
        #expect(oracleSpend([level("0.40", 10_000)], shares: 73, fees: PerShareFee(perShare: price("0.01"))) == amount("29.93"))
    }

    @Test func flatStakeRoundsDownToTheSizeStep() throws {
        let whole = sizing(.flat(amount: 25), p: 0.60, offers: [level("0.40", 10_000)], limits: wideLimits())
        #expect(whole.decision?.size == 62)  // 62.5 rounded down, never up
        #expect(whole.decision?.boundBy == "flat")
        let cents = sizing(
            .flat(amount: 25), p: 0.60, offers: [level("0.40", 10_000)], limits: wideLimits(sizeStep: size("0.01")))
        #expect(cents.decision?.size == size("62.5"))
    }

    @Test func unitsStakeUnitSizeTimesCount() throws {
        let result = sizing(.units(unitSize: 10, count: 3), p: 0.50, offers: [level("0.30", 10_000)], limits: wideLimits())
        #expect(result.decision?.size == 100)
        #expect(result.decision?.boundBy == "units")
        #expect(result.decision?.method == "units 3 × 10")
    }

    @Test(arguments: [
        (0.04 as Double?, Size(90), "tier high cap"),  // 50 / 0.55
        (0.08, 45, "tier medium cap"),  // 25 / 0.55
        (nil, 18, "tier low cap"),  // 10 / 0.55; only the low tier accepts an unknown uncertainty
    ])
    func confidenceTiersPickTheLargestCapTheIdeaQualifiesFor(uncertainty: Double?, expected: Size, bound: String) throws {
        let tiers = ConfidenceTiers.standard(low: 10, medium: 25, high: 50)
        let result = sizing(
            .confidenceTiers(tiers), p: 0.70, uncertainty: uncertainty, offers: [level("0.55", 10_000)], limits: wideLimits())
        let decision = try #require(result.decision)
        #expect(decision.size == expected)
        #expect(decision.boundBy == bound)
    }

    @Test func confidenceTierDropsWhenSlippageErodesTheEdge() throws {
        // 20 shares at 0.55 then 0.62: the average edge stays ≥ 0.10 (high) up to 70 shares
        // (average 0.60); beyond, only the medium tier's 25 cap applies and 42.62 is over it.
        let tiers = ConfidenceTiers.standard(low: 10, medium: 25, high: 50)
        let result = sizing(
            .confidenceTiers(tiers), p: 0.70, uncertainty: 0.01, offers: [level("0.55", 20), level("0.62", 1000)],
            limits: wideLimits())
        let decision = try #require(result.decision)
        #expect(decision.size == 70)
        #expect(decision.boundBy == "tier medium cap")
        #expect(result.edge?.executablePrice == price("0.6"))
        #expect(decision.limitPrice == price("0.62"))
    }

    @Test func confidenceTiersDeclineAnEdgeNoTierAdmits() {
        let tiers = ConfidenceTiers.standard(low: 10, medium: 25, high: 50)
        let result = sizing(.confidenceTiers(tiers), p: 0.57, offers: [level("0.55", 10_000)], limits: wideLimits())
        #expect(result.decline == .noConfidenceTier(netEdgePerShare: amount("0.02"), uncertainty: nil))
    }

    @Test func defaultMethodIsConfidenceTiersProportionalToTheBankroll() throws {
        guard case .confidenceTiers(let tiers) = SizingMethod.default(bankroll: 2000) else {
            Issue.record("the default method is not confidence tiers")
            return
        }
        #expect(tiers.tiers.map(\.cap) == [20, 50, 100])
    }

    @Test func methodsRoundTripThroughJSON() throws {
        let methods: [SizingMethod] = [
            .kelly, .fractionalKelly(multiplier: 0.1), .units(unitSize: amount("12.5"), count: 2), .flat(amount: 7),
            .confidenceTiers(.standard(low: 1, medium: 2, high: 3)), .invertedRisk(maxLoss: 40),
        ]
        for method in methods {
            let data = try JSONEncoder().encode(method)
            #expect(try JSONDecoder().decode(SizingMethod.self, from: data) == method)
        }
        let flat = try JSONDecoder().decode(SizingMethod.self, from: Data(#"{"method":"flat","amount":"25.5"}"#.utf8))
        #expect(flat == .flat(amount: amount("25.5")))
        let tiers = try JSONDecoder().decode(
            SizingMethod.self,
            from: Data(#"{"method":"confidenceTiers","tiers":[{"name":"only","minimumEdge":"0.05","cap":"20"}]}"#.utf8))
        #expect(
            tiers == .confidenceTiers(ConfidenceTiers(tiers: [ConfidenceTier(name: "only", minimumEdge: price("0.05"), cap: 20)]))
        )
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SizingMethod.self, from: Data(#"{"method":"martingale"}"#.utf8))
        }
    }
}

extension SizingExampleTests {
    @Test func aTierEarnedAtTheFirstShareButTooSmallForTheVenueBlamesTheMinimum() {
        // Low tier (cap 10) at 0.55 buys 18 shares; a venue minimum of 20 declines it as such.
        let tiers = ConfidenceTiers.standard(low: 10, medium: 25, high: 50)
        let result = sizing(
            .confidenceTiers(tiers), p: 0.70, offers: [level("0.55", 10_000)], limits: wideLimits(minimumSize: 20))
        #expect(result.decline == .belowVenueMinimum(size: 18, minimum: 20, boundBy: .method("tier low cap")))
    }
}

extension SizingExampleTests {
    @Test func slippageOutOfTheOnlyTierBindsTheSize() throws {
        // One tier (edge ≥ 0.10, cap 50): 20 at 0.55 then 0.62; past 70 shares the average edge
        // is under 0.10 and no tier is left.
        let onlyHigh = ConfidenceTiers(tiers: [ConfidenceTier(name: "high", minimumEdge: price("0.10"), cap: 50)])
        let offers = [level("0.55", 20), level("0.62", 1000)]
        let result = sizing(.confidenceTiers(onlyHigh), p: 0.70, offers: offers, limits: wideLimits())
        #expect(result.decision?.size == 70)
        #expect(result.decision?.boundBy == "no confidence tier")
        let tooSmall = sizing(.confidenceTiers(onlyHigh), p: 0.70, offers: offers, limits: wideLimits(minimumSize: 100))
        #expect(tooSmall.decline == .belowVenueMinimum(size: 70, minimum: 100, boundBy: .method("no confidence tier")))
    }
}

extension SizingExampleTests {
    @Test func limitsDecodeWithDefaultsForWhatIsLeftOut() throws {
        let limits = try JSONDecoder().decode(
            SizingLimits.self, from: Data(#"{"bankroll":"1000","perOrderCap":"50","sizeStep":"0.01"}"#.utf8))
        #expect(limits == SizingLimits(bankroll: 1000, perOrderCap: 50, sizeStep: size("0.01")))
        #expect(limits.minimumEdgePerShare == price("0.01"))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SizingLimits.self, from: Data(#"{"bankroll":"1000"}"#.utf8))
        }
        let roundTrip = try JSONDecoder().decode(SizingLimits.self, from: JSONEncoder().encode(limits))
        #expect(roundTrip == limits)
    }
}
