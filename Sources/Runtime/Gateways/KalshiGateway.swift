import EdgewiseCore
import EdgewiseExecution
import EdgewiseKalshi

/// Kalshi's Trade API as the order manager sees it.
///
/// The journal's client order id is sent as Kalshi's `client_order_id`, which the venue refuses
/// to take twice: a re-send of the same order can never place a second one, so
/// `resendIsIdempotent` is true, and an order whose send went unanswered is found again by that id.
///
/// Instruments are one side of a market (`TICKER/YES`, `TICKER/NO`, see ``Kalshi/token(ticker:side:)``);
/// an order's side is the action on that side's contracts, so a buy of the NO instrument is a
/// Kalshi `buy` of side `no` at the NO price — never rewritten as a YES sell, which the venue books
/// and reports differently.
public struct KalshiGateway: VenueGateway {
    public var venue: VenueID { .kalshi }
    public var resendIsIdempotent: Bool { true }

    public let client: KalshiClient
    let rules = KalshiRulesCache()

    public init(client: KalshiClient) {
        self.client = client
    }

    // MARK: Prepare

    /// Checks the order against the market's price grid and count rules; nothing is journaled
    /// when it fails. The rules are kept for the send.
    public func prepare(_ order: Order) async throws(GatewayError) -> Order {
        let market = try Self.market(of: order)
        let marketRules: KalshiOrderRules
        do { marketRules = try await readRules(market.ticker) } catch {
            throw GatewayError("could not read Kalshi's rules for \(market.ticker) before sending: \(error.description)")
        }
        let intent = try Self.intent(for: order)
        do { _ = try intent.validated(against: marketRules) } catch {
            throw GatewayError("order not sent to Kalshi: \(error.description)")
        }
        return order
    }

    static func market(of order: Order) throws(GatewayError) -> (ticker: String, side: KalshiSide) {
        guard order.instrument.venue == .kalshi, let parsed = Kalshi.parseToken(order.instrument.token) else {
            throw GatewayError("\(order.instrument) is not a Kalshi instrument (expected kalshi:<TICKER>/YES or /NO)")
        }
        return parsed
    }

    /// The venue's order: a good-till-date order is a resting order with `expiration_ts` (Kalshi
    /// has no separate time in force for it), a fill-and-kill is Kalshi's immediate-or-cancel.
    static func intent(for order: Order) throws(GatewayError) -> KalshiOrderIntent {
        let market = try market(of: order)
        var timeInForce: KalshiTimeInForce?
        var expiration: Timestamp?
        switch order.timeInForce {
        case .goodTillCancelled: timeInForce = .goodTillCanceled
        case .goodTillDate(let time): expiration = time
        case .fillOrKill: timeInForce = .fillOrKill
        case .fillAndKill: timeInForce = .immediateOrCancel
        }
        return KalshiOrderIntent(
            ticker: market.ticker, side: market.side, action: order.side == .buy ? .buy : .sell, count: order.size,
            price: order.limitPrice, timeInForce: timeInForce, expiration: expiration, postOnly: order.postOnly,
            clientOrderID: order.id.rawValue)
    }

    func readRules(_ ticker: String) async throws(KalshiError) -> KalshiOrderRules {
        if let known = await rules.rules(for: ticker) { return known }
        let market = try await client.market(ticker)
        let fresh: KalshiOrderRules
        do { fresh = try KalshiOrderRules(market: market) } catch { throw .invalidOrder(error) }
        await rules.store(fresh)
        return fresh
    }

    // MARK: Submit

    public func submit(_ order: Order) async -> GatewaySubmission {
        let intent: KalshiOrderIntent
        do { intent = try Self.intent(for: order) } catch { return .rejected(reason: error.reason) }
        let marketRules: KalshiOrderRules
        do { marketRules = try await readRules(intent.ticker) } catch {
            // Nothing was sent, but this may be the re-send of an order whose first send is
            // unaccounted for: say nothing definite.
            return .unknown(reason: "could not read Kalshi's rules for \(intent.ticker), so nothing was sent this time: \(error.description)")
        }
        let placement: KalshiPlacement
        do {
            // No re-send inside the client: the order manager decides that, after its own lookup.
            placement = try await client.place(intent, rules: marketRules, resends: 0)
        } catch {
            return Self.submission(for: error)
        }
        let placed = placement.order
        let id = VenueOrderID(placed.orderID)
        let filledCount = placed.fillCount ?? .zero
        guard filledCount > .zero else {
            return .accepted(id, fills: [], ended: Self.endedWithoutFills(placed.status))
        }
        let fills: [Fill]
        do { fills = try await self.fills(of: placed.orderID, order: order) } catch {
            // The fills come with the lookups and the fill channel; the order stays live until then.
            return .accepted(id, fills: [], ended: nil)
        }
        let total = fills.reduce(Size.zero) { $0 + $1.size }
        guard total >= filledCount else { return .accepted(id, fills: fills, ended: nil) }
        let state = Self.state(placed.status, filled: total, order: order)
        return .accepted(id, fills: fills, ended: state == .open ? nil : state)
    }

    static func endedWithoutFills(_ status: KalshiOrderStatus) -> VenueOrderReport.State? {
        switch status {
        case .canceled: .cancelled
        case .resting, .pending, .executed, .unknown: nil
        }
    }

    /// What a failed placement means for the journal. A refusal with a status and a reason is a
    /// rejection; everything that may have reached the venue is unknown.
    static func submission(for error: KalshiError) -> GatewaySubmission {
        switch error {
        case .invalidOrder, .batchTooLarge, .invalidQuery, .notAuthenticated, .signing:
            return .rejected(reason: error.description)
        case .unauthorized, .notFound, .rejected:
            return .rejected(reason: error.description)
        case .transport(let cause) where !cause.mayHaveBeenProcessed:
            return .rejected(reason: "not sent to Kalshi: \(error.description)")
        case .rateLimited:
            // Kalshi does not promise that a throttled order was not booked; the client order id
            // makes the lookup and a re-send safe, so the order manager decides after a lookup.
            return .unknown(reason: error.description)
        case .conflict, .venueUnavailable, .malformedResponse, .orderMayExist, .outcomeUnknown, .pagingLoop, .transport:
            return .unknown(reason: error.description)
        }
    }

    // MARK: Cancel

    public func cancel(_ order: Order) async -> GatewayCancellation {
        let venueID: String
        if let known = order.venueOrderID {
            venueID = known.rawValue
        } else {
            // Kalshi cancels by its own id; an order journaled before its acknowledgment is found
            // by the client order id first.
            do {
                guard let found = try await findOrder(order) else {
                    return .notOpen(reason: "Kalshi has no order with client_order_id \(order.id)")
                }
                venueID = found.orderID
            } catch {
                return .unknown(reason: error.reason)
            }
        }
        do {
            let cancellation = try await client.cancel(orderID: venueID)
            if case .executed = cancellation.order.status {
                return .notOpen(reason: "Kalshi reports order \(venueID) as executed: nothing was left to cancel")
            }
            return .cancelled
        } catch {
            // A 404 is an order no longer resting (executed, cancelled, expired); the order
            // manager's lookup says which. Anything else leaves the order as it was.
            if case .notFound = error { return .notOpen(reason: error.description) }
            return .unknown(reason: error.description)
        }
    }

    // MARK: Lookup

    public func lookup(_ order: Order) async throws(GatewayError) -> VenueOrderReport? {
        let found: KalshiOrder?
        do {
            if let venueID = order.venueOrderID {
                do {
                    found = try await client.order(id: venueID.rawValue)
                } catch {
                    guard case .notFound = error else { throw error }
                    found = try await findByClientOrderID(order)
                }
            } else {
                found = try await findByClientOrderID(order)
            }
        } catch {
            throw GatewayError("Kalshi could not be asked about order \(order.id): \(error)")
        }
        guard let found else { return nil }
        let fills: [Fill]
        do { fills = try await self.fills(of: found.orderID, order: order) } catch {
            throw GatewayError("Kalshi could not list the fills of order \(found.orderID): \(error.description)")
        }
        let total = fills.reduce(Size.zero) { $0 + $1.size }
        return VenueOrderReport(
            venueOrderID: VenueOrderID(found.orderID), state: Self.state(found.status, filled: total, order: order), fills: fills)
    }

    func findOrder(_ order: Order) async throws(GatewayError) -> KalshiOrder? {
        do { return try await findByClientOrderID(order) } catch {
            throw GatewayError("Kalshi could not be asked about order \(order.id): \(error.description)")
        }
    }

    func findByClientOrderID(_ order: Order) async throws(KalshiError) -> KalshiOrder? {
        let ticker = Kalshi.parseToken(order.instrument.token)?.ticker
        return try await client.findOrder(clientOrderID: order.id.rawValue, ticker: ticker)
    }

    /// The venue's state for the order manager. `executed` is filled; `canceled` ends it (what
    /// filled before stays filled); anything else — an unknown word included — may still trade.
    static func state(_ status: KalshiOrderStatus, filled: Size, order: Order) -> VenueOrderReport.State {
        switch status {
        case .executed: filled >= order.size ? .filled : .open
        case .canceled: .cancelled
        case .resting, .pending, .unknown: .open
        }
    }

    /// Every fill of the venue order, all pages. The fill id is Kalshi's trade id — the id the
    /// `fill` channel reports too — so one execution is recorded once whichever path brings it;
    /// a payload without a trade id falls back to the fill id. The contracts and price are those
    /// of the order's own side, whatever side the venue names in the fill.
    func fills(of venueOrderID: String, order: Order) async throws(KalshiError) -> [Fill] {
        let side = Kalshi.parseToken(order.instrument.token)?.side ?? .yes
        var fills: [Fill] = []
        var cursor: String?
        var seen: Set<String> = []
        repeat {
            let page = try await client.fills(KalshiHistoryQuery(orderID: venueOrderID, limit: KalshiHistoryQuery.maxLimit), cursor: cursor)
            for fill in page.items where fill.orderID == venueOrderID {
                fills.append(Fill(
                    id: FillID(fill.tradeID ?? fill.fillID), clientOrderID: order.id, venueOrderID: VenueOrderID(fill.orderID),
                    instrument: order.instrument, side: order.side, price: side == .no ? fill.noPrice : fill.yesPrice,
                    size: fill.count, fee: fill.feeCost ?? .zero, liquidity: fill.isTaker ? .taker : .maker,
                    time: fill.createdTime ?? order.createdAt))
            }
            cursor = page.cursor
            if let next = cursor, !seen.insert(next).inserted {
                throw .pagingLoop(endpoint: "GET /portfolio/fills", cursor: next)
            }
        } while cursor != nil
        return fills.sorted { $0.time < $1.time }
    }
}

/// The market rules read while preparing orders, by ticker; they rarely change and a stale grid
/// only makes the venue refuse an order, which it reports.
actor KalshiRulesCache {
    private var byTicker: [String: KalshiOrderRules] = [:]

    func rules(for ticker: String) -> KalshiOrderRules? { byTicker[ticker] }
    func store(_ rules: KalshiOrderRules) { byTicker[rules.ticker] = rules }
}
