import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("Polymarket user stream against loopback", .requiresSharedFixtures, .timeLimit(.minutes(1)))
struct UserStreamLoopbackTests {
    struct Harness {
        let server: LoopbackServer
        let stream: PolymarketUserStream
        let journal: InMemoryOrderJournal
        let outcomes: Collector<UserChannelOutcome>

        func stop() async throws {
            stream.stop()
            try await outcomes.wait(for: "stopped") { if case .connection(.stopped) = $0 { true } else { false } }
            await server.stop()
        }

        var descriptions: [String] { outcomes.all.map(\.description) }
    }

    /// A user channel on loopback, our maker order `0xff35…` (SELL 10 @ 0.57) journaled as
    /// accepted, and the reconciler applying the stream to the journal.
    func start(
        journal: InMemoryOrderJournal = InMemoryOrderJournal(), source: ScriptedStatusSource? = nil, keepAlive: Duration = .seconds(60),
        script: @escaping LoopbackWebSocketScript
    ) async throws -> Harness {
        let server = try await LoopbackServer.start(webSockets: ["/ws/user": script])
        let stream = PolymarketUserStream(
            url: server.webSocketURL("/ws/user"), credentials: UserFixtures.credentials, markets: [UserFixtures.market],
            configuration: .init(keepAliveInterval: keepAlive, initialReconnectDelay: .milliseconds(10), maxReconnectDelay: .milliseconds(50)),
            logger: quietLogger)
        let reconciler = UserChannelReconciler(
            apiKey: UserFixtures.apiKey, journal: journal, statusSource: source,
            configuration: .init(lookback: .seconds(60), retryDelay: .milliseconds(5)), logger: quietLogger)
        let outcomes = Collector(await reconciler.run(await stream.events()))
        return Harness(server: server, stream: stream, journal: journal, outcomes: outcomes)
    }

    func journalWithOurMakerOrder(size: String = "10") throws -> (InMemoryOrderJournal, Order) {
        let journal = InMemoryOrderJournal()
        let order = try journal.journalAccepted(UserFixtures.ourMakerOrder(size: size), venueOrderID: UserFixtures.makerOrderID)
        return (journal, order)
    }

    /// Fails the script (and so the test) unless the client's first frame is our authentication.
    @Sendable static func expectAuthentication(_ socket: LoopbackWebSocket) async throws {
        let text = try await socket.nextText() ?? ""
        let frame = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let auth = frame?["auth"] as? [String: String]
        guard auth == ["apiKey": UserFixtures.apiKey, "secret": UserFixtures.secret, "passphrase": UserFixtures.passphrase],
            frame?["markets"] as? [String] == [UserFixtures.market.rawValue], frame?["type"] as? String == "user"
        else { throw LoopbackError(description: "connection \(socket.connection) did not start with the auth subscription: \(text.prefix(40))…") }
    }

    static func send(_ socket: LoopbackWebSocket, _ events: [String: Any]...) async throws {
        for event in events { try await socket.send(try UserFixtures.text(event)) }
    }

    func recordedFills(_ harness: Harness) -> [Fill] {
        harness.outcomes.all.compactMap { if case .fillRecorded(let fill, _, _) = $0 { fill } else { nil } }
    }

    @Test func authenticatesOnEveryConnectAndTheSecretGoesNowhereElse() async throws {
        let log = ScriptLog()
        let placement = try UserFixtures.text(try UserFixtures.orderEvent())
        let fill = try UserFixtures.text(try UserFixtures.makerFill(trade: "t-1", amount: "4"))
        let server = try await LoopbackServer.start(webSockets: ["/ws/user": { socket in
            try await Self.expectAuthentication(socket)
            log.add("authenticated \(socket.connection)")
            if socket.connection == 1 {
                try await socket.send(placement)
                try await socket.send(fill)
                // Echo the credentials back in a frame, as a careless server might.
                try await socket.send("error: bad auth \(UserFixtures.secret) / \(UserFixtures.passphrase)")
                _ = try await socket.nextText()  // the first keep-alive
                return  // drop
            }
            try await holdOpen(socket)
        }])
        let subject = PolymarketUserStream(
            url: server.webSocketURL("/ws/user"), credentials: UserFixtures.credentials, markets: [UserFixtures.market],
            configuration: .init(
                keepAliveInterval: .milliseconds(30), initialReconnectDelay: .milliseconds(10), maxReconnectDelay: .milliseconds(50),
                silenceTimeout: .seconds(30)),
            logger: quietLogger)
        let events = Collector(await subject.events())
        try await events.wait(for: "placement") { if case .order(let order, _) = $0 { order.kind == .placement } else { false } }
        // The stream attributes the trade itself: our maker order, our side of it.
        let trades = try await events.wait(for: "trade") { if case .trade = $0 { true } else { false } }
        guard case .trade(let trade, let ours, _) = trades[0] else { return }
        #expect(trade.status == .matched)
        #expect(ours.map(\.orderID) == [UserFixtures.makerOrderID])
        #expect(ours.map(\.side) == [.sell])
        #expect(ours.map(\.size) == [.s("4")])
        try await events.wait(for: "the bad frame") { if case .problem(.malformedFrame) = $0 { true } else { false } }
        try await events.wait(for: "keep-alive answered by a drop") { if case .connection(.connected(connection: 2)) = $0 { true } else { false } }
        try await eventually("second authentication") { log.all.count == 2 }

        let texts = server.receivedTexts("/ws/user")
        let withSecret = texts.filter { $0.contains(UserFixtures.secret) }
        #expect(withSecret.count == 2)
        #expect(withSecret.allSatisfy { $0.hasPrefix("{") && $0.contains(#""type":"user""#) })
        #expect(Set(texts.filter { !$0.contains(UserFixtures.secret) }) == ["PING"])
        // Nothing the stream emitted carries the secret or the passphrase.
        let emitted = events.all.map { String(describing: $0) }.joined(separator: "\n")
        #expect(emitted.contains("<redacted>"))
        #expect(!emitted.contains(UserFixtures.secret))
        #expect(!emitted.contains(UserFixtures.passphrase))
        #expect(await subject.statistics.reconnects == 1)

        subject.stop()
        try await events.wait(for: "stopped") { if case .connection(.stopped) = $0 { true } else { false } }
        await server.stop()
    }

    @Test func placementPartialFillAndFullFillReachTheJournal() async throws {
        let (journal, order) = try journalWithOurMakerOrder()
        let harness = try await start(journal: journal) { socket in
            try await Self.expectAuthentication(socket)
            try await Self.send(
                socket, try UserFixtures.orderEvent(),
                try UserFixtures.makerFill(trade: "t-1", amount: "4"),
                try UserFixtures.orderEvent(type: "UPDATE", sizeMatched: "4"))
            // A batch: the second match and the first one's settlement in one array frame.
            let batch = [
                try UserFixtures.makerFill(trade: "t-2", amount: "6"), try UserFixtures.makerFill(trade: "t-1", amount: "4", status: "MINED"),
            ]
            try await socket.send(try UserFixtures.text(batch))
            try await Self.send(socket, try UserFixtures.makerFill(trade: "t-1", amount: "4", status: "CONFIRMED"))
            try await Self.send(socket, try UserFixtures.makerFill(trade: "t-2", amount: "6", status: "CONFIRMED"))
            try await holdOpen(socket)
        }
        try await harness.outcomes.wait(for: "t-2 confirmed") {
            if case .settlementProgressed(let id, .confirmed) = $0 { id.rawValue.hasPrefix("t-2:") } else { false }
        }
        let final = try #require(journal.order(order.id))
        #expect(final.status == .filled)
        #expect(final.filledSize == .s("10"))
        #expect(final.filledNotional == (try Amount(parsing: "5.7")))
        #expect(recordedFills(harness).map(\.size) == [.s("4"), .s("6")])
        #expect(journal.allFills.count == 2)
        #expect(harness.outcomes.all.filter { if case .settlementProgressed = $0 { true } else { false } }.count == 3)
        try await harness.stop()
    }

    @Test func failedSettlementAndCancellationThroughTheChannel() async throws {
        let (journal, order) = try journalWithOurMakerOrder()
        let harness = try await start(journal: journal) { socket in
            try await Self.expectAuthentication(socket)
            try await Self.send(
                socket, try UserFixtures.makerFill(trade: "t-1", amount: "4"),
                try UserFixtures.makerFill(trade: "t-2", amount: "3"),
                try UserFixtures.makerFill(trade: "t-1", amount: "4", status: "RETRYING"),
                try UserFixtures.makerFill(trade: "t-1", amount: "4", status: "FAILED"),
                try UserFixtures.makerFill(trade: "t-2", amount: "3", status: "CONFIRMED"),
                try UserFixtures.orderEvent(type: "CANCELLATION", sizeMatched: "7"))
            try await holdOpen(socket)
        }
        try await harness.outcomes.wait(for: "cancellation") { if case .orderCancelled = $0 { true } else { false } }
        let final = try #require(journal.order(order.id))
        #expect(final.status == .cancelled)
        #expect(final.filledSize == .s("3"))
        #expect(final.filledNotional == (try Amount(parsing: "1.71")))
        #expect(final.reversedFillIDs == [UserFixtures.makerFillID("t-1")])
        #expect(harness.outcomes.all.filter { if case .fillReversed = $0 { true } else { false } }.count == 1)
        #expect(!harness.outcomes.all.contains { if case .problem = $0 { true } else { false } })
        try await harness.stop()
    }

    @Test func ourTakerPartAgainstSomeoneElsesMakers() async throws {
        let journal = InMemoryOrderJournal()
        let taker = try journal.journalAccepted(
            Order(id: "ew-taker", instrument: UserFixtures.instrument, side: .buy, limitPrice: .p("0.6"), size: .s("10"), createdAt: Timestamp(seconds: 0)),
            venueOrderID: UserFixtures.takerOrderID)
        let harness = try await start(journal: journal) { socket in
            try await Self.expectAuthentication(socket)
            try await Self.send(socket, try UserFixtures.tradeEvent(
                side: "BUY", size: "7", price: "0.58",
                makers: [
                    UserFixtures.maker("0xm1", amount: "3", price: "0.56", owner: UserFixtures.otherKey),
                    UserFixtures.maker("0xm2", amount: "4", price: "0.58", owner: UserFixtures.otherKey),
                ]))
            try await holdOpen(socket)
        }
        try await harness.outcomes.wait(for: "taker fill") { if case .fillRecorded = $0 { true } else { false } }
        let fill = try #require(recordedFills(harness).first)
        #expect(fill.side == .buy)
        #expect(fill.size == .s("7"))
        #expect(fill.price == .p("0.58"))
        #expect(fill.liquidity == .taker)
        #expect(journal.order(taker.id)?.status == .partiallyFilled)
        #expect(journal.allFills.count == 1)  // the other makers' parts are not ours
        try await harness.stop()
    }

    @Test func unknownEventsUnknownValuesAndMalformedFramesAreReportedAndTheStreamGoesOn() async throws {
        let (journal, order) = try journalWithOurMakerOrder()
        let harness = try await start(journal: journal) { socket in
            try await Self.expectAuthentication(socket)
            try await socket.send(#"{"event_type":"order_scoring","id":"x"}"#)
            try await Self.send(socket, try UserFixtures.makerFill(trade: "t-9", amount: "1", status: "SETTLING"))
            try await socket.send(#"{"event_type":"trade","id":"t-bad","taker_order_id":"0x1","asset_id":"1","side":"BUY","size":"one","price":"0.5","status":"MATCHED"}"#)
            try await socket.send("not json at all")
            try await Self.send(socket, try UserFixtures.makerFill(trade: "t-1", amount: "4"))
            try await holdOpen(socket)
        }
        try await harness.outcomes.wait(for: "the good fill after the bad frames") { if case .fillRecorded = $0 { true } else { false } }
        let problems = harness.outcomes.all.compactMap { if case .streamProblem(let problem) = $0 { problem } else { nil } }
        #expect(problems.contains(.unknownEvent(type: "order_scoring")))
        #expect(problems.contains { if case .unknownValue(_, "status", "SETTLING") = $0 { true } else { false } })
        let malformed = problems.compactMap { if case .malformedFrame(let error) = $0 { error } else { nil } }
        #expect(malformed.map(\.field) == ["size", "<root>"])
        // The unknown status was delivered but booked nothing; the reconciler says why.
        #expect(harness.descriptions.contains { $0.contains("unknown status 'SETTLING'") })
        #expect(journal.order(order.id)?.filledSize == .s("4"))
        try await harness.stop()
    }

    @Test func disconnectInTheMiddleOfFillsIsRepairedExactlyOnce() async throws {
        let (journal, order) = try journalWithOurMakerOrder()
        // The venue's view after the drop: the first match settled, the second happened unseen.
        let source = ScriptedStatusSource(trades: [
            try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-1", amount: "4", status: "CONFIRMED")),
            try UserFixtures.decodeTrade(try UserFixtures.makerFill(trade: "t-2", amount: "6", status: "MINED", matchTime: "1672290760")),
        ])
        let harness = try await start(journal: journal, source: source) { socket in
            try await Self.expectAuthentication(socket)
            if socket.connection == 1 {
                try await Self.send(socket, try UserFixtures.makerFill(trade: "t-1", amount: "4"))
                return  // drop after the first fill
            }
            // After the reconnect the venue re-sends the missed match late: still one booking.
            try await Self.send(socket, try UserFixtures.makerFill(trade: "t-2", amount: "6", status: "CONFIRMED"))
            try await holdOpen(socket)
        }
        let reconciled = try await harness.outcomes.wait(for: "reconciliation") { if case .reconciled = $0 { true } else { false } }
        guard case .reconciled(let summary) = reconciled[0] else { return }
        #expect(summary.fillsRecovered == 1)
        #expect(summary.tradesReported == 2)
        try await harness.outcomes.wait(for: "late repeat of t-2") {
            if case .settlementProgressed(let id, .confirmed) = $0 { id.rawValue.hasPrefix("t-2:") } else { false }
        }
        let final = try #require(journal.order(order.id))
        #expect(final.status == .filled)
        #expect(final.filledSize == .s("10"))
        #expect(journal.allFills.map(\.id.rawValue).sorted() == ["t-1:", "t-2:"].map { $0 + UserFixtures.makerOrderID.rawValue })
        #expect(recordedFills(harness).count == 2)
        #expect(source.tradeQueries.count == 1)
        // The trade query reached back before the drop.
        let drop = try #require(harness.outcomes.all.firstIndex { if case .connection(.disconnected) = $0 { true } else { false } })
        #expect(drop < harness.outcomes.all.firstIndex { if case .reconciliationStarted = $0 { true } else { false } } ?? -1)
        #expect(source.tradeQueries[0] < Timestamp.now().adding(seconds: -59))
        try await harness.stop()
    }
}
