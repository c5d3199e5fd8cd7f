import EdgewiseTestSupport
import Foundation

/// A loopback Polymarket built from the shared Gamma sample: one market ("Will it rain in Paris
/// on 2026-06-01?") with a YES and a NO token, books for both, and a market WebSocket whose
/// script the test chooses.
struct VenueFixture {
    static let yes = "71321045679252212594626385532706912750332728571942532289631379312455583992563"
    static let no = "52114319501245915516055106046884209969926127482827954674443846427813813222426"
    static let slug = "will-it-rain-in-paris-on-2026-06-01"
    static let conditionID = "0xbd31dc8a20211944f6b70f31557f1001557b59905b7738480ca09bd4532f84af"

    let market: [String: Any]
    let event: [String: Any]

    init() throws {
        let sample = try SharedFixtures.venueJSON("gamma-market-sample.json")
        market = sample["market"] as! [String: Any]
        event = sample["event"] as! [String: Any]
    }

    static func book(_ token: String) -> [String: Any] {
        let (bids, asks) = token == yes
            ? ([("0.52", "100"), ("0.53", "50")], [("0.55", "10"), ("0.54", "75")])
            : ([("0.45", "20"), ("0.46", "75")], [("0.47", "50")])
        return [
            "market": conditionID, "asset_id": token, "timestamp": "1780000000000", "hash": "",
            "bids": bids.map { ["price": $0.0, "size": $0.1] }, "asks": asks.map { ["price": $0.0, "size": $0.1] },
            "min_order_size": "5", "tick_size": "0.01", "neg_risk": false, "last_trade_price": "0.53",
        ]
    }

    static func wsBook(_ token: String) throws -> String {
        var book = book(token)
        book["event_type"] = "book"
        for key in ["min_order_size", "tick_size", "neg_risk", "last_trade_price"] { book[key] = nil }
        return String(decoding: try SharedFixtures.jsonData(book), as: UTF8.self)
    }

    /// Gamma and CLOB routes; `gammaMarkets` replaces the `/markets` answer (for error tests).
    func routes(gammaMarkets: LoopbackHTTPHandler? = nil) throws -> [LoopbackRoute] {
        let marketData = try SharedFixtures.jsonData(market)
        let listData = try SharedFixtures.jsonData([market])
        let searchData = try SharedFixtures.jsonData(["events": [event]])
        return [
            .get("/markets", handler: gammaMarkets ?? { _ in .json(listData) }),
            .get("/markets/slug/{slug}") { request in
                request.path.hasSuffix("/" + Self.slug) ? .json(marketData) : .status(404, body: #"{"error":"not found"}"#)
            },
            .get("/public-search", .json(searchData)),
            .post("/books") { request in
                let asked = (try? JSONSerialization.jsonObject(with: request.body) as? [[String: String]]) ?? []
                let books = asked.compactMap { $0["token_id"] }.map(Self.book)
                return .json((try? SharedFixtures.jsonData(books)) ?? Data())
            },
            .get("/book") { request in
                .json((try? SharedFixtures.jsonData(Self.book(request.queryValue("token_id") ?? ""))) ?? Data())
            },
        ]
    }
}
