import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import Foundation
import Testing

@Suite("Polymarket user channel: which part of a trade is ours", .requiresSharedFixtures)
struct TradeParticipationTests {
    let received = Timestamp(seconds: 99)

    @Test func inTheDocumentedSampleWeAreTheMakerNotTheTaker() throws {
        // The sample's trade `owner` is our key although our order is the maker: owner alone
        // must not make us the taker.
        let trade = try UserFixtures.decodeTrade(try UserFixtures.sample("user_trade"))
        let ours = trade.participations(apiKey: UserFixtures.apiKey, fallbackTime: received) { _ in false }
        #expect(ours == [
            PolymarketTradeParticipation(
                tradeID: "28c4d2eb-bbea-40e7-a9f0-b2fdb56b2c2e", orderID: UserFixtures.makerOrderID, liquidity: .maker,
                instrument: UserFixtures.instrument, side: .sell, price: .p("0.57"), size: .s("10"), time: Timestamp(seconds: 1_672_290_701))
        ])
        #expect(ours[0].fillID == FillID("28c4d2eb-bbea-40e7-a9f0-b2fdb56b2c2e:\(UserFixtures.makerOrderID.rawValue)"))
    }

    @Test func asTakerOnlyOurSideSizeAndPriceCount() throws {
        let trade = try UserFixtures.decodeTrade(try UserFixtures.tradeEvent(
            side: "BUY", size: "7", price: "0.58",
            makers: [
                UserFixtures.maker("0xm1", amount: "3", price: "0.56", owner: UserFixtures.otherKey),
                UserFixtures.maker("0xm2", amount: "4", price: "0.58", owner: UserFixtures.otherKey),
            ]))
        let ours = trade.participations(apiKey: UserFixtures.apiKey, fallbackTime: received) { $0 == UserFixtures.takerOrderID }
        #expect(ours.count == 1)
        #expect(ours[0].orderID == UserFixtures.takerOrderID)
        #expect(ours[0].liquidity == .taker)
        #expect(ours[0].side == .buy)
        #expect(ours[0].size == .s("7"))
        #expect(ours[0].price == .p("0.58"))
        // Addressed to our key with no maker of ours: the taker is ours even when its id is new to us.
        #expect(trade.participations(apiKey: UserFixtures.apiKey, fallbackTime: received) { _ in false }.map(\.orderID) == [UserFixtures.takerOrderID])
        // Addressed to someone else and naming nothing of ours: nothing.
        #expect(trade.participations(apiKey: "not-us", fallbackTime: received) { _ in false }.isEmpty)
    }

    @Test func makerSideIsInferredFromTheTokenWhenThePayloadOmitsIt() throws {
        // A BUY of YES matched against a resting BUY of NO mints a full set: both sides buy.
        let trade = try UserFixtures.decodeTrade(try UserFixtures.tradeEvent(
            side: "BUY", size: "5", owner: UserFixtures.otherKey,
            makers: [
                UserFixtures.maker("0xsame", amount: "2", price: "0.57", owner: UserFixtures.otherKey),
                UserFixtures.maker("0xmint", amount: "3", price: "0.43", owner: UserFixtures.otherKey, token: UserFixtures.complementToken),
            ]))
        let ours = trade.participations(apiKey: UserFixtures.apiKey, fallbackTime: received) { ["0xsame", "0xmint"].contains($0) }
        #expect(ours.map(\.side) == [.sell, .buy])
        #expect(ours.map(\.instrument.token) == [UserFixtures.token, UserFixtures.complementToken])
        #expect(ours.map(\.price) == [.p("0.57"), .p("0.43")])
        #expect(ours.allSatisfy { $0.liquidity == .maker })
    }

    @Test func aTradeBetweenTwoOfOurOrdersIsTwoFills() throws {
        let trade = try UserFixtures.decodeTrade(try UserFixtures.tradeEvent(size: "10", makers: [UserFixtures.maker(amount: "10")]))
        let ours = trade.participations(apiKey: UserFixtures.apiKey, fallbackTime: received) { $0 == UserFixtures.takerOrderID }
        #expect(ours.map(\.liquidity) == [.taker, .maker])
        #expect(Set(ours.map(\.fillID)).count == 2)
    }

    @Test func withoutAnyTimeTheReceiveTimeIsUsed() throws {
        var event = try UserFixtures.tradeEvent()
        for key in ["matchtime", "timestamp", "last_update"] { event[key] = nil }
        let trade = try UserFixtures.decodeTrade(event)
        #expect(trade.participations(apiKey: UserFixtures.apiKey, fallbackTime: received) { _ in false }.first?.time == received)
    }
}
