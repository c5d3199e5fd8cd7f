import EdgewiseCore
import EdgewiseKalshi
import EdgewiseRuntime
import Foundation

extension BookCommand {
    /// Kalshi: the venue sends resting bids for YES and for NO; each side's asks are the other
    /// side's bids at 1 − p. --watch follows the signed WebSocket (Kalshi requires a key for it).
    func runKalshi(_ services: EdgewiseServices) async throws {
        let reference = try KalshiReference(market, outcome: outcome)
        let client = try services.kalshi(authenticated: false)
        let wire = try await client.market(reference.ticker)
        let domain = wire.toMarket()
        cacheCatalog([domain], services)
        let sides: [KalshiSide] = reference.side.map { [$0] } ?? [.yes, .no]
        if watch {
            try await followKalshi(services, ticker: wire.ticker, sides: sides, market: domain)
            return
        }
        let book = try await client.orderBook(wire.ticker)
        let views = sides.map { BookView(book: OrderBook(snapshot: book.snapshot(of: $0, tickSize: domain.tickSize)), market: domain, depth: depth, details: nil) }
        if json {
            try printJSON(BookReport(market: MarketSummary(domain), books: views))
        } else {
            print(MarketSummary(domain).headline)
            print(views.map(\.text).joined(separator: "\n\n"))
        }
    }

    func followKalshi(_ services: EdgewiseServices, ticker: String, sides: [KalshiSide], market: Market) async throws {
        let stream = try services.kalshiStream(tickers: [ticker])
        let trigger = StopTrigger(after: duration) { stream.stop() }
        defer { trigger.cancel() }
        let interactive = !json && isatty(STDOUT_FILENO) == 1
        for await update in await stream.updates() {
            switch update {
            case .book(let changed):
                guard changed.ticker == ticker else { continue }
                let views = sides.map {
                    BookView(book: OrderBook(snapshot: changed.snapshot(of: $0)), market: market, depth: depth, details: nil)
                }
                if json {
                    for view in views {
                        try printJSON(BookUpdateLine(receivedAt: changed.receivedAt.date.ISO8601Format(), book: view), pretty: false)
                    }
                } else if interactive {
                    emit("\u{1B}[H\u{1B}[2J" + MarketSummary(market).headline + views.map(\.text).joined(separator: "\n\n") + "\n")
                } else {
                    emit(views.map(\.topLine).joined(separator: "  |  ") + "\n")
                }
            case .unsynchronized(_, let reason):
                if global.verbose || !json { warn("book out of sync (\(reason)); waiting for a fresh snapshot") }
            case .venueError(let reply):
                warn("Kalshi refused a subscription: \(reply)")
            case .connection(let state):
                if !json { warn("websocket \(state)") }
            case .problem(let problem):
                warn("\(problem)")
            case .message, .subscribed, .acknowledged:
                continue
            }
        }
    }
}
