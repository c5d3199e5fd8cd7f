import EdgewiseCore
import EdgewiseExecution
import EdgewiseStore
import Foundation
import Testing

/// The live order path on paper: the order manager, a real SQLite journal and the paper broker
/// behind the venue gateway, so that `--paper` exercises exactly what `--live` does.
@Suite("Paper gateway")
struct PaperGatewayTests {
    static func store() throws -> EdgewiseStore { try temporaryStore() }

    static func intent(_ side: OrderSide, _ price: String, _ size: Int64, _ tif: TimeInForce) -> OrderIntent {
        OrderIntent(
            instrument: paperYes, marketID: "m", side: side, limitPrice: Price(price)!, size: Size(integerLiteral: size),
            timeInForce: tif, purpose: .directional, strategy: "test")
    }

    @Test("a fill-and-kill walks the book and ends cancelled; a resting order fills from a later trade through the manager")
    func throughTheManager() async throws {
        let store = try Self.store()
        let exchange = PaperExchange(broker: paperBroker(), now: { paperTime(1) })
        let manager = OrderManager(
            store: store, gateways: [PaperGateway(venue: .polymarket, exchange: exchange)], configuration: .init(settleDelay: .zero),
            now: { paperTime(1) })
        _ = await manager.reconcile()

        // Asks 0.40 × 100 and 0.41 × 50 are within 0.41; 30 of the 180 are not there.
        let taken = try await manager.submit(Self.intent(.buy, "0.41", 180, .fillAndKill), id: "fak")
        #expect(taken.status == .cancelled)
        #expect(taken.filledSize == 150)
        #expect(try store.fills(clientOrderID: "fak").count == 2)

        // A bid resting at 0.38 behind the 100 shown there.
        let resting = try await manager.submit(Self.intent(.buy, "0.38", 20, .goodTillCancelled), id: "rest")
        #expect(resting.status == .open)
        var events = await exchange.feed(paperTrade("0.38", 110, aggressor: .sell), receivedAt: paperTime(2))
        #expect(events.isEmpty == false)
        for event in events { _ = try await manager.apply(event.event, to: event.order) }
        #expect(try store.order("rest")?.filledSize == 10)
        events = await exchange.feed(paperTrade("0.38", 50, aggressor: .sell), receivedAt: paperTime(3))
        for event in events { _ = try await manager.apply(event.event, to: event.order) }
        #expect(try store.order("rest")?.status == .filled)
        #expect(try store.fills(clientOrderID: "rest").map(\.size).reduce(Size.zero, +) == 20)
    }

    @Test("after a restart the journal is reconciled with the paper broker: fills made while down are booked once")
    func reconcileAfterRestart() async throws {
        let store = try Self.store()
        let exchange = PaperExchange(broker: paperBroker(), now: { paperTime(1) })
        let gateway = PaperGateway(venue: .polymarket, exchange: exchange)
        let first = OrderManager(store: store, gateways: [gateway], configuration: .init(settleDelay: .zero), now: { paperTime(1) })
        _ = await first.reconcile()
        _ = try await first.submit(Self.intent(.buy, "0.38", 20, .goodTillCancelled), id: "rest")
        // The agent dies; the market trades through the bid meanwhile (the events are lost).
        _ = await exchange.feed(paperTrade("0.37", 500, aggressor: .sell), receivedAt: paperTime(5))

        let second = OrderManager(store: store, gateways: [gateway], configuration: .init(settleDelay: .zero), now: { paperTime(6) })
        let found = await second.reconcile()
        #expect(found.findings["rest"] == .updated(.filled, newFills: 1))
        #expect(try store.order("rest")?.status == .filled)
        #expect(try store.fills(clientOrderID: "rest").count == 1)
        // Nothing was sent again.
        #expect(await exchange.openOrders.isEmpty)
    }
}
