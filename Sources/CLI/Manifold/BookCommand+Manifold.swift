import EdgewiseCore
import EdgewiseManifold
import EdgewiseRuntime
import Foundation

extension BookCommand {
    /// Manifold: the book of resting limit orders for YES and NO (or the chosen side), with the
    /// AMM's probability, since on Manifold the pool trades behind the book. With --watch the
    /// book is read again whenever the market's WebSocket reports a new bet or order change.
    func runManifold(_ services: EdgewiseServices) async throws {
        let client = try services.manifold()
        let reference = try ManifoldReference(market, answer: answer, outcome: outcome)
        let full = try await reference.fetch(client)
        let domain = try reference.market(in: full)
        cacheCatalog([domain], services)
        let show = try await manifoldViews(client, reference: reference, contract: full.id, market: domain)
        guard watch else {
            if json {
                try printJSON(ManifoldBookReport(market: MarketSummary(domain), poolPrice: show.pool, books: show.views))
            } else {
                print(MarketSummary(domain).headline + (show.pool.map { "AMM probability \($0)\n" } ?? ""))
                print(show.views.map(\.text).joined(separator: "\n\n"))
            }
            return
        }
        let stream = services.manifoldStream(topics: [.contractNewBet(full.id), .contractOrders(full.id)])
        let trigger = StopTrigger(after: duration) { stream.stop() }
        defer { trigger.cancel() }
        let interactive = !json && isatty(STDOUT_FILENO) == 1
        try render(show, market: domain, interactive: interactive)
        for await update in await stream.updates() {
            switch update {
            case .broadcast:
                do {
                    let fresh = try await manifoldViews(client, reference: reference, contract: full.id, market: domain)
                    try render(fresh, market: domain, interactive: interactive)
                } catch {
                    warn("book not refreshed: \(error)")
                }
            case .connection(let state):
                if !json { warn("websocket \(state)") }
            case .problem(let problem):
                warn(problem.description)
            }
        }
    }

    func manifoldViews(
        _ client: ManifoldClient, reference: ManifoldReference, contract: String, market: Market
    ) async throws -> (views: [BookView], pool: Price?) {
        let book = try await client.limitOrderBook(contractId: contract, answerId: reference.answer)
        var views: [BookView] = []
        if reference.outcome != .no { views.append(BookView(book: book.yesBook, market: market, depth: depth, details: nil)) }
        if reference.outcome != .yes { views.append(BookView(book: book.noBook, market: market, depth: depth, details: nil)) }
        return (views, book.poolPrice)
    }

    func render(_ show: (views: [BookView], pool: Price?), market: Market, interactive: Bool) throws {
        if json {
            let line = ManifoldBookReport(market: MarketSummary(market), poolPrice: show.pool, books: show.views)
            try printJSON(line, pretty: false)
        } else if interactive {
            var screen = "\u{1B}[H\u{1B}[2J" + MarketSummary(market).headline
            if let pool = show.pool { screen += "AMM probability \(pool)\n" }
            emit(screen + show.views.map(\.text).joined(separator: "\n\n") + "\n")
        } else {
            emit(show.views.map(\.topLine).joined(separator: "  |  ") + (show.pool.map { "  amm \($0)" } ?? "") + "\n")
        }
    }
}

struct ManifoldBookReport: Encodable {
    var market: MarketSummary
    /// The AMM's probability: the price the pool trades at behind the book.
    var poolPrice: Price?
    var books: [BookView]
}
