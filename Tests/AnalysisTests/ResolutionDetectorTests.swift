import EdgewiseAnalysis
import EdgewiseCore
import Foundation
import Testing

private typealias F = ResolutionFixtures

/// Firing cases: each with the exact legs, money and evidence the detector must produce.
@Suite struct ResolutionDetectorTests {
    let detector = ResolutionDetector()

    @Test func touchMarketFiresOnceTheThresholdWasReachedInsideTheWindow() throws {
        let market = F.touchMarket
        let now = F.at(F.may10, plus: 60)
        let observation = F.observed(F.bitcoin(150_250, at: F.may10))
        let opportunity = try #require(
            detector.detect(
                market: market, yesBook: F.laggingYesBook(market, now: now), fees: NoFees(),
                observations: [observation], now: now))

        #expect(opportunity.kind == .resolution)
        #expect(opportunity.group == "polymarket:btc-150k-jun30")
        #expect(opportunity.legs == [
            OpportunityLeg(
                venue: .polymarket, marketID: "btc-150k-jun30",
                instrument: InstrumentID(venue: .polymarket, token: "btc-150k-jun30-yes"), outcome: .yes, side: .buy,
                limitPrice: Price("0.99")!, size: 350, notional: Amount("335.5")!, fee: .zero, minimumSize: 5,
                label: "Yes"),
        ])
        #expect(opportunity.size == 350)
        #expect(opportunity.payoutPerBasket == 1)
        #expect(opportunity.cost == Amount("335.5")!)
        #expect(opportunity.payout == 350)
        #expect(opportunity.profit == Amount("14.5")!)
        #expect(opportunity.maxSize == 350)
        #expect(opportunity.curve.map(\.size) == [5, 100, 150, 350])
        #expect(opportunity.resolutionTime == F.jun30)
        #expect(opportunity.firstSeen == now)
        #expect(opportunity.evidence == [
            OpportunityEvidence(
                claim: "bitcoin was 150250 usd at \(F.may10) satisfies ≥ 150000 usd; touch rule: the threshold was "
                    + "reached between \(F.jan1) and the deadline \(F.jun30), which fixes YES",
                source: F.binance.description, observedAt: F.at(F.may10, plus: 1)),
        ])
    }

    @Test func closeMarketFiresYesOnTheReadingAtTheResolutionTime() throws {
        let market = F.closeMarket
        let reading = try #require(market.endTime)
        let now = F.at(reading, plus: 120)
        let opportunity = try #require(
            detector.detect(
                market: market, yesBook: F.laggingYesBook(market, now: now), fees: NoFees(),
                observations: [F.observed(F.bitcoin(100_500, at: reading))], now: now))
        #expect(opportunity.legs.map(\.outcome) == [.yes])
        #expect(opportunity.profit == Amount("14.5")!)
        #expect(opportunity.evidence.count == 1)
        #expect(opportunity.evidence[0].claim.hasSuffix("reading rule: this is the value at the resolution time \(reading)"))
    }

    /// A reading short of the threshold at the resolution time fixes NO, bought against the YES
    /// bids: 1 − 0.08 and 1 − 0.05.
    @Test func closeMarketFiresNoBoughtAgainstTheYesBids() throws {
        let market = F.closeMarket
        let reading = try #require(market.endTime)
        let now = F.at(reading, plus: 120)
        let book = F.yesBook(
            market, bids: [F.level("0.08", 500), F.level("0.05", 300)], asks: [F.level("0.12", 100)], now: now)
        let opportunity = try #require(
            detector.detect(
                market: market, yesBook: book, fees: NoFees(), observations: [F.observed(F.bitcoin(99_000, at: reading))],
                now: now))
        #expect(opportunity.legs == [
            OpportunityLeg(
                venue: .polymarket, marketID: "btc-100k-dec31",
                instrument: InstrumentID(venue: .polymarket, token: "btc-100k-dec31-no"), outcome: .no, side: .buy,
                limitPrice: Price("0.95")!, size: 800, notional: 745, fee: .zero, minimumSize: 5, label: "No"),
        ])
        #expect(opportunity.cost == 745)
        #expect(opportunity.payout == 800)
        #expect(opportunity.profit == 55)
        #expect(opportunity.evidence[0].claim.hasPrefix("bitcoin was 99000 usd at \(reading) does not satisfy > 100000 usd"))
    }

    /// Two qualifying readings are both listed, oldest first.
    @Test func everyObservationReliedOnIsListed() throws {
        let market = F.touchMarket
        let now = F.at(F.may10, plus: 600)
        let first = F.observed(F.bitcoin(150_000, at: F.may9))
        let second = F.observed(F.bitcoin(151_000, at: F.may10), knownAt: F.at(F.may10, plus: 5))
        let opportunity = try #require(
            detector.detect(
                market: market, yesBook: F.laggingYesBook(market, now: now), fees: NoFees(),
                observations: [second, first], now: now))
        #expect(opportunity.evidence.map(\.observedAt) == [F.at(F.may9, plus: 1), F.at(F.may10, plus: 5)])
    }

    @Test func publishedResultFromTheSettlementSourceFires() throws {
        let market = F.fedMarket
        let now = F.at(F.may10, plus: 3_600)
        let result = ResolutionObservation(
            fact: .result(PublishedResult(
                target: .market(venue: .polymarket, id: market.id), winner: .side(.yes), publishedAt: F.may10)),
            source: .publisher(
                name: "Federal Reserve",
                url: "https://www.federalreserve.gov/newsevents/pressreleases/monetary20260617a.htm"),
            knownAt: F.at(F.may10, plus: 30))
        let opportunity = try #require(
            detector.detect(
                market: market, yesBook: F.laggingYesBook(market, now: now), fees: NoFees(), observations: [result],
                now: now))
        #expect(opportunity.legs.map(\.outcome) == [.yes])
        #expect(opportunity.evidence == [
            OpportunityEvidence(
                claim: "market polymarket:fed-cut-jun resolved YES (published \(F.may10)); source rule: published by "
                    + "the market's settlement source",
                source: result.source.description, observedAt: F.at(F.may10, plus: 30)),
        ])
    }

    @Test func venueResolutionNoticeFires() throws {
        let market = F.fedMarket
        let now = F.at(F.may10, plus: 60)
        let notice = MarketNotice(
            kind: .resolved, venue: .polymarket, marketID: market.id, winningToken: "fed-cut-jun-no",
            venueTimestamp: F.may10)
        let observation = try #require(ResolutionObservation.venueResolution(notice, receivedAt: F.at(F.may10, plus: 1)))
        let book = F.yesBook(market, bids: [F.level("0.2", 40)], asks: [F.level("0.25", 40)], now: now)
        let opportunity = try #require(
            detector.detect(market: market, yesBook: book, fees: NoFees(), observations: [observation], now: now))
        #expect(opportunity.legs.map(\.outcome) == [.no])
        #expect(opportunity.legs[0].limitPrice == Price("0.8")!)
        #expect(opportunity.profit == 8)
        #expect(opportunity.evidence[0].claim.hasSuffix("venue rule: polymarket resolved the market"))
        #expect(opportunity.evidence[0].source == "polymarket resolution")
    }

    @Test func officialDailyFigureFixesADayQuestion() throws {
        let market = F.temperatureMarket
        let now = F.at(F.jul11, plus: 13 * F.hour)
        let figure = ReferenceReading(
            subject: "highest temperature Chicago", value: 92, unit: .fahrenheit,
            span: .period(start: F.at(F.jul10, plus: 5 * F.hour), end: F.at(F.jul11, plus: 5 * F.hour)))
        let nws = ObservationSource.publisher(name: "NWS Chicago", url: "https://forecast.weather.gov/product.php?site=LOT&product=CLI")
        let opportunity = try #require(
            detector.detect(
                market: market, yesBook: F.laggingYesBook(market, now: now), fees: NoFees(),
                observations: [.reading(figure, source: nws, knownAt: F.at(F.jul11, plus: 12 * F.hour))], now: now))
        #expect(opportunity.legs.map(\.outcome) == [.yes])
        #expect(opportunity.evidence[0].claim.hasSuffix("figure rule: this is the final official figure for the day \(F.jul10)"))
    }

    // MARK: Fees

    /// Asks 0.97 × 10 and 0.99 × 100. Without fees all 110 shares pay; a 2 % fee leaves 0.0106
    /// per share at 0.97 and costs 0.0098 per share at 0.99, so the best size is 10 and the
    /// largest still profitable is 20.
    @Test func feesEatAThinEdge() throws {
        let market = F.touchMarket
        let now = F.at(F.may10, plus: 60)
        let book = F.yesBook(market, asks: [F.level("0.97", 10), F.level("0.99", 100)], now: now)
        let observations = [F.observed(F.bitcoin(150_250, at: F.may10))]

        let free = try #require(
            detector.detect(market: market, yesBook: book, fees: NoFees(), observations: observations, now: now))
        #expect(free.size == 110)
        #expect(free.profit == Amount("1.3")!)

        let fees = ProportionalFees(ratePPM: 20_000)
        let charged = try #require(
            detector.detect(market: market, yesBook: book, fees: fees, observations: observations, now: now))
        #expect(charged.size == 10)
        #expect(charged.fees == Amount("0.194")!)
        #expect(charged.cost == Amount("9.894")!)
        #expect(charged.profit == Amount("0.106")!)
        #expect(charged.maxSize == 20)
        #expect(charged.curve.map(\.size) == [5, 10, 20])
        #expect(charged.curve.last?.profit == Amount("0.008")!)

        let thin = F.yesBook(market, asks: [F.level("0.99", 100)], now: now)
        let evaluation = detector.evaluate(market: market, yesBook: thin, fees: fees, observations: observations, now: now)
        #expect(evaluation.skip == .notLagging(side: .yes, bestOffer: Price("0.99")!))
        // The same book without fees is a (small) trade: the fee alone removed it.
        #expect(detector.detect(market: market, yesBook: thin, fees: NoFees(), observations: observations, now: now) != nil)
    }
}
