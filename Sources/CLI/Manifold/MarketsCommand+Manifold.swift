import EdgewiseCore
import EdgewiseManifold
import EdgewiseRuntime

extension MarketsCommand {
    /// Manifold: search (or the most recently traded markets), one row per binary market and per
    /// answer of a multiple-choice market, priced at the AMM's probability.
    func runManifold(_ services: EdgewiseServices) async throws {
        let client = try services.manifold()
        let listed: [ManifoldMarket]
        if let search {
            listed = try await client.searchMarkets(ManifoldSearchQuery(
                term: search, sort: "score", filter: includeClosed ? "all" : "open", limit: min(limit, 1000)))
        } else {
            listed = try await client.markets(ManifoldMarketQuery(limit: min(max(limit * 3, 50), 1000), sort: .lastBetTime, order: .descending))
        }
        var markets: [Market] = []
        var skipped = 0
        for record in listed {
            do {
                let mapped = try record.toMarkets()
                markets += mapped.filter { includeClosed || $0.status.isTradable }
            } catch {
                // Polls, bounties and numeric markets have no YES/NO shares: not an error, just not ours.
                if global.verbose { warn("skipped \(record.id): \(error)") }
                skipped += 1
            }
            if markets.count >= limit { break }
        }
        markets = Array(markets.prefix(limit))
        cacheCatalog(markets, services)
        try show(markets, quotes: Quotes(), skipped: global.verbose ? skipped : 0)
    }
}
