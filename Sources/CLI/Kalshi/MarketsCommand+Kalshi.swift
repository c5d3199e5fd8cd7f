import EdgewiseCore
import EdgewiseKalshi
import EdgewiseRuntime

extension MarketsCommand {
    /// Kalshi: open markets with the venue's own best bid and ask for YES and NO. The API has no
    /// text search, so --search filters the titles and tickers of open events (with their
    /// markets), a few pages deep.
    func runKalshi(_ services: EdgewiseServices) async throws {
        let client = try services.kalshi(authenticated: false)
        var listed: [KalshiMarket] = []
        if let search {
            let words = search.lowercased().split(separator: " ").map(String.init)
            let events = try await client.allEvents(
                KalshiEventsQuery(status: includeClosed ? nil : .open, withNestedMarkets: true, limit: 200), maxPages: 5)
            for event in events.items {
                for market in event.markets {
                    let text = [event.title, event.eventTicker, market.ticker, market.title ?? "", market.yesSubTitle ?? ""]
                        .joined(separator: " ").lowercased()
                    if words.allSatisfy(text.contains) { listed.append(market) }
                }
            }
            if !events.isComplete, listed.count < limit {
                warn("searched the first \(events.items.count) events only; narrow the words for more exact results")
            }
        } else {
            listed = try await client.markets(
                KalshiMarketsQuery(status: includeClosed ? nil : .open, mveFilter: .exclude, limit: min(limit, KalshiMarketsQuery.maxLimit))).items
        }
        let markets = listed.prefix(limit).map { $0.toMarket() }
        var quotes = Quotes()
        for market in listed.prefix(limit) {
            quotes.byToken[Kalshi.token(ticker: market.ticker, side: .yes)] = Quotes.Quote(bid: market.yesBid, ask: market.yesAsk)
            quotes.byToken[Kalshi.token(ticker: market.ticker, side: .no)] = Quotes.Quote(bid: market.noBid, ask: market.noAsk)
        }
        cacheCatalog(Array(markets), services)
        try show(Array(markets), quotes: quotes, skipped: 0)
    }
}
