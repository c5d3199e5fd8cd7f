// The radar against BRIEF §4: 50,000 markets held, and one book update re-evaluating its event
// (up to 30 outcomes) in ≤ 10 µs.
import Benchmark
import EdgewiseAnalysis
import EdgewiseCore

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions],
        scalingFactor: .kilo,
        maxDuration: .seconds(3))

    // The common case: the update changes a book of a 30-outcome event that holds no Dutch
    // book; the detector decides from best prices without walking depth.
    Benchmark("Radar: book delta + re-evaluate its 30-outcome event, 50,000 markets held") { benchmark in
        var workload = RadarUniverseWorkload()
        var next = 0
        var now: Int64 = 2
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(workload.radar.apply(workload.quietDeltas[next], receivedAt: Timestamp(nanoseconds: now)))
            next ^= 1
            now += 1
        }
        benchmark.stopMeasurement()
    }

    // The priced case: the event holds a Dutch book, so every update walks the 30 books'
    // depth, rebuilds the profit curve and reconciles the registry.
    Benchmark("Radar: book delta + re-price a 30-outcome Dutch book, 50,000 markets held") { benchmark in
        var workload = RadarUniverseWorkload()
        _ = workload.radar.evaluateAll(now: Timestamp(nanoseconds: 1))
        precondition(workload.radar.registry.count == 1, "the workload's arbitrage event must hold a Dutch book")
        var next = 0
        var now: Int64 = 2
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(workload.radar.apply(workload.arbitrageDeltas[next], receivedAt: Timestamp(nanoseconds: now)))
            next ^= 1
            now += 1
        }
        benchmark.stopMeasurement()
    }

    // What holding the universe costs: markets, books (three levels a side), detectors, indexes.
    Benchmark(
        "Radar: build and hold a universe of 50,000 markets",
        configuration: .init(
            metrics: [.wallClock, .peakMemoryResidentDelta, .mallocCountTotal], scalingFactor: .one, maxDuration: .seconds(20),
            maxIterations: 3)
    ) { benchmark in
        let workload = RadarUniverseWorkload()
        blackHole(workload.radar.universe.count)
    }
}
