import EdgewiseCore
import EdgewiseExecution
import Testing

@Suite("Paper broker: taking liquidity")
struct PaperBrokerTakingTests {
    @Test func buyWalksThreeAskLevelsAndPaysEachLevelsFee() {
        var broker = paperBroker()
        let events = broker.submit(paperOrder("walk", .buy, "0.42", 200), at: paperTime(1))

        let venueID = VenueOrderID("paper-walk")
        #expect(events.first == PaperOrderEvent(order: "walk", event: .accepted(venueID, at: paperTime(1))))
        #expect(events.count == 4)
        // 2% × p × (1 − p) per share: 100 × 0.0048, 50 × 0.004838, 50 × 0.004872.
        let expected: [(String, Int64, String)] = [
            ("0.40", 100, "0.48"), ("0.41", 50, "0.2419"), ("0.42", 50, "0.2436"),
        ]
        #expect(events.fills.count == 3)
        for (index, (fill, want)) in zip(events.fills, expected).enumerated() {
            #expect(fill.id == FillID("walk-fill-\(index + 1)"))
            #expect(fill.clientOrderID == "walk")
            #expect(fill.venueOrderID == venueID)
            #expect(fill.instrument == paperYes)
            #expect(fill.side == .buy)
            #expect(fill.price == Price(want.0)!)
            #expect(fill.size == Size(integerLiteral: want.1))
            #expect(fill.fee == Amount(want.2)!)
            #expect(fill.liquidity == .taker)
            #expect(fill.time == paperTime(1))
        }
        let order = broker.order("walk")!
        #expect(order.status == .filled)
        #expect(order.filledNotional == Amount("81.5")!)
        #expect(order.fees == Amount("0.9655")!)
        #expect(order.averageFillPrice == Price("0.4075")!)
        #expect(broker.openOrders.isEmpty)
        #expect(broker.availableLevels(paperYes, .ask) == [level("0.42", 150)])
    }

    @Test func sellWalksTheBidsDownToItsLimit() {
        var broker = paperBroker()
        let events = broker.submit(paperOrder("sell", .sell, "0.37", 250, .fillAndKill), at: paperTime(1))
        #expect(events.fills.map(\.price) == [Price("0.38")!, Price("0.37")!])
        #expect(events.fills.map(\.size) == [100, 150])
        #expect(events.last?.event == .filled(events.fills[1]))
        #expect(broker.order("sell")?.status == .filled)
    }

    @Test func fillOrKillThatCannotFillEntirelyIsCancelledWithNothingFilled() {
        var broker = paperBroker()
        // 350 shares are offered at 0.42 or better; 360 are wanted.
        let events = broker.submit(paperOrder("fok", .buy, "0.42", 360, .fillOrKill), at: paperTime(1))
        #expect(
            events == [
                PaperOrderEvent(order: "fok", event: .accepted("paper-fok", at: paperTime(1))),
                PaperOrderEvent(order: "fok", event: .cancelled(at: paperTime(1))),
            ])
        #expect(broker.order("fok")?.filledSize == .zero)
        #expect(broker.order("fok")?.status == .cancelled)
        #expect(broker.availableLevels(paperYes, .ask) == [level("0.40", 100), level("0.41", 50), level("0.42", 200)])

        let whole = broker.submit(paperOrder("fok2", .buy, "0.41", 150, .fillOrKill), at: paperTime(2))
        #expect(whole.fills.map(\.size) == [100, 50])
        #expect(broker.order("fok2")?.status == .filled)
    }

    @Test func fillAndKillFillsWhatIsThereAndCancelsTheRest() {
        var broker = paperBroker()
        let events = broker.submit(paperOrder("fak", .buy, "0.41", 400, .fillAndKill), at: paperTime(1))
        #expect(events.fills.map(\.size) == [100, 50])
        #expect(events.last == PaperOrderEvent(order: "fak", event: .cancelled(at: paperTime(1))))
        let order = broker.order("fak")!
        #expect(order.status == .cancelled)
        #expect(order.filledSize == 150)
        #expect(broker.openOrders.isEmpty)
    }

    @Test func goodTillCancelledRestsTheRemainderAfterTaking() {
        var broker = paperBroker()
        let events = broker.submit(paperOrder("gtc", .buy, "0.40", 130), at: paperTime(1))
        #expect(events.fills.map(\.size) == [100])
        #expect(broker.order("gtc")?.status == .partiallyFilled)
        #expect(broker.openOrders.map(\.id) == ["gtc"])
        #expect(broker.openOrders.first?.remainingSize == 30)
        // It joins the bids at 0.40, where nothing else is shown.
        #expect(broker.queueAhead("gtc") == .zero)
    }

    @Test func depthOurFillsTookIsNotTakenAgainUntilTheBookAddsSize() {
        var broker = paperBroker()
        #expect(
            broker.submit(paperOrder("a", .buy, "0.40", 100, .fillAndKill), at: paperTime(1)).fills.map(\.size) == [100]
        )
        // The venue still shows 100 at 0.40, but we took them.
        #expect(broker.book(paperYes)?.size(at: Price("0.40")!, side: .ask) == 100)
        #expect(broker.submit(paperOrder("b", .buy, "0.40", 100, .fillAndKill), at: paperTime(2)).fills.isEmpty)

        // A snapshot repeating the same level gives nothing back.
        _ = broker.apply(
            paperSnapshot(
                bids: [level("0.38", 100), level("0.37", 200)],
                asks: [level("0.40", 100), level("0.41", 50), level("0.42", 200)]),
            receivedAt: paperTime(3))
        #expect(broker.submit(paperOrder("c", .buy, "0.40", 100, .fillAndKill), at: paperTime(4)).fills.isEmpty)

        // 50 more join the level: only those are new.
        _ = broker.apply(paperDelta([.set(.ask, Price("0.40")!, 150)]), receivedAt: paperTime(5))
        #expect(
            broker.submit(paperOrder("d", .buy, "0.40", 100, .fillAndKill), at: paperTime(6)).fills.map(\.size) == [50])

        // The level empties and refills: the new size is all available.
        _ = broker.apply(paperDelta([.set(.ask, Price("0.40")!, 0)]), receivedAt: paperTime(7))
        _ = broker.apply(paperDelta([.set(.ask, Price("0.40")!, 80)]), receivedAt: paperTime(8))
        #expect(
            broker.submit(paperOrder("e", .buy, "0.40", 100, .fillAndKill), at: paperTime(9)).fills.map(\.size) == [80])
    }

    @Test func noIsBoughtAgainstTheYesBidsMirrored() {
        var broker = paperBroker()
        // Buying NO at ≤ 0.64 is selling YES at ≥ 0.36: YES bids 0.38 × 100 and 0.37 × 200.
        let events = broker.submit(
            paperOrder("no", .buy, "0.64", 120, .fillAndKill, instrument: paperNo), at: paperTime(1))
        #expect(events.fills.map(\.instrument) == [paperNo, paperNo])
        #expect(events.fills.map(\.side) == [.buy, .buy])
        #expect(events.fills.map(\.price) == [Price("0.62")!, Price("0.63")!])
        #expect(events.fills.map(\.size) == [100, 20])
        #expect(events.fills.map(\.fee) == [Amount("0.4712")!, Amount("0.09324")!])

        // The YES bids the NO buy took are gone for a YES sell too.
        let sell = broker.submit(paperOrder("yes-sell", .sell, "0.37", 200, .fillAndKill), at: paperTime(2))
        #expect(sell.fills.map(\.price) == [Price("0.37")!])
        #expect(sell.fills.map(\.size) == [180])
    }
}

@Suite("Paper broker: resting orders")
struct PaperBrokerRestingTests {
    @Test func restingBuyBehindOneHundredFillsOnlyAfterMoreThanOneHundredTrade() {
        var broker = paperBroker()
        let placed = broker.submit(paperOrder("rest", .buy, "0.38", 10), at: paperTime(1))
        #expect(placed == [PaperOrderEvent(order: "rest", event: .accepted("paper-rest", at: paperTime(1)))])
        #expect(broker.queueAhead("rest") == 100)

        #expect(broker.apply(paperTrade("0.38", 60, aggressor: .sell), receivedAt: paperTime(2)).isEmpty)
        #expect(broker.queueAhead("rest") == 40)
        // A buyer lifting asks does not trade with bids.
        #expect(broker.apply(paperTrade("0.38", 30, aggressor: .buy), receivedAt: paperTime(3)).isEmpty)
        #expect(broker.queueAhead("rest") == 40)
        // Exactly the queue ahead trades: still nothing for us.
        #expect(broker.apply(paperTrade("0.38", 40, aggressor: .sell), receivedAt: paperTime(4)).isEmpty)
        #expect(broker.queueAhead("rest") == .zero)

        let first = broker.apply(paperTrade("0.38", 4, aggressor: nil), receivedAt: paperTime(5))
        #expect(first.fills.map(\.size) == [4])
        #expect(first.fills.first?.price == Price("0.38")!)
        #expect(first.fills.first?.liquidity == .maker)
        #expect(first.fills.first?.fee == .zero)
        #expect(first.fills.first?.id == "rest-fill-1")
        #expect(first.fills.first?.time == paperTime(5))

        let rest = broker.apply(paperTrade("0.38", 20, aggressor: .sell), receivedAt: paperTime(6))
        #expect(rest.fills.map(\.size) == [6])
        #expect(broker.order("rest")?.status == .filled)
        #expect(broker.openOrders.isEmpty)
    }

    @Test func oneTradeLargerThanTheQueueFillsOnlyTheExcess() {
        var broker = paperBroker()
        _ = broker.submit(paperOrder("rest", .buy, "0.38", 10), at: paperTime(1))
        let events = broker.apply(paperTrade("0.38", 103, aggressor: .sell), receivedAt: paperTime(2))
        #expect(events.fills.map(\.size) == [3])
        #expect(broker.openOrders.first?.remainingSize == 7)
    }

    @Test func aTradeThroughOurPriceFillsUpToItsSize() {
        var broker = paperBroker()
        _ = broker.submit(paperOrder("rest", .buy, "0.38", 10), at: paperTime(1))
        // Someone sold at 0.37: every bid at 0.38 was gone, ours included.
        let events = broker.apply(paperTrade("0.37", 7, aggressor: .sell), receivedAt: paperTime(2))
        #expect(events.fills.map(\.size) == [7])
        #expect(events.fills.map(\.price) == [Price("0.38")!])
        #expect(broker.queueAhead("rest") == .zero)
    }

    @Test func theBookMovingThroughARestingBuyFillsItAtItsLimitAsMaker() {
        var broker = paperBroker()
        _ = broker.submit(paperOrder("rest", .buy, "0.38", 10), at: paperTime(1))
        // The bids at 0.38 are gone and an ask of 4 now sits at our price.
        let first = broker.apply(
            paperDelta([.set(.bid, Price("0.38")!, 0), .set(.ask, Price("0.38")!, 4)]), receivedAt: paperTime(2))
        #expect(first.fills.map(\.size) == [4])
        #expect(first.fills.map(\.price) == [Price("0.38")!])
        #expect(first.fills.map(\.liquidity) == [.maker])

        // An ask below our price: we still get our limit, not the better price.
        let second = broker.apply(
            paperDelta([.set(.bid, Price("0.37")!, 0), .set(.ask, Price("0.37")!, 20)]), receivedAt: paperTime(3))
        #expect(second.fills.map(\.size) == [6])
        #expect(second.fills.map(\.price) == [Price("0.38")!])
        #expect(second.fills.map(\.id) == ["rest-fill-2"])
        #expect(broker.order("rest")?.status == .filled)
        // What crossed us is taken: 14 of the 20 at 0.37 remain for our next order.
        #expect(broker.availableLevels(paperYes, .ask).first == level("0.37", 14))
    }

    @Test func cancellationsAtOurLevelAreAssumedBehindUsButTheQueueNeverExceedsTheLevel() {
        var broker = paperBroker()
        _ = broker.submit(paperOrder("rest", .buy, "0.38", 10), at: paperTime(1))
        _ = broker.apply(paperDelta([.set(.bid, Price("0.38")!, 130)]), receivedAt: paperTime(2))
        #expect(broker.queueAhead("rest") == 100)
        _ = broker.apply(paperDelta([.set(.bid, Price("0.38")!, 90)]), receivedAt: paperTime(3))
        #expect(broker.queueAhead("rest") == 90)
        _ = broker.apply(paperDelta([.set(.bid, Price("0.38")!, 60)]), receivedAt: paperTime(4))
        #expect(broker.queueAhead("rest") == 60)
        _ = broker.apply(paperDelta([.set(.bid, Price("0.38")!, 500)]), receivedAt: paperTime(5))
        #expect(broker.queueAhead("rest") == 60)
    }

    @Test func ourEarlierOrderAtAPriceKeepsItsPriority() {
        var broker = paperBroker()
        _ = broker.submit(paperOrder("a", .buy, "0.38", 10), at: paperTime(1))
        _ = broker.apply(paperDelta([.set(.bid, Price("0.38")!, 150)]), receivedAt: paperTime(2))
        _ = broker.submit(paperOrder("b", .buy, "0.38", 10), at: paperTime(3))
        #expect(broker.queueAhead("a") == 100)
        #expect(broker.queueAhead("b") == 150)

        // 100 ahead of a, then a's 10, then 10 of the 50 that joined between a and b.
        let first = broker.apply(paperTrade("0.38", 120, aggressor: .sell), receivedAt: paperTime(4))
        #expect(first.map(\.order) == ["a"])
        #expect(first.fills.map(\.size) == [10])
        #expect(broker.queueAhead("b") == 40)

        let second = broker.apply(paperTrade("0.38", 45, aggressor: .sell), receivedAt: paperTime(5))
        #expect(second.fills.map(\.clientOrderID) == ["b"])
        #expect(second.fills.map(\.size) == [5])
    }

    @Test func aRestingNoBuyWaitsInTheYesAskQueue() {
        var broker = paperBroker()
        // NO at 0.58 is YES offered at 0.42, behind the 200 shown there.
        _ = broker.submit(paperOrder("no", .buy, "0.58", 10, instrument: paperNo), at: paperTime(1))
        #expect(broker.queueAhead("no") == 200)
        #expect(broker.apply(paperTrade("0.42", 200, aggressor: .buy), receivedAt: paperTime(2)).isEmpty)
        let events = broker.apply(paperTrade("0.42", 5, aggressor: .buy), receivedAt: paperTime(3))
        #expect(events.fills.map(\.instrument) == [paperNo])
        #expect(events.fills.map(\.side) == [.buy])
        #expect(events.fills.map(\.price) == [Price("0.58")!])
        #expect(events.fills.map(\.size) == [5])
    }

    @Test func cancelRemovesARestingOrderOnce() {
        var broker = paperBroker()
        _ = broker.submit(paperOrder("rest", .buy, "0.38", 10), at: paperTime(1))
        #expect(
            broker.cancel("rest", at: paperTime(2)) == [
                PaperOrderEvent(order: "rest", event: .cancelled(at: paperTime(2)))
            ])
        #expect(broker.cancel("rest", at: paperTime(3)).isEmpty)
        #expect(broker.cancel("never", at: paperTime(3)).isEmpty)
        #expect(broker.openOrders.isEmpty)
        #expect(broker.apply(paperTrade("0.37", 50, aggressor: .sell), receivedAt: paperTime(4)).isEmpty)
    }

    @Test func goodTillDateExpiresAtItsExpiryBeforeLaterDataCanFillIt() {
        var broker = paperBroker()
        _ = broker.submit(paperOrder("gtd", .buy, "0.38", 10, .goodTillDate(paperTime(100))), at: paperTime(1))
        #expect(broker.advance(to: paperTime(99)).isEmpty)
        let events = broker.apply(paperTrade("0.30", 500, aggressor: .sell), receivedAt: paperTime(150))
        #expect(events == [PaperOrderEvent(order: "gtd", event: .expired(at: paperTime(100)))])
        #expect(broker.order("gtd")?.status == .expired)
    }

    @Test func aResolvedMarketCancelsItsRestingOrders() {
        var broker = paperBroker()
        _ = broker.submit(paperOrder("no", .buy, "0.58", 10, instrument: paperNo), at: paperTime(1))
        let notice = MarketNotice(kind: .resolved, venue: .polymarket, marketID: "m", tokens: [paperYes.token])
        #expect(
            broker.apply(.market(notice), receivedAt: paperTime(2)) == [
                PaperOrderEvent(order: "no", event: .cancelled(at: paperTime(2)))
            ])
    }
}

@Suite("Paper broker: venue rules")
struct PaperBrokerRuleTests {
    func rejection(_ order: Order, _ broker: inout PaperBroker) -> String? {
        let events = broker.submit(order, at: paperTime(1))
        guard events.count == 1, case .rejected(let reason, let at) = events[0].event, at == paperTime(1) else {
            return nil
        }
        #expect(broker.order(order.id)?.status == .rejected)
        return reason
    }

    @Test func offTickPricesAreRejected() {
        var broker = paperBroker()
        #expect(
            rejection(paperOrder("x", .buy, "0.385", 10), &broker)
                == PaperRejection.offTick(price: Price("0.385")!, tick: Price("0.01")!).description)
        #expect(rejection(paperOrder("y", .sell, "1", 10), &broker) == PaperRejection.priceOutOfRange(1).description)
    }

    @Test func sizesBelowTheMinimumOrOffTheGridAreRejected() {
        var broker = paperBroker()
        #expect(
            rejection(paperOrder("x", .buy, "0.38", 4), &broker)
                == PaperRejection.belowMinimum(size: 4, minimum: 5).description)
        let odd = Order(
            id: "y", instrument: paperYes, side: .buy, limitPrice: Price("0.38")!, size: Size("5.005")!,
            createdAt: paperTime(0))
        #expect(
            rejection(odd, &broker)
                == PaperRejection.offSizeGrid(size: Size("5.005")!, increment: Size("0.01")!).description)
    }

    @Test func postOnlyThatWouldCrossIsRejectedAndOneThatRestsIsAccepted() {
        var broker = paperBroker()
        #expect(
            rejection(paperOrder("x", .buy, "0.40", 10, postOnly: true), &broker)
                == PaperRejection.postOnlyWouldCross(side: .buy, limit: Price("0.40")!, against: Price("0.40")!)
                .description)
        #expect(
            rejection(paperOrder("y", .buy, "0.39", 10, .fillAndKill, postOnly: true), &broker)
                == PaperRejection.postOnlyNotResting.description)
        let events = broker.submit(paperOrder("z", .buy, "0.39", 10, postOnly: true), at: paperTime(1))
        #expect(events == [PaperOrderEvent(order: "z", event: .accepted("paper-z", at: paperTime(1)))])
        // A NO post-only buy at 0.62 would sell YES into the 0.38 bid.
        #expect(
            rejection(paperOrder("n", .buy, "0.62", 10, postOnly: true, instrument: paperNo), &broker)
                == PaperRejection.postOnlyWouldCross(side: .buy, limit: Price("0.62")!, against: Price("0.62")!)
                .description)
    }

    @Test func ordersWithoutABookOrAMarketOrWithADuplicateIdAreRejected() {
        var empty = PaperBroker(markets: paperMarkets)
        #expect(rejection(paperOrder("x", .buy, "0.38", 10), &empty) == PaperRejection.noBook(paperYes).description)

        var broker = paperBroker()
        let other = InstrumentID(venue: .kalshi, token: "KX:yes")
        #expect(
            rejection(paperOrder("y", .buy, "0.38", 10, instrument: other), &broker)
                == PaperRejection.unknownInstrument(other).description)

        _ = broker.submit(paperOrder("dup", .buy, "0.38", 10), at: paperTime(1))
        let again = broker.submit(paperOrder("dup", .buy, "0.40", 50), at: paperTime(2))
        #expect(
            again == [
                PaperOrderEvent(
                    order: "dup",
                    event: .rejected(reason: PaperRejection.duplicateOrder("dup").description, at: paperTime(2)))
            ])
        #expect(broker.order("dup")?.status == .open)
        #expect(broker.order("dup")?.size == 10)
    }

    @Test func anExpiryAlreadyPassedIsRejected() {
        var broker = paperBroker()
        #expect(
            rejection(paperOrder("x", .buy, "0.38", 10, .goodTillDate(paperTime(1))), &broker)
                == PaperRejection.expiryPassed(expiry: paperTime(1), now: paperTime(1)).description)
    }

    @Test func aBookThatLostSynchronizationFillsNothingUntilTheNextSnapshot() {
        var broker = paperBroker()
        _ = broker.submit(paperOrder("rest", .buy, "0.38", 10), at: paperTime(1))
        // Crossed: a message was missed.
        #expect(broker.apply(paperDelta([.set(.ask, Price("0.38")!, 50)]), receivedAt: paperTime(2)).isEmpty)
        #expect(rejection(paperOrder("x", .buy, "0.40", 10), &broker) == PaperRejection.noBook(paperYes).description)
        let resync = broker.apply(
            paperSnapshot(bids: [level("0.37", 10)], asks: [level("0.38", 3)]), receivedAt: paperTime(3))
        #expect(resync.fills.map(\.size) == [3])
    }
}

@Suite("Paper broker: determinism")
struct PaperBrokerDeterminismTests {
    func script() -> [PaperOrderEvent] {
        var broker = paperBroker()
        var events: [PaperOrderEvent] = []
        events += broker.submit(paperOrder("o1", .buy, "0.41", 120), at: paperTime(1))
        events += broker.submit(paperOrder("o2", .sell, "0.39", 30), at: paperTime(2))
        events += broker.submit(paperOrder("o3", .buy, "0.64", 50, .fillAndKill, instrument: paperNo), at: paperTime(3))
        events += broker.apply(paperTrade("0.39", 40, aggressor: .buy), receivedAt: paperTime(4))
        events += broker.apply(paperDelta([.set(.ask, Price("0.41")!, 80)]), receivedAt: paperTime(5))
        events += broker.submit(paperOrder("o4", .buy, "0.42", 250, .fillOrKill), at: paperTime(6))
        events += broker.submit(paperOrder("o5", .buy, "0.37", 10), at: paperTime(6))
        events += broker.apply(paperTrade("0.37", 500, aggressor: .sell), receivedAt: paperTime(7))
        events += broker.cancel("o1", at: paperTime(8))
        return events
    }

    @Test func theSameInputsGiveTheSameEventsAndFillIds() {
        let first = script()
        let second = script()
        #expect(first == second)
        #expect(first.fills.count == 7)
        #expect(Set(first.fills.map(\.id)).count == first.fills.count)
    }
}
