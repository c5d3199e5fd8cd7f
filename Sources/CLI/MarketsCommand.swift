import ArgumentParser
import EdgewiseCore
import EdgewisePolymarket
import EdgewiseRuntime
import Foundation

/// `edgewise markets`: list or search the venue's markets with live best bid/ask.
struct MarketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markets",
        abstract: "List or search markets, with each outcome's token id and best bid/ask.",
        discussion: "Listed markets are cached in the local database, so later commands can find them offline.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "The venue to read.")
    var venue: VenueOption = .polymarket

    @Option(name: .shortAndLong, help: "Text to search for in questions, events and tags.")
    var search: String?

    @Option(name: .shortAndLong, help: "How many markets to show (1–500).")
    var limit = 20

    @Flag(help: "Include closed and resolved markets.")
    var includeClosed = false

    @Flag(help: "Print JSON: every market's ids, question, outcomes, token ids and best bid/ask.")
    var json = false

    func validate() throws {
        guard (1...500).contains(limit) else { throw ValidationError("--limit must be between 1 and 500") }
        if let search, search.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--search needs some text") }
    }

    func run() async throws {
        let services = try global.services()
        switch venue {
        case .polymarket: try await runPolymarket(services)
        case .kalshi: try await runKalshi(services)
        case .manifold: try await runManifold(services)
        }
    }

    /// Prints `markets` as a table or JSON, the same way for every venue.
    func show(_ markets: [Market], quotes: Quotes, skipped: Int) throws {
        if json {
            try printJSON(markets.map { MarketListing(market: $0, quotes: quotes) })
        } else if markets.isEmpty {
            print(search.map { "No open markets match '\($0)'." } ?? "No markets.")
        } else {
            printTable(markets, quotes: quotes)
        }
        if skipped > 0 { warn("\(skipped) market(s) skipped") }
    }

    func runPolymarket(_ services: EdgewiseServices) async throws {
        let polymarket = services.polymarket()
        let gamma = polymarket.gamma
        let listed: [GammaMarket]
        if let search {
            let result = try await gamma.search(search, limitPerType: limit)
            listed = result.allMarkets.filter { includeClosed || ($0.closed?.value != true && $0.active?.value != false) }
        } else {
            listed = try await gamma.markets(GammaQuery(
                limit: limit, order: "volume24hr", ascending: false, active: includeClosed ? nil : true,
                closed: includeClosed ? nil : false))
        }
        var markets: [Market] = []
        var skipped = 0
        for record in listed.prefix(limit) {
            do {
                markets.append(try record.toMarket(eventID: record.events?.first?.id.map { EventID($0.value) }))
            } catch {
                skipped += 1
                warn("skipped a market the venue returned in an unusable shape: \(error)")
            }
        }
        let quotes = await Quotes.fetch(for: markets, using: polymarket.clob)
        cacheCatalog(markets, services)
        try show(markets, quotes: quotes, skipped: skipped)
    }

    func printTable(_ markets: [Market], quotes: Quotes) {
        // Venues whose markets trade against an AMM (Manifold) have a price but often no book.
        let withPrice = venue.capabilities.quantity == .amount
        var rows: [[String]] = [(withPrice ? ["PRICE"] : []) + ["BID", "ASK", "OUTCOME", "QUESTION", venue == .polymarket ? "SLUG" : "ID"]]
        for market in markets {
            for (index, outcome) in market.outcomes.enumerated() {
                let quote = quotes[outcome.token]
                rows.append((withPrice ? [outcome.indicativePrice?.description ?? "-"] : []) + [
                    quote?.bid?.description ?? "-", quote?.ask?.description ?? "-", outcome.name,
                    index == 0 ? market.question : "",
                    index == 0 ? (venue == .polymarket ? (market.slug ?? market.id.rawValue) : market.id.rawValue) : "",
                ])
            }
        }
        print(Table.render(rows, maxWidths: (withPrice ? [8] : []) + [8, 8, 16, 60, 50]))
    }
}

/// Best bid and ask per token, read from the order books in one request.
struct Quotes: Sendable {
    struct Quote: Sendable {
        var bid: Price?
        var ask: Price?
    }

    var byToken: [TokenID: Quote] = [:]
    subscript(token: TokenID) -> Quote? { byToken[token] }

    static func fetch(for markets: [Market], using clob: ClobClient) async -> Quotes {
        let tokens = markets.filter { $0.status.isTradable }.flatMap { $0.outcomes.map(\.token) }
        var quotes = Quotes()
        var start = 0
        while start < tokens.count {
            let chunk = Array(tokens[start..<min(start + 100, tokens.count)])
            start += 100
            do {
                for book in try await clob.books(chunk) {
                    let orderBook = OrderBook(snapshot: book.snapshot)
                    quotes.byToken[book.snapshot.instrument.token] = Quote(bid: orderBook.bestBid?.price, ask: orderBook.bestAsk?.price)
                }
            } catch {
                warn("best bid/ask unavailable: \(error)")
                return quotes
            }
        }
        return quotes
    }
}

/// The JSON shape of one listed market.
struct MarketListing: Encodable {
    struct OutcomeListing: Encodable {
        var name: String
        var tokenId: String
        var bestBid: Price?
        var bestAsk: Price?
        /// The venue's indicative price (last trade or AMM probability), not a quote.
        var price: Price?
    }

    var venue: String
    var marketId: String
    var venueReference: String?
    var eventId: String?
    var slug: String?
    var question: String
    var status: String
    var endTime: String?
    var tickSize: Price?
    var minimumOrderSize: Size?
    var negRisk: Bool
    var outcomes: [OutcomeListing]

    init(market: Market, quotes: Quotes) {
        venue = market.venue.rawValue
        marketId = market.id.rawValue
        venueReference = market.venueReference
        eventId = market.eventID?.rawValue
        slug = market.slug
        question = market.question
        status = market.status.label
        endTime = market.endTime?.date.ISO8601Format()
        tickSize = market.tickSize
        minimumOrderSize = market.minimumOrderSize
        negRisk = market.isNegRisk
        outcomes = market.outcomes.map {
            OutcomeListing(
                name: $0.name, tokenId: $0.token.rawValue, bestBid: quotes[$0.token]?.bid, bestAsk: quotes[$0.token]?.ask,
                price: $0.indicativePrice)
        }
    }
}
