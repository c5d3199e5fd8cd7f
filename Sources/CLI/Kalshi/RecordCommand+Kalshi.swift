import EdgewiseCore
import EdgewiseKalshi
import EdgewiseRuntime
import Foundation

extension RecordCommand {
    /// Kalshi: books (snapshot, then deltas, both sides), trades and the venue's top of book from
    /// the signed WebSocket. --market takes tickers; --event takes event tickers (every open
    /// market of the event).
    func runKalshi(_ services: EdgewiseServices) async throws {
        let client = try services.kalshi(authenticated: false)
        var wires: [KalshiMarket] = []
        for text in markets { wires.append(try await client.market(try KalshiReference(text).ticker)) }
        for ticker in events {
            wires += try await client.event(ticker.uppercased(), withNestedMarkets: true).markets.filter { $0.toMarket().status.isTradable }
        }
        var seen = Set<String>()
        wires = wires.filter { seen.insert($0.ticker).inserted }
        let chosen = wires.map { $0.toMarket() }
        let directory = try prepare(chosen, services)
        let stream = try services.kalshiStream(tickers: wires.map(\.ticker))
        let trigger = StopTrigger(after: duration) { stream.stop() }
        defer { trigger.cancel() }
        let updates = await stream.updates()
        let verbose = global.verbose
        let events = VenueEvents(limit: maxEvents, onLimit: { stream.stop() }) { yield in
            for await update in updates {
                switch update {
                case .unsynchronized(let tickers, let reason):
                    if verbose { warn("books \(tickers.joined(separator: ", ")) out of sync (\(reason)); resubscribing") }
                case .venueError(let reply): warn("Kalshi refused a subscription: \(reply)")
                case .connection(let state): if verbose || state.isReconnect { warn("websocket \(state)") }
                case .problem(let problem): warn("\(problem)")
                default: break
                }
                for event in update.marketDataEvents where !yield(event) { return }
            }
        }
        try await write(events, venue: .kalshi, markets: chosen.count, tokens: chosen.count * 2, directory: directory)
    }
}
