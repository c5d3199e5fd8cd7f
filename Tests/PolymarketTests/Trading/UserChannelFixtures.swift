import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import Foundation

/// User-channel frames shaped like the documentation samples in the shared fixtures
/// (`events.user_trade`, `events.user_order`), re-addressed per test.
///
/// In the samples the key `9180014b-…` owns maker order `0xff35…` (a SELL of 10 at 0.57 in the
/// NO token) that a BUY taker `0x06bc…` matched: the tests take that key as ours, so the
/// samples describe our maker fill exactly as the venue documents it.
enum UserFixtures {
    static let apiKey = "9180014b-33c8-9240-a14b-bdca11c0a465"
    static let otherKey = "0b5d6c3e-0000-4000-8000-00000000beef"
    static let secret = "c2VjcmV0LXRoYXQtbXVzdC1uZXZlci1sZWFr_-="
    static let passphrase = "passphrase-never-printed-4711"
    static let credentials = PolymarketAPICredentials(apiKey: apiKey, secret: secret, passphrase: passphrase)

    static let makerOrderID = VenueOrderID("0xff354cd7ca7539dfa9c28d90943ab5779a4eac34b9b37a757d7b32bdfb11790b")
    static let takerOrderID = VenueOrderID("0x06bc63e346ed4ceddce9efd6b3af37c8f8f440c92fe7da6b2d0f9e4ccbc50c42")
    static let token = TokenID("52114319501245915516055106046884209969926127482827954674443846427813813222426")
    static let complementToken = TokenID("71321045679252212594626385532706912750332728571942532289631379312455583992563")
    static let market = MarketID("0xbd31dc8a20211944f6b70f31557f1001557b59905b7738480ca09bd4532f84af")
    static var instrument: InstrumentID { InstrumentID(venue: .polymarket, token: token) }

    /// The fill id of our maker order's part in `trade`.
    static func makerFillID(_ trade: String) -> FillID { FillID("\(trade):\(makerOrderID.rawValue)") }

    static func sample(_ name: String) throws -> [String: Any] {
        guard let events = try Fixtures.json("polymarket-ws-market-samples.json")["events"] as? [String: Any],
            let event = events[name] as? [String: Any]
        else { throw LoopbackFixtureError(key: "events.\(name)") }
        return event
    }

    static func text(_ object: Any) throws -> String {
        String(decoding: try SharedFixtures.jsonData(object), as: UTF8.self)
    }

    /// The `user_order` sample with the given changes.
    static func orderEvent(
        type: String = "PLACEMENT", id: VenueOrderID = makerOrderID, side: String = "SELL", price: String = "0.57",
        originalSize: String = "10", sizeMatched: String = "0", owner: String = apiKey, extra: [String: Any] = [:]
    ) throws -> [String: Any] {
        var event = try sample("user_order")
        event["type"] = type
        event["id"] = id.rawValue
        event["side"] = side
        event["price"] = price
        event["original_size"] = originalSize
        event["size_matched"] = sizeMatched
        event["owner"] = owner
        event["order_owner"] = owner
        for (key, value) in extra { event[key] = value }
        return event
    }

    /// The `user_trade` sample with the given changes; `makers` replaces `maker_orders`.
    static func tradeEvent(
        id: String = "28c4d2eb-bbea-40e7-a9f0-b2fdb56b2c2e", status: String = "MATCHED", taker: VenueOrderID = takerOrderID,
        side: String = "BUY", size: String = "10", price: String = "0.57", owner: String = apiKey,
        makers: [[String: Any]]? = nil, matchTime: String = "1672290701", extra: [String: Any] = [:]
    ) throws -> [String: Any] {
        var event = try sample("user_trade")
        event["id"] = id
        event["status"] = status
        event["taker_order_id"] = taker.rawValue
        event["side"] = side
        event["size"] = size
        event["price"] = price
        event["owner"] = owner
        event["trade_owner"] = owner
        event["matchtime"] = matchTime
        if let makers { event["maker_orders"] = makers }
        for (key, value) in extra { event[key] = value }
        return event
    }

    /// One `maker_orders` entry shaped like the sample's.
    static func maker(
        _ id: VenueOrderID = makerOrderID, amount: String, price: String = "0.57", owner: String = apiKey, token: TokenID = token
    ) -> [String: Any] {
        ["asset_id": token.rawValue, "matched_amount": amount, "order_id": id.rawValue, "outcome": "YES", "owner": owner, "price": price]
    }

    /// A trade in which our maker order `0xff35…` sold `amount` to someone else's BUY taker.
    static func makerFill(trade: String, amount: String, status: String = "MATCHED", matchTime: String = "1672290701") throws -> [String: Any] {
        try tradeEvent(
            id: trade, status: status, size: amount, makers: [maker(amount: amount)], matchTime: matchTime)
    }

    static func decodeTrade(_ object: [String: Any]) throws -> PolymarketUserTrade {
        try JSONDecoder().decode(PolymarketUserTrade.self, from: try SharedFixtures.jsonData(object))
    }

    static func decodeOrder(_ object: [String: Any]) throws -> PolymarketUserOrder {
        try JSONDecoder().decode(PolymarketUserOrder.self, from: try SharedFixtures.jsonData(object))
    }

    /// Our SELL of 10 at 0.57 (the sample's maker order), as the trading client journals it.
    static func ourMakerOrder(id: ClientOrderID = "ew-maker", size: String = "10") -> Order {
        Order(id: id, instrument: instrument, marketID: market, side: .sell, limitPrice: .p("0.57"), size: .s(size), createdAt: Timestamp(seconds: 0))
    }
}
