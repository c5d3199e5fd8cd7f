import EdgewiseCore
import EdgewiseDecision
import EdgewiseExecution
import EdgewiseStore
import Foundation
import Synchronization
import Testing

/// The order manager against a real SQLite journal and a scripted venue: journal first, every
/// answer recorded, unknown outcomes looked up before anything is re-sent, and start-up
/// reconciliation after a crash.
@Suite("Order manager")
struct OrderManagerTests {
    static let token = InstrumentID(venue: .polymarket, token: "yes")
    static let time = Timestamp(seconds: 1_800_000_000)

    static func store() throws -> EdgewiseStore { try temporaryStore() }

    static func intent(size: Size = 10) -> OrderIntent {
        OrderIntent(instrument: token, marketID: "m1", side: .buy, limitPrice: Price("0.40")!, size: size, purpose: .directional, strategy: "test")
    }

    static func fill(_ id: String, _ order: ClientOrderID, size: Size) -> Fill {
        Fill(id: FillID(id), clientOrderID: order, instrument: token, side: .buy, price: Price("0.40")!, size: size, fee: Amount("0.01")!, time: time)
    }

    static func manager(_ store: EdgewiseStore, _ gateway: ScriptedGateway) async -> OrderManager {
        let manager = OrderManager(store: store, gateways: [gateway], configuration: .init(settleDelay: .zero), now: { time })
        _ = await manager.reconcile()
        return manager
    }

    @Test("journaled before it is sent; an acknowledgment with fills moves it to filled and stores each fill once")
    func acceptedWithFills() async throws {
        let store = try Self.store()
        let gateway = ScriptedGateway(resendIsIdempotent: false, store: store, script: .init(submissions: [
            .accepted("v-1", fills: [Self.fill("f1", "o1", size: 4), Self.fill("f2", "o1", size: 6)]),
        ]))
        let manager = await Self.manager(store, gateway)
        let order = try await manager.submit(Self.intent(), id: "o1")
        #expect(gateway.unjournaledSends.isEmpty && gateway.sent == ["o1"])
        #expect(order.status == .filled && order.venueOrderID == "v-1")
        let stored = try #require(try store.order("o1"))
        #expect(stored.status == .filled && stored.filledSize == 10 && stored.fees == Amount("0.02")!)
        #expect(try store.fills(clientOrderID: "o1").map(\.id) == ["f1", "f2"])
        #expect(try store.history(of: "o1").map(\.statusAfter) == [.pendingSubmit, .submitted, .open, .partiallyFilled, .filled])
    }

    @Test("an order the venue's checks refuse is neither journaled nor sent")
    func refusedBeforeSending() async throws {
        let store = try Self.store()
        let gateway = ScriptedGateway(resendIsIdempotent: false, store: store, script: .init(refusal: "price 0.405 is off the 0.01 tick"))
        let manager = await Self.manager(store, gateway)
        await #expect(throws: OrderManagerError.self) { try await manager.submit(Self.intent(), id: "o1") }
        #expect(try store.order("o1") == nil)
        #expect(gateway.sent.isEmpty)
    }

    @Test("the risk engine's refusal (here: a tripped kill switch) stops the order before the journal")
    func refusedByRisk() async throws {
        let store = try Self.store()
        try store.tripKillSwitch(.manual("test"), at: Self.time)
        let engine = RiskEngine()
        let check: @Sendable (OrderIntent) async -> RiskVerdict = { intent in
            engine.check(intent, state: RiskState(
                now: Self.time, equity: 1_000, startOfDayEquity: 1_000, peakEquity: 1_000,
                killSwitch: (try? store.killSwitch()) ?? .armed))
        }
        let gateway = ScriptedGateway(resendIsIdempotent: false, store: store, script: .init(submissions: [.accepted("v", fills: [])]))
        let manager = OrderManager(store: store, gateways: [gateway], configuration: .init(settleDelay: .zero, preTradeCheck: check), now: { Self.time })
        _ = await manager.reconcile()
        do {
            _ = try await manager.submit(Self.intent(), id: "o1")
            Issue.record("a tripped kill switch let an order through")
        } catch {
            guard case .refusedByRisk(let violations) = error else { Issue.record("\(error)"); return }
            #expect(violations.contains { if case .killSwitchTripped = $0 { true } else { false } })
        }
        #expect(try store.order("o1") == nil && gateway.sent.isEmpty)

        // Reset: the same order passes.
        _ = try store.resetKillSwitch(at: Self.time)
        var priced = Self.intent(size: 10)
        priced.bookReceivedAt = Self.time
        let order = try await manager.submit(priced, id: "o2")
        #expect(order.status == .open && gateway.sent == ["o2"])
    }

    @Test("a rejection is recorded with its reason and nothing is retried")
    func rejected() async throws {
        let store = try Self.store()
        let gateway = ScriptedGateway(resendIsIdempotent: true, store: store, script: .init(submissions: [.rejected(reason: "not enough balance")]))
        let order = try await Self.manager(store, gateway).submit(Self.intent(), id: "o1")
        #expect(order.status == .rejected && order.rejectReason == "not enough balance")
        #expect(gateway.sent == ["o1"] && gateway.lookups.isEmpty)
    }

    @Test("an unknown outcome is looked up first: found, it is brought up to date and never sent again")
    func unknownFound() async throws {
        let store = try Self.store()
        let gateway = ScriptedGateway(resendIsIdempotent: true, store: store, script: .init(
            submissions: [.unknown(reason: "timeout after sending")],
            reports: ["o1": VenueOrderReport(venueOrderID: "v-1", state: .open, fills: [Self.fill("f1", "o1", size: 3)])]))
        let order = try await Self.manager(store, gateway).submit(Self.intent(), id: "o1")
        #expect(gateway.sent == ["o1"] && gateway.lookups == ["o1"])
        #expect(order.status == .partiallyFilled && order.filledSize == 3 && order.venueOrderID == "v-1")
    }

    @Test("an unknown outcome not found: re-sent once, as the same order, only where the venue refuses duplicates")
    func unknownNotFound() async throws {
        let idempotentStore = try Self.store()
        let idempotent = ScriptedGateway(resendIsIdempotent: true, store: idempotentStore, script: .init(
            submissions: [.unknown(reason: "502"), .unknown(reason: "502 again")]))
        let first = try await Self.manager(idempotentStore, idempotent).submit(Self.intent(), id: "o1")
        #expect(idempotent.sent == ["o1", "o1"])
        #expect(first.status == .submitted)  // still may be live: reconciliation settles it

        let otherStore = try Self.store()
        let other = ScriptedGateway(resendIsIdempotent: false, store: otherStore, script: .init(submissions: [.unknown(reason: "502")]))
        let second = try await Self.manager(otherStore, other).submit(Self.intent(), id: "o2")
        #expect(other.sent == ["o2"])
        #expect(second.status == .submitted)
        #expect(try otherStore.ordersThatMayBeLive().map(\.id) == ["o2"])
    }

    @Test("start-up: nothing is sent before reconciliation; a crash before the send, a lost ack and fills made while down are each settled once")
    func reconciliation() async throws {
        let store = try Self.store()
        // The previous run: o1 journaled and never sent (crash), o2 sent and its ack lost, o3
        // acknowledged and then filled while we were down.
        try store.journal(order: Self.intent().order(id: "o1", at: Self.time))
        var o2 = Self.intent().order(id: "o2", at: Self.time)
        try store.journal(order: o2)
        try o2.apply(.submitted(at: Self.time))
        try store.update(order: o2, after: .submitted(at: Self.time))
        var o3 = Self.intent().order(id: "o3", at: Self.time)
        try store.journal(order: o3)
        try o3.apply(.submitted(at: Self.time))
        try store.update(order: o3, after: .submitted(at: Self.time))
        try o3.apply(.accepted("v-3", at: Self.time))
        try store.update(order: o3, after: .accepted("v-3", at: Self.time))

        let gateway = ScriptedGateway(resendIsIdempotent: true, store: store, script: .init(reports: [
            "o2": VenueOrderReport(venueOrderID: "v-2", state: .open),
            "o3": VenueOrderReport(venueOrderID: "v-3", state: .filled, fills: [Self.fill("f3a", "o3", size: 4), Self.fill("f3b", "o3", size: 6)]),
        ]))
        let manager = OrderManager(store: store, gateways: [gateway], configuration: .init(settleDelay: .zero), now: { Self.time })
        await #expect(throws: OrderManagerError.self) { try await manager.submit(Self.intent()) }
        #expect(gateway.sent.isEmpty)

        let found = await manager.reconcile()
        #expect(found.findings["o1"] == .neverArrived)
        #expect(found.findings["o2"] == .updated(.open, newFills: 0))
        #expect(found.findings["o3"] == .updated(.filled, newFills: 2))
        #expect(gateway.sent.isEmpty)  // reconciling never sends
        #expect(try store.order("o1")?.status == .rejected)
        #expect(try store.order("o2")?.venueOrderID == "v-2")
        #expect(try store.fills(clientOrderID: "o3").count == 2)

        // A second reconciliation (another restart) changes nothing and books nothing twice.
        let again = await OrderManager(store: store, gateways: [gateway], configuration: .init(settleDelay: .zero), now: { Self.time }).reconcile()
        #expect(again.findings.keys.sorted() == ["o2"])
        #expect(try store.fills(clientOrderID: "o3").count == 2)
    }

    @Test("a venue that cannot be asked leaves orders as they were")
    func unreachableVenue() async throws {
        let store = try Self.store()
        try store.journal(order: Self.intent().order(id: "o1", at: Self.time))
        let gateway = ScriptedGateway(resendIsIdempotent: true, store: store, script: .init(lookupFails: true))
        let found = await OrderManager(store: store, gateways: [gateway], configuration: .init(settleDelay: .zero), now: { Self.time }).reconcile()
        #expect(found.findings["o1"] == .unreachable("venue unreachable"))
        #expect(try store.order("o1")?.status == .pendingSubmit)
    }

    @Test("cancelAll cancels every live order; one that filled meanwhile is brought up to date instead")
    func cancelAll() async throws {
        let store = try Self.store()
        let gateway = ScriptedGateway(resendIsIdempotent: false, store: store, script: .init(
            submissions: [.accepted("v-1", fills: []), .accepted("v-2", fills: [])],
            cancellations: [.cancelled, .notOpen(reason: "already filled")],
            reports: ["o2": VenueOrderReport(venueOrderID: "v-2", state: .filled, fills: [Self.fill("f2", "o2", size: 10)])]))
        let manager = await Self.manager(store, gateway)
        _ = try await manager.submit(Self.intent(), id: "o1")
        _ = try await manager.submit(Self.intent(), id: "o2")
        let after = await manager.cancelAll()
        #expect(gateway.cancelled == ["o1", "o2"])
        #expect(Dictionary(uniqueKeysWithValues: after.map { ($0.id, $0.status) }) == ["o1": .cancelled, "o2": .filled])
        #expect(try store.ordersThatMayBeLive().isEmpty)
    }

    @Test("a venue event applied twice (a re-delivered fill) is booked once")
    func redeliveredFill() async throws {
        let store = try Self.store()
        let gateway = ScriptedGateway(resendIsIdempotent: false, store: store, script: .init(submissions: [.accepted("v-1", fills: [])]))
        let manager = await Self.manager(store, gateway)
        _ = try await manager.submit(Self.intent(), id: "o1")
        let fill = Self.fill("f1", "o1", size: 5)
        _ = try await manager.apply(.filled(fill), to: "o1")
        let again = try await manager.apply(.filled(fill), to: "o1")
        #expect(again.filledSize == 5)
        #expect(try store.fills(clientOrderID: "o1").count == 1)
    }
}

/// Pacing is arithmetic on the times given, so it is checked exactly.
@Suite("Token bucket")
struct TokenBucketTests {
    @Test("a burst up to the capacity goes at once; then one request per 1/rate, and idle time refills")
    func pacing() {
        var bucket = TokenBucket(capacity: 2, perSecond: 4)
        let t0 = Timestamp(seconds: 100)
        #expect(bucket.reserve(at: t0) == .zero)
        #expect(bucket.reserve(at: t0) == .zero)
        #expect(bucket.reserve(at: t0) == .milliseconds(250))
        #expect(bucket.reserve(at: t0) == .milliseconds(500))
        // A second later the two queued requests are paid for and two tokens are back.
        let t1 = Timestamp(seconds: 101)
        #expect(bucket.reserve(at: t1) == .zero)
        #expect(bucket.reserve(at: t1) == .zero)
        #expect(bucket.reserve(at: t1) == .milliseconds(250))
        // Long idle refills only to the capacity.
        let t2 = Timestamp(seconds: 1_000)
        #expect(bucket.reserve(at: t2) == .zero)
        #expect(bucket.reserve(at: t2) == .zero)
        #expect(bucket.reserve(at: t2) == .milliseconds(250))
    }
}

/// A clock a test moves by hand.
final class RefreshClock: Sendable {
    private let seconds = Mutex<Int64>(0)
    var now: Timestamp { Timestamp(seconds: 1_800_000_000 + seconds.withLock { $0 }) }
    func advance(_ by: Int64) { seconds.withLock { $0 += by } }
}

extension OrderManagerTests {
    @Test("a refresh brings resting orders up to the venue — a fill on one, a cancel made elsewhere on another — and skips one touched within the settle delay")
    func refresh() async throws {
        let store = try Self.store()
        let clock = RefreshClock()
        let gateway = ScriptedGateway(resendIsIdempotent: false, store: store, script: .init(submissions: [
            .accepted("v-1", fills: []), .accepted("v-2", fills: []), .accepted("v-3", fills: []),
        ]))
        let manager = OrderManager(
            store: store, gateways: [gateway], configuration: .init(settleDelay: .seconds(2)), now: { clock.now })
        _ = await manager.reconcile()
        for id in ["o1", "o2"] { _ = try await manager.submit(Self.intent(), id: ClientOrderID(id)) }
        clock.advance(5)
        _ = try await manager.submit(Self.intent(), id: "o3")
        gateway.setReport(VenueOrderReport(venueOrderID: "v-1", state: .open, fills: [Self.fill("f1", "o1", size: 4)]), for: "o1")
        gateway.setReport(VenueOrderReport(venueOrderID: "v-2", state: .cancelled), for: "o2")
        gateway.setReport(VenueOrderReport(venueOrderID: "v-3", state: .filled, fills: [Self.fill("f3", "o3", size: 10)]), for: "o3")

        let found = await manager.refresh()
        #expect(found.findings["o1"] == .updated(.partiallyFilled, newFills: 1))
        #expect(found.findings["o2"] == .updated(.cancelled, newFills: 0))
        #expect(found.findings["o3"] == nil, "touched a moment ago: left for the next pass")
        #expect(try store.order("o3")?.status == .open)
        // A second pass finds nothing new to book.
        #expect(await manager.refresh().findings["o1"] == .updated(.partiallyFilled, newFills: 0))
        #expect(try store.fills(clientOrderID: "o1").count == 1)
    }
}
