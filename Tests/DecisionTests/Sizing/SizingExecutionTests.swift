import EdgewiseCore
import EdgewiseDecision
import Testing

/// Slippage and fees inside the size, the caps, the NO side, and every reason to decline.
@Suite struct SizingExecutionTests {
    @Test func slippageInsideTheSizeGivesLessThanTopOfBookKelly() throws {
        let topOfBook = try #require(sizing(.kelly, p: 0.60, offers: [level("0.50", 100_000)], limits: wideLimits()).decision)
        let offers = [level("0.50", 50), level("0.55", 1000)]
        let result = sizing(.kelly, p: 0.60, offers: offers, limits: wideLimits())
        let decision = try #require(result.decision)
        let edge = try #require(result.edge)
        // spend(s) = 0.55 s − 2.5 fits 1000 × (0.6 s − spend)/(s − spend) up to s = 242 (130.6 ≤ 131.06),
        // not at 243 (131.15 > 130.98).
        #expect(topOfBook.size == 400)
        #expect(decision.size == 242)
        #expect(decision.boundBy == "kelly")
        #expect(decision.limitPrice == price("0.55"))
        // The true average: 130.6 / 242 = 0.5396694…
        #expect(edge.executablePrice == price("0.539669"))
        #expect(edge.quotedPrice == price("0.50"))
        #expect(edge.netEdgePerShare == amount("0.06033"))  // 0.6 − 0.5396694 rounded down
    }

    @Test func feesShrinkTheKellySize() throws {
        // Fee 0.25 × 0.5 × 0.5 = 0.0625 a share: all-in 0.5625, f* = 0.0375 / 0.4375 = 0.0857…,
        // 85.714 / 0.5625 = 152.38 → 152 shares (no fees: 400).
        let result = sizing(
            .kelly, p: 0.60, offers: [level("0.50", 100_000)], fees: CurvedFee(rate: price("0.25")), limits: wideLimits())
        let decision = try #require(result.decision)
        #expect(decision.size == 152)
        #expect(result.edge?.feesPerShare == price("0.0625"))
        #expect(result.edge?.netEdgePerShare == amount("0.0375"))
    }

    @Test func anEdgeEatenByFeesIsDeclinedSayingSo() {
        let result = sizing(
            .kelly, p: 0.55, offers: [level("0.50", 1000)], fees: CurvedFee(rate: price("0.25")), limits: wideLimits())
        #expect(result.decline == .edgeEatenByFees(grossEdgePerShare: price("0.05"), feePerShare: price("0.0625")))
    }

    @Test func anEdgeUnderTheMinimumIsDeclined() {
        let result = sizing(.kelly, p: 0.52, offers: [level("0.50", 1000)], limits: wideLimits(minimumEdge: price("0.03")))
        #expect(
            result.decline
                == .edgeBelowMinimum(netEdgePerShare: amount("0.02"), minimumPerShare: price("0.03"), minimumReturnBasisPoints: 0)
        )
    }

    @Test func theMinimumReturnIsCheckedPerUnitOfMoney() {
        // 0.02 edge on 0.50 is 400 bp: declined at 500 bp, sized at 400 bp.
        var limits = wideLimits(minimumEdge: price("0.01"))
        limits.minimumReturnBasisPoints = 500
        #expect(sizing(.flat(amount: 10), p: 0.52, offers: [level("0.50", 1000)], limits: limits).decline != nil)
        limits.minimumReturnBasisPoints = 400
        #expect(sizing(.flat(amount: 10), p: 0.52, offers: [level("0.50", 1000)], limits: limits).decision?.size == 20)
    }

    @Test func levelsWithoutEnoughEdgeAreNeverBought() throws {
        // 0.59 leaves 0.01 < 0.02: only the 30 shares at 0.50 are worth buying.
        let result = sizing(
            .kelly, p: 0.60, offers: [level("0.50", 30), level("0.59", 10_000)], limits: wideLimits(minimumEdge: price("0.02")))
        let decision = try #require(result.decision)
        #expect(decision.size == 30)
        #expect(decision.boundBy == "depth")
        #expect(decision.limitPrice == price("0.50"))
    }

    @Test func offersAreTakenCheapestFirstWhateverTheirOrder() throws {
        let shuffled = [level("0.55", 1000), level("0.50", 50)]
        #expect(sizing(.kelly, p: 0.60, offers: shuffled, limits: wideLimits()).decision?.size == 242)
    }

    @Test func perOrderCapAndBankrollBind() throws {
        let capped = try #require(
            sizing(.kelly, p: 0.60, offers: [level("0.50", 100_000)], limits: wideLimits(perOrderCap: 100)).decision)
        #expect(capped.size == 200)
        #expect(capped.boundBy == "per-order cap")
        let broke = try #require(
            sizing(.flat(amount: 500), p: 0.60, offers: [level("0.50", 100_000)], limits: wideLimits(bankroll: 300)).decision)
        #expect(broke.size == 600)
        #expect(broke.boundBy == "bankroll")
    }

    @Test func buyingNoUsesOneMinusTheProbabilityOfYes() throws {
        // p_yes = 0.30 → p_no = 0.70 against NO offers at 0.50: f* = 0.4 → 400 → 800 shares.
        let no = try #require(
            sizing(.kelly, p: 0.30, buying: .no, offers: [level("0.50", 100_000)], limits: wideLimits()).decision)
        #expect(no.size == 800)
        let yes = sizing(.kelly, p: 0.30, buying: .yes, offers: [level("0.50", 100_000)], limits: wideLimits())
        #expect(yes.decline == .noEdgeAtBestPrice(fairValue: price("0.3"), bestOffer: price("0.5")))
    }

    @Test func belowTheVenueMinimumIsDeclinedWithWhatBoundIt() {
        let result = sizing(.flat(amount: 1), p: 0.60, offers: [level("0.50", 1000)], limits: wideLimits(minimumSize: 5))
        #expect(result.decline == .belowVenueMinimum(size: 2, minimum: 5, boundBy: .method("flat")))
    }

    @Test func declinesWithoutAUsableProbabilityOrBook() {
        let offers = [level("0.50", 1000)]
        #expect(sizing(.kelly, p: nil, offers: offers, limits: wideLimits()).decline == .notCalibrated)
        #expect(sizing(.kelly, p: 1.0, offers: offers, limits: wideLimits()).decline == .probabilityOutOfRange(1.0))
        #expect(sizing(.kelly, p: 0, offers: offers, limits: wideLimits()).decline == .probabilityOutOfRange(0))
        if case .probabilityOutOfRange = sizing(.kelly, p: .nan, offers: offers, limits: wideLimits()).decline {
        } else {
            Issue.record("NaN was not declined as out of range")
        }
        #expect(sizing(.kelly, p: 0.6, offers: [], limits: wideLimits()).decline == .emptyBook)
        #expect(sizing(.kelly, p: 0.6, offers: [level("0.50", 0)], limits: wideLimits()).decline == .emptyBook)
        #expect(
            sizing(.kelly, p: 0.5, offers: offers, limits: wideLimits()).decline
                == .noEdgeAtBestPrice(fairValue: price("0.5"), bestOffer: price("0.5")))
    }

    @Test func invalidConfigurationIsDeclinedNotSized() {
        let offers = [level("0.50", 1000)]
        #expect(
            sizing(.fractionalKelly(multiplier: 1.5), p: 0.6, offers: offers, limits: wideLimits()).decline
                == .invalidConfiguration(.kellyMultiplierOutOfRange(1.5)))
        #expect(
            sizing(.kelly, p: 0.6, offers: offers, limits: wideLimits(sizeStep: 0)).decline
                == .invalidConfiguration(.nonPositiveSizeStep(0)))
        #expect(
            sizing(.confidenceTiers(ConfidenceTiers(tiers: [])), p: 0.6, offers: offers, limits: wideLimits()).decline
                == .invalidConfiguration(.noTiers))
    }

    @Test func sizesFromAnEstimateAndABook() throws {
        let instrument = InstrumentID(venue: .polymarket, token: TokenID("no-token"))
        var book = OrderBook(instrument: instrument)
        book.set(.ask, price("0.52"), 10)
        book.set(.ask, price("0.50"), 100_000)
        book.set(.bid, price("0.45"), 100)
        let estimate = ProbabilityEstimate(model: "m", raw: 0.2, calibrated: 0.3, uncertainty: 0.02)
        let request = SizingRequest(estimate: estimate, buying: .no, book: book, fees: NoFees())
        let decision = try #require(ExecutionAwareSizer(method: .kelly, limits: wideLimits()).size(request).decision)
        #expect(decision.size == 800)
        let raw = SizingRequest(estimate: ProbabilityEstimate(model: "m", raw: 0.2), buying: .no, book: book, fees: NoFees())
        #expect(ExecutionAwareSizer(method: .kelly, limits: wideLimits()).size(raw).decline == .notCalibrated)
    }
}
