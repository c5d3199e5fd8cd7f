// Hot paths of the Information layer, measured against BRIEF §4:
// a Polymarket `price_change` decoded and applied in ≤ 1 µs, with no allocation per message;
// and, for comparison, a Kalshi `orderbook_delta` decoded and applied the same way.
import Benchmark
import EdgewiseCore
import EdgewiseKalshi
import EdgewisePolymarket
import Foundation

let token = TokenID("65818619657568813474341868652308942079804919287380422192892211131408793125422")
let otherToken = TokenID("52114319501245915516055106046884209969926127482827954674443846427813813222426")

/// A 50-level book (50 bids from 0.01, 50 asks from 0.51) and a cycle of realistic frames that
/// update sizes, remove levels and put them back, each with the venue's best bid/ask after it.
struct Workload {
    var books = PolymarketBookSet()
    var frames: [[UInt8]] = []

    init(levels: Int = 50, frameCount: Int = 1000, seed: UInt64 = 20_260_601) {
        var bids: [Int64: Int64] = [:]
        var asks: [Int64: Int64] = [:]
        for i in 0..<levels {
            bids[Int64(i + 1) * 10_000] = Int64(100 + i) * 1_000_000
            asks[Int64(51 + i) * 10_000] = Int64(100 + i) * 1_000_000
        }
        books.add(otherToken)
        try! books.apply(
            BookSnapshot(
                instrument: InstrumentID(venue: .polymarket, token: token),
                bids: bids.map { BookLevel(price: Price(units: $0.key), size: Size(units: $0.value)) },
                asks: asks.map { BookLevel(price: Price(units: $0.key), size: Size(units: $0.value)) }),
            receivedAt: Timestamp(nanoseconds: 0))
        var generator = SeededGenerator(seed: seed)
        var removed: (side: String, price: Int64, size: Int64)?
        for index in 0..<frameCount {
            let side: String
            let price: Int64
            let size: Int64
            if let pending = removed {
                (side, price, size) = pending
                removed = nil
            } else {
                side = Bool.random(using: &generator) ? "BUY" : "SELL"
                // Most traffic is near the top of the book.
                let depth = Int64(min(levels - 1, Int(Double.random(in: 0..<1, using: &generator) * Double.random(in: 0..<1, using: &generator) * Double(levels))))
                price = side == "BUY" ? Int64(levels) * 10_000 - depth * 10_000 : 510_000 + depth * 10_000
                if index % 10 == 0 {
                    removed = (side, price, side == "BUY" ? bids[price]! : asks[price]!)
                    size = 0
                } else {
                    size = Int64.random(in: 1...5000, using: &generator) * 10_000
                }
            }
            if side == "BUY" { bids[price] = size == 0 ? nil : size } else { asks[price] = size == 0 ? nil : size }
            let bestBid = FixedPoint.format(bids.keys.max() ?? 0)
            let bestAsk = FixedPoint.format(asks.keys.min() ?? FixedPoint.unitsPerWhole)
            let json = """
                {"market":"0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1","price_changes":[{"asset_id":"\(token.rawValue)","price":"\(FixedPoint.format(price))","size":"\(FixedPoint.format(size))","side":"\(side)","hash":"56621a121a47ed9333273e21c83b660cff37ae50","best_bid":"\(bestBid)","best_ask":"\(bestAsk)"}],"timestamp":"\(1_757_908_892_351 + index)","event_type":"price_change"}
                """
            frames.append(Array(json.utf8))
        }
        // The cycle must leave the book as it found it, so that it can repeat forever.
        precondition(removed == nil, "frame cycle must end with every removed level restored")
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions],
        scalingFactor: .kilo,
        maxDuration: .seconds(3))

    // The book path of the live stream (PolymarketMarketStream applies price_change frames with
    // this fast path). BRIEF §4 allows no allocation per message in the steady state: with the
    // strict absolute threshold, `swift package benchmark thresholds check` fails on any malloc
    // more than the recorded baseline of zero (record it with `thresholds update`).
    Benchmark(
        "Polymarket price_change decode+apply, 50-level book",
        configuration: .init(thresholds: [.mallocCountTotal: .init(absolute: BenchmarkThresholds.Absolute.strict)])
    ) { benchmark in
        var workload = Workload()
        let fastPath = PriceChangeFastPath()
        // Warm the book's capacity so the measured loop is the steady state.
        for frame in workload.frames {
            frame.withUnsafeBufferPointer { _ = try! fastPath.apply($0, to: &workload.books, receivedAt: Timestamp(nanoseconds: 1)) }
        }
        precondition(workload.books.book(for: token)!.isSynchronized, "benchmark frames must keep the book consistent")
        var next = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            workload.frames[next].withUnsafeBufferPointer { frame in
                blackHole(try! fastPath.apply(frame, to: &workload.books, receivedAt: Timestamp(nanoseconds: 2)))
            }
            next += 1
            if next == workload.frames.count { next = 0 }
        }
        benchmark.stopMeasurement()
    }

    // The general path, for comparison: decode into domain events (what the stream still builds
    // for consumers that ask for `.bookDelta` events), then apply them to the book.
    Benchmark("Polymarket price_change decode to BookDelta events + OrderBook.apply, 50-level book") { benchmark in
        let workload = Workload()
        let texts = workload.frames.map { String(decoding: $0, as: UTF8.self) }
        var book = workload.books.book(for: token)!
        var next = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for message in try! MarketChannelDecoder.decode(texts[next]) {
                if case .priceChange(let delta) = message, delta.instrument.token == token {
                    try! book.apply(delta, receivedAt: Timestamp(nanoseconds: 2))
                }
            }
            next += 1
            if next == texts.count { next = 0 }
        }
        benchmark.stopMeasurement()
        blackHole(book)
    }

    // Kalshi's book path as the stream runs it: decode the frame (fixed-point fields reconciled
    // with the legacy ones), then add the signed count to the level.
    Benchmark("Kalshi orderbook_delta decode+apply, 50 levels a side") { benchmark in
        var workload = KalshiDeltaWorkload()
        var next = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            guard case .data(_, _, .orderbookDelta(let delta)) = try! KalshiStreamDecoder.decode(workload.frames[next]) else {
                fatalError("benchmark frames must decode as orderbook_delta")
            }
            try! workload.book.apply(side: delta.side, price: delta.price, delta: delta.delta)
            next += 1
            if next == workload.frames.count { next = 0 }
        }
        benchmark.stopMeasurement()
        blackHole(workload.book)
    }
}
