import EdgewiseAnalysis
import EdgewiseCore
import Foundation

/// Markets, books and observations shared by the resolution tests. Times are fixed UTC instants
/// (never the wall clock), so every expectation is exact.
enum ResolutionFixtures {
    static let hour: Int64 = 3_600
    static let jan1 = Timestamp(seconds: 1_767_225_600)  // 2026-01-01
    static let may9 = Timestamp(seconds: 1_778_284_800)
    static let may10 = Timestamp(seconds: 1_778_371_200)
    static let jun30 = Timestamp(seconds: 1_782_777_600)
    static let jul1 = Timestamp(seconds: 1_782_864_000)
    static let jul9 = Timestamp(seconds: 1_783_555_200)
    static let jul10 = Timestamp(seconds: 1_783_641_600)
    static let jul11 = Timestamp(seconds: 1_783_728_000)
    static let dec20 = Timestamp(seconds: 1_797_724_800)
    static let dec31 = Timestamp(seconds: 1_798_675_200)

    static func at(_ day: Timestamp, plus seconds: Int64) -> Timestamp {
        Timestamp(nanoseconds: day.nanoseconds + seconds * 1_000_000_000)
    }

    static let binance = ObservationSource.publisher(
        name: "Binance", url: "https://api.binance.com/api/v3/klines?symbol=BTCUSDT&interval=1m")
    static let coinbase = ObservationSource.publisher(
        name: "Coinbase", url: "https://api.exchange.coinbase.com/products/BTC-USD/candles")

    static func binaryMarket(
        id: String, question: String, settlementSource: String?, rules: String = "", status: MarketStatus = .open,
        openTime: Timestamp? = jan1, endTime: Timestamp?, slug: String? = nil
    ) -> Market {
        Market(
            venue: .polymarket, id: MarketID(id), slug: slug, question: question, rules: rules,
            settlementSource: settlementSource,
            outcomes: [Outcome(token: TokenID("\(id)-yes"), name: "Yes"), Outcome(token: TokenID("\(id)-no"), name: "No")],
            status: status, openTime: openTime, endTime: endTime, tickSize: Price(units: 10_000),
            minimumOrderSize: 5)
    }

    /// "Reach $150,000 by June 30": a touch market settled on Binance.
    static let touchMarket = binaryMarket(
        id: "btc-150k-jun30", question: "Will Bitcoin reach $150,000 by June 30, 2026?",
        settlementSource: "https://www.binance.com/en/trade/BTC_USDT", endTime: jun30)

    /// "Above $100,000 on December 31", read at 12:00 ET (17:00 UTC) on Binance.
    static let closeMarket = binaryMarket(
        id: "btc-100k-dec31", question: "Will Bitcoin be above $100,000 on December 31, 2026?",
        settlementSource: "https://www.binance.com/en/trade/BTC_USDT", endTime: at(dec31, plus: 17 * hour))

    /// A question only a published result settles.
    static let fedMarket = binaryMarket(
        id: "fed-cut-jun", question: "Will the Fed cut rates at its June 2026 meeting?",
        settlementSource: "https://www.federalreserve.gov/monetarypolicy/openmarket.htm", endTime: at(jun30, plus: 0))

    /// A day's official high temperature.
    static let temperatureMarket = binaryMarket(
        id: "chi-90f-jul10", question: "Will the highest temperature in Chicago be 90°F or higher on July 10, 2026?",
        settlementSource: "https://www.weather.gov/wrh/climate?wfo=lot", endTime: at(jul11, plus: 12 * hour))

    static func bitcoin(_ value: Decimal, at time: Timestamp, unit: MeasurementUnit? = .usd, subject: String = "bitcoin")
        -> ReferenceReading
    {
        ReferenceReading(subject: subject, aliases: ["btc"], value: value, unit: unit, span: .instant(time))
    }

    static func observed(
        _ reading: ReferenceReading, from source: ObservationSource = binance, knownAt: Timestamp? = nil
    ) -> ResolutionObservation {
        .reading(reading, source: source, knownAt: knownAt ?? at(reading.span.end, plus: 1))
    }

    static func level(_ price: String, _ size: Int64) -> BookLevel {
        BookLevel(price: Price(price)!, size: Size(integerLiteral: size))
    }

    /// The YES book of `market`, last updated one second before `now`.
    static func yesBook(
        _ market: Market, bids: [BookLevel] = [], asks: [BookLevel], now: Timestamp, age: Int64 = 1
    ) -> OrderBook {
        let snapshot = BookSnapshot(
            instrument: market.instrument(for: market.outcomes[0]), bids: bids, asks: asks, tickSize: Price(units: 10_000))
        return OrderBook(snapshot: snapshot, receivedAt: at(now, plus: -age))
    }

    /// The default lagging YES book: 0.90 × 100, 0.95 × 50, 0.99 × 200; bids 0.85 × 100.
    static func laggingYesBook(_ market: Market, now: Timestamp) -> OrderBook {
        yesBook(market, bids: [level("0.85", 100)], asks: [level("0.9", 100), level("0.95", 50), level("0.99", 200)], now: now)
    }
}

/// A fee of `rate` of the notional, rounded up to the millionth: the simplest fee that scales
/// with the price, enough to show a thin edge disappearing.
struct ProportionalFees: FeeModel {
    /// Parts per million of the notional.
    var ratePPM: Int64

    func takerFee(size: Size, price: Price) -> Amount {
        let numerator = Int128(size.units) * Int128(price.units) * Int128(ratePPM)
        let denominator = Int128(FixedPoint.unitsPerWhole) * Int128(FixedPoint.unitsPerWhole)
        return Amount(units: Int64(FixedPoint.divide(numerator, denominator, .up)))
    }
}
