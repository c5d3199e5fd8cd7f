import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import Foundation
import Testing

@Suite("Polymarket user channel: applying reports to the journal", .requiresSharedFixtures, .timeLimit(.minutes(1)))
struct UserChannelReconcilerTests {
    let now = Timestamp(seconds: 1_700_000_000)

    func reconciler(_ journal: InMemoryOrderJournal, source: ScriptedStatusSource? = nil, attempts: Int = 3) -> UserChannelReconciler {
        let now = self.now
        return UserChannelReconciler(
            apiKey: UserFixtures.apiKey, journal: journal, statusSource: source,
            configuration: .init(lookback: .seconds(60), reconcileAttempts: attempts, retryDelay: .milliseconds(1)),
            clock: { now }, logger: quietLogger)
    }

    func fills(_ outcomes: [UserChannelOutcome]) -> [Fill] {
        outcomes.compactMap { if case .fillRecorded(let fill, _, _) = $0 { fill } else { nil } }
    }

    func problems(_ outcomes: [UserChannelOutcome]) -> [String] {
        outcomes.compactMap { if case .problem(let text) = $0 { text } else { nil } }
    }

    @Test func partialThenFullFillAccumulateOnTheOrder() async throws {
        let journal = InMemoryOrderJournal()
        let order = try journal.journalAccepted(UserFixtures.ourMakerOrder(), venueOrderID: UserFixtures.makerOrderID)
        let subject = reconciler(journal)

        let placed = await subject.apply(try UserFixtures.decodeOrder(try UserFixtures.orderEvent()), receivedAt: now)
        #expect(placed.isEmpty)  // already accepted: nothing to change
        let first = await subject.apply(try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-1", amount: "4")), receivedAt: now)
        #expect(fills(first).map(\.size) == [.s("4")])
        #expect(journal.order(order.id)?.status == .partiallyFilled)
        let second = await subject.apply(try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-2", amount: "6")), receivedAt: now)
        #expect(fills(second).map(\.size) == [.s("6")])

        let final = try #require(journal.order(order.id))
        #expect(final.status == .filled)
        #expect(final.filledSize == .s("10"))
        #expect(final.filledNotional == (try Amount(parsing: "5.7")))
        #expect(final.fillIDs == [UserFixtures.makerFillID("t-1"), UserFixtures.makerFillID("t-2")])
        #expect(journal.allFills.map { $0.clientOrderID } == [order.id, order.id])
        #expect(journal.allFills.allSatisfy { $0.side == .sell && $0.liquidity == .maker && $0.venueOrderID == UserFixtures.makerOrderID })
    }

    @Test func matchedMinedConfirmedBookOneFill() async throws {
        let journal = InMemoryOrderJournal()
        let order = try journal.journalAccepted(UserFixtures.ourMakerOrder(), venueOrderID: UserFixtures.makerOrderID)
        let subject = reconciler(journal)
        var outcomes: [UserChannelOutcome] = []
        for status in ["MATCHED", "MINED", "CONFIRMED", "MATCHED"] {
            outcomes += await subject.apply(try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-1", amount: "4", status: status)), receivedAt: now)
        }
        #expect(fills(outcomes).count == 1)
        let progressed = outcomes.compactMap { if case .settlementProgressed(_, let status) = $0 { status } else { nil } }
        #expect(progressed == [.mined, .confirmed, .matched])
        #expect(journal.order(order.id)?.filledSize == .s("4"))
        #expect(journal.allFills.count == 1)
        #expect(journal.history(order.id).filter { if case .filled = $0 { true } else { false } }.count == 1)
    }

    @Test func aMissedMatchedIsBookedAtTheFirstLaterStep() async throws {
        let journal = InMemoryOrderJournal()
        let order = try journal.journalAccepted(UserFixtures.ourMakerOrder(), venueOrderID: UserFixtures.makerOrderID)
        let subject = reconciler(journal)
        let outcomes = await subject.apply(try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-1", amount: "4", status: "CONFIRMED")), receivedAt: now)
        #expect(fills(outcomes).count == 1)
        #expect(journal.order(order.id)?.filledSize == .s("4"))
    }

    @Test func failedAfterMatchedTakesTheFillBackOnce() async throws {
        let journal = InMemoryOrderJournal()
        let order = try journal.journalAccepted(UserFixtures.ourMakerOrder(), venueOrderID: UserFixtures.makerOrderID)
        let subject = reconciler(journal)
        _ = await subject.apply(try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-1", amount: "4")), receivedAt: now)
        _ = await subject.apply(try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-2", amount: "2")), receivedAt: now)
        var outcomes = await subject.apply(try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-1", amount: "4", status: "RETRYING")), receivedAt: now)
        outcomes += await subject.apply(try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-1", amount: "4", status: "FAILED")), receivedAt: now)
        outcomes += await subject.apply(try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-1", amount: "4", status: "FAILED")), receivedAt: now)
        // A late repeat of the failed match must not book it again.
        outcomes += await subject.apply(try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-1", amount: "4", status: "MATCHED")), receivedAt: now)

        let reversed = outcomes.compactMap { if case .fillReversed(let fill, _, let reason) = $0 { (fill, reason) } else { nil } }
        #expect(reversed.count == 1)
        #expect(reversed.first?.0.size == .s("4"))
        #expect(reversed.first?.1.contains("FAILED") == true)
        #expect(problems(outcomes).isEmpty)
        let final = try #require(journal.order(order.id))
        #expect(final.filledSize == .s("2"))
        #expect(final.filledNotional == (try Amount(parsing: "1.14")))
        #expect(final.reversedFillIDs == [UserFixtures.makerFillID("t-1")])
        #expect(final.status == .partiallyFilled)
    }

    @Test func failedBeforeAnyBookingBooksNothing() async throws {
        let journal = InMemoryOrderJournal()
        let order = try journal.journalAccepted(UserFixtures.ourMakerOrder(), venueOrderID: UserFixtures.makerOrderID)
        let outcomes = await reconciler(journal).apply(
            try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-1", amount: "4", status: "FAILED")), receivedAt: now)
        #expect(fills(outcomes).isEmpty)
        #expect(journal.order(order.id)?.filledSize == .zero)
        #expect(journal.allFills.isEmpty)
    }

    @Test func cancellationAfterAPartialFillEndsTheOrder() async throws {
        let journal = InMemoryOrderJournal()
        let order = try journal.journalAccepted(UserFixtures.ourMakerOrder(), venueOrderID: UserFixtures.makerOrderID)
        let subject = reconciler(journal)
        _ = await subject.apply(try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-1", amount: "4")), receivedAt: now)
        let cancel = try UserFixtures.decodeOrder(try UserFixtures.orderEvent(type: "CANCELLATION", sizeMatched: "4"))
        let outcomes = await subject.apply(cancel, receivedAt: now)
        guard case .orderCancelled(let id, let venueID) = outcomes.first, outcomes.count == 1 else {
            Issue.record("expected one cancellation, got \(outcomes)")
            return
        }
        #expect(id == order.id)
        #expect(venueID == UserFixtures.makerOrderID)
        #expect(journal.order(order.id)?.status == .cancelled)
        #expect(journal.order(order.id)?.filledSize == .s("4"))
        // Repeated: nothing more happens.
        #expect(await subject.apply(cancel, receivedAt: now).isEmpty)
    }

    @Test func aPlacementAcknowledgesASubmittedOrderAndAnUnknownOneIsSurfaced() async throws {
        let journal = InMemoryOrderJournal()
        // The trading client knows the venue id (from the POST answer) but has not journaled the acknowledgement.
        var pending = UserFixtures.ourMakerOrder(id: "ew-pending")
        pending.venueOrderID = UserFixtures.makerOrderID
        try journal.journalSubmitted(pending)
        let subject = reconciler(journal)
        let accepted = await subject.apply(try UserFixtures.decodeOrder(try UserFixtures.orderEvent()), receivedAt: now)
        guard case .orderAccepted(let id, let venueID) = accepted.first, accepted.count == 1 else {
            Issue.record("expected an acceptance, got \(accepted)")
            return
        }
        #expect(id == "ew-pending")
        #expect(venueID == UserFixtures.makerOrderID)
        #expect(journal.order("ew-pending")?.status == .open)

        let outcomes = await subject.apply(try UserFixtures.decodeOrder(try UserFixtures.orderEvent(id: "0xnot-yet-known")), receivedAt: now)
        guard case .unknownOrder(let unknownID, let context) = outcomes.first else {
            Issue.record("a placement the journal cannot place must be surfaced, got \(outcomes)")
            return
        }
        #expect(unknownID == "0xnot-yet-known")
        #expect(context.contains("PLACEMENT"))
    }

    @Test func reportsAboutUnknownOrdersAreSurfacedKeptAndAppliedOnceJournaled() async throws {
        let journal = InMemoryOrderJournal()
        let subject = reconciler(journal)
        // The fill arrives before the placing request returned the venue id.
        let trade = try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-1", amount: "4"))
        let outcomes = await subject.apply(trade, receivedAt: now)
        let unknown = outcomes.compactMap { if case .unknownOrder(let id, let context) = $0 { (id, context) } else { nil } }
        #expect(unknown.map(\.0) == [UserFixtures.makerOrderID])
        #expect(unknown.first?.1.contains("t-1") == true)
        // Ours by owner: the execution is recorded even without its order.
        #expect(fills(outcomes).map(\.clientOrderID) == [nil])
        #expect(await subject.parkedCount == 1)
        // A repeat is not surfaced twice and books nothing.
        let repeated = await subject.apply(try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-1", amount: "4", status: "MINED")), receivedAt: now)
        #expect(!repeated.contains { if case .unknownOrder = $0 { true } else { false } })
        #expect(journal.allFills.count == 1)

        let order = try journal.journalAccepted(UserFixtures.ourMakerOrder(), venueOrderID: UserFixtures.makerOrderID)
        let applied = await subject.retryParked()
        #expect(fills(applied).count == 1)
        #expect(journal.order(order.id)?.filledSize == .s("4"))
        #expect(journal.allFills.count == 1)
        #expect(journal.allFills.first?.clientOrderID == order.id)  // the link is learned, not a second booking
        #expect(await subject.parkedCount == 0)
    }

    @Test func aTradeNamingNoneOfOurOrdersIsSurfaced() async throws {
        let journal = InMemoryOrderJournal()
        let trade = try UserFixtures.decodeTrade(try UserFixtures.tradeEvent(
            owner: UserFixtures.otherKey, makers: [UserFixtures.maker("0xelse", amount: "10", owner: UserFixtures.otherKey)]))
        let outcomes = await reconciler(journal).apply(trade, receivedAt: now)
        #expect(outcomes.contains { if case .unknownOrder(UserFixtures.takerOrderID, _) = $0 { true } else { false } })
        #expect(journal.allFills.isEmpty)
    }

    @Test func unknownStatusBooksNothingAndSaysSo() async throws {
        let journal = InMemoryOrderJournal()
        let order = try journal.journalAccepted(UserFixtures.ourMakerOrder(), venueOrderID: UserFixtures.makerOrderID)
        let outcomes = await reconciler(journal).apply(
            try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-1", amount: "4", status: "SETTLING")), receivedAt: now)
        #expect(problems(outcomes).first?.contains("SETTLING") == true)
        #expect(journal.order(order.id)?.filledSize == .zero)
    }

    @Test func anOverfillIsRefusedAndReported() async throws {
        let journal = InMemoryOrderJournal()
        let order = try journal.journalAccepted(UserFixtures.ourMakerOrder(size: "5"), venueOrderID: UserFixtures.makerOrderID)
        let outcomes = await reconciler(journal).apply(
            try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-1", amount: "6")), receivedAt: now)
        #expect(problems(outcomes).first?.contains("reconcile with the venue") == true)
        #expect(journal.order(order.id)?.filledSize == .zero)
        #expect(journal.allFills.isEmpty)
    }

    @Test func reconciliationRecoversMissedFillsOnceAndSettlesVanishedOrders() async throws {
        let journal = InMemoryOrderJournal()
        let maker = try journal.journalAccepted(UserFixtures.ourMakerOrder(), venueOrderID: UserFixtures.makerOrderID)
        let gone = try journal.journalAccepted(
            Order(id: "ew-gone", instrument: UserFixtures.instrument, side: .buy, limitPrice: .p("0.4"), size: .s("3"), createdAt: Timestamp(seconds: 0)),
            venueOrderID: "0xgone")
        let subject = reconciler(journal, source: ScriptedStatusSource(
            trades: [
                try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-2", amount: "6", status: "MINED", matchTime: "1672290800")),
                try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-1", amount: "4", status: "CONFIRMED", matchTime: "1672290701")),
            ],
            openOrders: [],
            orders: [
                try UserFixtures.decodeOrder(try UserFixtures.orderEvent(type: "UPDATE", id: "0xgone", side: "BUY", price: "0.4", originalSize: "3", extra: ["status": "CANCELED"]))
            ]))
        // t-1 arrived live before the drop.
        _ = await subject.apply(try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-1", amount: "4")), receivedAt: now)
        _ = await subject.process(.connection(.disconnected(reason: "test drop")))
        let outcomes = await subject.process(.connection(.connected(connection: 2)))

        guard case .reconciled(let summary) = outcomes.last else {
            Issue.record("expected a reconciliation summary, got \(outcomes)")
            return
        }
        #expect(summary.fillsRecovered == 1)
        #expect(summary.ordersCancelled == 1)
        #expect(summary.since == Timestamp(seconds: 1_700_000_000 - 60))
        #expect(fills(outcomes).map(\.id) == [UserFixtures.makerFillID("t-2")])
        #expect(journal.order(maker.id)?.status == .filled)
        #expect(journal.order(maker.id)?.filledSize == .s("10"))
        #expect(journal.order(gone.id)?.status == .cancelled)
        #expect(journal.allFills.count == 2)

        // Reconciling again changes nothing.
        let again = await subject.reconcile(reason: "manual")
        #expect(fills(again).isEmpty)
        #expect(journal.allFills.count == 2)
    }

    @Test func aFailingStatusSourceIsRetriedThenReported() async throws {
        let journal = InMemoryOrderJournal()
        let flaky = ScriptedStatusSource(failures: 1)
        let recovered = await reconciler(journal, source: flaky).reconcile(reason: "test")
        #expect(recovered.contains { if case .reconciled = $0 { true } else { false } })
        #expect(flaky.tradeQueries.count == 2)

        let down = ScriptedStatusSource(failures: 5)
        let failed = await reconciler(journal, source: down, attempts: 2).reconcile(reason: "test")
        guard case .reconciliationFailed(_, let error) = failed.last else {
            Issue.record("expected a failure, got \(failed)")
            return
        }
        #expect(error.contains("503"))
        #expect(down.tradeQueries.count == 2)

        let none = await reconciler(journal).reconcile(reason: "test")
        #expect(none.contains { if case .reconciliationFailed(_, let error) = $0 { error.contains("no status source") } else { false } })
    }
}
