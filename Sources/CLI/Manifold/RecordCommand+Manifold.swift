import EdgewiseCore
import EdgewiseManifold
import EdgewiseRuntime
import Foundation

extension RecordCommand {
    /// Manifold: every new bet on the chosen contracts as a trade (price = mana paid per share),
    /// and the books of resting limit orders, read over REST at the start and again after each
    /// batch of bets (the venue streams bets, not book changes). --market takes contract ids or
    /// slugs; a multiple-choice contract records every answer.
    func runManifold(_ services: EdgewiseServices) async throws {
        guard events.isEmpty else { throw CLIFailure(exitCode2: "--event is not used on Manifold: a contract is its own event; use --market") }
        let client = try services.manifold()
        var contracts: [ManifoldMarket] = []
        for text in markets { contracts.append(try await ManifoldReference(text).fetch(client)) }
        var chosen: [Market] = []
        for contract in contracts {
            do { chosen += try contract.toMarkets().filter { $0.status.isTradable } } catch { warn("skipped \(contract.id): \(error)") }
        }
        let directory = try prepare(chosen, services)
        let stream = services.manifoldStream(topics: contracts.map { .contractNewBet($0.id) })
        let trigger = StopTrigger(after: duration) { stream.stop() }
        defer { trigger.cancel() }
        let updates = await stream.updates()
        let verbose = global.verbose
        let answers = Dictionary(contracts.map { ($0.id, $0.outcomeType == .multipleChoice ? ($0.answers ?? []).map(\.id) : [nil]) },
                                 uniquingKeysWith: { first, _ in first })
        let events = VenueEvents(limit: maxEvents, onLimit: { stream.stop() }) { yield in
            func books(_ contract: String) async -> Bool {
                for answer in answers[contract] ?? [nil] {
                    do {
                        let book = try await client.limitOrderBook(contractId: contract, answerId: answer)
                        let now = Timestamp.now()
                        for snapshot in [book.yes, book.no] where !yield(ReceivedEvent(receivedAt: now, event: .bookSnapshot(snapshot))) {
                            return false
                        }
                    } catch {
                        warn("book of \(contract) not read: \(error)")
                    }
                }
                return true
            }
            for contract in answers.keys.sorted() where await !books(contract) { return }
            for await update in updates {
                switch update {
                case .broadcast(let broadcast, let receivedAt):
                    var touched = Set<String>()
                    for bet in broadcast.bets {
                        guard let trade = Self.trade(bet) else { continue }
                        if !yield(ReceivedEvent(receivedAt: receivedAt, event: .trade(trade))) { return }
                        if let contract = bet.contractId { touched.insert(contract) }
                    }
                    for contract in touched.sorted() where await !books(contract) { return }
                case .connection(let state): if verbose || state.isReconnect { warn("websocket \(state)") }
                case .problem(let problem): warn(problem.description)
                }
            }
        }
        try await write(events, venue: .manifold, markets: chosen.count, tokens: chosen.count * 2, directory: directory)
    }

    /// A filled bet as a trade of the outcome bought (or sold: a sale is a negative amount).
    static func trade(_ bet: ManifoldBet) -> TradeTick? {
        guard let contract = bet.contractId, let side = bet.binaryOutcome, let shares = bet.shares, let amount = bet.amount,
              abs(shares) > 1e-9, abs(amount) > 1e-9
        else { return nil }
        let token = bet.answerId.map { ManifoldMarket.token(market: contract, answer: $0, outcome: side) }
            ?? ManifoldMarket.token(market: contract, outcome: side)
        guard let size = try? ManifoldMoney.size(abs(shares), .down), size > .zero,
              let price = try? ManifoldMoney.price(abs(amount) / abs(shares), .halfUp), price.isInsideUnitInterval
        else { return nil }
        return TradeTick(
            instrument: InstrumentID(venue: .manifold, token: token), price: price, size: size,
            aggressor: amount < 0 ? .sell : .buy, venueTimestamp: bet.createdTime.map(Timestamp.init(milliseconds:)))
    }
}
