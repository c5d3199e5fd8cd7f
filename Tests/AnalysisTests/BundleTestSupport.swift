import EdgewiseAnalysis
import EdgewiseCore

/// Markets, books and fees for the bundle tests.
enum BundleFixtures {
    /// 2026-12-31T00:00:00Z.
    static let yearEnd = Timestamp(seconds: 1_798_675_200)
    static let now = Timestamp(seconds: 1_790_000_000)

    static func price(_ text: String) -> Price { Price(text)! }
    static func size(_ text: String) -> Size { Size(text)! }

    static func market(
        _ id: String, _ question: String, venue: VenueID = .polymarket, slug: String? = nil,
        end: Timestamp? = yearEnd, status: MarketStatus = .open, minimum: Size? = nil, settlementSource: String? = nil
    ) -> Market {
        Market(
            venue: venue, id: MarketID(id), slug: slug, question: question, settlementSource: settlementSource,
            outcomes: [Outcome(token: TokenID("\(id)-yes"), name: "Yes"), Outcome(token: TokenID("\(id)-no"), name: "No")],
            status: status, endTime: end, minimumOrderSize: minimum)
    }

    static func yes(_ market: Market) -> InstrumentID { market.instrument(for: market.outcome(named: "Yes")!) }
    static func no(_ market: Market) -> InstrumentID { market.instrument(for: market.outcome(named: "No")!) }

    /// A synchronized YES book; levels as (price, size) strings.
    static func book(_ market: Market, bids: [(String, String)], asks: [(String, String)]) -> OrderBook {
        OrderBook(
            snapshot: BookSnapshot(
                instrument: yes(market), bids: bids.map { BookLevel(price: price($0.0), size: size($0.1)) },
                asks: asks.map { BookLevel(price: price($0.0), size: size($0.1)) }),
            receivedAt: now)
    }

    static func books(_ list: [OrderBook]) -> [InstrumentID: OrderBook] {
        Dictionary(list.map { ($0.instrument, $0) }, uniquingKeysWith: { a, _ in a })
    }

    static func reference(_ market: Market) -> VenueMarketKey { VenueMarketKey(market) }
}

/// A flat fee per share taken, rounded up to the millionth.
struct PerShareFee: FeeModel {
    var perShare: Price

    func takerFee(size: Size, price: Price) -> Amount {
        Amount(units: Int64(FixedPoint.divide(
            Int128(size.units) * Int128(perShare.units), Int128(FixedPoint.unitsPerWhole), .up)))
    }
}
