import EdgewiseCore
import EdgewiseExecution
import EdgewiseKalshi
import EdgewiseRuntime
import EdgewiseStore
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

/// A loopback Kalshi order desk. `POST /portfolio/orders` does what the test scripted (book the
/// order, possibly with an immediate fill, refuse it, or fail with or without booking it); the
/// order and fill listings show what was booked. Payloads are the recorded shapes from ../shared,
/// read in place, with the fields of the scenario replaced.
struct KalshiDesk: Sendable {
    struct Booked: Sendable {
        var orderID: String
        var clientOrderID: String
        var side: String
        var status: String
        var filled: String
        var fills: [(tradeID: String, count: String)] = []
    }

    enum Post: Sendable {
        case book(status: String, filled: [(tradeID: String, count: String)])
        case refuse(status: Int, code: String, message: String)
        /// Books the order (when `books`) and answers with this status instead.
        case fail(status: Int, books: Bool)
    }

    var post: Post = .book(status: "resting", filled: [])
    var booked: [Booked] = []
    /// How many order listings still miss a freshly booked order (the venue's lag).
    var hiddenListings = 0
    var nextID = 1

    static let ticker = "KXHIGHNY-26JUN01-B80.5"
    static let base = "/trade-api/v2"

    static func start(_ script: VenueScript<KalshiDesk>) async throws -> LoopbackServer {
        let market = jsonText(["market": try fixtureJSON("kalshi-rest-samples.json", "GET /markets/{ticker}", path: ["market"])])
        // Fail before the server starts, not inside a handler, when the fixture is missing.
        _ = try orderJSON(Booked(orderID: "", clientOrderID: "", side: "yes", status: "resting", filled: "0"))
        return try await LoopbackServer.start(routes: [
            .get("\(base)/markets/{ticker}", .json(market)),
            .post("\(base)/portfolio/orders") { request in
                let body = (try? JSONSerialization.jsonObject(with: request.body) as? [String: Any]) ?? [:]
                let client = body["client_order_id"] as? String ?? ""
                let side = body["side"] as? String ?? "yes"
                return script { desk -> LoopbackResponse in
                    if desk.booked.contains(where: { $0.clientOrderID == client }) {
                        return .json(#"{"error":{"code":"order_already_exists","message":"duplicate client_order_id"}}"#, status: 409)
                    }
                    let id = "order-\(desk.nextID)"
                    switch desk.post {
                    case .book(let status, let fills):
                        desk.nextID += 1
                        let filled = fills.reduce(Decimal.zero) { $0 + (Decimal(string: $1.count) ?? 0) }
                        let order = Booked(orderID: id, clientOrderID: client, side: side, status: status, filled: "\(filled)", fills: fills)
                        desk.booked.append(order)
                        return .json(jsonText(["order": (try? orderJSON(order)) ?? [:]]), status: 201)
                    case .refuse(let status, let code, let message):
                        return .json(#"{"error":{"code":"\#(code)","message":"\#(message)"}}"#, status: status)
                    case .fail(let status, let books):
                        if books {
                            desk.nextID += 1
                            desk.booked.append(Booked(orderID: id, clientOrderID: client, side: side, status: "resting", filled: "0"))
                        }
                        return .status(status, body: "upstream timeout")
                    }
                }
            },
            .get("\(base)/portfolio/orders") { _ in
                let orders = script { desk -> [Booked] in
                    guard desk.hiddenListings == 0 else {
                        desk.hiddenListings -= 1
                        return []
                    }
                    return desk.booked
                }
                return .json(jsonText(["orders": orders.compactMap { try? orderJSON($0) }, "cursor": ""]))
            },
            .get("\(base)/portfolio/orders/{id}") { request in
                let id = String(request.path.split(separator: "/").last ?? "")
                guard let order = script({ $0.booked.first { $0.orderID == id } }) else {
                    return .json(#"{"error":{"code":"not_found","message":"order not found"}}"#, status: 404)
                }
                return .json(jsonText(["order": (try? orderJSON(order)) ?? [:]]))
            },
            .get("\(base)/portfolio/fills") { request in
                let id = request.queryValue("order_id") ?? ""
                let order = script { $0.booked.first { $0.orderID == id } }
                let fills = (order?.fills ?? []).compactMap { try? fillJSON($0.tradeID, count: $0.count, order: order!) }
                return .json(jsonText(["fills": fills, "cursor": ""]))
            },
            .delete("\(base)/portfolio/orders/{id}") { request in
                let id = String(request.path.split(separator: "/").last ?? "")
                return script { desk -> LoopbackResponse in
                    guard let index = desk.booked.firstIndex(where: { $0.orderID == id && $0.status == "resting" }) else {
                        return .json(#"{"error":{"code":"not_found","message":"order not found"}}"#, status: 404)
                    }
                    desk.booked[index].status = "canceled"
                    return .json(#"{"order":{"order_id":"\#(id)","status":"canceled","remaining_count_fp":"0.00"},"reduced_by_fp":"10.00"}"#)
                }
            },
        ])
    }

    static func orderJSON(_ order: Booked) throws -> [String: Any] {
        let filled = Decimal(string: order.filled) ?? 0
        return try fixtureJSON(
            "kalshi-rest-samples.json", "POST /portfolio/orders 201 response", path: ["order"],
            replacing: [
                "order_id": order.orderID, "client_order_id": order.clientOrderID, "side": order.side, "status": order.status,
                "fill_count_fp": "\(filled)", "remaining_count_fp": "\(10 - filled)", "initial_count_fp": "10.00",
            ])
    }

    static func fillJSON(_ tradeID: String, count: String, order: Booked) throws -> [String: Any] {
        try fixtureJSON(
            "kalshi-rest-samples.json", "GET /portfolio/fills item",
            replacing: [
                "fill_id": "fill-\(tradeID)", "trade_id": tradeID, "order_id": order.orderID, "side": order.side, "count_fp": count,
                "yes_price_dollars": "0.3100", "no_price_dollars": "0.6900", "is_taker": true,
            ])
    }

    static func gateway(_ server: LoopbackServer, configuration: HTTPTransportConfiguration = gatewayTransport) throws -> KalshiGateway {
        let vectors = try SharedFixtures.venueJSON("kalshi-signing-vectors.json")
        let pem = try #require(vectors["privateKeyPemPkcs8"] as? String)
        let signer = try KalshiRequestSigner(keyID: "gateway-test-key", privateKeyPEM: pem)
        let client = KalshiClient(
            endpoints: KalshiEndpoints(rest: server.baseURL.appendingPathComponent("trade-api/v2"), webSocket: server.webSocketURL("/ws")),
            signer: signer, configuration: configuration, logger: quietGatewayLogger)
        return KalshiGateway(client: client)
    }

    static func instrument(_ side: KalshiSide = .yes) -> InstrumentID { Kalshi.instrument(ticker: ticker, side: side) }

    static func order(_ side: KalshiSide = .yes, _ timeInForce: TimeInForce = .goodTillCancelled) -> Order {
        Order(
            instrument: instrument(side), marketID: MarketID(ticker), side: .buy, limitPrice: side == .yes ? .p("0.31") : .p("0.69"),
            size: 10, timeInForce: timeInForce, createdAt: .now())
    }
}

@Suite("Kalshi gateway against a loopback venue", .requiresSharedFixtures, .timeLimit(.minutes(1)))
struct KalshiGatewayTests {
    @Test("a NO buy is sent as action buy of side no at the NO price, with the journal's id as client_order_id")
    func noInstrumentIsSideNo() async throws {
        let script = VenueScript(KalshiDesk())
        let server = try await KalshiDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = try KalshiDesk.gateway(server)
        let order = try await gateway.prepare(KalshiDesk.order(.no))
        guard case .accepted = await gateway.submit(order) else { Issue.record("not accepted"); return }
        let body = try #require(server.requests(path: "/trade-api/v2/portfolio/orders").first { $0.method == "POST" })
        let json = try #require(try JSONSerialization.jsonObject(with: body.body) as? [String: Any])
        #expect(json["side"] as? String == "no")
        #expect(json["action"] as? String == "buy")
        #expect(json["no_price_dollars"] as? String == "0.6900")
        #expect(json["client_order_id"] as? String == order.id.rawValue)
    }

    @Test("an acknowledgment with an immediate partial fill carries it, by the venue's trade id")
    func acceptWithPartialFill() async throws {
        let script = VenueScript(KalshiDesk(post: .book(status: "resting", filled: [("trade-1", "4.00")])))
        let server = try await KalshiDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = try KalshiDesk.gateway(server)
        let order = try await gateway.prepare(KalshiDesk.order())
        guard case .accepted(let id, let fills, let ended) = await gateway.submit(order) else { Issue.record("not accepted"); return }
        #expect(id == VenueOrderID("order-1"))
        #expect(fills.map(\.id) == [FillID("trade-1")])
        #expect(fills.first?.size == 4)
        #expect(fills.first?.price == .p("0.31"))
        #expect(ended == nil)
    }

    @Test("an immediate-or-cancel order's rest ends with the acknowledgment")
    func immediateOrCancelEnds() async throws {
        let script = VenueScript(KalshiDesk(post: .book(status: "canceled", filled: [("trade-1", "4.00")])))
        let server = try await KalshiDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = try KalshiDesk.gateway(server)
        let order = try await gateway.prepare(KalshiDesk.order(.yes, .fillAndKill))
        guard case .accepted(_, let fills, let ended) = await gateway.submit(order) else { Issue.record("not accepted"); return }
        #expect(fills.count == 1)
        #expect(ended == .cancelled)
        let body = try #require(server.requests(path: "/trade-api/v2/portfolio/orders").first { $0.method == "POST" })
        #expect(body.bodyText.contains("immediate_or_cancel"))
    }

    @Test("a 4xx refusal is a rejection")
    func rejected() async throws {
        let script = VenueScript(KalshiDesk(post: .refuse(status: 400, code: "insufficient_balance", message: "insufficient balance")))
        let server = try await KalshiDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = try KalshiDesk.gateway(server)
        guard case .rejected(let reason) = await gateway.submit(try await gateway.prepare(KalshiDesk.order())) else {
            Issue.record("not rejected")
            return
        }
        #expect(reason.contains("insufficient balance"))
    }

    @Test("an order off the price grid is refused before anything is journaled")
    func offGridRefusedInPrepare() async throws {
        let script = VenueScript(KalshiDesk())
        let server = try await KalshiDesk.start(script)
        defer { Task { await server.stop() } }
        var order = KalshiDesk.order()
        order.limitPrice = .p("0.315")
        await #expect(throws: GatewayError.self) { try await KalshiDesk.gateway(server).prepare(order) }
        #expect(requestCount(server, "POST", "/trade-api/v2/portfolio/orders") == 0)
    }

    enum Found: String, CaseIterable, Sendable { case open, filled, nothing }

    @Test("a 5xx is unknown; the lookup by client order id then finds it open, filled, or nowhere", arguments: Found.allCases)
    func unknownThenLookup(found: Found) async throws {
        // The order is booked (or not) but the listing lags behind, so the client's own immediate
        // search misses it and the answer stays unknown.
        let script = VenueScript(KalshiDesk(post: .fail(status: 502, books: found != .nothing), hiddenListings: 1))
        let server = try await KalshiDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = try KalshiDesk.gateway(server)
        let order = try await gateway.prepare(KalshiDesk.order())
        guard case .unknown = await gateway.submit(order) else { Issue.record("a 502 must be unknown"); return }
        switch found {
        case .open:
            let report = try #require(try await gateway.lookup(order))
            #expect(report.state == .open)
            #expect(report.venueOrderID == VenueOrderID("order-1"))
        case .filled:
            script {
                $0.booked[0].status = "executed"
                $0.booked[0].filled = "10"
                $0.booked[0].fills = [("trade-7", "10.00")]
            }
            let report = try #require(try await gateway.lookup(order))
            #expect(report.state == .filled)
            #expect(report.fills.map(\.id) == [FillID("trade-7")])
        case .nothing:
            #expect(try await gateway.lookup(order) == nil)
        }
    }

    @Test("cancel by the venue's id; a second cancel finds the order no longer open")
    func cancel() async throws {
        let script = VenueScript(KalshiDesk())
        let server = try await KalshiDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = try KalshiDesk.gateway(server)
        var order = try await gateway.prepare(KalshiDesk.order())
        guard case .accepted(let id, _, _) = await gateway.submit(order) else { Issue.record("not accepted"); return }
        order.venueOrderID = id
        #expect(await gateway.cancel(order) == .cancelled)
        guard case .notOpen = await gateway.cancel(order) else { Issue.record("expected notOpen"); return }
    }

    @Test("through the order manager: journal, acknowledgment, fill; after a crash, reconcile without a second POST")
    func orderManagerEndToEnd() async throws {
        let script = VenueScript(KalshiDesk(post: .book(status: "resting", filled: [("trade-1", "4.00")])))
        let server = try await KalshiDesk.start(script)
        defer { Task { await server.stop() } }
        let store = try gatewayStore()
        let manager = orderManager(store, try KalshiDesk.gateway(server))
        _ = await manager.reconcile()
        let intent = OrderIntent(
            instrument: KalshiDesk.instrument(.no), marketID: MarketID(KalshiDesk.ticker), side: .buy, limitPrice: .p("0.69"), size: 10,
            purpose: .directional, strategy: "gateway-test")
        let sent = try await manager.submit(intent)
        #expect(sent.status == .partiallyFilled)
        #expect(sent.venueOrderID == VenueOrderID("order-1"))
        #expect(try store.fills(clientOrderID: sent.id).map(\.id) == [FillID("trade-1")])
        #expect(try store.fills(clientOrderID: sent.id).first?.price == .p("0.69"))

        // Journaled as sent, the process died: the venue booked it and filled part of it.
        let crashed = try journalAsSubmitted(KalshiDesk.order(), in: store)
        script {
            $0.booked.append(.init(
                orderID: "order-9", clientOrderID: crashed.id.rawValue, side: "yes", status: "resting", filled: "2",
                fills: [("trade-9", "2.00")]))
        }
        let posts = requestCount(server, "POST", "/trade-api/v2/portfolio/orders")
        let findings = await orderManager(store, try KalshiDesk.gateway(server)).reconcile()
        #expect(findings.findings[crashed.id] == .updated(.partiallyFilled, newFills: 1))
        #expect(requestCount(server, "POST", "/trade-api/v2/portfolio/orders") == posts, "reconciliation never re-sends")
        #expect(try store.order(crashed.id)?.venueOrderID == VenueOrderID("order-9"))

        let again = await orderManager(store, try KalshiDesk.gateway(server)).reconcile()
        #expect(again.findings[crashed.id] == .updated(.partiallyFilled, newFills: 0))
        #expect(try store.fills(clientOrderID: crashed.id).count == 1)
    }
}
