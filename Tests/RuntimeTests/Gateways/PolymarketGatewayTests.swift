import EdgewiseCore
import EdgewiseEthereum
import EdgewiseExecution
import EdgewisePolymarket
import EdgewiseRuntime
import EdgewiseStore
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

/// A loopback CLOB whose answers the test scripts: the book and balance the gateway reads before
/// signing, the answer to `POST /order`, and what the order and trade listings show.
struct PolymarketDesk: Sendable {
    enum Post: Sendable {
        case live
        case matched(tradeIDs: [String], making: String, taking: String)
        case refuse(status: Int, message: String)
        case fail(status: Int)
        case stall
    }

    struct Open: Sendable {
        var status: String
        var matched: String
        var size = "10"
        var type = "GTC"
    }

    /// The hash `POST /order` answers with.
    var hash = ""
    var post: Post = .live
    /// Orders the venue knows, by hash.
    var opens: [String: Open] = [:]
    var trades: [String] = []
    var cancelled = true

    static let token = TokenID("52114319501245915516055106046884209969926127482827954674443846427813813222426")
    static let market = MarketID("0xbd31dc8a20211944f6b70f31557f1001557b59905b7738480ca09bd4532f84af")
    static let address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
    /// Hardhat's first well-known development key: public, holds nothing.
    static let key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
    static let credentials = PolymarketAPICredentials(
        apiKey: "f4f247b7-4ac7-ff29-a152-04fda0a8755a", secret: "dGhpcy1pcy1hLXRlc3Qtc2VjcmV0LTMyLWJ5dGVzISE=",
        passphrase: "test-passphrase-0123456789")
    static let clock: @Sendable () -> Timestamp = { Timestamp(seconds: 1_780_449_126) }

    static func start(_ script: VenueScript<PolymarketDesk>) async throws -> LoopbackServer {
        // The recorded book, read in place; its 100-share minimum is lowered so a 10-share order passes.
        let book = jsonText(try fixtureJSON("polymarket-clob-rest-samples.json", "GET /book?token_id=...", replacing: ["min_order_size": "1"]))
        return try await LoopbackServer.start(routes: [
            .get("/book", .json(book)),
            .get("/balance-allowance", .json(#"{"balance":"1000000000","allowances":{}}"#)),
            .post("/order") { _ in
                let (hash, post) = script { ($0.hash, $0.post) }
                switch post {
                case .live: return .json(placement(hash, status: "live"))
                case .matched(let ids, let making, let taking):
                    return .json(placement(hash, status: "matched", tradeIDs: ids, making: making, taking: taking))
                case .refuse(let status, let message): return .json(#"{"error":"\#(message)"}"#, status: status)
                case .fail(let status): return .status(status, body: "upstream connect error")
                case .stall:
                    var slow = LoopbackResponse.json(placement(hash, status: "live"))
                    slow.delay = .seconds(2)
                    return slow
                }
            },
            .get("/data/order/{id}") { request in
                let id = String(request.path.split(separator: "/").last ?? "")
                guard let open = script({ $0.opens[id] }) else { return .json(#"{"error":"order not found"}"#, status: 404) }
                return .json(openOrder(id, open))
            },
            .get("/data/trades") { _ in .json(page(script { $0.trades })) },
            .delete("/order") { _ in
                let (hash, cancelled) = script { ($0.hash, $0.cancelled) }
                return .json(cancelled ? #"{"canceled":["\#(hash)"],"not_canceled":{}}"# : #"{"canceled":[],"not_canceled":{"\#(hash)":"order already matched"}}"#)
            },
        ])
    }

    static func placement(_ hash: String, status: String, tradeIDs: [String] = [], making: String = "", taking: String = "") -> String {
        let ids = tradeIDs.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"success":true,"errorMsg":"","orderID":"\#(hash)","transactionsHashes":[],"tradeIDs":[\#(ids)],"status":"\#(status)","takingAmount":"\#(taking)","makingAmount":"\#(making)"}"#
    }

    static func openOrder(_ hash: String, _ open: Open) -> String {
        #"{"id":"\#(hash)","status":"\#(open.status)","owner":"\#(credentials.apiKey)","maker_address":"\#(address)","market":"\#(market.rawValue)","asset_id":"\#(token.rawValue)","side":"BUY","original_size":"\#(open.size)","size_matched":"\#(open.matched)","price":"0.57","associate_trades":[],"outcome":"Yes","created_at":1780449126,"expiration":"0","order_type":"\#(open.type)"}"#
    }

    static func trade(_ id: String, taker: String, size: String, price: String = "0.57", status: String = "MATCHED") -> String {
        #"{"id":"\#(id)","taker_order_id":"\#(taker)","market":"\#(market.rawValue)","asset_id":"\#(token.rawValue)","side":"BUY","size":"\#(size)","fee_rate_bps":"0","price":"\#(price)","status":"\#(status)","match_time":"1780449127","last_update":"1780449127","outcome":"Yes","bucket_index":0,"owner":"\#(credentials.apiKey)","maker_address":"\#(address)","maker_orders":[{"order_id":"0xother","owner":"someone","maker_address":"0x0000000000000000000000000000000000000001","matched_amount":"\#(size)","price":"\#(price)","fee_rate_bps":"0","asset_id":"\#(token.rawValue)","outcome":"Yes","side":"SELL"}],"transaction_hash":"0x1234","trader_side":"TAKER"}"#
    }

    static func page(_ items: [String]) -> String {
        #"{"limit":100,"count":\#(items.count),"next_cursor":"LTE=","data":[\#(items.joined(separator: ","))]}"#
    }

    /// A gateway on a fixed clock and salt, so the same order always signs to the same hash.
    static func gateway(_ server: LoopbackServer, configuration: HTTPTransportConfiguration = gatewayTransport) throws -> PolymarketGateway {
        let key = try EthereumPrivateKey(hex: Self.key)
        let signer = try PolymarketOrderSigner(key: key, chain: try PolymarketChain(chainID: 137))
        let trading = try PolymarketTradingClient(
            baseURL: server.baseURL, credentials: credentials, signerAddress: key.address.checksummed, configuration: configuration,
            logger: quietGatewayLogger, now: clock)
        let trader = PolymarketTrader(
            signer: signer, clob: ClobClient(baseURL: server.baseURL, configuration: configuration, logger: quietGatewayLogger),
            trading: trading, credentials: credentials, clobURL: server.baseURL, maxOrderNotional: 1_000, live: true, now: clock,
            salt: { 424_242 })
        return try PolymarketGateway(trader: trader, now: clock)
    }

    static func order(_ timeInForce: TimeInForce = .goodTillCancelled, id: ClientOrderID = .generate(), size: Size = 10) -> Order {
        Order(
            id: id, instrument: InstrumentID(venue: .polymarket, token: token), marketID: market, side: .buy, limitPrice: .p("0.57"),
            size: size, timeInForce: timeInForce, createdAt: Timestamp(seconds: 1_780_449_100))
    }

    static func intent() -> OrderIntent {
        OrderIntent(
            instrument: InstrumentID(venue: .polymarket, token: token), marketID: market, side: .buy, limitPrice: .p("0.57"), size: 10,
            purpose: .directional, strategy: "gateway-test")
    }
}

@Suite("Polymarket gateway against a loopback CLOB", .requiresSharedFixtures, .timeLimit(.minutes(1)))
struct PolymarketGatewayTests {
    /// Prepares `order` and tells the desk its hash.
    func prepared(_ order: Order, _ gateway: PolymarketGateway, _ script: VenueScript<PolymarketDesk>) async throws -> Order {
        let ready = try await gateway.prepare(order)
        let hash = try #require(ready.venueOrderID)
        script { $0.hash = hash.rawValue }
        return ready
    }

    @Test("prepare signs and puts the order hash in the order before anything is sent")
    func prepareSetsHash() async throws {
        let script = VenueScript(PolymarketDesk())
        let server = try await PolymarketDesk.start(script)
        defer { Task { await server.stop() } }
        let order = try await prepared(PolymarketDesk.order(), try PolymarketDesk.gateway(server), script)
        #expect(order.venueOrderID?.rawValue.hasPrefix("0x") == true)
        #expect(order.venueOrderID?.rawValue.count == 66)
        #expect(requestCount(server, "POST", "/order") == 0)
    }

    @Test("an acknowledgment with an immediate partial match carries its fill, by the venue's trade id")
    func acceptWithPartialFill() async throws {
        let script = VenueScript(PolymarketDesk())
        let server = try await PolymarketDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = try PolymarketDesk.gateway(server)
        let order = try await prepared(PolymarketDesk.order(), gateway, script)
        let hash = order.venueOrderID!.rawValue
        script {
            $0.post = .matched(tradeIDs: ["trade-1"], making: "2.28", taking: "4")
            $0.trades = [PolymarketDesk.trade("trade-1", taker: hash, size: "4")]
        }
        let answer = await gateway.submit(order)
        guard case .accepted(let id, let fills, let ended) = answer else { Issue.record("expected accepted, got \(answer)"); return }
        #expect(id.rawValue == hash)
        #expect(fills.map(\.id) == [FillID("trade-1:\(hash)")])
        #expect(fills.first?.size == 4)
        #expect(fills.first?.price == .p("0.57"))
        #expect(fills.first?.liquidity == .taker)
        #expect(ended == nil, "the rest of a GTC order rests")
    }

    @Test("a fill-and-kill that matched part ends once every trade of the acknowledgment is read")
    func fillAndKillEnds() async throws {
        let script = VenueScript(PolymarketDesk())
        let server = try await PolymarketDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = try PolymarketDesk.gateway(server)
        let order = try await prepared(PolymarketDesk.order(.fillAndKill), gateway, script)
        script {
            $0.post = .matched(tradeIDs: ["trade-1"], making: "2.28", taking: "4")
            $0.trades = [PolymarketDesk.trade("trade-1", taker: $0.hash, size: "4")]
        }
        guard case .accepted(_, let fills, let ended) = await gateway.submit(order) else { Issue.record("not accepted"); return }
        #expect(fills.count == 1)
        #expect(ended == .cancelled)
    }

    @Test("a refusal with a reason is a rejection")
    func rejected() async throws {
        let script = VenueScript(PolymarketDesk())
        let server = try await PolymarketDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = try PolymarketDesk.gateway(server)
        let order = try await prepared(PolymarketDesk.order(), gateway, script)
        script { $0.post = .refuse(status: 400, message: "invalid order: not enough balance / allowance") }
        guard case .rejected(let reason) = await gateway.submit(order) else { Issue.record("not rejected"); return }
        #expect(reason.contains("balance"))
    }

    enum Found: String, CaseIterable, Sendable { case open, filled, nothing }

    @Test("a 5xx is unknown; the lookup then finds the order open, filled, or nowhere", arguments: Found.allCases)
    func unknownThenLookup(found: Found) async throws {
        let script = VenueScript(PolymarketDesk())
        let server = try await PolymarketDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = try PolymarketDesk.gateway(server)
        let order = try await prepared(PolymarketDesk.order(), gateway, script)
        let hash = order.venueOrderID!.rawValue
        script { $0.post = .fail(status: 503) }
        guard case .unknown = await gateway.submit(order) else { Issue.record("a 503 must be unknown"); return }
        switch found {
        case .open:
            script { $0.opens[hash] = .init(status: "LIVE", matched: "0") }
            let report = try #require(try await gateway.lookup(order))
            #expect(report.state == .open)
            #expect(report.fills.isEmpty)
            #expect(report.venueOrderID?.rawValue == hash)
        case .filled:
            script { $0.trades = [PolymarketDesk.trade("trade-9", taker: hash, size: "10")] }
            let report = try #require(try await gateway.lookup(order))
            #expect(report.state == .filled)
            #expect(report.fills.map(\.id) == [FillID("trade-9:\(hash)")])
        case .nothing:
            #expect(try await gateway.lookup(order) == nil)
        }
    }

    @Test("a send that times out is unknown, not rejected")
    func timeoutIsUnknown() async throws {
        let script = VenueScript(PolymarketDesk())
        let server = try await PolymarketDesk.start(script)
        defer { Task { await server.stop() } }
        let preparing = try PolymarketDesk.gateway(server)
        let order = try await prepared(PolymarketDesk.order(), preparing, script)
        script { $0.post = .stall }
        // The same signature reaches the impatient gateway only through its own prepare.
        let impatient = try PolymarketDesk.gateway(server, configuration: impatientTransport)
        let again = try await impatient.prepare(PolymarketDesk.order(id: order.id))
        #expect(again.venueOrderID == order.venueOrderID, "same clock and salt sign the same order")
        guard case .unknown = await impatient.submit(again) else { Issue.record("a timeout must be unknown"); return }
    }

    @Test("a lookup the venue cannot answer throws rather than saying 'absent'")
    func failedLookupThrows() async throws {
        let script = VenueScript(PolymarketDesk())
        let server = try await PolymarketDesk.start(script)
        let gateway = try PolymarketDesk.gateway(server)
        let order = try await prepared(PolymarketDesk.order(), gateway, script)
        await server.stop()
        await #expect(throws: GatewayError.self) { try await gateway.lookup(order) }
    }

    @Test("cancel: cancelled, or not open when the venue says it already matched")
    func cancel() async throws {
        let script = VenueScript(PolymarketDesk())
        let server = try await PolymarketDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = try PolymarketDesk.gateway(server)
        let order = try await prepared(PolymarketDesk.order(), gateway, script)
        #expect(await gateway.cancel(order) == .cancelled)
        script { $0.cancelled = false }
        guard case .notOpen = await gateway.cancel(order) else { Issue.record("expected notOpen"); return }
        #expect(requestCount(server, "DELETE", "/order") == 2)
    }

    @Test("after a restart the gateway never signs a different order for a journaled one")
    func noSignatureAfterRestart() async throws {
        let script = VenueScript(PolymarketDesk())
        let server = try await PolymarketDesk.start(script)
        defer { Task { await server.stop() } }
        let order = try await prepared(PolymarketDesk.order(), try PolymarketDesk.gateway(server), script)
        let restarted = try PolymarketDesk.gateway(server)
        guard case .rejected(let reason) = await restarted.submit(order) else { Issue.record("expected rejected"); return }
        #expect(reason.contains("restart"))
        #expect(requestCount(server, "POST", "/order") == 0)
    }

    @Test("through the order manager: journal, acknowledgment, fills; after a crash, reconcile without a second POST")
    func orderManagerEndToEnd() async throws {
        let script = VenueScript(PolymarketDesk())
        let server = try await PolymarketDesk.start(script)
        defer { Task { await server.stop() } }
        let store = try gatewayStore()

        // The hash is a function of the order, the clock and the salt: learn it first.
        let probe = try await PolymarketDesk.gateway(server).prepare(PolymarketDesk.order())
        let hash = try #require(probe.venueOrderID).rawValue
        script {
            $0.hash = hash
            $0.post = .matched(tradeIDs: ["trade-1"], making: "2.28", taking: "4")
            $0.trades = [PolymarketDesk.trade("trade-1", taker: hash, size: "4")]
        }
        let manager = orderManager(store, try PolymarketDesk.gateway(server))
        _ = await manager.reconcile()
        let sent = try await manager.submit(PolymarketDesk.intent())
        #expect(sent.venueOrderID?.rawValue == hash)
        #expect(sent.status == .partiallyFilled)
        #expect(try store.order(sent.id)?.status == .partiallyFilled)
        #expect(try store.fills(clientOrderID: sent.id).map(\.id) == [FillID("trade-1:\(hash)")])
        #expect(requestCount(server, "POST", "/order") == 1)

        // A second order: signed and journaled as sent, then the process died before the answer.
        // The venue has it, resting with one execution.
        // (Another size: the same order on the same clock and salt would have the same hash.)
        let second = try await PolymarketDesk.gateway(server).prepare(PolymarketDesk.order(size: 12))
        let secondHash = try #require(second.venueOrderID).rawValue
        #expect(secondHash != hash)
        _ = try journalAsSubmitted(second, in: store)
        script {
            $0.opens[secondHash] = .init(status: "LIVE", matched: "3", size: "12")
            $0.trades.append(PolymarketDesk.trade("trade-2", taker: secondHash, size: "3"))
        }
        let posts = requestCount(server, "POST", "/order")
        let restarted = orderManager(store, try PolymarketDesk.gateway(server))
        let findings = await restarted.reconcile()
        #expect(findings.findings[second.id] == .updated(.partiallyFilled, newFills: 1))
        #expect(requestCount(server, "POST", "/order") == posts, "reconciliation never re-sends")
        #expect(try store.order(second.id)?.venueOrderID?.rawValue == secondHash)

        // Asked again (another restart), the same execution is not counted twice.
        let again = await orderManager(store, try PolymarketDesk.gateway(server)).reconcile()
        #expect(again.findings[second.id] == .updated(.partiallyFilled, newFills: 0))
        #expect(try store.fills(clientOrderID: second.id).count == 1)
        #expect(try store.order(second.id)?.filledSize == 3)
    }
}
