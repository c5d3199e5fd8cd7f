import EdgewiseCore
import EdgewiseExecution
import EdgewiseManifold
import EdgewiseRuntime
import EdgewiseStore
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

/// A loopback Manifold: `POST /bet` books a limit bet as scripted (with an immediate match,
/// refused, or failed with or without booking it), `GET /bets` lists the account's bets newest
/// first, `POST /bet/cancel/{id}` cancels. Bets have the recorded shape from ../shared, read in place.
struct ManifoldDesk: Sendable {
    struct Booked: Sendable {
        var id: String
        var outcome: String
        var limitProb: Double
        var orderAmount: Double
        var fills: [(amount: Double, shares: Double)] = []
        var isFilled = false
        var isCancelled = false
        var createdTime: Int64 = Timestamp.now().milliseconds
    }

    enum Post: Sendable {
        case book(fills: [(amount: Double, shares: Double)], isFilled: Bool)
        case refuse(status: Int, message: String)
        case fail(status: Int, books: Bool)
    }

    var post: Post = .book(fills: [], isFilled: false)
    var booked: [Booked] = []
    var nextID = 1

    static let contract = "Tz5dA01GkK5QKiQfZeDL"
    static let user = "IPTOzEqrpkWmEzh6hwvAyY9PqFb2"

    static func start(_ script: VenueScript<ManifoldDesk>) async throws -> LoopbackServer {
        _ = try betJSON(Booked(id: "probe", outcome: "YES", limitProb: 0.5, orderAmount: 1))
        return try await LoopbackServer.start(routes: [
            .get("/me", .json(#"{"id":"\#(user)","username":"edgewise","balance":1000}"#)),
            .post("/bet") { request in
                let body = (try? JSONSerialization.jsonObject(with: request.body) as? [String: Any]) ?? [:]
                let outcome = body["outcome"] as? String ?? "YES"
                let limit = (body["limitProb"] as? NSNumber)?.doubleValue ?? 0
                let amount = (body["amount"] as? NSNumber)?.doubleValue ?? 0
                return script { desk -> LoopbackResponse in
                    let id = "bet-\(desk.nextID)"
                    switch desk.post {
                    case .book(let fills, let isFilled):
                        desk.nextID += 1
                        let bet = Booked(id: id, outcome: outcome, limitProb: limit, orderAmount: amount, fills: fills, isFilled: isFilled)
                        desk.booked.insert(bet, at: 0)
                        var reply = (try? betJSON(bet)) ?? [:]
                        // `POST /bet` answers with `betId` rather than `id`.
                        reply["betId"] = reply.removeValue(forKey: "id")
                        return .json(jsonText(reply))
                    case .refuse(let status, let message):
                        return .json(#"{"message":"\#(message)"}"#, status: status)
                    case .fail(let status, let books):
                        if books {
                            desk.nextID += 1
                            desk.booked.insert(Booked(id: id, outcome: outcome, limitProb: limit, orderAmount: amount), at: 0)
                        }
                        return .status(status, body: "internal error")
                    }
                }
            },
            .get("/bets") { request in
                let ours = request.queryValue("contractId").map { $0 == contract } ?? true
                let bets = ours ? script { $0.booked } : []
                return .json(jsonText(bets.compactMap { try? betJSON($0) }))
            },
            .post("/bet/cancel/{id}") { request in
                let id = String(request.path.split(separator: "/").last ?? "")
                return script { desk -> LoopbackResponse in
                    guard let index = desk.booked.firstIndex(where: { $0.id == id && !$0.isFilled && !$0.isCancelled }) else {
                        return .json(#"{"message":"Bet already filled or cancelled"}"#, status: 400)
                    }
                    desk.booked[index].isCancelled = true
                    return .json(jsonText((try? betJSON(desk.booked[index])) ?? [:]))
                }
            },
        ])
    }

    static func betJSON(_ bet: Booked) throws -> [String: Any] {
        guard let recorded = try SharedFixtures.venueJSON("manifold-samples.json")["GET /v0/bets (Bet[])"] as? [[String: Any]],
            var json = recorded.first
        else { throw FixtureShapeError(description: "manifold-samples.json: no recorded bet") }
        let amount = bet.fills.reduce(0) { $0 + $1.amount }
        let shares = bet.fills.reduce(0) { $0 + $1.shares }
        json["id"] = bet.id
        json["userId"] = user
        json["contractId"] = contract
        json["outcome"] = bet.outcome
        json["limitProb"] = bet.limitProb
        json["orderAmount"] = bet.orderAmount
        json["amount"] = amount
        json["shares"] = shares
        json["isFilled"] = bet.isFilled
        json["isCancelled"] = bet.isCancelled
        json["createdTime"] = bet.createdTime
        json["fills"] = bet.fills.map {
            ["amount": $0.amount, "shares": $0.shares, "matchedBetId": NSNull(), "timestamp": bet.createdTime] as [String: Any]
        }
        return json
    }

    static func gateway(_ server: LoopbackServer) -> ManifoldGateway {
        ManifoldGateway(
            client: ManifoldClient(
                baseURL: server.baseURL, apiKey: ManifoldAPIKey("gateway-test-key-0123456789"),
                configuration: gatewayTransport, logger: quietGatewayLogger))
    }

    static func order(_ outcome: ManifoldBinaryOutcome = .yes, price: Price = .p("0.5"), size: Size = 10) -> Order {
        Order(
            instrument: InstrumentID(venue: .manifold, token: ManifoldMarket.token(market: contract, outcome: outcome)),
            marketID: MarketID(contract), side: .buy, limitPrice: price, size: size, createdAt: .now())
    }
}

@Suite("Manifold gateway against a loopback venue", .requiresSharedFixtures, .timeLimit(.minutes(1)))
struct ManifoldGatewayTests {
    @Test("shares become mana exactly: 10 NO shares at 0.70 is a 7-mana bet with limitProb 0.30")
    func sharesToMana() async throws {
        let script = VenueScript(ManifoldDesk())
        let server = try await ManifoldDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = ManifoldDesk.gateway(server)
        guard case .accepted = await gateway.submit(try await gateway.prepare(ManifoldDesk.order(.no, price: .p("0.7")))) else {
            Issue.record("not accepted")
            return
        }
        let body = try #require(server.requests(path: "/bet").first).bodyText
        #expect(body.contains(#""amount":7"#))
        #expect(body.contains(#""limitProb":0.3"#))
        #expect(body.contains(#""outcome":"NO""#))
    }

    @Test("what Manifold cannot do is refused before anything is journaled")
    func refusedInPrepare() async throws {
        let script = VenueScript(ManifoldDesk())
        let server = try await ManifoldDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = ManifoldDesk.gateway(server)
        var sell = ManifoldDesk.order()
        sell.side = .sell
        var offTick = ManifoldDesk.order()
        offTick.limitPrice = .p("0.505")
        var fillOrKill = ManifoldDesk.order()
        fillOrKill.timeInForce = .fillOrKill
        for order in [sell, offTick, fillOrKill, ManifoldDesk.order(size: 1)] {
            await #expect(throws: GatewayError.self) { try await gateway.prepare(order) }
        }
        #expect(server.requests.isEmpty)
    }

    @Test("an immediate partial match is a fill of the shares bought, at the mana it cost")
    func acceptWithPartialFill() async throws {
        let script = VenueScript(ManifoldDesk(post: .book(fills: [(amount: 2, shares: 4)], isFilled: false)))
        let server = try await ManifoldDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = ManifoldDesk.gateway(server)
        guard case .accepted(let id, let fills, let ended) = await gateway.submit(try await gateway.prepare(ManifoldDesk.order())) else {
            Issue.record("not accepted")
            return
        }
        #expect(id == VenueOrderID("bet-1"))
        #expect(fills.map(\.id) == [FillID("bet-1#0")])
        #expect(fills.first?.size == 4)
        #expect(fills.first?.price == .p("0.5"))
        #expect(ended == nil)
    }

    @Test("shares beyond the order's size (a better price than the limit) are not journaled as fills")
    func surplusSharesAreCapped() async throws {
        let script = VenueScript(ManifoldDesk(post: .book(fills: [(amount: 5, shares: 12.5)], isFilled: true)))
        let server = try await ManifoldDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = ManifoldDesk.gateway(server)
        guard case .accepted(_, let fills, let ended) = await gateway.submit(try await gateway.prepare(ManifoldDesk.order())) else {
            Issue.record("not accepted")
            return
        }
        #expect(fills.map(\.size) == [10])
        #expect(fills.first?.price == .p("0.4"))
        #expect(ended == .filled)
    }

    @Test("a 4xx refusal is a rejection")
    func rejected() async throws {
        let script = VenueScript(ManifoldDesk(post: .refuse(status: 400, message: "Insufficient balance")))
        let server = try await ManifoldDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = ManifoldDesk.gateway(server)
        guard case .rejected(let reason) = await gateway.submit(try await gateway.prepare(ManifoldDesk.order())) else {
            Issue.record("not rejected")
            return
        }
        #expect(reason.contains("Insufficient balance"))
    }

    enum Found: String, CaseIterable, Sendable { case open, filled, nothing }

    @Test("a 5xx is unknown; the lookup among the account's bets finds it open, filled, or nowhere", arguments: Found.allCases)
    func unknownThenLookup(found: Found) async throws {
        let script = VenueScript(ManifoldDesk(post: .fail(status: 500, books: found != .nothing)))
        let server = try await ManifoldDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = ManifoldDesk.gateway(server)
        let order = try await gateway.prepare(ManifoldDesk.order())
        guard case .unknown = await gateway.submit(order) else { Issue.record("a 500 must be unknown"); return }
        switch found {
        case .open:
            let report = try #require(try await gateway.lookup(order))
            #expect(report.state == .open)
            #expect(report.venueOrderID == VenueOrderID("bet-1"))
        case .filled:
            script {
                $0.booked[0].fills = [(amount: 5, shares: 10)]
                $0.booked[0].isFilled = true
            }
            let report = try #require(try await gateway.lookup(order))
            #expect(report.state == .filled)
            #expect(report.fills.map(\.id) == [FillID("bet-1#0")])
        case .nothing:
            #expect(try await gateway.lookup(order) == nil)
        }
        #expect(gateway.resendIsIdempotent == false)
    }

    @Test("two bets that could each be the order: the lookup refuses to choose")
    func ambiguousLookupThrows() async throws {
        let script = VenueScript(ManifoldDesk(post: .fail(status: 500, books: true)))
        let server = try await ManifoldDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = ManifoldDesk.gateway(server)
        let order = try await gateway.prepare(ManifoldDesk.order())
        _ = await gateway.submit(order)
        _ = await gateway.submit(order)
        await #expect(throws: GatewayError.self) { try await gateway.lookup(order) }
    }

    @Test("cancel the bet; a second cancel finds it no longer open")
    func cancel() async throws {
        let script = VenueScript(ManifoldDesk())
        let server = try await ManifoldDesk.start(script)
        defer { Task { await server.stop() } }
        let gateway = ManifoldDesk.gateway(server)
        var order = try await gateway.prepare(ManifoldDesk.order())
        guard case .accepted(let id, _, _) = await gateway.submit(order) else { Issue.record("not accepted"); return }
        order.venueOrderID = id
        #expect(await gateway.cancel(order) == .cancelled)
        guard case .notOpen = await gateway.cancel(order) else { Issue.record("expected notOpen"); return }
    }

    @Test("through the order manager: journal, acknowledgment, fill; after a crash, reconcile without a second POST")
    func orderManagerEndToEnd() async throws {
        let script = VenueScript(ManifoldDesk(post: .book(fills: [(amount: 2, shares: 4)], isFilled: false)))
        let server = try await ManifoldDesk.start(script)
        defer { Task { await server.stop() } }
        let store = try gatewayStore()
        let manager = orderManager(store, ManifoldDesk.gateway(server))
        _ = await manager.reconcile()
        let intent = OrderIntent(
            instrument: InstrumentID(venue: .manifold, token: ManifoldMarket.token(market: ManifoldDesk.contract, outcome: .yes)),
            marketID: MarketID(ManifoldDesk.contract), side: .buy, limitPrice: .p("0.5"), size: 10, purpose: .directional,
            strategy: "gateway-test")
        let sent = try await manager.submit(intent)
        #expect(sent.status == .partiallyFilled)
        #expect(try store.fills(clientOrderID: sent.id).map(\.id) == [FillID("bet-1#0")])

        // Journaled as sent (another size, so no other bet could be it), then the process died;
        // Manifold booked the bet and matched part of it.
        let crashed = try journalAsSubmitted(ManifoldDesk.order(size: 12), in: store)
        script {
            $0.booked.insert(.init(id: "bet-9", outcome: "YES", limitProb: 0.5, orderAmount: 6, fills: [(amount: 1.5, shares: 3)]), at: 0)
        }
        let posts = requestCount(server, "POST", "/bet")
        let findings = await orderManager(store, ManifoldDesk.gateway(server)).reconcile()
        #expect(findings.findings[crashed.id] == .updated(.partiallyFilled, newFills: 1))
        #expect(requestCount(server, "POST", "/bet") == posts, "reconciliation never re-sends")
        #expect(try store.order(crashed.id)?.venueOrderID == VenueOrderID("bet-9"))

        let again = await orderManager(store, ManifoldDesk.gateway(server)).reconcile()
        #expect(again.findings[crashed.id] == .updated(.partiallyFilled, newFills: 0))
        #expect(try store.fills(clientOrderID: crashed.id).count == 1)
    }
}
