import ArgumentParser
import EdgewiseCore
import EdgewiseManifold
import EdgewiseRuntime
import EdgewiseStore
import Foundation

// Manifold orders are bets: a buy names the mana to spend and, for a limit order, the limit
// probability; a sell names shares and always goes through the AMM. The CLI's vocabulary maps
// onto that as follows (also shown by `edgewise venues`):
//   gtc  → a limit bet (--price) that rests until filled or cancelled
//   gtd  → a limit bet with expiresAt (--expires)
//   fak  → a market bet; with --price, a limit bet whose unfilled rest expires at once
// Manifold has no client order ids, so the journal row is keyed by our own id and gets the bet
// id once the venue answers; a bet whose outcome is unknown stays "submitted" for the user to
// check with `edgewise order list --venue manifold`.

extension OrderCommand.Place {
    func validateManifold() throws {
        switch side {
        case .buy:
            guard amount != nil, size == nil else {
                throw ValidationError("Manifold bets name the mana to spend: use --amount, not --size")
            }
            if orderType != .fak, price == nil {
                throw ValidationError("a resting Manifold order (--type \(orderType.rawValue)) needs --price, the limit probability")
            }
        case .sell:
            guard size != nil, amount == nil else {
                throw ValidationError("Manifold sells name the shares to sell: use --size, not --amount")
            }
            if price != nil || orderType != .gtc {
                throw ValidationError(
                    "Manifold sells go through the AMM at the market price and take no --price or --type; to sell at a limit, buy the other outcome with a limit order")
            }
        }
        if orderType == .gtd, expires == nil { throw ValidationError("--type gtd needs --expires (unix seconds)") }
        if orderType != .gtd, expires != nil { throw ValidationError("--expires only applies to --type gtd") }
    }

    func runManifold(_ services: EdgewiseServices) async throws {
        let client = try services.manifold()
        let reference = try ManifoldReference(market, answer: answer, outcome: outcome)
        guard let chosen = reference.outcome else {
            throw CLIFailure(exitCode2: "name the side with --outcome yes|no (or --market <id>/YES)")
        }
        let full = try await reference.fetch(client)
        let domain = try reference.market(in: full)
        let token = domain.outcomes[chosen == .yes ? 0 : 1].token
        var limit: Price?
        if let price {
            do { limit = try Price(parsing: price) } catch { throw CLIFailure(exitCode2: "--price \(price): \(error)") }
        }
        let live = self.live || services.configuration.trading.mode == .live

        switch side {
        case .buy:
            let mana: Amount
            do { mana = try Amount(parsing: amount ?? "") } catch { throw CLIFailure(exitCode2: "--amount: \(error)") }
            // The limit is a YES probability on the wire whichever side is bought: Manifold's
            // limitProb is the market probability at which the order stops filling.
            let limitProbability = limit.map { chosen == .yes ? $0 : $0.complement }
            var request = ManifoldBetRequest(
                contractId: full.id, amount: mana, outcome: chosen, limitProbability: limitProbability, answerId: reference.answer,
                expiresAt: orderType == .gtd ? expires.map { Timestamp(nanoseconds: $0 * 1_000_000_000) } : nil)
            if orderType == .fak, limitProbability != nil { request.expiresMillisAfter = 1 }
            if dryRun {
                let prepared = try client.preparedBet(request, outcomeType: full.outcomeType)
                note("dry run: nothing sent. buy \(chosen.rawValue) for \(mana) mana in \(domain.id)\(limit.map { " up to \($0)" } ?? " at market")")
                try printJSON(ManifoldRequestJSON(prepared))
                return
            }
            guard live else { throw CLIFailure(Self.notLiveMessage, exitCode: 2) }
            let reference = limit ?? domain.outcomes[chosen == .yes ? 0 : 1].indicativePrice ?? Price(units: FixedPoint.unitsPerWhole / 2)
            let journal = try ManifoldJournal(
                services: services,
                order: Order(
                    instrument: InstrumentID(venue: .manifold, token: token), marketID: domain.id, side: .buy,
                    limitPrice: reference, size: mana.shares(at: reference), timeInForce: Self.timeInForce(orderType, expires),
                    createdAt: .now()))
            let bet: ManifoldBet
            do {
                bet = try await client.placeBet(request, outcomeType: full.outcomeType)
            } catch {
                journal.failed(error)
                throw error
            }
            journal.accepted(bet)
            try report(bet, journal: journal)
        case .sell:
            let shares: Size
            do { shares = try Size(parsing: size ?? "") } catch { throw CLIFailure(exitCode2: "--size \(size ?? ""): \(error)") }
            let request = ManifoldSellRequest(outcome: chosen, shares: shares, answerId: reference.answer)
            if dryRun {
                let prepared = try client.preparedSell(marketId: full.id, request, outcomeType: full.outcomeType)
                note("dry run: nothing sent. sell \(shares) \(chosen.rawValue) shares of \(domain.id) at market")
                try printJSON(ManifoldRequestJSON(prepared))
                return
            }
            guard live else { throw CLIFailure(Self.notLiveMessage, exitCode: 2) }
            let mark = domain.outcomes[chosen == .yes ? 0 : 1].indicativePrice ?? Price(units: FixedPoint.unitsPerWhole / 2)
            let journal = try ManifoldJournal(
                services: services,
                order: Order(
                    instrument: InstrumentID(venue: .manifold, token: token), marketID: domain.id, side: .sell,
                    limitPrice: mark, size: shares, timeInForce: .fillAndKill, createdAt: .now()))
            let bet: ManifoldBet
            do {
                bet = try await client.sell(marketId: full.id, request, outcomeType: full.outcomeType)
            } catch {
                journal.failed(error)
                throw error
            }
            journal.accepted(bet)
            try report(bet, journal: journal)
        }
    }

    static let notLiveMessage =
        "refusing to send a live order: pass --live or set mode = \"live\" in the config (use --dry-run to see the request)"

    static func timeInForce(_ type: OrderTypeOption, _ expires: Int64?) -> TimeInForce {
        switch type {
        case .gtc: .goodTillCancelled
        case .gtd: .goodTillDate(Timestamp(nanoseconds: (expires ?? 0) * 1_000_000_000))
        case .fok: .fillOrKill
        case .fak: .fillAndKill
        }
    }

    func report(_ bet: ManifoldBet, journal: ManifoldJournal) throws {
        let line = ManifoldBetReport(bet, clientOrderID: journal.id)
        if json { try printJSON(line) } else { emit(line.text + "\n") }
    }
}

/// The journal row of one Manifold bet: written before the request leaves, moved when the venue
/// answers. A failure to update it is reported, never allowed to hide the venue's answer.
struct ManifoldJournal {
    let store: EdgewiseStore
    var order: Order
    var id: ClientOrderID { order.id }

    init(services: EdgewiseServices, order: Order) throws {
        store = try services.openStore()
        self.order = order
        try store.journal(order: order)
        var submitted = order
        let event = OrderEvent.submitted(at: .now())
        try submitted.apply(event)
        try store.update(order: submitted, after: event)
        self.order = submitted
    }

    func accepted(_ bet: ManifoldBet) {
        var order = self.order
        store.record(.accepted(VenueOrderID(bet.id), at: .now()), on: &order)
        // What filled at once is known from the answer; later fills of a resting limit order are
        // read by `order list` (the venue has no per-order fill feed for a single user).
        if let shares = bet.shares, shares > 0, let amount = bet.amount, amount > 0 {
            do {
                let size = try ManifoldMoney.size(shares, .down)
                let paid = try ManifoldMoney.amount(abs(amount), .up)
                let capped = Size.min(size, order.remainingSize)
                if capped > .zero {
                    let fill = Fill(
                        id: FillID("manifold-\(bet.id)"), clientOrderID: order.id, venueOrderID: VenueOrderID(bet.id),
                        instrument: order.instrument, side: order.side, price: paid.perShare(size), size: capped, liquidity: .taker,
                        time: .now())
                    store.record(.filled(fill), on: &order)
                }
            } catch {
                warn("bet \(bet.id): the fill could not be recorded exactly: \(error)")
            }
        }
    }

    func failed(_ error: any Error) {
        guard let manifold = error as? ManifoldError else { return }
        switch manifold {
        case .invalidRequest, .unauthorized, .rejected, .rateLimited, .missingAPIKey:
            var order = self.order
            store.record(.rejected(reason: manifold.description, at: .now()), on: &order)
        default:
            // The bet may exist: the row stays "submitted" until the user looks.
            warn("order \(id) may have reached Manifold; check `edgewise order list --venue manifold` before retrying")
        }
    }
}

/// A dry run's request as JSON: method, URL, headers (key redacted) and the body as sent.
struct ManifoldRequestJSON: Encodable {
    var method: String
    var url: String
    var headers: [String: String]
    var body: String

    init(_ prepared: ManifoldPreparedRequest) {
        method = prepared.method
        url = prepared.url
        headers = prepared.headers
        body = prepared.body
    }
}

struct ManifoldBetReport: Encodable {
    var clientOrderId: String
    var betId: String
    var outcome: String?
    var amount: Double?
    var shares: Double?
    var limitProb: Double?
    var probBefore: Double?
    var probAfter: Double?
    var isFilled: Bool?

    init(_ bet: ManifoldBet, clientOrderID: ClientOrderID) {
        clientOrderId = clientOrderID.rawValue
        betId = bet.id
        outcome = bet.outcome
        amount = bet.amount
        shares = bet.shares
        limitProb = bet.limitProb
        probBefore = bet.probBefore
        probAfter = bet.probAfter
        isFilled = bet.isFilled
    }

    var text: String {
        let filled = shares.map { String(format: "%.4f shares", $0) } ?? "no shares yet"
        let spent = amount.map { String(format: "%.2f mana", $0) } ?? "-"
        let moved = (probBefore != nil && probAfter != nil) ? String(format: ", probability %.3f → %.3f", probBefore!, probAfter!) : ""
        let resting = limitProb != nil && isFilled != true ? " (the rest rests at \(limitProb!))" : ""
        return "bet \(betId): \(outcome ?? "?") \(filled) for \(spent)\(moved)\(resting); journal \(clientOrderId)"
    }
}

extension OrderCommand.Cancel {
    func runManifold(_ services: EdgewiseServices) async throws {
        let client = try services.manifold()
        var ids = orderIDs
        if all || market != nil {
            let me = try await client.me()
            var contract: String?
            if let market { contract = try await ManifoldReference(market).fetch(client).id }
            ids = try await client.allBets(ManifoldBetQuery(userId: me.id, contractId: contract, openLimitOrdersOnly: true))
                .filter { $0.isOpen(at: .now()) }.map(\.id)
        }
        var cancelled: [String] = []
        var failed: [String: String] = [:]
        for id in ids {
            do {
                _ = try await client.cancelBet(id: id)
                cancelled.append(id)
                Self.recordCancel(venue: .manifold, orderID: id, services: services)
            } catch {
                failed[id] = error.description
            }
        }
        try report(cancelled: cancelled, failed: failed)
    }
}

extension OrderCommand.List {
    func runManifold(_ services: EdgewiseServices) async throws {
        let client = try services.manifold()
        let me = try await client.me()
        var contract: String?
        if let market { contract = try await ManifoldReference(market).fetch(client).id }
        let open = try await client.allBets(ManifoldBetQuery(userId: me.id, contractId: contract, openLimitOrdersOnly: true))
            .filter { $0.isOpen(at: .now()) }
        if json {
            try printJSON(open.map(ManifoldOpenOrder.init))
            return
        }
        if open.isEmpty { emit("no open orders\n"); return }
        func figure(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "-" }
        var rows = [["ID", "OUTCOME", "LIMIT", "ORDER", "REMAINING", "CONTRACT"]]
        for bet in open {
            let contract = [bet.contractId, bet.answerId].compactMap { $0 }.joined(separator: "/")
            let row: [String] = [
                bet.id, bet.outcome ?? "?", figure(bet.limitProb, "%.2f"), figure(bet.orderAmount, "%.2f"),
                figure(bet.remainingMana, "%.2f"), contract,
            ]
            rows.append(row)
        }
        emit(Table.render(rows, maxWidths: [24, 4, 6, 10, 10, 40]) + "\n")
    }
}

/// One open Manifold limit order as `order list --json` prints it.
struct ManifoldOpenOrder: Encodable {
    var id: String
    var contractId: String?
    var answerId: String?
    var outcome: String?
    var limitProb: Double?
    var orderAmount: Double?
    var filledAmount: Double?
    var remainingMana: Double?

    init(_ bet: ManifoldBet) {
        id = bet.id
        contractId = bet.contractId
        answerId = bet.answerId
        outcome = bet.outcome
        limitProb = bet.limitProb
        orderAmount = bet.orderAmount
        filledAmount = bet.amount
        remainingMana = bet.remainingMana
    }
}
