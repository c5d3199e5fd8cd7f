import Crypto
import EdgewiseCore
import EdgewiseKalshi
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing
import _CryptoExtras

@Suite("Kalshi market stream against a loopback venue", .requiresSharedFixtures, .timeLimit(.minutes(1)))
struct KalshiStreamLoopbackTests {
    static let fed = "FED-23DEC-T3.00"
    static let other = "CORIVER-2024-T1030"
    static func p(_ text: String) -> Price { Price(text)! }
    static func s(_ text: String) -> Size { Size(text)! }

    let vectors: SigningVectors

    init() throws {
        vectors = try SigningVectors.load()
    }

    func start(
        tickers: [String] = [fed], channels: [KalshiChannel] = [.orderbookDelta], pingInterval: Duration? = nil,
        serverPing: Duration? = nil, silent: Set<Int> = [], script: @escaping @Sendable (KalshiTestSocket) async throws -> Void
    ) async throws -> (KalshiWebSocketTestServer, KalshiMarketStream, KalshiStreamCollector<KalshiStreamUpdate>) {
        let server = try await KalshiWebSocketTestServer.start(serverPing: serverPing, silent: silent, script: script)
        let signer = try KalshiRequestSigner(keyID: vectors.keyID, privateKeyPEM: vectors.privateKeyPKCS8)
        let endpoints = KalshiEndpoints(rest: URL(string: "http://127.0.0.1:1/trade-api/v2")!, webSocket: server.url)
        let stream = KalshiMarketStream(
            endpoints: endpoints, tickers: tickers, signer: signer,
            configuration: .init(
                marketChannels: channels, pingInterval: pingInterval, initialReconnectDelay: .milliseconds(10),
                maxReconnectDelay: .milliseconds(50)),
            logger: kalshiQuietLogger)
        return (server, stream, KalshiStreamCollector(await stream.updates()))
    }

    func stop(_ server: KalshiWebSocketTestServer, _ stream: KalshiMarketStream, _ updates: KalshiStreamCollector<KalshiStreamUpdate>) async throws {
        stream.stop()
        try await updates.wait(for: "stopped") { $0.connectionState == .stopped }
        await server.stop()
    }

    static let fedSnapshot = KalshiVenueFrames.snapshot(
        sid: 1, seq: 1, ticker: fed, yes: [("0.0800", "300.00"), ("0.2200", "333.00")], no: [("0.5400", "20.00"), ("0.5600", "146.00")])

    @Test("the upgrade carries KALSHI-ACCESS-* headers that verify over ts+GET+/trade-api/ws/v2, signed afresh per connection")
    func signedUpgrade() async throws {
        let (server, stream, updates) = try await start { socket in
            _ = try await socket.nextCommand()
            if socket.connection == 1 { return }  // drop, to see the second connection's headers
            try await socket.holdOpen()
        }
        try await updates.wait(for: "reconnect") { $0.connectionState == .connected(connection: 2) }
        let publicKey = try _RSA.Signing.PublicKey(pemRepresentation: vectors.publicKeyPEM)
        var signatures: [String] = []
        for headers in server.upgradeHeaders.prefix(2) {
            func value(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
            #expect(value("KALSHI-ACCESS-KEY") == vectors.keyID)
            let timestamp = try #require(value("KALSHI-ACCESS-TIMESTAMP"))
            #expect(Int64(timestamp) != nil)
            let signature = try #require(value("KALSHI-ACCESS-SIGNATURE"))
            let raw = try #require(Data(base64Encoded: signature))
            let message = timestamp + "GET" + "/trade-api/ws/v2"
            #expect(publicKey.isValidSignature(.init(rawRepresentation: raw), for: SHA256.hash(data: Data(message.utf8)), padding: .PSS))
            signatures.append(signature)
        }
        #expect(signatures.count == 2)
        #expect(signatures[0] != signatures[1])
        try await stop(server, stream, updates)
    }

    @Test("snapshot and deltas give the right best bid and ask for YES and NO")
    func snapshotAndDeltas() async throws {
        let (server, stream, updates) = try await start { socket in
            let subscribe = try await socket.confirmSubscriptions(["orderbook_delta": 1])
            try check(subscribe[0].tickers == [Self.fed])
            try await socket.send(Self.fedSnapshot)
            try await socket.send(KalshiVenueFrames.delta(sid: 1, seq: 2, ticker: Self.fed, price: "0.2500", delta: "10.00", side: "yes"))
            try await socket.send(KalshiVenueFrames.delta(sid: 1, seq: 3, ticker: Self.fed, price: "0.5600", delta: "-146.00", side: "no"))
            try await socket.holdOpen()
        }
        let changes = try await updates.wait(for: "snapshot and two deltas", count: 3) { $0.bookUpdate != nil }
        let snapshot = try #require(changes[0].bookUpdate)
        #expect(snapshot.cause == .snapshot)
        #expect(snapshot.snapshot(of: .yes).bids.contains(BookLevel(price: Self.p("0.22"), size: Self.s("333"))))
        #expect(snapshot.book.bestAsk(.yes)?.price == Self.p("0.44"))

        let book = try #require(await stream.book(for: Self.fed))
        #expect(book.sequence == 3)
        #expect(book.bestBid(.yes) == KalshiBookLevel(price: Self.p("0.25"), size: Self.s("10")))
        #expect(book.bestAsk(.yes) == KalshiBookLevel(price: Self.p("0.46"), size: Self.s("20")))
        #expect(book.bestBid(.no) == KalshiBookLevel(price: Self.p("0.54"), size: Self.s("20")))
        #expect(book.bestAsk(.no) == KalshiBookLevel(price: Self.p("0.75"), size: Self.s("10")))
        let yes = OrderBook(snapshot: book.snapshot(of: .yes))
        #expect(yes.bestBid?.price == Self.p("0.25"))
        #expect(yes.bestAsk?.price == Self.p("0.46"))

        // Core events: the NO delta is a YES ask change at 1 − p.
        let deltaEvents = try #require(changes.last?.bookUpdate?.marketDataEvents)
        guard case .bookDelta(let yesDelta) = deltaEvents.first?.event else { Issue.record("\(deltaEvents)"); return }
        #expect(yesDelta.changes == [BookChange(side: .ask, price: Self.p("0.44"), update: .add(-146_000_000))])
        #expect(await stream.statistics.deltasApplied == 2)
        try await stop(server, stream, updates)
    }

    @Test("a seq gap marks the book unsynchronised, resubscribes, and the fresh snapshot replaces the book")
    func sequenceGap() async throws {
        let (server, stream, updates) = try await start { socket in
            try await socket.confirmSubscriptions(["orderbook_delta": 1])
            try await socket.send(Self.fedSnapshot)
            try await socket.send(KalshiVenueFrames.delta(sid: 1, seq: 2, ticker: Self.fed, price: "0.2500", delta: "10.00", side: "yes"))
            try await socket.send(KalshiVenueFrames.delta(sid: 1, seq: 4, ticker: Self.fed, price: "0.3000", delta: "5.00", side: "yes"))
            let unsubscribe = try await socket.nextCommand()
            try check(unsubscribe.cmd == "unsubscribe" && unsubscribe.sids == [1], "\(unsubscribe)")
            try await socket.send(#"{"sid":1,"type":"unsubscribed"}"#)
            // A late message of the replaced subscription must be ignored.
            try await socket.send(KalshiVenueFrames.delta(sid: 1, seq: 5, ticker: Self.fed, price: "0.3100", delta: "5.00", side: "yes"))
            let resubscribe = try await socket.confirmSubscriptions(["orderbook_delta": 2])
            try check(resubscribe[0].cmd == "subscribe" && resubscribe[0].tickers == [Self.fed], "\(resubscribe)")
            try await socket.send(KalshiVenueFrames.snapshot(sid: 2, seq: 1, ticker: Self.fed, yes: [("0.4000", "7.00")], no: [("0.5000", "9.00")]))
            try await socket.holdOpen()
        }
        let lost = try await updates.wait(for: "unsynchronised") { $0.unsynchronized != nil }
        #expect(lost[0].unsynchronized?.tickers == [Self.fed])
        #expect(lost[0].unsynchronized?.reason == .sequenceGap(sid: 1, expected: 3, received: 4))
        try await updates.wait(for: "fresh snapshot", count: 2) { $0.isSnapshot }
        let book = try #require(await stream.book(for: Self.fed))
        #expect(book.bids(.yes) == [KalshiBookLevel(price: Self.p("0.4"), size: Self.s("7"))])
        #expect(book.bestAsk(.yes)?.price == Self.p("0.5"))
        #expect(await stream.subscriptionID(of: .orderbookDelta) == 2)
        // Nothing between the gap and the new snapshot was applied.
        #expect(updates.all.compactMap(\.bookUpdate).count == 3)
        #expect(await stream.statistics.resyncs == 1)
        try await stop(server, stream, updates)
    }

    @Test("a delta before any snapshot, and a delta leaving a negative level, both resubscribe")
    func deltaBeforeSnapshotAndNegativeLevel() async throws {
        let (server, stream, updates) = try await start { socket in
            try await socket.confirmSubscriptions(["orderbook_delta": 1])
            try await socket.send(KalshiVenueFrames.delta(sid: 1, seq: 1, ticker: Self.fed, price: "0.2500", delta: "10.00", side: "yes"))
            _ = try await socket.nextCommand()  // unsubscribe 1
            try await socket.confirmSubscriptions(["orderbook_delta": 2])
            try await socket.send(KalshiVenueFrames.snapshot(sid: 2, seq: 1, ticker: Self.fed, yes: [("0.2000", "5.00")], no: []))
            try await socket.send(KalshiVenueFrames.delta(sid: 2, seq: 2, ticker: Self.fed, price: "0.2000", delta: "-6.00", side: "yes"))
            _ = try await socket.nextCommand()  // unsubscribe 2
            try await socket.confirmSubscriptions(["orderbook_delta": 3])
            try await socket.send(KalshiVenueFrames.snapshot(sid: 3, seq: 1, ticker: Self.fed, yes: [("0.2100", "1.00")], no: []))
            try await socket.holdOpen()
        }
        let resyncs = try await updates.wait(for: "two resyncs", count: 2) { $0.unsynchronized != nil }
        #expect(resyncs[0].unsynchronized?.reason == .deltaBeforeSnapshot(ticker: Self.fed))
        guard case .negativeLevel = resyncs[1].unsynchronized?.reason else { Issue.record("\(resyncs[1])"); return }
        try await kalshiEventually("third snapshot") { await stream.book(for: Self.fed)?.bestBid(.yes)?.price == Self.p("0.21") }
        let commands = server.receivedCommands.map { "\($0.cmd)\($0.sids)" }
        #expect(commands == ["subscribe[]", "unsubscribe[1]", "subscribe[]", "unsubscribe[2]", "subscribe[]"])
        try await stop(server, stream, updates)
    }

    @Test("a frame whose fixed-point and legacy fields disagree resynchronises its book")
    func mismatchResyncs() async throws {
        let (server, stream, updates) = try await start { socket in
            try await socket.confirmSubscriptions(["orderbook_delta": 1])
            try await socket.send(Self.fedSnapshot)
            try await socket.send(#"{"type":"orderbook_delta","sid":1,"seq":2,"msg":{"market_ticker":"\#(Self.fed)","price":96,"price_dollars":"0.950","delta":-54,"delta_fp":"-54.00","side":"yes"}}"#)
            _ = try await socket.nextCommand()
            try await socket.confirmSubscriptions(["orderbook_delta": 2])
            try await socket.send(KalshiVenueFrames.snapshot(sid: 2, seq: 1, ticker: Self.fed, yes: [("0.3000", "3.00")], no: []))
            try await socket.holdOpen()
        }
        let lost = try await updates.wait(for: "unsynchronised") { $0.unsynchronized != nil }
        guard case .malformedBookMessage(let error) = lost[0].unsynchronized?.reason else { Issue.record("\(lost)"); return }
        #expect(error.field.contains("price_dollars"))
        #expect(error.marketTicker == Self.fed)
        #expect(updates.all.contains { if case .malformedFrame = $0.problem { true } else { false } })
        try await kalshiEventually("rebuilt") { await stream.book(for: Self.fed)?.bestBid(.yes)?.price == Self.p("0.3") }
        #expect(await stream.statistics.malformedFrames == 1)
        try await stop(server, stream, updates)
    }

    @Test("an unknown message type is skipped and counted, and its seq keeps the sequence contiguous")
    func unknownTypeSkipped() async throws {
        let (server, stream, updates) = try await start { socket in
            try await socket.confirmSubscriptions(["orderbook_delta": 1])
            try await socket.send(Self.fedSnapshot)
            try await socket.send(#"{"type":"orderbook_mystery","sid":1,"seq":2,"msg":{}}"#)
            try await socket.send(KalshiVenueFrames.delta(sid: 1, seq: 3, ticker: Self.fed, price: "0.2500", delta: "10.00", side: "yes"))
            try await socket.holdOpen()
        }
        try await updates.wait(for: "delta applied") { if case .delta = $0.bookUpdate?.cause { true } else { false } }
        #expect(updates.all.contains { $0.problem == .unknownMessage(type: "orderbook_mystery") })
        #expect(!updates.all.contains { $0.unsynchronized != nil })
        #expect(await stream.statistics.unknownMessages == 1)
        #expect(await stream.book(for: Self.fed)?.bestBid(.yes)?.price == Self.p("0.25"))
        try await stop(server, stream, updates)
    }

    @Test("error replies (auth required, market not found) surface as typed events")
    func errorReplies() async throws {
        let (server, stream, updates) = try await start(tickers: [Self.fed, "NOPE"], channels: [.orderbookDelta, .ticker]) { socket in
            let book = try await socket.nextCommand()
            try await socket.send(KalshiVenueFrames.error(id: book.id, code: 9, message: "Authentication required"))
            let ticker = try await socket.nextCommand()
            try await socket.send(KalshiVenueFrames.error(id: ticker.id, code: 16, message: "Market not found", ticker: "NOPE"))
            try await socket.holdOpen()
        }
        let errors = try await updates.wait(for: "two errors", count: 2) { $0.venueError != nil }.compactMap(\.venueError)
        #expect(errors.map(\.code) == [.authenticationRequired, .marketNotFound])
        #expect(errors[1].marketTicker == "NOPE")
        #expect(errors[0].description.contains("EDGEWISE_KALSHI_PRIVATE_KEY_FILE"))
        #expect(await stream.statistics.venueErrors == 2)
        try await stop(server, stream, updates)
    }

    @Test("a disconnect in the middle of the snapshots leaves no book trusted; reconnect resubscribes and rebuilds both")
    func disconnectMidSnapshot() async throws {
        let (server, stream, updates) = try await start(tickers: [Self.fed, Self.other]) { socket in
            let subscribe = try await socket.confirmSubscriptions(["orderbook_delta": 1])
            try check(subscribe[0].tickers == [Self.fed, Self.other])
            if socket.connection == 1 {
                try await socket.send(Self.fedSnapshot)
                return  // drop before the second market's snapshot
            }
            try await socket.send(KalshiVenueFrames.snapshot(sid: 1, seq: 1, ticker: Self.fed, yes: [("0.1000", "1.00")], no: []))
            try await socket.send(KalshiVenueFrames.snapshot(sid: 1, seq: 2, ticker: Self.other, yes: [("0.6000", "2.00")], no: [("0.3000", "4.00")]))
            try await socket.holdOpen()
        }
        try await updates.wait(for: "two books after the reconnect", count: 3) { $0.isSnapshot }
        let all = updates.all
        let dropIndex = try #require(all.firstIndex { $0.unsynchronized != nil })
        #expect(all[dropIndex].unsynchronized?.tickers == [Self.fed])
        guard case .disconnected = all[dropIndex].unsynchronized?.reason else { Issue.record("\(all[dropIndex])"); return }
        // Between the drop and the new connection's snapshots no book was reported.
        let reconnectIndex = try #require(all.firstIndex { $0.connectionState == .connected(connection: 2) })
        #expect(dropIndex < reconnectIndex)
        #expect(all[dropIndex..<reconnectIndex].allSatisfy { $0.bookUpdate == nil })
        #expect(await stream.book(for: Self.fed)?.bestBid(.yes)?.price == Self.p("0.1"))
        #expect(await stream.book(for: Self.other)?.bestAsk(.yes)?.price == Self.p("0.7"))
        #expect(server.receivedCommands.filter { $0.cmd == "subscribe" }.count == 2)
        #expect(await stream.statistics.reconnects == 1)
        try await stop(server, stream, updates)
    }

    @Test("server Pings are answered with Pongs: a server that closes links without them keeps ours")
    func serverPingsAreAnswered() async throws {
        let (server, stream, updates) = try await start(serverPing: .milliseconds(250)) { socket in
            try await socket.confirmSubscriptions(["orderbook_delta": 1])
            // Kalshi's own heartbeat frames on top of the server's checked Pings.
            for _ in 0..<8 {
                try await socket.ping()
                try await Task.sleep(for: .milliseconds(150))
            }
            try await socket.send(Self.fedSnapshot)
            try await socket.holdOpen()
        }
        try await updates.wait(for: "snapshot after the pings") { $0.isSnapshot }
        #expect(!updates.all.contains { if case .disconnected = $0.connectionState { true } else { false } })
        #expect(await stream.statistics.reconnects == 0)
        try await stop(server, stream, updates)
    }

    @Test("a link whose Pongs stop coming is presumed dead and replaced")
    func deadLinkIsReplaced() async throws {
        let (server, stream, updates) = try await start(pingInterval: .milliseconds(100), silent: [1]) { socket in
            try await socket.confirmSubscriptions(["orderbook_delta": 1])
            try await socket.send(Self.fedSnapshot)
            try await socket.holdOpen()
        }
        try await updates.wait(for: "reconnected") { $0.connectionState == .connected(connection: 2) }
        try await updates.wait(for: "snapshot on the new link") { $0.isSnapshot }
        #expect(await stream.book(for: Self.fed) != nil)
        try await stop(server, stream, updates)
    }

    @Test("adding and removing markets at runtime sends update_subscription with each channel's sid")
    func runtimeAddAndRemove() async throws {
        let (server, stream, updates) = try await start(channels: [.orderbookDelta, .ticker]) { socket in
            try await socket.confirmSubscriptions(["orderbook_delta": 7, "ticker": 8], count: 2)
            try await socket.send(Self.fedSnapshot.replacingOccurrences(of: #""sid":1"#, with: #""sid":7"#))
            try await socket.holdOpen()
        }
        try await updates.wait(for: "snapshot") { $0.isSnapshot }
        await stream.add(tickers: ["NEW-1", Self.fed])
        try await kalshiEventually("two add_markets") { server.receivedCommands.filter { $0.action == "add_markets" }.count == 2 }
        let adds = server.receivedCommands.filter { $0.action == "add_markets" }
        #expect(Set(adds.map(\.sids)) == [[7], [8]])
        #expect(adds.allSatisfy { $0.tickers == ["NEW-1"] && $0.cmd == "update_subscription" })
        #expect(await stream.tickers == [Self.fed, "NEW-1"])

        await stream.remove(tickers: [Self.fed])
        try await kalshiEventually("two delete_markets") { server.receivedCommands.filter { $0.action == "delete_markets" }.count == 2 }
        let deletes = server.receivedCommands.filter { $0.action == "delete_markets" }
        #expect(Set(deletes.map(\.sids)) == [[7], [8]])
        #expect(deletes.allSatisfy { $0.tickers == [Self.fed] })
        #expect(await stream.book(for: Self.fed) == nil)

        await stream.remove(tickers: ["NEW-1"])
        try await kalshiEventually("unsubscribe of both") { server.receivedCommands.filter { $0.cmd == "unsubscribe" }.count == 2 }
        #expect(Set(server.receivedCommands.filter { $0.cmd == "unsubscribe" }.map(\.sids)) == [[7], [8]])
        try await stop(server, stream, updates)
    }
}
