// The decision path per input: what the agent (and the backtester after it) pays for every book
// update and every radar opportunity before anything is sent.
import Benchmark
import EdgewiseCore
import EdgewiseDecision

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions],
        scalingFactor: .kilo,
        maxDuration: .seconds(3))

    // A book delta reaching the three built-in strategies with 1,000 markets and books held:
    // the host applies it to its book and calls every strategy's market-data hook.
    Benchmark("Host: book delta through arbitrage, tail and confidence-tier strategies, 1,000 books held") { benchmark in
        var workload = DecisionWorkload()
        var next = 0
        var now: Int64 = 10
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(workload.host.handle(workload.deltas[next], at: workload.time(now)))
            next ^= 1
            now += 1
        }
        benchmark.stopMeasurement()
    }

    // The arbitrage strategy's decision: an opportunity update for a 3-leg Dutch book becomes
    // a basket (sized to the cost cap from the profit curve) or a pass.
    Benchmark("Arbitrage: opportunity update → basket decision, 1,000 books held") { benchmark in
        var workload = DecisionWorkload()
        var now: Int64 = 10
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(workload.host.handle(.opportunity(.updated(workload.opportunity)), at: workload.time(now)))
            now += 1
        }
        benchmark.stopMeasurement()
    }

    // The risk engine's pre-trade check of one order against 200 positions in 50 events.
    Benchmark("Risk: pre-trade check, 200 positions across 50 events") { benchmark in
        let workload = RiskWorkload()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(workload.engine.check(workload.intent, state: workload.state))
        }
        benchmark.stopMeasurement()
    }
}
