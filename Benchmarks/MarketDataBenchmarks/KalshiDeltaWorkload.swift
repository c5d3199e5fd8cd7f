import EdgewiseCore
import EdgewiseKalshi

/// A Kalshi book with 50 YES and 50 NO bid levels and a cycle of `orderbook_delta` frames (the
/// wire text, legacy and fixed-point fields both present, as the venue sends them during its
/// migration) that add to a level and take the same amount back, so the book stays consistent
/// however many times the cycle runs.
struct KalshiDeltaWorkload {
    static let ticker = "KXHIGHNY-26JUN01-B80.5"
    var book: KalshiBook
    var frames: [String] = []

    init(levels: Int = 50, frameCount: Int = 1000, seed: UInt64 = 20_261_124) {
        let yes = (1...levels).map { KalshiBookLevel(price: Price(units: Int64($0) * 10_000), size: Size(units: Int64(100 + $0) * 1_000_000)) }
        let no = (1...levels).map { KalshiBookLevel(price: Price(units: Int64($0 + 40) * 10_000), size: Size(units: Int64(100 + $0) * 1_000_000)) }
        book = KalshiBook(ticker: Self.ticker, yes: yes, no: no)
        var generator = SeededGenerator(seed: seed)
        var seq = 10
        for _ in 0..<(frameCount / 2) {
            let side = Bool.random(using: &generator) ? "yes" : "no"
            let cents = Int.random(in: 1...levels, using: &generator) + (side == "no" ? 40 : 0)
            let amount = Int.random(in: 1...50, using: &generator)
            for sign in [1, -1] {
                seq += 1
                let price = String(format: "0.%02d00", cents)
                frames.append("""
                    {"type":"orderbook_delta","sid":2,"seq":\(seq),"msg":{"market_ticker":"\(Self.ticker)","price":\(cents),"price_dollars":"\(price)","delta":\(sign * amount),"delta_fp":"\(sign * amount).00","side":"\(side)"}}
                    """)
            }
        }
    }
}
