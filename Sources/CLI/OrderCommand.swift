import ArgumentParser
import EdgewiseCore
import EdgewiseEthereum
import EdgewisePolymarket
import EdgewiseRuntime
import EdgewiseStore
import Foundation

/// `edgewise order place|cancel|list`: trade from the command line, on any venue.
struct OrderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order",
        abstract: "Place, cancel and list orders.",
        discussion: """
            Nothing is sent unless live trading is enabled (--live, or mode = "live" in the config). \
            --dry-run prints the exact request as JSON and sends nothing. Prices are probabilities in [0, 1]; \
            `edgewise venues` shows what each venue accepts.
            """,
        subcommands: [Place.self, Cancel.self, List.self])
}

enum SideOption: String, ExpressibleByArgument, CaseIterable {
    case buy, sell
    var side: OrderSide { self == .buy ? .buy : .sell }
}

enum OrderTypeOption: String, ExpressibleByArgument, CaseIterable {
    case gtc, gtd, fok, fak
    var venueType: PolymarketOrderType {
        switch self {
        case .gtc: .gtc
        case .gtd: .gtd
        case .fok: .fok
        case .fak: .fak
        }
    }
}

extension OrderCommand {
    struct Place: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign and place a limit (GTC/GTD) or market (FOK/FAK) order.",
            discussion: """
                The signing key comes from EDGEWISE_POLYMARKET_PRIVATE_KEY or polymarket.private_key_file (owner-only). \
                Funder and signature type come from the config or EDGEWISE_POLYMARKET_FUNDER / \
                EDGEWISE_POLYMARKET_SIGNATURE_TYPE (eoa|proxy|safe).
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: "The venue.") var venue: VenueOption = .polymarket
        @Option(help: ArgumentHelp(
            "Polymarket: the outcome token id. Kalshi: the ticker (or <ticker>/YES). Manifold: the contract id or slug (or <id>/YES).",
            valueName: "market"))
        var market: String
        @Option(help: "yes or no: the side of a Kalshi or Manifold contract, where --market does not name it.") var outcome: OutcomeOption?
        @Option(help: ArgumentHelp("Manifold multiple choice: the answer to trade.", valueName: "answer id")) var answer: String?
        @Option(help: "buy or sell.") var side: SideOption
        @Option(help: "Limit price in [0, 1] (for FOK/FAK: the worst acceptable price), e.g. 0.56. Manifold: the limit probability.")
        var price: String?
        @Option(help: "Size in shares (Manifold sells: shares to sell).") var size: String?
        @Option(help: "For a FOK/FAK BUY instead of --size: the USDC to spend. Manifold buys: the mana to bet.") var amount: String?
        @Option(name: .customLong("type"), help: "gtc, gtd, fok or fak.") var orderType: OrderTypeOption = .gtc
        @Option(help: ArgumentHelp("GTD expiry, unix seconds (at least now + 60 + the intended lifetime).", valueName: "unix seconds"))
        var expires: Int64?
        @Flag(help: "Only rest on the book; never take (GTC/GTD).") var postOnly = false
        @Flag(help: "Ask the venue to defer matching (deferExec).") var deferExec = false
        @Flag(help: "Kalshi: the order may only reduce the position.") var reduceOnly = false
        @Option(help: "The market's tick size (skips the venue look-up): 0.1, 0.01, 0.005, 0.001, 0.0025 or 0.0001.")
        var tickSize: String?
        @Flag(help: "The market is neg-risk (skips the venue look-up).") var negRisk = false
        @Option(help: "137 (Polygon) or 80002 (Amoy); default from the config.") var chain: UInt64?
        @Flag(help: "Print the exact request as JSON and send nothing.") var dryRun = false
        @Flag(help: "Allow this order to be sent for real.") var live = false
        @Flag(help: "Print the result as JSON.") var json = false

        func validate() throws {
            let capabilities = venue.capabilities
            if let refusal = capabilities.refusal(timeInForce: orderType.rawValue) { throw ValidationError(refusal) }
            if postOnly, let refusal = capabilities.postOnlyRefusal { throw ValidationError(refusal) }
            if deferExec, venue != .polymarket { throw ValidationError("--defer-exec is a Polymarket option") }
            if chain != nil || tickSize != nil || negRisk, venue != .polymarket {
                throw ValidationError("--chain, --tick-size and --neg-risk are Polymarket options")
            }
            switch venue {
            case .polymarket:
                guard (size == nil) != (amount == nil) else { throw ValidationError("give exactly one of --size (shares) or --amount (USDC)") }
                guard price != nil else { throw ValidationError("--price is required on Polymarket (for FOK/FAK: the worst acceptable price)") }
                if let chain, chain != 137, chain != 80002 { throw ValidationError("--chain must be 137 or 80002") }
                guard !market.isEmpty, market.allSatisfy(\.isNumber) else {
                    throw ValidationError("--market takes the outcome token id (a decimal number); `edgewise markets --search …` lists them")
                }
                if outcome != nil { throw ValidationError("--outcome is not used on Polymarket: the token id already names the outcome") }
                if answer != nil { throw ValidationError("--answer is for Manifold multiple-choice markets") }
            case .kalshi:
                try validateKalshi()
            case .manifold:
                try validateManifold()
            }
            if reduceOnly, let refusal = capabilities.reduceOnlyRefusal { throw ValidationError(refusal) }
        }

        func intent() throws -> PolymarketOrderIntent {
            let price: Price
            let priceText = self.price ?? ""
            do { price = try Price(parsing: priceText) } catch { throw CLIFailure(exitCode2: "--price \(priceText): \(error)") }
            let quantity: PolymarketOrderIntent.Quantity
            if let size {
                do { quantity = .shares(try Size(parsing: size)) } catch { throw CLIFailure(exitCode2: "--size \(size): \(error)") }
            } else {
                do { quantity = .spend(try Amount(parsing: amount ?? "")) } catch { throw CLIFailure(exitCode2: "--amount: \(error)") }
            }
            var tick: PolymarketTickSize?
            if let tickSize {
                do { tick = try PolymarketTickSize(parsing: tickSize) } catch { throw CLIFailure(exitCode2: "--tick-size \(tickSize): \(error)") }
            }
            return PolymarketOrderIntent(
                tokenID: TokenID(market), side: side.side, price: price, quantity: quantity, orderType: orderType.venueType,
                expiration: expires, postOnly: postOnly, deferExec: deferExec, tickSize: tick,
                negRisk: tickSize != nil || negRisk ? negRisk : nil)
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
            var intent = try intent()
            if dryRun {
                let trader = try await services.polymarketTrader(chainOverride: chain, live: false, connect: false)
                let prepared = try await trader.prepare(intent)
                note("dry run: nothing sent. \(Self.summary(prepared)); order hash \(prepared.signed.orderHash.hex)")
                emit(prepared.request.json + "\n")
                return
            }
            let offline = try await services.polymarketTrader(chainOverride: chain, live: live, connect: false)
            guard offline.live else { throw PolymarketTraderError.notLive }
            // The order's own rules are checked before anything authenticated is requested: a
            // mistyped order must not cost an L1 request (which may even create API credentials).
            // What the look-up found is carried over, so the market is read once.
            let checked = try await offline.price(intent)
            intent.tickSize = checked.tickSize
            intent.negRisk = checked.negRisk
            let trader = try await services.polymarketTrader(chainOverride: chain, live: live, connect: true)
            let store = try services.openStore()
            var journaled: ClientOrderID?
            let prepared: PolymarketPreparedOrder
            let outcome: PolymarketTrader.Outcome
            do {
                (prepared, outcome) = try await trader.place(intent) { prepared in
                    try store.journal(order: Self.journalEntry(prepared))
                    journaled = Self.clientOrderID(prepared)
                }
            } catch {
                if let journaled, let reason = Self.refusalReason(error) { Self.recordRefusal(reason, clientID: journaled, store: store) }
                throw error
            }
            let clientID = Self.clientOrderID(prepared)
            let report = try Self.record(outcome, clientID: clientID, store: store)
            if json {
                try printJSON(report)
            } else {
                emit("\(report.status): \(Self.summary(prepared)) — order \(report.orderID)\n")
            }
        }

        static func summary(_ prepared: PolymarketPreparedOrder) -> String {
            let amounts = prepared.amounts
            return "\(prepared.intent.side.rawValue) \(amounts.shares) shares of \(prepared.intent.tokenID) at \(amounts.price) "
                + "(\(prepared.intent.orderType.rawValue), notional \(amounts.notional) USD, tick \(prepared.priced.tickSize.rawValue)"
                + "\(prepared.priced.negRisk ? ", neg-risk" : ""))"
        }

        /// The order hash is the CLOB's order id, known before sending, so it doubles as the
        /// client order id: a journal row and a venue order can always be matched.
        static func clientOrderID(_ prepared: PolymarketPreparedOrder) -> ClientOrderID {
            ClientOrderID(prepared.signed.orderHash.hex)
        }

        static func journalEntry(_ prepared: PolymarketPreparedOrder) -> Order {
            let timeInForce: TimeInForce = switch prepared.intent.orderType {
            case .gtc: .goodTillCancelled
            case .gtd: .goodTillDate(Timestamp(nanoseconds: (prepared.intent.expiration ?? 0) * 1_000_000_000))
            case .fok: .fillOrKill
            case .fak: .fillAndKill
            }
            return Order(
                id: clientOrderID(prepared), instrument: InstrumentID(venue: .polymarket, token: prepared.intent.tokenID),
                side: prepared.intent.side, limitPrice: prepared.amounts.price, size: prepared.amounts.shares,
                timeInForce: timeInForce, postOnly: prepared.intent.postOnly, createdAt: prepared.priced.createdAt)
        }

        struct Report: Encodable {
            var orderID: String
            var status: String
            var makingAmount: String?
            var takingAmount: String?
            var tradeIDs: [String]
            var note: String?
        }

        /// Moves the journaled order with what the venue said.
        static func record(_ outcome: PolymarketTrader.Outcome, clientID: ClientOrderID, store: EdgewiseStore) throws -> Report {
            guard var order = try store.order(clientID) else {
                return Report(orderID: clientID.rawValue, status: "unknown", tradeIDs: [], note: "journal row missing")
            }
            let now = Timestamp.now()
            func apply(_ event: OrderEvent) throws {
                try order.apply(event)
                try store.update(order: order, after: event, recordedAt: now)
            }
            try apply(.submitted(at: now))
            switch outcome {
            case .placed(let placement):
                try apply(.accepted(VenueOrderID(placement.orderID), at: now))
                return Report(
                    orderID: placement.orderID, status: placement.status.description,
                    makingAmount: placement.makingAmount?.description, takingAmount: placement.takingAmount?.description,
                    tradeIDs: placement.tradeIDs, note: placement.message.isEmpty ? nil : placement.message)
            case .foundOpenAfterUncertainSubmission(let open):
                try apply(.accepted(VenueOrderID(open.id), at: now))
                return Report(
                    orderID: open.id, status: open.status.description, tradeIDs: [],
                    note: "the submission got no usable answer; the order was found open, not re-sent")
            case .foundTradedAfterUncertainSubmission(let trades):
                try apply(.accepted(VenueOrderID(clientID.rawValue), at: now))
                return Report(
                    orderID: clientID.rawValue, status: PolymarketOrderStatus.matched.description, tradeIDs: trades.map(\.id),
                    note: "the submission got no usable answer; the order was found in trades, not re-sent")
            }
        }

        /// The venue's reason when a sent order certainly was not placed (refused, rate limited,
        /// or never left); nil when it may exist, which leaves the journal row "may be live".
        static func refusalReason(_ error: any Error) -> String? {
            guard case .venue(let venue) = error as? PolymarketTraderError else { return nil }
            switch venue {
            case .rejected(_, _, .duplicateOrder, _): return nil
            case .rejected(_, _, _, let message), .orderVersionMismatch(_, _, let message): return message
            case .rateLimited, .invalidSubmission: return venue.description
            case .transport(let error) where !error.mayHaveBeenProcessed: return venue.description
            default: return nil
            }
        }

        /// Marks the journaled order rejected; a failure here is reported but does not hide the
        /// venue's refusal, which is what the user needs to see.
        static func recordRefusal(_ reason: String, clientID: ClientOrderID, store: EdgewiseStore) {
            do {
                guard var order = try store.order(clientID) else { return }
                let event = OrderEvent.rejected(reason: reason, at: .now())
                try order.apply(event)
                try store.update(order: order, after: event)
            } catch {
                warn("order \(clientID) was refused but its journal row could not be updated: \(error)")
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel orders by id, by market, or all of them.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The venue.") var venue: VenueOption = .polymarket
        @Argument(help: "Order ids to cancel (Polymarket: 0x… hashes; Manifold: bet ids).") var orderIDs: [String] = []
        @Flag(help: "Cancel every open order.") var all = false
        @Option(help: ArgumentHelp("Cancel the orders in this market (Polymarket: condition id; Manifold: contract id or slug).", valueName: "market"))
        var market: String?
        @Option(help: ArgumentHelp("With --market, only this outcome token.", valueName: "token id")) var token: String?
        @Option(help: "137 or 80002; default from the config.") var chain: UInt64?
        @Flag(help: "Print the result as JSON.") var json = false

        func validate() throws {
            let modes = [!orderIDs.isEmpty, all, market != nil].filter { $0 }.count
            guard modes == 1 else { throw ValidationError("give order ids, --all, or --market (exactly one)") }
            if venue != .polymarket, chain != nil || token != nil { throw ValidationError("--chain and --token are Polymarket options") }
        }

        func run() async throws {
            let services = try global.services()
            switch venue {
            case .polymarket: break
            case .kalshi: return try await runKalshi(services)
            case .manifold: return try await runManifold(services)
            }
            let key = try services.polymarketPrivateKey()
            let trading = try await services.polymarketTradingClient(key: key, chain: try services.polymarketChain(override: chain))
            let result: PolymarketCancelResult
            if all {
                result = try await trading.cancelAll()
            } else if let market {
                result = try await trading.cancelMarketOrders(market: MarketID(market), tokenID: token.map(TokenID.init))
            } else if orderIDs.count == 1 {
                result = try await trading.cancelOrder(orderIDs[0])
            } else {
                result = try await trading.cancelOrders(orderIDs)
            }
            if json {
                try printJSON(["canceled": result.canceled, "notCanceled": result.notCanceled.map { "\($0.key): \($0.value)" }])
            } else {
                emit("cancelled \(result.canceled.count) order(s)\(result.canceled.isEmpty ? "" : ": " + result.canceled.joined(separator: ", "))\n")
                for (id, reason) in result.notCanceled.sorted(by: { $0.key < $1.key }) { warn("not cancelled \(id): \(reason)") }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List open orders.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The venue.") var venue: VenueOption = .polymarket
        @Option(help: ArgumentHelp("Only this market (Polymarket: condition id; Manifold: contract id or slug).", valueName: "market"))
        var market: String?
        @Option(help: ArgumentHelp("Only this outcome token.", valueName: "token id")) var token: String?
        @Option(help: "137 or 80002; default from the config.") var chain: UInt64?
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if venue != .polymarket, chain != nil || token != nil { throw ValidationError("--chain and --token are Polymarket options") }
        }

        func run() async throws {
            let services = try global.services()
            switch venue {
            case .polymarket: break
            case .kalshi: return try await runKalshi(services)
            case .manifold: return try await runManifold(services)
            }
            let key = try services.polymarketPrivateKey()
            let trading = try await services.polymarketTradingClient(key: key, chain: try services.polymarketChain(override: chain))
            let orders = try await trading.openOrders(PolymarketOrderFilter(market: market.map(MarketID.init), tokenID: token.map(TokenID.init)))
            if json {
                try printJSON(orders.map { order in
                    [
                        "id": order.id, "status": order.status.description, "market": order.market.rawValue,
                        "token": order.tokenID.rawValue, "side": order.side.rawValue, "price": order.price.description,
                        "originalSize": order.originalSize.description, "sizeMatched": order.sizeMatched.description,
                    ]
                })
                return
            }
            if orders.isEmpty { emit("no open orders\n"); return }
            let rows = [["ID", "SIDE", "PRICE", "SIZE", "MATCHED", "TOKEN"]] + orders.map { order in
                [order.id, order.side.rawValue, order.price.description, order.originalSize.description,
                 order.sizeMatched.description, order.tokenID.rawValue]
            }
            emit(Table.render(rows, maxWidths: [68, 4, 8, 12, 12, 80]) + "\n")
        }
    }
}
