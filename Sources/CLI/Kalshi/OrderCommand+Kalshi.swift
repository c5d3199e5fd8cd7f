import ArgumentParser
import EdgewiseCore
import EdgewiseKalshi
import EdgewiseRuntime
import EdgewiseStore
import Foundation

// Kalshi orders name contracts of one side (`--outcome yes|no`) and a limit price for that
// side. The CLI's types map to Kalshi's time in force: gtc → good_till_canceled, gtd → the same
// with expiration_ts, fok → fill_or_kill, fak → immediate_or_cancel. Every order carries a
// client_order_id, journaled before the request leaves; an answer lost in transit is resolved by
// looking the order up by that id, never by sending a second order.

extension OrderCommand.Place {
    func validateKalshi() throws {
        guard price != nil else { throw ValidationError("--price is required on Kalshi: the limit price of the chosen side, in dollars") }
        guard size != nil, amount == nil else { throw ValidationError("Kalshi orders name contracts: use --size, not --amount") }
        if orderType == .gtd, expires == nil { throw ValidationError("--type gtd needs --expires (unix seconds)") }
        if orderType != .gtd, expires != nil { throw ValidationError("--expires only applies to --type gtd") }
    }

    func kalshiIntent(ticker: String, side: KalshiSide) throws -> KalshiOrderIntent {
        let limit: Price
        let count: Size
        do { limit = try Price(parsing: price ?? "") } catch { throw CLIFailure(exitCode2: "--price \(price ?? ""): \(error)") }
        do { count = try Size(parsing: size ?? "") } catch { throw CLIFailure(exitCode2: "--size \(size ?? ""): \(error)") }
        let timeInForce: KalshiTimeInForce? = switch orderType {
        case .gtc, .gtd: .goodTillCanceled
        case .fok: .fillOrKill
        case .fak: .immediateOrCancel
        }
        return KalshiOrderIntent(
            ticker: ticker, side: side, action: self.side == .buy ? .buy : .sell, count: count, price: limit,
            timeInForce: timeInForce, expiration: orderType == .gtd ? expires.map { Timestamp(nanoseconds: $0 * 1_000_000_000) } : nil,
            postOnly: postOnly, reduceOnly: reduceOnly, clientOrderID: KalshiOrderIntent.generateClientOrderID())
    }

    func runKalshi(_ services: EdgewiseServices) async throws {
        let reference = try KalshiReference(market, outcome: outcome)
        guard let side = reference.side else { throw CLIFailure(exitCode2: "name the side with --outcome yes|no (or --market <ticker>/YES)") }
        let live = self.live || services.configuration.trading.mode == .live
        if !dryRun, !live { throw CLIFailure(OrderCommand.Place.notLiveMessage, exitCode: 2) }
        let client = try services.kalshi(authenticated: true)
        // The market's own price grid and lot rules decide what may be sent; read them first.
        let wire = try await client.market(reference.ticker)
        let rules: KalshiOrderRules
        do { rules = try KalshiOrderRules(market: wire) } catch { throw CLIFailure(error.description) }
        let intent = try kalshiIntent(ticker: wire.ticker, side: side)
        let prepared = try client.prepareOrder(intent, rules: rules)
        if dryRun {
            note("dry run: nothing sent. \(Self.kalshiSummary(intent))")
            try printJSON(KalshiRequestJSON(prepared))
            return
        }
        let store = try services.openStore()
        let clientID = ClientOrderID(intent.clientOrderID ?? "")
        let market = wire.toMarket()
        var order = Order(
            id: clientID, instrument: Kalshi.instrument(ticker: wire.ticker, side: side), marketID: market.id,
            side: intent.action == .buy ? .buy : .sell, limitPrice: intent.price, size: intent.count,
            timeInForce: Self.timeInForce(orderType, expires), postOnly: postOnly, createdAt: .now())
        try store.journal(order: order)
        store.record(.submitted(at: .now()), on: &order)
        let placement: KalshiPlacement
        do {
            placement = try await client.place(intent, rules: rules)
        } catch {
            if Self.kalshiCertainlyRefused(error) { store.record(.rejected(reason: error.description, at: .now()), on: &order) }
            throw error
        }
        store.record(.accepted(VenueOrderID(placement.order.orderID), at: .now()), on: &order)
        if placement.order.status == .canceled, (placement.order.fillCount ?? .zero) == .zero {
            store.record(.cancelled(at: .now()), on: &order)
        }
        let report = KalshiPlacementReport(placement)
        if json { try printJSON(report) } else { emit(report.text + "\n") }
    }

    static func kalshiSummary(_ intent: KalshiOrderIntent) -> String {
        "\(intent.action.wire) \(intent.count) \(intent.side.rawValue.uppercased()) of \(intent.ticker) at \(intent.price)"
            + " (\(intent.timeInForce?.rawValue ?? "good_till_canceled")\(intent.postOnly ? ", post-only" : "")"
            + "\(intent.reduceOnly ? ", reduce-only" : "")); client_order_id \(intent.clientOrderID ?? "-")"
    }

    /// Failures that prove no order exists: refused as a whole, or never sent.
    static func kalshiCertainlyRefused(_ error: any Error) -> Bool {
        guard let error = error as? KalshiError else { return false }
        switch error {
        case .invalidOrder, .batchTooLarge, .notAuthenticated, .signing, .unauthorized, .rejected, .rateLimited, .notFound: return true
        case .transport(let venue): return !venue.mayHaveBeenProcessed
        default: return false
        }
    }
}

/// A dry run's request as JSON: method, URL, headers (signature redacted) and the exact body.
struct KalshiRequestJSON: Encodable {
    var method: String
    var url: String
    var signedPath: String
    var headers: [String: String]
    var body: String

    init(_ prepared: KalshiPreparedRequest) {
        method = prepared.method
        url = prepared.url
        signedPath = prepared.signedPath
        headers = Dictionary(prepared.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        body = prepared.bodyText
    }
}

struct KalshiPlacementReport: Encodable {
    var orderId: String
    var clientOrderId: String
    var status: String
    var filled: String?
    var remaining: String?
    var note: String?

    init(_ placement: KalshiPlacement) {
        orderId = placement.order.orderID
        clientOrderId = placement.clientOrderID
        status = placement.order.status.wire
        filled = placement.order.fillCount?.description
        remaining = placement.order.remainingCount?.description
        switch placement.resolution {
        case .created: note = nil
        case .foundAfterAmbiguousFailure(let cause): note = "the answer was lost (\(cause)); the order was found by client_order_id, not re-sent"
        case .foundAfterDuplicate(let message): note = "the venue already had this client_order_id (\(message)); found, not re-sent"
        case .createdOnResend(let cause): note = "the first attempt was not found after \(cause); sent once more with the same client_order_id"
        }
    }

    var text: String {
        "\(status): order \(orderId) (client \(clientOrderId)), filled \(filled ?? "0"), resting \(remaining ?? "0")"
            + (note.map { " — \($0)" } ?? "")
    }
}

extension OrderCommand.Cancel {
    func runKalshi(_ services: EdgewiseServices) async throws {
        let client = try services.kalshi(authenticated: true)
        var ids = orderIDs
        if all || market != nil {
            let ticker = try market.map { try KalshiReference($0).ticker }
            ids = try await client.allOrders(KalshiHistoryQuery(ticker: ticker, status: .resting)).items.map(\.orderID)
        }
        var cancelled: [String] = []
        var failed: [String: String] = [:]
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(start + KalshiClient.maxBatchSize, ids.count)])
            start += chunk.count
            if chunk.count == 1 {
                do {
                    _ = try await client.cancel(orderID: chunk[0])
                    cancelled.append(chunk[0])
                } catch {
                    failed[chunk[0]] = error.description
                }
                continue
            }
            for outcome in try await client.cancelBatch(orderIDs: chunk) {
                if let error = outcome.error { failed[outcome.orderID] = error.message ?? "refused" } else { cancelled.append(outcome.orderID) }
            }
        }
        for id in cancelled { Self.recordCancel(venue: .kalshi, orderID: id, services: services) }
        try report(cancelled: cancelled, failed: failed)
    }
}

extension OrderCommand.List {
    func runKalshi(_ services: EdgewiseServices) async throws {
        let client = try services.kalshi(authenticated: true)
        let ticker = try market.map { try KalshiReference($0).ticker }
        let orders = try await client.allOrders(KalshiHistoryQuery(ticker: ticker, status: .resting)).items
        if json {
            try printJSON(orders.map(KalshiOpenOrder.init))
            return
        }
        if orders.isEmpty { emit("no open orders\n"); return }
        let rows = [["ID", "TICKER", "SIDE", "ACTION", "PRICE", "COUNT", "FILLED", "STATUS"]] + orders.map(\.row)
        emit(Table.render(rows, maxWidths: [40, 36, 4, 6, 8, 10, 10, 10]) + "\n")
    }
}

struct KalshiOpenOrder: Encodable {
    var id: String
    var clientOrderId: String?
    var ticker: String?
    var side: String?
    var action: String?
    var price: Price?
    var count: Size?
    var filled: Size?
    var remaining: Size?
    var status: String

    init(_ order: KalshiOrder) {
        id = order.orderID
        clientOrderId = order.clientOrderID
        ticker = order.ticker
        side = order.side?.rawValue
        action = order.action?.wire
        price = order.price
        count = order.initialCount
        filled = order.fillCount
        remaining = order.remainingCount
        status = order.status.wire
    }
}
