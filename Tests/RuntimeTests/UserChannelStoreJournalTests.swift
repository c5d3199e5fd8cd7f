import EdgewiseCore
import EdgewisePolymarket
import EdgewiseStore
import Foundation
import Testing

@testable import EdgewiseRuntime

/// The user-channel reconciler writing through a real SQLite journal. The loopback tests of the
/// stream live with the Polymarket tests, which cannot link the store; here the same reports are
/// fed to the reconciler directly, including a drop in the middle of fills, and the database
/// file is read back afterwards.
@Suite("Polymarket user channel into the SQLite order journal")
struct UserChannelStoreJournalTests {
    static let apiKey = "9180014b-33c8-9240-a14b-bdca11c0a465"
    static let token = "52114319501245915516055106046884209969926127482827954674443846427813813222426"
    static let makerID = VenueOrderID("0xff354cd7ca7539dfa9c28d90943ab5779a4eac34b9b37a757d7b32bdfb11790b")
    static let otherID = VenueOrderID("0x38a73eed1e6d177545e9ab027abddfb7e08dbe975fa777123b1752d203d6ac88")

    /// A `trade` event in the documented shape: someone's BUY taker against our resting order.
    static func trade(_ id: String, _ status: String, maker: VenueOrderID = makerID, amount: String, matchTime: String = "1672290701") -> String {
        #"{"asset_id":"\#(token)","event_type":"trade","id":"\#(id)","last_update":"\#(matchTime)","maker_orders":[{"asset_id":"\#(token)","matched_amount":"\#(amount)","order_id":"\#(maker.rawValue)","outcome":"YES","owner":"\#(apiKey)","price":"0.57"}],"market":"0xbd31dc8a20211944f6b70f31557f1001557b59905b7738480ca09bd4532f84af","matchtime":"\#(matchTime)","outcome":"YES","owner":"\#(apiKey)","price":"0.57","side":"BUY","size":"\#(amount)","status":"\#(status)","taker_order_id":"0x06bc63e346ed4ceddce9efd6b3af37c8f8f440c92fe7da6b2d0f9e4ccbc50c42","timestamp":"\#(matchTime)","trade_owner":"\#(apiKey)","type":"TRADE"}"#
    }

    static func order(_ type: String, _ id: VenueOrderID, sizeMatched: String, status: String = "") -> String {
        #"{"asset_id":"\#(token)","associate_trades":null,"status":"\#(status)","event_type":"order","id":"\#(id.rawValue)","market":"0xbd31dc8a20211944f6b70f31557f1001557b59905b7738480ca09bd4532f84af","order_owner":"\#(apiKey)","original_size":"10","outcome":"YES","owner":"\#(apiKey)","price":"0.57","side":"SELL","size_matched":"\#(sizeMatched)","timestamp":"1672290687","type":"\#(type)"}"#
    }

    static func decodedTrade(_ text: String) throws -> PolymarketUserTrade {
        try JSONDecoder().decode(PolymarketUserTrade.self, from: Data(text.utf8))
    }

    /// What the venue's REST view says after the drop.
    struct VenueView: PolymarketOrderStatusSource {
        let trades: [PolymarketUserTrade]
        func openOrders() async throws -> [PolymarketUserOrder] { [] }
        func trades(after: Timestamp) async throws -> [PolymarketUserTrade] { trades }
        /// Still resting (the cancellation comes later on the channel).
        func order(_ id: VenueOrderID) async throws -> PolymarketUserOrder? {
            try JSONDecoder().decode(PolymarketUserOrder.self, from: Data(UserChannelStoreJournalTests.order("UPDATE", id, sizeMatched: "2", status: "LIVE").utf8))
        }
    }

    /// The frames of one connection, as the stream would deliver them.
    static func events(_ frames: [String]) -> [PolymarketUserStreamEvent] {
        frames.flatMap { frame in
            UserChannelDecoder.decode(frame).compactMap { message -> PolymarketUserStreamEvent? in
                switch message {
                case .order(let order): .order(order, receivedAt: Timestamp(seconds: 1_672_290_702))
                case .trade(let trade): .trade(trade, ours: [], receivedAt: Timestamp(seconds: 1_672_290_702))
                default: nil
                }
            }
        }
    }

    func journaled(_ store: EdgewiseStore, _ id: ClientOrderID, venueID: VenueOrderID) throws -> Order {
        var order = Order(
            id: id, instrument: InstrumentID(venue: .polymarket, token: TokenID(Self.token)), side: .sell,
            limitPrice: try Price(parsing: "0.57"), size: try Size(parsing: "10"), createdAt: Timestamp(seconds: 1_672_290_600))
        try store.journal(order: order)
        for event in [OrderEvent.submitted(at: Timestamp(seconds: 1_672_290_601)), .accepted(venueID, at: Timestamp(seconds: 1_672_290_602))] {
            try order.apply(event)
            try store.update(order: order, after: event)
        }
        return order
    }

    @Test func fillsAcrossADropAreJournaledExactlyOnceAndFailuresAndCancelsAreRecorded() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgewise-user-channel-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(EdgewiseStore.defaultFileName).path
        let store = try EdgewiseStore(path: path)
        let filled = try journaled(store, "ew-filled", venueID: Self.makerID)
        let failed = try journaled(store, "ew-failed", venueID: Self.otherID)

        let reconciler = UserChannelReconciler(
            apiKey: Self.apiKey, journal: store,
            statusSource: VenueView(trades: [
                try Self.decodedTrade(Self.trade("t-1", "CONFIRMED", amount: "4")),
                try Self.decodedTrade(Self.trade("t-2", "MINED", amount: "6", matchTime: "1672290760")),
            ]),
            configuration: .init(lookback: .seconds(60)))
        var outcomes: [UserChannelOutcome] = []
        var script: [PolymarketUserStreamEvent] = [.connection(.connected(connection: 1))]
        script += Self.events([
            Self.order("PLACEMENT", Self.makerID, sizeMatched: "0"),
            Self.trade("t-1", "MATCHED", amount: "4"),
            "[\(Self.trade("t-3", "MATCHED", maker: Self.otherID, amount: "2")),\(Self.trade("t-1", "MINED", amount: "4"))]",
        ])
        // The connection drops; t-2 matches while nobody listens.
        script += [.connection(.disconnected(reason: "closed by the server")), .connection(.connected(connection: 2))]
        script += Self.events([
            Self.trade("t-2", "CONFIRMED", amount: "6", matchTime: "1672290760"),
            Self.trade("t-3", "FAILED", maker: Self.otherID, amount: "2"),
            Self.order("CANCELLATION", Self.otherID, sizeMatched: "2"),
        ])
        for event in script { outcomes += await reconciler.process(event) }

        let problems = outcomes.filter { if case .problem = $0 { true } else { false } }
        #expect(problems.isEmpty, "\(problems)")
        let recovered = outcomes.compactMap { if case .reconciled(let summary) = $0 { summary.fillsRecovered } else { nil } }
        #expect(recovered == [1])

        // Read back from a second connection to the file, as a restarted agent would.
        let reopened = try EdgewiseStore(path: path)
        let filledNow = try #require(try reopened.order(filled.id))
        #expect(filledNow.status == .filled)
        #expect(filledNow.filledSize == (try Size(parsing: "10")))
        #expect(filledNow.filledNotional == (try Amount(parsing: "5.7")))
        let fills = try reopened.fills(clientOrderID: filled.id)
        #expect(fills.map(\.id.rawValue).sorted() == ["t-1:\(Self.makerID.rawValue)", "t-2:\(Self.makerID.rawValue)"])
        #expect(fills.map(\.size) == [try Size(parsing: "4"), try Size(parsing: "6")])
        #expect(fills.allSatisfy { $0.side == .sell && $0.liquidity == .maker && $0.price == Price(units: 570_000) })
        let fillEvents = try reopened.history(of: filled.id).filter { if case .filled = $0.event { true } else { false } }
        #expect(fillEvents.count == 2)

        let failedNow = try #require(try reopened.order(failed.id))
        #expect(failedNow.status == .cancelled)
        #expect(failedNow.filledSize == .zero)
        #expect(failedNow.filledNotional == .zero)
        #expect(failedNow.reversedFillIDs == [FillID("t-3:\(Self.otherID.rawValue)")])
        let history = try reopened.history(of: failed.id).compactMap(\.event)
        #expect(history.count == 5)  // submitted, accepted, filled, reversed, cancelled
        guard history.count == 5, case .fillReversed(let reversed, let reason, _) = history[3] else {
            Issue.record("expected the reversal in the history, got \(history)")
            return
        }
        #expect(reversed.size == (try Size(parsing: "2")))
        #expect(reason.contains("FAILED"))
        #expect(history.last == .cancelled(at: Timestamp(seconds: 1_672_290_687)))
        // The fills table keeps the row of the failed execution; the journal says it was taken back.
        #expect(try reopened.fills(clientOrderID: failed.id).count == 1)
        #expect(try reopened.ordersThatMayBeLive(venue: .polymarket).isEmpty)
    }
}
