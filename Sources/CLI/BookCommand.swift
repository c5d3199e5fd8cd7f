import ArgumentParser
import EdgewiseCore
import EdgewisePolymarket
import EdgewiseRuntime
import Foundation

/// `edgewise book`: one market's order books, once or live.
struct BookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book",
        abstract: "Show the order book of a token, or of both outcomes of a market.",
        discussion: """
            <market> is a token id (shows that outcome), or a market slug or condition id (shows every outcome).
            With --watch the books follow the market WebSocket until Ctrl-C; a book that falls out of sync
            is rebuilt from the REST snapshot automatically.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "The venue to read.")
    var venue: VenueOption = .polymarket

    @Argument(help: "A token id, market slug or condition id (Kalshi: a ticker or <ticker>/YES; Manifold: a contract id, slug or <id>/YES).")
    var market: String

    @Option(help: "Only this side of a binary contract (Kalshi, Manifold), where <market> does not name it.")
    var outcome: OutcomeOption?

    @Option(help: ArgumentHelp("The answer of a multiple-choice market (Manifold).", valueName: "answer id"))
    var answer: String?

    @Option(help: "Price levels to show per side.")
    var depth = 10

    @Flag(help: "Follow the book live from the WebSocket.")
    var watch = false

    @Option(help: ArgumentHelp("With --watch: stop after this many seconds.", valueName: "seconds"))
    var duration: Double?

    @Flag(help: "Print JSON (with --watch: one JSON object per line per update).")
    var json = false

    func validate() throws {
        guard depth > 0 else { throw ValidationError("--depth must be positive") }
        if let duration, !(duration > 0 && duration <= 31_536_000) { throw ValidationError("--duration must be a number of seconds between 0 and one year") }
        if duration != nil && !watch { throw ValidationError("--duration only applies with --watch") }
        if venue == .polymarket {
            if outcome != nil { throw ValidationError("--outcome is not used on Polymarket: pass the outcome's token id as <market>") }
            if answer != nil { throw ValidationError("--answer is for Manifold multiple-choice markets") }
        }
        if venue == .kalshi, answer != nil { throw ValidationError("--answer is for Manifold multiple-choice markets") }
    }

    func run() async throws {
        let services = try global.services()
        switch venue {
        case .polymarket: try await runPolymarket(services)
        case .kalshi: try await runKalshi(services)
        case .manifold: try await runManifold(services)
        }
    }

    func runPolymarket(_ services: EdgewiseServices) async throws {
        let polymarket = services.polymarket()
        let (market, tokens) = try await resolve(polymarket, services)
        if watch {
            try await follow(tokens: tokens, market: market, polymarket: polymarket)
            return
        }
        let books = try await polymarket.clob.books(tokens)
        let byToken = Dictionary(books.map { ($0.snapshot.instrument.token, $0) }, uniquingKeysWith: { first, _ in first })
        let views = tokens.compactMap { token in
            byToken[token].map { BookView(book: OrderBook(snapshot: $0.snapshot), market: market, depth: depth, details: $0) }
        }
        guard !views.isEmpty else {
            throw CLIFailure("the venue returned no book for \(tokens.map(\.rawValue).joined(separator: ", "))",
                             hint: "the market may not have an order book (closed, or order book disabled)")
        }
        if json {
            try printJSON(BookReport(market: market.map(MarketSummary.init), books: views))
        } else {
            if let market { print(MarketSummary(market).headline) }
            print(views.map(\.text).joined(separator: "\n\n"))
        }
    }

    /// The market (if Gamma knows it) and the tokens to show.
    func resolve(_ polymarket: PolymarketClient, _ services: EdgewiseServices) async throws -> (Market?, [TokenID]) {
        let reference = MarketReference(market)
        let found = try await polymarket.market(reference)
        if let found { cacheCatalog([found], services) }
        switch reference {
        case .token(let token):
            return (found, [token])
        case .conditionID, .slug:
            guard let found else {
                throw CLIFailure("no Polymarket market with \(reference)",
                                 hint: "find the slug or id with `edgewise markets --search <words>`")
            }
            let tokens = found.outcomes.map(\.token)
            guard !tokens.isEmpty else { throw CLIFailure("market \(found.id) lists no outcome tokens", hint: "it may not be tradable on the order book") }
            return (found, tokens)
        }
    }

    func follow(tokens: [TokenID], market: Market?, polymarket: PolymarketClient) async throws {
        let stream = polymarket.marketStream(tokens: tokens)
        let trigger = StopTrigger(after: duration) { stream.stop() }
        defer { trigger.cancel() }
        let interactive = !json && isatty(STDOUT_FILENO) == 1
        for await update in await stream.updates() {
            switch update {
            case .event(let received):
                guard let token = received.event.instrument?.token, tokens.contains(token),
                      let book = await stream.book(for: token), book.isSynchronized
                else { continue }
                let view = BookView(book: book, market: market, depth: depth, details: nil)
                if json {
                    try printJSON(BookUpdateLine(receivedAt: received.receivedAt.date.ISO8601Format(.iso8601.time(includingFractionalSeconds: true).year().month().day()), book: view), pretty: false)
                } else if interactive {
                    var screen = "\u{1B}[H\u{1B}[2J"
                    if let market { screen += MarketSummary(market).headline + "\n" }
                    for token in tokens {
                        if let book = await stream.book(for: token) {
                            screen += BookView(book: book, market: market, depth: depth, details: nil).text + "\n\n"
                        }
                    }
                    emit(screen)
                } else {
                    emit(view.topLine + "\n")
                }
            case .connection(let state):
                if !json { warn("websocket \(state)") }
            case .resynced(let token, let reason):
                if global.verbose { warn("book \(token) rebuilt from REST: \(reason)") }
            case .problem(let problem):
                warn(problem.description)
            }
        }
    }
}

/// One token's book as printed.
struct BookView: Encodable {
    var tokenId: String
    var outcome: String?
    var bestBid: Price?
    var bestAsk: Price?
    var midpoint: Price?
    var spread: Price?
    var bids: [BookLevel]
    var asks: [BookLevel]
    var tickSize: Price?
    var minimumOrderSize: Size?
    var venueTimestamp: String?
    var hash: String?
    var hashVerified: Bool?

    init(book: OrderBook, market: Market?, depth: Int, details: PolymarketBook?) {
        tokenId = book.instrument.token.rawValue
        outcome = market?.outcome(token: book.instrument.token)?.name
        bestBid = book.bestBid?.price
        bestAsk = book.bestAsk?.price
        midpoint = book.midpoint
        spread = book.spread
        bids = Array(book.levels(.bid).prefix(depth))
        asks = Array(book.levels(.ask).prefix(depth))
        tickSize = details?.tickSize ?? book.tickSize ?? market?.tickSize
        minimumOrderSize = details?.minimumOrderSize ?? market?.minimumOrderSize
        venueTimestamp = book.venueTimestamp.map { $0.date.ISO8601Format() }
        hash = details?.reportedHash ?? book.venueHash
        hashVerified = details.map(\.hashMatches)
    }

    var label: String { outcome.map { "\($0) (\(tokenId))" } ?? tokenId }

    var topLine: String {
        let bid = bids.first.map { "\($0.size) @ \($0.price)" } ?? "-"
        let ask = asks.first.map { "\($0.size) @ \($0.price)" } ?? "-"
        return "\(outcome ?? String(tokenId.prefix(12)))  bid \(bid)  ask \(ask)"
    }

    var text: String {
        var lines = [label]
        var facts: [String] = []
        if let tickSize { facts.append("tick \(tickSize)") }
        if let minimumOrderSize { facts.append("min size \(minimumOrderSize)") }
        if let venueTimestamp { facts.append("at \(venueTimestamp)") }
        if !facts.isEmpty { lines.append("  " + facts.joined(separator: "  ")) }
        var rows: [[String]] = [["", "PRICE", "SIZE"]]
        for level in asks.reversed() { rows.append(["ask", level.price.description, level.size.description]) }
        rows.append(["", "—", spread.map { "spread \($0)" } ?? (asks.isEmpty ? "no asks" : "no bids")])
        for level in bids { rows.append(["bid", level.price.description, level.size.description]) }
        lines.append(Table.render(rows, maxWidths: [4, 10, 20]).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        return lines.joined(separator: "\n")
    }
}

struct MarketSummary: Encodable {
    var marketId: String
    var slug: String?
    var question: String
    var status: String

    init(_ market: Market) {
        marketId = market.id.rawValue
        slug = market.slug
        question = market.question
        status = market.status.label
    }

    var headline: String { "\(question)  [\(status)]  \(slug ?? marketId)\n" }
}

struct BookReport: Encodable {
    var market: MarketSummary?
    var books: [BookView]
}

struct BookUpdateLine: Encodable {
    var receivedAt: String
    var book: BookView
}
