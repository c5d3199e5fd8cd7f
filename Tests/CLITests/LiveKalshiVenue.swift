import EdgewiseTestSupport
import Foundation
import Synchronization
import Testing

/// A loopback Kalshi that keeps state: the KXTEST-1 books (from ``ScanCommandTests/kalshiRoutes()``'s
/// catalog), the account's balance, and every order by its `client_order_id` with its fills.
/// Orders match against the books as the venue would (a NO buy takes YES bids, a NO sell takes NO
/// bids, immediate-or-cancel leaves nothing resting) unless the test scripted something else for a
/// market: a hold (the request is booked but never answered), a venue that fills less than its
/// book showed, a refusal, or a 503 after booking.
///
/// Prices are whole cents and counts whole contracts, as Kalshi's KXTEST markets trade; the wire
/// format is Kalshi's (`"0.5000"`, `"10.00"`).
final class LiveKalshiVenue: Sendable {
    static let prefix = ScanCommandTests.kalshiPrefix
    static let tickers = ["KXTEST-1-A", "KXTEST-1-B", "KXTEST-1-C"]

    /// What the venue does with the POSTs for one market (markets are numbered in the order
    /// their first order arrived: 0 is the leg sent first).
    enum Rule: Sendable {
        /// Match against the book.
        case match
        /// Book and fill the first order in full, then never answer it (the response is held
        /// until the test releases it); later orders match.
        case holdFirst
        /// The venue sells the agent only this many contracts, whatever the book shows: the rest
        /// of any buy is cancelled (immediate-or-cancel) — a partial fill. Sells match the book.
        case fillAtMost(Int)
        /// Every order is refused with a 400.
        case refuse
        /// The first order is booked and filled, but answered with a 503; later ones match.
        case failFirstAfterBooking
    }

    struct Level: Sendable {
        var cents: Int
        var count: Int
    }

    struct Book: Sendable {
        var yesBids: [Level]
        var noBids: [Level]
    }

    struct FillRecord: Sendable {
        var tradeID: String
        var count: Int
        /// The price of the order's own side.
        var cents: Int
    }

    struct Booked: Sendable {
        var orderID: String
        var clientOrderID: String
        var ticker: String
        var side: String
        var action: String
        var status: String
        var count: Int
        var limitCents: Int
        var fills: [FillRecord] = []
        var filled: Int { fills.reduce(0) { $0 + $1.count } }
    }

    struct State: Sendable {
        var books: [String: Book]
        var balanceCents = 100_000
        var orders: [Booked] = []
        var rules: [Int: Rule] = [:]
        /// Tickers in the order their first POST arrived.
        var postedTickers: [String] = []
        /// How many POSTs each market received.
        var postsByTicker: [String: Int] = [:]
        /// Contracts bought (not sold) in each market.
        var boughtByTicker: [String: Int] = [:]
        var held: [String] = []
        var released = false
        /// While set, order lookups (`GET /portfolio/orders…`) answer 503.
        var lookupsDown = false
        var nextID = 1
    }

    let state: Mutex<State>
    let orderTemplate: Data
    let fillTemplate: Data
    let server: Mutex<LoopbackServer?> = Mutex(nil)

    /// The Dutch book of the scan tests, ten contracts deep at its good prices (so the radar
    /// prices ten baskets, and a filled leg leaves nothing at that price), with a poor level
    /// behind each: NO asks 0.50, 0.65, 0.75 against a payout of 2.
    static func dutchBook() -> [String: Book] {
        [
            "KXTEST-1-A": Book(yesBids: [Level(cents: 1, count: 1000), Level(cents: 50, count: 10)], noBids: [Level(cents: 45, count: 100)]),
            "KXTEST-1-B": Book(yesBids: [Level(cents: 1, count: 1000), Level(cents: 35, count: 10)], noBids: [Level(cents: 60, count: 100)]),
            "KXTEST-1-C": Book(yesBids: [Level(cents: 1, count: 1000), Level(cents: 25, count: 10)], noBids: [Level(cents: 70, count: 100)]),
        ]
    }

    /// No arbitrage: every NO asks 0.70, three cost 2.10 against a payout of 2.
    static func quietBook() -> [String: Book] {
        Dictionary(uniqueKeysWithValues: tickers.map { ($0, Book(yesBids: [Level(cents: 30, count: 100)], noBids: [Level(cents: 60, count: 100)])) })
    }

    init(books: [String: Book], rules: [Int: Rule] = [:]) throws {
        var initial = State(books: books)
        initial.rules = rules
        state = Mutex(initial)
        let rest = try SharedFixtures.venueJSON("kalshi-rest-samples.json")
        let order = try #require((rest["POST /portfolio/orders 201 response"] as? [String: Any])?["order"] as? [String: Any])
        orderTemplate = try SharedFixtures.jsonData(order)
        fillTemplate = try SharedFixtures.jsonData(try #require(rest["GET /portfolio/fills item"] as? [String: Any]))
    }

    // MARK: Reading the venue's state from the test

    var snapshot: State { state.withLock { $0 } }
    func set(_ body: (inout State) -> Void) { state.withLock { body(&$0) } }

    /// Every order POST the server received, decoded, in order.
    func posts() -> [[String: Any]] {
        (server.withLock { $0 }?.requests ?? [])
            .filter { $0.method == "POST" && $0.path == "\(Self.prefix)/portfolio/orders" }
            .compactMap { try? JSONSerialization.jsonObject(with: $0.body) as? [String: Any] }
    }

    func posts(clientOrderID: String) -> Int { posts().filter { $0["client_order_id"] as? String == clientOrderID }.count }

    func deletes() -> [LoopbackRequest] {
        (server.withLock { $0 }?.requests ?? []).filter { $0.method == "DELETE" }
    }

    // MARK: The server

    func start() async throws -> LoopbackServer {
        let venue = self
        let prefix = Self.prefix
        let routes: [LoopbackRoute] = [
            .get("\(prefix)/markets/{ticker}/orderbook") { request in
                let ticker = request.path.split(separator: "/").dropLast().last.map(String.init) ?? ""
                return venue.orderbook(ticker)
            },
            .get("\(prefix)/portfolio/balance") { _ in
                let cents = venue.state.withLock { $0.balanceCents }
                return .json(#"{"balance":\#(cents),"portfolio_value":0,"updated_ts":1780315320}"#)
            },
            .post("\(prefix)/portfolio/orders") { request in await venue.post(request) },
            .get("\(prefix)/portfolio/orders") { request in
                let ticker = request.queryValue("ticker")
                let (down, orders) = venue.state.withLock { ($0.lookupsDown, $0.orders) }
                if down { return .status(503, body: "upstream unavailable") }
                let listed = orders.filter { ticker == nil || $0.ticker == ticker }.map { venue.orderJSON($0) }
                return .json(Self.text(["orders": listed, "cursor": ""]))
            },
            .get("\(prefix)/portfolio/orders/{id}") { request in
                let id = String(request.path.split(separator: "/").last ?? "")
                let (down, order) = venue.state.withLock { state in (state.lookupsDown, state.orders.first { $0.orderID == id }) }
                if down { return .status(503, body: "upstream unavailable") }
                guard let order else { return .json(#"{"error":{"code":"not_found","message":"order not found"}}"#, status: 404) }
                return .json(Self.text(["order": venue.orderJSON(order)]))
            },
            .get("\(prefix)/portfolio/fills") { request in
                let id = request.queryValue("order_id")
                let orders = venue.state.withLock { $0.orders }
                let fills = orders.filter { id == nil || $0.orderID == id }.flatMap { order in order.fills.map { venue.fillJSON($0, of: order) } }
                return .json(Self.text(["fills": fills, "cursor": ""]))
            },
            LoopbackRoute("DELETE", "\(prefix)/portfolio/orders/{id}") { request in
                let id = String(request.path.split(separator: "/").last ?? "")
                let cancelled: Booked? = venue.state.withLock { state in
                    guard let index = state.orders.firstIndex(where: { $0.orderID == id && $0.status == "resting" }) else { return nil }
                    state.orders[index].status = "canceled"
                    return state.orders[index]
                }
                guard let cancelled else { return .json(#"{"error":{"code":"not_found","message":"order not found"}}"#, status: 404) }
                return .json(Self.text(["order": venue.orderJSON(cancelled), "reduced_by_fp": Self.count(cancelled.count - cancelled.filled)]))
            },
        ]
        let server = try await LoopbackServer.start(routes: routes + (try ScanCommandTests.kalshiRoutes()))
        self.server.withLock { $0 = server }
        return server
    }

    func orderbook(_ ticker: String) -> LoopbackResponse {
        let book = state.withLock { $0.books[ticker] } ?? Book(yesBids: [], noBids: [])
        func levels(_ levels: [Level]) -> [[String]] {
            levels.filter { $0.count > 0 }.sorted { $0.cents < $1.cents }.map { [Self.dollars($0.cents), Self.count($0.count)] }
        }
        return .json(Self.text(["orderbook_fp": ["yes_dollars": levels(book.yesBids), "no_dollars": levels(book.noBids)]]))
    }

    /// One order POST: booked (and matched) under the market's rule, then answered — or not.
    func post(_ request: LoopbackRequest) async -> LoopbackResponse {
        guard request.headers.contains(where: { $0.name.uppercased() == "KALSHI-ACCESS-SIGNATURE" }) else {
            return .json(#"{"error":{"code":"unauthorized","message":"missing signature"}}"#, status: 401)
        }
        let body = (try? JSONSerialization.jsonObject(with: request.body) as? [String: Any]) ?? [:]
        let client = body["client_order_id"] as? String ?? ""
        let ticker = body["ticker"] as? String ?? ""
        let side = body["side"] as? String ?? "yes"
        let action = body["action"] as? String ?? "buy"
        let count = Self.whole(body["count_fp"] as? String ?? "0")
        let limit = Self.cents((side == "no" ? body["no_price_dollars"] : body["yes_price_dollars"]) as? String ?? "0")
        let immediate = (body["time_in_force"] as? String) == "immediate_or_cancel" || (body["time_in_force"] as? String) == "fill_or_kill"

        enum Answer { case reply(LoopbackResponse), hold(LoopbackResponse) }
        let answer: Answer = state.withLock { state in
            if state.orders.contains(where: { $0.clientOrderID == client }) {
                return .reply(.json(#"{"error":{"code":"order_already_exists","message":"duplicate client_order_id"}}"#, status: 409))
            }
            if !state.postedTickers.contains(ticker) { state.postedTickers.append(ticker) }
            let index = state.postedTickers.firstIndex(of: ticker) ?? 0
            let nth = state.postsByTicker[ticker, default: 0]
            state.postsByTicker[ticker] = nth + 1
            let rule = state.rules[index] ?? .match
            if case .refuse = rule {
                return .reply(.json(#"{"error":{"code":"market_paused","message":"trading is paused in this market"}}"#, status: 400))
            }
            var cap = Int.max
            if case .fillAtMost(let most) = rule, action == "buy" { cap = max(0, most - state.boughtByTicker[ticker, default: 0]) }
            var order = Booked(
                orderID: "order-\(state.nextID)", clientOrderID: client, ticker: ticker, side: side, action: action, status: "resting",
                count: count, limitCents: limit)
            state.nextID += 1
            Self.match(&order, in: &state, cap: cap)
            order.status = order.filled >= count ? "executed" : (immediate ? "canceled" : "resting")
            state.orders.append(order)
            let reply = LoopbackResponse.json(Self.text(["order": orderJSON(order)]), status: 201)
            switch rule {
            case .holdFirst where nth == 0:
                state.held.append(client)
                return .hold(reply)
            case .failFirstAfterBooking where nth == 0:
                return .reply(.status(503, body: "upstream connect error or disconnect/reset before headers"))
            default:
                return .reply(reply)
            }
        }
        switch answer {
        case .reply(let response):
            return response
        case .hold(let response):
            // Never answered while the client lives; released at the end so the server can stop.
            let deadline = ContinuousClock.now + .seconds(90)
            while ContinuousClock.now < deadline, !state.withLock({ $0.released }) {
                try? await Task.sleep(for: .milliseconds(20))
            }
            return response
        }
    }

    /// Takes what the book offers within the order's limit, best price first, up to `cap`.
    static func match(_ order: inout Booked, in state: inout State, cap: Int) {
        guard var book = state.books[order.ticker] else { return }
        var wanted = min(order.count, cap)
        // A buy of one side takes the other side's bids (at one minus their price); a sell of a
        // side takes that side's own bids.
        let takesYesBids = (order.action == "buy") == (order.side == "no")
        var levels = takesYesBids ? book.yesBids : book.noBids
        let buying = order.action == "buy"
        let limit = order.limitCents
        func ownSidePrice(_ bid: Int) -> Int { buying ? 100 - bid : bid }
        func acceptable(_ bid: Int) -> Bool { buying ? 100 - bid <= limit : bid >= limit }
        for index in levels.indices.sorted(by: { levels[$0].cents > levels[$1].cents }) where wanted > 0 {
            guard levels[index].count > 0, acceptable(levels[index].cents) else { continue }
            let take = min(wanted, levels[index].count)
            levels[index].count -= take
            wanted -= take
            order.fills.append(FillRecord(tradeID: "trade-\(state.nextID)", count: take, cents: ownSidePrice(levels[index].cents)))
            state.nextID += 1
            if buying { state.boughtByTicker[order.ticker, default: 0] += take }
            let cost = take * ownSidePrice(levels[index].cents)
            state.balanceCents += buying ? -cost : cost
        }
        if takesYesBids { book.yesBids = levels } else { book.noBids = levels }
        state.books[order.ticker] = book
    }

    // MARK: Wire format

    func orderJSON(_ order: Booked) -> [String: Any] {
        var json = (try? JSONSerialization.jsonObject(with: orderTemplate) as? [String: Any]) ?? [:]
        let yes = order.side == "yes" ? order.limitCents : 100 - order.limitCents
        json["order_id"] = order.orderID
        json["client_order_id"] = order.clientOrderID
        json["ticker"] = order.ticker
        json["side"] = order.side
        json["action"] = order.action
        json["status"] = order.status
        json["yes_price_dollars"] = Self.dollars(yes)
        json["no_price_dollars"] = Self.dollars(100 - yes)
        json["fill_count_fp"] = Self.count(order.filled)
        json["remaining_count_fp"] = Self.count(order.status == "resting" ? order.count - order.filled : 0)
        json["initial_count_fp"] = Self.count(order.count)
        return json
    }

    func fillJSON(_ fill: FillRecord, of order: Booked) -> [String: Any] {
        var json = (try? JSONSerialization.jsonObject(with: fillTemplate) as? [String: Any]) ?? [:]
        let yes = order.side == "yes" ? fill.cents : 100 - fill.cents
        json["fill_id"] = "fill-\(fill.tradeID)"
        json["trade_id"] = fill.tradeID
        json["order_id"] = order.orderID
        json["ticker"] = order.ticker
        json["market_ticker"] = order.ticker
        json["side"] = order.side
        json["action"] = order.action
        json["count_fp"] = Self.count(fill.count)
        json["yes_price_dollars"] = Self.dollars(yes)
        json["no_price_dollars"] = Self.dollars(100 - yes)
        json["is_taker"] = true
        json["fee_cost"] = "0.0000"
        return json
    }

    static func text(_ value: Any) -> Data { (try? JSONSerialization.data(withJSONObject: value)) ?? Data("{}".utf8) }

    static func dollars(_ cents: Int) -> String { "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)00" }
    static func count(_ contracts: Int) -> String { "\(contracts).00" }

    /// `"0.6900"` → 69.
    static func cents(_ text: String) -> Int {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = Int(parts.first ?? "0") ?? 0
        let fraction = parts.count > 1 ? String((parts[1] + "00").prefix(2)) : "00"
        return whole * 100 + (Int(fraction) ?? 0)
    }

    /// `"10.00"` → 10 (KXTEST markets trade whole contracts).
    static func whole(_ text: String) -> Int { Int(text.split(separator: ".").first ?? "0") ?? 0 }
}
