import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("Polymarket market stream against loopback", .requiresSharedFixtures, .timeLimit(.minutes(1)))
struct MarketStreamTests {
    let token = Fixtures.wsToken

    func start(
        tokens: [TokenID]? = nil, webSocket script: @escaping LoopbackWebSocketScript, keepAlive: Duration = .seconds(60),
        bids: [(String, String)] = [("0.5", "100")], asks: [(String, String)] = [("0.6", "40")], restHashValid: Bool = false,
        configure: (inout PolymarketMarketStream.Configuration) -> Void = { _ in }
    ) async throws -> (LoopbackServer, PolymarketMarketStream, Collector<MarketStreamUpdate>) {
        let book = try restBook(token: token.rawValue, bids: bids, asks: asks, validHash: restHashValid)
        var configuration = PolymarketMarketStream.Configuration(
            keepAliveInterval: keepAlive, initialReconnectDelay: .milliseconds(10), maxReconnectDelay: .milliseconds(50))
        configure(&configuration)
        let server = try await LoopbackServer.start(
            routes: [
                .get("/book") { request in
                    (try? restBook(token: request.queryValue("token_id") ?? "", bids: bids, asks: asks, validHash: restHashValid)) ?? book
                },
                .post("/books") { request in
                    let asked = (try? JSONSerialization.jsonObject(with: request.body) as? [[String: String]]) ?? []
                    let bodies = asked.compactMap { $0["token_id"] }.compactMap { try? restBook(token: $0, bids: bids, asks: asks).body }
                    return .json("[" + bodies.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",") + "]")
                },
            ],
            webSockets: ["/ws/market": script])
        let endpoints = PolymarketEndpoints(
            gamma: server.baseURL, clob: server.baseURL, webSocket: server.webSocketURL("/ws/market"), data: server.baseURL)
        let stream = PolymarketMarketStream(
            endpoints: endpoints, tokens: tokens ?? [token],
            configuration: configuration,
            clob: ClobClient(baseURL: server.baseURL, configuration: fastTransport), logger: quietLogger)
        return (server, stream, Collector(await stream.updates()))
    }

    func stop(_ server: LoopbackServer, _ stream: PolymarketMarketStream, _ updates: Collector<MarketStreamUpdate>) async throws {
        stream.stop()
        try await updates.wait(for: "stopped") { $0.connectionState == .stopped }
        await server.stop()
    }

    func priceChange(price: String, size: String, side: String, bestBid: String, bestAsk: String) -> String {
        #"{"event_type":"price_change","market":"0xm","timestamp":"1757908892351","price_changes":[{"asset_id":"\#(token.rawValue)","price":"\#(price)","size":"\#(size)","side":"\#(side)","best_bid":"\#(bestBid)","best_ask":"\#(bestAsk)"}]}"#
    }

    @Test func droppedConnectionReconnectsResubscribesAndResyncsFromREST() async throws {
        let log = ScriptLog()
        let bookFrame = try Fixtures.wsEvent("book")
        let (server, stream, updates) = try await start(webSocket: { socket in
            log.add(try await socket.nextText() ?? "nil")
            if socket.connection == 1 {
                try await socket.send(bookFrame)
                return  // drop
            }
            try await holdOpen(socket)
        }, bids: [("0.45", "10")], asks: [("0.55", "10")])

        try await updates.wait(for: "REST resync after reconnect") { $0.resyncReason?.contains("reconnected") == true }
        let snapshots = try await updates.wait(for: "WS and REST snapshots", count: 2) { $0.snapshot != nil }
        #expect(snapshots[0].snapshot?.bids.count == 3)  // from the WebSocket
        #expect(snapshots[1].snapshot?.bids == [BookLevel(price: .p("0.45"), size: .s("10"))])  // from REST
        #expect(updates.all.contains { $0.connectionState == .connected(connection: 2) })

        // The server script may log the second subscription after the client already resynced.
        try await eventually("second subscription seen by the server") { log.all.count == 2 }
        let subscriptions = log.all
        #expect(subscriptions.allSatisfy { $0.contains(token.rawValue) && $0.contains(#""type":"market""#) && $0.contains(#""initial_dump":true"#) })
        // After a reconnect the books are repaired in one batch request, not one request per token.
        #expect(server.requests(path: "/book").isEmpty)
        #expect(server.requests(path: "/books").map(\.bodyText) == [#"[{"token_id":"\#(token.rawValue)"}]"#])

        let book = try #require(await stream.book(for: token))
        #expect(book.isSynchronized)
        #expect(book.bestBid?.price == Price.p("0.45"))
        #expect(book.bestAsk?.price == Price.p("0.55"))
        #expect(await stream.statistics.reconnects == 1)
        #expect(await stream.statistics.resyncs == 1)
        try await stop(server, stream, updates)
    }

    @Test func bestBidMismatchTriggersRESTResync() async throws {
        let bookFrame = try Fixtures.wsEvent("book")
        let consistent = priceChange(price: "0.51", size: "5", side: "BUY", bestBid: "0.51", bestAsk: "0.52")
        let inconsistent = priceChange(price: "0.47", size: "10", side: "BUY", bestBid: "0.49", bestAsk: "0.52")
        let sentConsistent = ScriptLog()
        let proceed = ScriptLog()
        let (server, stream, updates) = try await start(webSocket: { socket in
            _ = try await socket.nextText()
            try await socket.send(bookFrame)
            try await socket.send(consistent)
            sentConsistent.add("sent")
            try await eventually("test checked the book") { proceed.all.contains("go") }
            try await socket.send(inconsistent)
            try await holdOpen(socket)
        })
        try await updates.wait(for: "consistent delta") { $0.delta != nil }
        try await eventually("delta applied") { await stream.book(for: token)?.bestBid?.price == Price.p("0.51") }
        #expect(await stream.book(for: token)?.isSynchronized == true)
        #expect(server.requests(path: "/book").isEmpty)
        proceed.add("go")

        let resync = try await updates.wait(for: "resync") { $0.resyncReason != nil }
        #expect(resync[0].resyncReason?.contains("best bid") == true)
        try await updates.wait(for: "REST snapshot", count: 2) { $0.snapshot != nil }
        #expect(updates.all.filter { $0.delta != nil }.count == 2)  // the venue's deltas are still reported
        let book = try #require(await stream.book(for: token))
        #expect(book.isSynchronized)
        #expect(book.bestBid?.price == Price.p("0.5"))
        #expect(book.bestAsk?.price == Price.p("0.6"))
        #expect(server.requests(path: "/book").count == 1)
        try await stop(server, stream, updates)
    }

    @Test func deltaBeforeSnapshotTriggersRESTResync() async throws {
        let delta = priceChange(price: "0.5", size: "7", side: "BUY", bestBid: "0.5", bestAsk: "0.6")
        let (server, stream, updates) = try await start(webSocket: { socket in
            _ = try await socket.nextText()
            try await socket.send(delta)
            try await holdOpen(socket)
        })
        let resync = try await updates.wait(for: "resync") { $0.resyncReason != nil }
        #expect(resync[0].resyncReason == "price change before a snapshot")
        try await updates.wait(for: "REST snapshot") { $0.snapshot != nil }
        #expect(await stream.book(for: token)?.isSynchronized == true)
        try await stop(server, stream, updates)
    }

    @Test func deltasOlderThanTheRESTSnapshotAreRecordedButNotApplied() async throws {
        // The REST sample's book is stamped 123456789 ms; frames queued while it was fetched can be older.
        let token = self.token
        @Sendable func change(_ price: String, _ size: String, at milliseconds: String) -> String {
            #"{"event_type":"price_change","market":"0xm","timestamp":"\#(milliseconds)","price_changes":[{"asset_id":"\#(token.rawValue)","price":"\#(price)","size":"\#(size)","side":"BUY","best_bid":"0.5","best_ask":"0.6"}]}"#
        }
        let (server, stream, updates) = try await start(webSocket: { socket in
            _ = try await socket.nextText()
            try await socket.send(change("0.5", "3", at: "123456700"))   // before any snapshot: triggers the resync
            try await socket.send(change("0.5", "1", at: "123456000"))   // older than the REST snapshot
            try await socket.send(change("0.49", "7", at: "123456790"))  // newer
            try await holdOpen(socket)
        })
        try await updates.wait(for: "REST snapshot") { $0.snapshot != nil }
        try await updates.wait(for: "all three deltas", count: 3) {
            if case .event(let received) = $0, case .bookDelta = received.event { return true }
            return false
        }
        try await eventually("newer delta applied") { await stream.book(for: token)?.size(at: .p("0.49"), side: .bid) == .s("7") }
        // The snapshot's 100 at 0.5 stands; the stale 1 was not written over it.
        #expect(await stream.book(for: token)?.size(at: .p("0.5"), side: .bid) == .s("100"))
        #expect(await stream.statistics.staleDeltasSkipped == 1)
        #expect(await stream.book(for: token)?.isSynchronized == true)
        try await stop(server, stream, updates)
    }

    @Test func theDeltaThatTriggeredAResyncIsAppliedWhenNewerThanTheSnapshot() async throws {
        // The REST sample is stamped 123456789 ms; this delta is from 2025, so REST lagged behind it.
        let delta = #"{"event_type":"price_change","market":"0xm","timestamp":"1757908892351","price_changes":[{"asset_id":"\#(token.rawValue)","price":"0.45","size":"7","side":"BUY","best_bid":"0.5","best_ask":"0.6"}]}"#
        let (server, stream, updates) = try await start(webSocket: { socket in
            _ = try await socket.nextText()
            try await socket.send(delta)
            try await holdOpen(socket)
        })
        try await updates.wait(for: "REST snapshot") { $0.snapshot != nil }
        try await eventually("triggering delta applied") { await stream.book(for: token)?.size(at: .p("0.45"), side: .bid) == .s("7") }
        #expect(await stream.book(for: token)?.isSynchronized == true)
        #expect(await stream.book(for: token)?.size(at: .p("0.5"), side: .bid) == .s("100"))
        try await stop(server, stream, updates)
    }

    @Test func aMalformedFrameForAKnownTokenResyncsItsBook() async throws {
        let bookFrame = try Fixtures.wsEvent("book")  // bids .48/.49/.50, asks .52/.53/.54
        // The first entry is fine, the second is not: the whole frame is dropped, and with it a real change.
        let frame = #"{"event_type":"price_change","market":"0xm","timestamp":"1757908892351","price_changes":[{"asset_id":"\#(token.rawValue)","price":"0.45","size":"7","side":"BUY","best_bid":"0.5","best_ask":"0.52"},{"asset_id":"\#(token.rawValue)","price":"0.46","size":"0.0000001","side":"BUY"}]}"#
        let (server, stream, updates) = try await start(webSocket: { socket in
            _ = try await socket.nextText()
            try await socket.send(bookFrame)
            try await socket.send(frame)
            try await holdOpen(socket)
        })
        let resync = try await updates.wait(for: "resync") { $0.resyncReason != nil }
        #expect(resync[0].resyncReason == "a malformed frame was skipped")
        #expect(await stream.statistics.malformedFrames == 1)
        try await eventually("book rebuilt from REST") { await stream.book(for: token)?.bestBid?.price == .p("0.5") }
        #expect(await stream.book(for: token)?.isSynchronized == true)
        #expect(server.requests(path: "/books").count == 1)
        try await stop(server, stream, updates)
    }

    @Test func malformedAndUnknownFramesAreReportedAndSkipped() async throws {
        let bookFrame = try Fixtures.wsEvent("book")
        let (server, stream, updates) = try await start(webSocket: { socket in
            _ = try await socket.nextText()
            try await socket.send("{oops")
            try await socket.send(#"{"event_type":"mystery_event","asset_id":"1"}"#)
            try await socket.send("PONG")
            try await socket.send("[" + bookFrame + "]")
            try await holdOpen(socket)
        })
        try await updates.wait(for: "snapshot after bad frames") { $0.snapshot != nil }
        let problems = updates.all.compactMap(\.problem)
        #expect(problems.count == 2)
        if case .malformedFrame(let error) = problems.first {
            #expect(error.excerpt == "{oops")
        } else {
            Issue.record("expected a malformed-frame problem first, got \(problems)")
        }
        if case .unknownEvent(let type) = problems.last {
            #expect(type == "mystery_event")
        } else {
            Issue.record("expected an unknown-event problem, got \(problems)")
        }
        let statistics = await stream.statistics
        #expect(statistics.malformedFrames == 1)
        #expect(statistics.unknownEvents == 1)
        #expect(statistics.pongs == 1)
        #expect(statistics.reconnects == 0)
        #expect(await stream.book(for: token)?.bestBid?.price == Price.p("0.50"))
        try await stop(server, stream, updates)
    }

    @Test func subscribeUnsubscribeAndKeepAliveWhileRunning() async throws {
        let bookFrame = try Fixtures.wsEvent("book")
        let (server, stream, updates) = try await start(webSocket: { socket in
            _ = try await socket.nextText()
            try await socket.send(bookFrame)
            // Answer keep-alives as the venue does, so a slow machine never sees a silent link,
            // reconnects, and sends the (un)subscriptions to a connection that is already gone.
            while let text = try await socket.nextText(timeout: .seconds(60)) {
                if text == "PING" { try await socket.send("PONG") }
            }
        }, keepAlive: .milliseconds(100))
        try await updates.wait(for: "snapshot") { $0.snapshot != nil }
        let other = TokenID("123")
        await stream.subscribe([other, token])
        try await eventually("dynamic subscribe") {
            server.receivedTexts("/ws/market").contains(#"{"assets_ids":["123"],"operation":"subscribe"}"#)
        }
        #expect(await stream.tokens == [token, other])
        await stream.unsubscribe([other])
        try await eventually("dynamic unsubscribe") {
            server.receivedTexts("/ws/market").contains(#"{"assets_ids":["123"],"operation":"unsubscribe"}"#)
        }
        #expect(await stream.tokens == [token])
        try await eventually("PING on the interval") { server.receivedTexts("/ws/market").filter { $0 == "PING" }.count >= 2 }
        #expect(await stream.statistics.reconnects == 0)
        try await stop(server, stream, updates)
    }

    @Test func startingWithoutTokensSubscribesWithTheInitialMessage() async throws {
        let bookFrame = try Fixtures.wsEvent("book")
        let (server, stream, updates) = try await start(tokens: [], webSocket: { socket in
            let first = try await socket.nextText(ignoring: "PING")
            if first?.contains(#""type":"market""#) == true { try await socket.send(bookFrame) }
            try await holdOpen(socket)
        })
        await stream.subscribe([token])
        try await updates.wait(for: "snapshot after late subscription") { $0.snapshot != nil }
        let texts = server.receivedTexts("/ws/market").filter { $0 != "PING" }
        #expect(texts.first?.contains(token.rawValue) == true)
        #expect(texts.first?.contains(#""type":"market""#) == true)
        #expect(await stream.book(for: token)?.isSynchronized == true)
        try await stop(server, stream, updates)
    }

    /// The WebSocket `book` sample with a chosen hash (a well-formed SHA-1 digest, unlike the sample's placeholder).
    func bookFrame(hash: (([String: Any]) throws -> String)) throws -> String {
        var object = try JSONSerialization.jsonObject(with: Data(try Fixtures.wsEvent("book").utf8)) as! [String: Any]
        object["hash"] = try hash(object)
        return String(decoding: try SharedFixtures.jsonData(object), as: UTF8.self)
    }

    static let wrongHash = "00112233445566778899aabbccddeeff00112233"

    @Test func aBookMessageThatDoesNotHashToItsOwnHashIsResyncedFromRESTOnce() async throws {
        let suspect = try bookFrame { _ in Self.wrongHash }
        let sound = try bookFrame { try ownHash(of: $0) }
        let marker = try Fixtures.wsEvent("last_trade_price")
        let (server, stream, updates) = try await start(webSocket: { socket in
            _ = try await socket.nextText()
            try await socket.send(suspect)
            try await socket.send(sound)
            try await socket.send(marker)
            try await holdOpen(socket)
        }, restHashValid: true)
        // Frames are handled in order, so once the trade is out, both books have been dealt with.
        try await updates.wait(for: "trade after both books") {
            if case .event(let received) = $0, case .trade = received.event { return true }
            return false
        }
        let resyncs = updates.all.compactMap(\.resyncReason)
        #expect(resyncs.count == 1)
        #expect(resyncs.first?.contains(Self.wrongHash) == true, "\(resyncs)")
        #expect(server.requests(path: "/book").count == 1)
        let statistics = await stream.statistics
        #expect(statistics.bookHashMismatches == 1)
        #expect(statistics.hashChecksDisabled == 0)
        // The suspect book is reported as received, never applied; the sound one replaced the REST snapshot.
        #expect(updates.all.filter { $0.snapshot != nil }.count == 3)
        let book = try #require(await stream.book(for: token))
        #expect(book.isSynchronized)
        #expect(book.size(at: .p("0.50"), side: .bid) == .s("15"))
        try await stop(server, stream, updates)
    }

    @Test func persistentHashMismatchesOnWebSocketAndRESTStopResyncingInsteadOfLooping() async throws {
        let suspect = try bookFrame { _ in Self.wrongHash }
        let marker = try Fixtures.wsEvent("last_trade_price")
        let (server, stream, updates) = try await start(webSocket: { socket in
            _ = try await socket.nextText()
            for _ in 0..<5 { try await socket.send(suspect) }
            try await socket.send(marker)
            try await holdOpen(socket)
        })  // the REST sample's hash does not match our recipe either
        try await updates.wait(for: "trade after five books") {
            if case .event(let received) = $0, case .trade = received.event { return true }
            return false
        }
        // The default limit: two resyncs that REST did not confirm, then no more.
        #expect(server.requests(path: "/book").count == 2)
        let statistics = await stream.statistics
        #expect(statistics.bookHashMismatches == 2)
        #expect(statistics.hashChecksDisabled == 1)
        #expect(statistics.restHashMismatches == 2)
        // With checks off the venue's books are applied as they come.
        let book = try #require(await stream.book(for: token))
        #expect(book.isSynchronized)
        #expect(book.size(at: .p("0.50"), side: .bid) == .s("15"))
        try await stop(server, stream, updates)
    }

    @Test func withoutDeltaEventsTheBooksStillFollowEveryPriceChange() async throws {
        let bookFrame = try Fixtures.wsEvent("book")
        let change = priceChange(price: "0.51", size: "5", side: "BUY", bestBid: "0.51", bestAsk: "0.52")
        let marker = try Fixtures.wsEvent("last_trade_price")
        let (server, stream, updates) = try await start(webSocket: { socket in
            _ = try await socket.nextText()
            try await socket.send(bookFrame)
            try await socket.send(change)
            try await socket.send(marker)
            try await holdOpen(socket)
        }, configure: { $0.bookDeltaEvents = false })
        try await updates.wait(for: "trade after the change") {
            if case .event(let received) = $0, case .trade = received.event { return true }
            return false
        }
        #expect(updates.all.allSatisfy { $0.delta == nil })
        let book = try #require(await stream.book(for: token))
        #expect(book.isSynchronized)
        #expect(book.bestBid == BookLevel(price: .p("0.51"), size: .s("5")))
        #expect(server.requests(path: "/book").isEmpty)
        try await stop(server, stream, updates)
    }
}
