import EdgewiseAnalysis
import EdgewiseCore
import Foundation
import Testing

private typealias F = ResolutionFixtures

/// Situations that look like a resolution trade and are not. Each asserts the reason, so a test
/// cannot pass because the detector refused for some unrelated cause.
@Suite struct ResolutionLookAlikeTests {
    let detector = ResolutionDetector()

    private func skip(
        _ market: Market, _ observations: [ResolutionObservation], now: Timestamp, book: OrderBook? = nil,
        fees: any FeeModel = NoFees(), detector: ResolutionDetector? = nil
    ) -> ResolutionSkip? {
        (detector ?? self.detector).evaluate(
            market: market, yesBook: book ?? F.laggingYesBook(market, now: now), fees: fees,
            observations: observations, now: now
        ).skip
    }

    // MARK: Time

    @Test func closeMarketPastTheThresholdBeforeTheReadingDateFixesNothing() {
        let now = F.at(F.dec20, plus: 3_600)
        #expect(skip(F.closeMarket, [F.observed(F.bitcoin(120_000, at: F.dec20))], now: now) == .undetermined)
        // Not even on the day itself, hours before the reading time.
        let morning = F.at(F.dec31, plus: 9 * F.hour)
        #expect(skip(F.closeMarket, [F.observed(F.bitcoin(120_000, at: morning))], now: F.at(morning, plus: 60)) == .undetermined)
    }

    @Test func closeMarketReadingLaterThanTheResolutionTimeIsNotTheReading() throws {
        let reading = try #require(F.closeMarket.endTime)
        let late = F.observed(F.bitcoin(100_500, at: F.at(reading, plus: 30)))
        let now = F.at(reading, plus: 120)
        #expect(skip(F.closeMarket, [late], now: now) == .undetermined)
        // A caller who knows the feed stamps its settlement print late may widen the tolerance.
        let tolerant = ResolutionDetector(readingTolerance: 60)
        #expect(tolerant.detect(
            market: F.closeMarket, yesBook: F.laggingYesBook(F.closeMarket, now: now), fees: NoFees(),
            observations: [late], now: now) != nil)
    }

    @Test func closeMarketWithoutAKnownReadingTimeIgnoresInstantReadings() {
        var market = F.closeMarket
        market.endTime = nil
        let now = F.at(F.dec31, plus: 18 * F.hour)
        #expect(skip(market, [F.observed(F.bitcoin(100_500, at: F.at(F.dec31, plus: 17 * F.hour)))], now: now) == .undetermined)
    }

    @Test func touchObservationAfterTheDeadlineFixesNothing() {
        let now = F.at(F.jul1, plus: 3_600)
        #expect(skip(F.touchMarket, [F.observed(F.bitcoin(155_000, at: F.jul1))], now: now) == .undetermined)
    }

    @Test func touchObservationBeforeTheMarketOpenedFixesNothing() {
        let december = Timestamp(seconds: 1_764_547_200)  // 2025-12-01, before the January opening
        let now = F.at(F.may10, plus: 60)
        #expect(skip(F.touchMarket, [F.observed(F.bitcoin(155_000, at: december))], now: now) == .undetermined)
        var unknownOpening = F.touchMarket
        unknownOpening.openTime = nil
        #expect(skip(unknownOpening, [F.observed(F.bitcoin(155_000, at: F.may10))], now: now) == .undetermined)
    }

    @Test func observationsFromTheFutureOfNowAreIgnored() {
        let now = F.at(F.may10, plus: 60)
        // The value describes a later time…
        #expect(skip(F.touchMarket, [F.observed(F.bitcoin(155_000, at: F.at(now, plus: 1)))], now: now) == .undetermined)
        // …or it describes the past but reached us only later.
        let learnedLater = F.observed(F.bitcoin(155_000, at: F.may10), knownAt: F.at(now, plus: 1))
        #expect(skip(F.touchMarket, [learnedLater], now: now) == .undetermined)
    }

    @Test func figureFromAnotherDayOrPublishedBeforeTheDayEndedFixesNothing() {
        let nws = ObservationSource.publisher(name: "NWS", url: "https://www.weather.gov/lot/")
        let now = F.at(F.jul11, plus: 13 * F.hour)
        let dayBefore = ReferenceReading(
            subject: "highest temperature chicago", value: 95, unit: .fahrenheit,
            span: .period(start: F.at(F.jul9, plus: 5 * F.hour), end: F.at(F.jul10, plus: 5 * F.hour)))
        #expect(skip(F.temperatureMarket, [.reading(dayBefore, source: nws, knownAt: F.jul11)], now: now) == .undetermined)
        let provisional = ReferenceReading(
            subject: "highest temperature chicago", value: 95, unit: .fahrenheit,
            span: .period(start: F.at(F.jul10, plus: 5 * F.hour), end: F.at(F.jul11, plus: 5 * F.hour)))
        #expect(skip(
            F.temperatureMarket, [.reading(provisional, source: nws, knownAt: F.at(F.jul10, plus: 20 * F.hour))],
            now: now) == .undetermined)
    }

    // MARK: What was measured

    @Test func touchValueShortOfTheThresholdFixesNothing() {
        let now = F.at(F.may10, plus: 60)
        #expect(skip(F.touchMarket, [F.observed(F.bitcoin(149_999.99, at: F.may10))], now: now) == .undetermined)
    }

    @Test func valueForAnotherAssetNeverApplies() {
        let now = F.at(F.may10, plus: 60)
        let ether = ReferenceReading(subject: "ethereum", aliases: ["eth"], value: 155_000, unit: .usd, span: .instant(F.may10))
        #expect(skip(F.touchMarket, [F.observed(ether)], now: now) == .undetermined)
        // A subject that merely contains the question's is another asset too.
        let cash = ReferenceReading(subject: "bitcoin cash", value: 155_000, unit: .usd, span: .instant(F.may10))
        #expect(skip(F.touchMarket, [F.observed(cash)], now: now) == .undetermined)
    }

    @Test func valueInAnotherUnitNeverApplies() {
        let now = F.at(F.may10, plus: 60)
        let euros = F.bitcoin(155_000, at: F.may10, unit: MeasurementUnit(rawValue: "eur"))
        #expect(skip(F.touchMarket, [F.observed(euros)], now: now) == .undetermined)
        #expect(skip(F.touchMarket, [F.observed(F.bitcoin(155_000, at: F.may10, unit: nil))], now: now) == .undetermined)
        let celsius = ReferenceReading(
            subject: "highest temperature chicago", value: 33, unit: .celsius,
            span: .period(start: F.at(F.jul10, plus: 5 * F.hour), end: F.at(F.jul11, plus: 5 * F.hour)))
        let nws = ObservationSource.publisher(name: "NWS", url: "https://www.weather.gov/lot/")
        #expect(skip(
            F.temperatureMarket, [.reading(celsius, source: nws, knownAt: F.at(F.jul11, plus: 6 * F.hour))],
            now: F.at(F.jul11, plus: 7 * F.hour)) == .undetermined)
    }

    // MARK: Sources

    @Test func readingFromAnotherExchangeThanTheSettlementSourceNeverApplies() {
        let now = F.at(F.may10, plus: 60)
        #expect(skip(F.touchMarket, [F.observed(F.bitcoin(155_000, at: F.may10), from: F.coinbase)], now: now) == .undetermined)
    }

    @Test func publishedResultFromAnotherSourceFixesNothing() {
        let market = F.fedMarket
        let now = F.at(F.may10, plus: 3_600)
        func result(from url: String) -> ResolutionObservation {
            ResolutionObservation(
                fact: .result(PublishedResult(
                    target: .market(venue: .polymarket, id: market.id), winner: .side(.yes), publishedAt: F.may10)),
                source: .publisher(name: "Federal Reserve", url: url), knownAt: F.at(F.may10, plus: 30))
        }
        #expect(skip(market, [result(from: "https://www.reuters.com/markets/us/fed-cuts-rates")], now: now) == .undetermined)
        // A domain that only starts with the settlement domain is someone else's.
        #expect(skip(market, [result(from: "https://federalreserve.gov.example.com/release")], now: now) == .undetermined)
        // A name without an address cannot be checked against a settlement URL.
        let unnamed = ResolutionObservation(
            fact: .result(PublishedResult(
                target: .market(venue: .polymarket, id: market.id), winner: .side(.yes), publishedAt: F.may10)),
            source: .publisher(name: "Federal Reserve", url: nil), knownAt: F.at(F.may10, plus: 30))
        #expect(skip(market, [unnamed], now: now) == .undetermined)
    }

    @Test func venueNoticeCountsOnlyForItsOwnMarket() {
        let market = F.fedMarket
        let now = F.at(F.may10, plus: 60)
        let otherMarket = MarketNotice(
            kind: .resolved, venue: .polymarket, marketID: "fed-cut-jul", winningOutcome: "Yes", venueTimestamp: F.may10)
        let otherVenue = MarketNotice(
            kind: .resolved, venue: .kalshi, marketID: market.id, winningOutcome: "Yes", venueTimestamp: F.may10)
        let listed = MarketNotice(kind: .listed, venue: .polymarket, marketID: market.id, venueTimestamp: F.may10)
        #expect(ResolutionObservation.venueResolution(listed, receivedAt: F.may10) == nil)
        let observations = [otherMarket, otherVenue].compactMap {
            ResolutionObservation.venueResolution($0, receivedAt: F.at(F.may10, plus: 1))
        }
        #expect(observations.count == 2)
        #expect(skip(market, observations, now: now) == .undetermined)
    }

    @Test func contradictingObservationsFixNothing() {
        let market = F.fedMarket
        let now = F.at(F.may10, plus: 60)
        let yes = MarketNotice(kind: .resolved, venue: .polymarket, marketID: market.id, winningOutcome: "Yes")
        let no = ResolutionObservation(
            fact: .result(PublishedResult(target: .market(venue: .polymarket, id: market.id), winner: .side(.no), publishedAt: F.may10)),
            source: .publisher(name: "Fed", url: "https://www.federalreserve.gov/"), knownAt: F.at(F.may10, plus: 2))
        let observations = [ResolutionObservation.venueResolution(yes, receivedAt: F.at(F.may10, plus: 1))!, no]
        #expect(skip(market, observations, now: now) == .conflicting(yes: 1, no: 1))
    }

    // MARK: Price and book

    @Test func priceNotLaggingFixesNothing() {
        let now = F.at(F.may10, plus: 60)
        let observations = [F.observed(F.bitcoin(150_250, at: F.may10))]
        let converged = F.yesBook(F.touchMarket, bids: [F.level("0.99", 100)], asks: [F.level("1", 500)], now: now)
        #expect(skip(F.touchMarket, observations, now: now, book: converged)
            == .notLagging(side: .yes, bestOffer: 1))
        let empty = F.yesBook(F.touchMarket, bids: [F.level("0.99", 100)], asks: [], now: now)
        #expect(skip(F.touchMarket, observations, now: now, book: empty) == .notLagging(side: .yes, bestOffer: nil))
        // Ask + fee at or above 1: 0.98 plus a 2.05 % fee is 1.00009.
        let thin = F.yesBook(F.touchMarket, asks: [F.level("0.98", 500)], now: now)
        #expect(skip(F.touchMarket, observations, now: now, book: thin, fees: ProportionalFees(ratePPM: 20_500))
            == .notLagging(side: .yes, bestOffer: Price("0.98")!))
    }

    @Test func staleUnsynchronizedOrCrossedBooksProduceNothing() {
        let now = F.at(F.may10, plus: 60)
        let observations = [F.observed(F.bitcoin(150_250, at: F.may10))]
        let stale = F.yesBook(F.touchMarket, asks: [F.level("0.9", 100)], now: now, age: 120)
        #expect(skip(F.touchMarket, observations, now: now, book: stale) == .bookStale(lastReceived: F.at(now, plus: -120)))
        let fromTheFuture = F.yesBook(F.touchMarket, asks: [F.level("0.9", 100)], now: now, age: -5)
        #expect(skip(F.touchMarket, observations, now: now, book: fromTheFuture) == .bookStale(lastReceived: F.at(now, plus: 5)))
        var broken = F.laggingYesBook(F.touchMarket, now: now)
        broken.invalidate()
        #expect(skip(F.touchMarket, observations, now: now, book: broken) == .bookNotSynchronized)
        let crossed = F.yesBook(F.touchMarket, bids: [F.level("0.95", 10)], asks: [F.level("0.9", 100)], now: now)
        #expect(skip(F.touchMarket, observations, now: now, book: crossed) == .bookCrossed)
        let otherMarket = F.laggingYesBook(F.closeMarket, now: now)
        #expect(skip(F.touchMarket, observations, now: now, book: otherMarket) == .bookNotForMarket(otherMarket.instrument))
    }

    // MARK: Market state

    @Test func marketAlreadyResolvedOrVoidedIsNotTraded() {
        let now = F.at(F.may10, plus: 60)
        let observations = [F.observed(F.bitcoin(150_250, at: F.may10))]
        for status in [MarketStatus.resolved, .voided, .closed, .resolving] {
            var market = F.touchMarket
            market.status = status
            #expect(skip(market, observations, now: now) == .marketNotTrading(status))
        }
        var settled = F.touchMarket
        settled.outcomes[0].payout = 1
        settled.outcomes[1].payout = 0
        #expect(skip(settled, observations, now: now) == .alreadySettled)
        var halted = F.touchMarket
        halted.acceptingOrders = false
        #expect(skip(halted, observations, now: now) == .marketNotTrading(.open))
    }

    @Test func negatedQuestionIsLeftForReview() {
        var market = F.touchMarket
        market.question = "Will Bitcoin not reach $150,000 by June 30, 2026?"
        let now = F.at(F.may10, plus: 60)
        #expect(skip(market, [F.observed(F.bitcoin(150_250, at: F.may10))], now: now) == .negatedQuestion)
    }
}
