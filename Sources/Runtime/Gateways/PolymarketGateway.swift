import EdgewiseCore
import EdgewiseExecution
import EdgewisePolymarket

/// Polymarket's CLOB as the order manager sees it.
///
/// The venue knows an order by its EIP-712 hash, which only exists once the order is signed, so
/// ``prepare(_:)`` prices, checks the balance and signs — and puts the hash into the order as its
/// venue id, so the journal holds it before anything is sent and a crash can be reconciled by it.
/// The signed order is kept in memory for ``submit(_:)``: a re-send must carry the very same
/// signature (same salt, same hash), which the venue refuses as a duplicate should the first one
/// have arrived after all. That is what makes `resendIsIdempotent` true here.
public struct PolymarketGateway: VenueGateway {
    public var venue: VenueID { .polymarket }
    public var resendIsIdempotent: Bool { true }

    public let trader: PolymarketTrader
    public let trading: PolymarketTradingClient
    let signed = SignedOrderCache()
    let now: @Sendable () -> Timestamp
    /// How far before an order's creation its trades are searched: the venue's clock and ours
    /// differ, and a trade missed for a few seconds of skew would read as "never filled".
    let clockSkewAllowance: Int64 = 300

    /// - Throws: when the trader has no API credentials (it could sign but not send).
    public init(trader: PolymarketTrader, now: @escaping @Sendable () -> Timestamp = { .now() }) throws(LiveGatewaySetupError) {
        guard let trading = trader.trading else {
            throw .missingCredentials(venue: .polymarket, configure: PolymarketTraderError.missingCredentials.description)
        }
        self.trader = trader
        self.trading = trading
        self.now = now
    }

    // MARK: Prepare

    public func prepare(_ order: Order) async throws(GatewayError) -> Order {
        guard order.instrument.venue == .polymarket else {
            throw GatewayError("\(order.instrument) is not a Polymarket instrument; route it to its own venue's gateway")
        }
        guard trader.live else { throw GatewayError(PolymarketTraderError.notLive.description) }
        let intent = try Self.intent(for: order)
        let priced: PolymarketPricedOrder
        do { priced = try await trader.price(intent) } catch { throw GatewayError(error.description) }
        try await checkBalance(priced)
        let prepared: PolymarketPreparedOrder
        do { prepared = try trader.sign(priced) } catch { throw GatewayError(error.description) }
        await signed.store(prepared.submission, for: order.id)
        var result = order
        result.venueOrderID = VenueOrderID(prepared.submission.orderHash)
        return result
    }

    /// The venue's order for a journal order. The time in force maps one to one; a good-till-date
    /// order carries the venue's 60-second security threshold on top, so it lives until the
    /// requested time rather than a minute less.
    static func intent(for order: Order) throws(GatewayError) -> PolymarketOrderIntent {
        let type: PolymarketOrderType
        var expiration: Int64?
        switch order.timeInForce {
        case .goodTillCancelled: type = .gtc
        case .goodTillDate(let time):
            type = .gtd
            expiration = time.nanoseconds / 1_000_000_000 + PolymarketGTDExpiration.securityThresholdSeconds
        case .fillOrKill: type = .fok
        case .fillAndKill: type = .fak
        }
        if order.postOnly && !type.allowsPostOnly {
            throw GatewayError("a post-only order must be allowed to rest: use good-till-cancelled or good-till-date, not \(type.rawValue)")
        }
        return PolymarketOrderIntent(
            tokenID: order.instrument.token, side: order.side, price: order.limitPrice, quantity: .shares(order.size),
            orderType: type, expiration: expiration, postOnly: order.postOnly)
    }

    /// The funder must hold what the order could spend — collateral for a buy, the shares for a
    /// sell — or the venue refuses the post after we journaled it.
    func checkBalance(_ priced: PolymarketPricedOrder) async throws(GatewayError) {
        let asset: PolymarketAssetType = priced.intent.side == .buy ? .collateral : .conditional(priced.intent.tokenID)
        let balance: PolymarketBalanceAllowance
        do {
            balance = try await trading.balanceAllowance(asset, signatureType: Int(trader.signer.signatureType.rawValue))
        } catch {
            throw GatewayError("could not read the Polymarket balance before signing: \(error.description)")
        }
        do { try priced.amounts.requiredBalance().check(collateral: balance.balance, shares: balance.shares) } catch {
            throw GatewayError("\(error)")
        }
    }

    // MARK: Submit

    public func submit(_ order: Order) async -> GatewaySubmission {
        guard let submission = await signed.submission(for: order.id) else {
            // Signing again would make a new order with a new hash: if the first one did reach the
            // venue, both could fill. Only the journaled hash may be looked up.
            return .rejected(
                reason: "no signed Polymarket order for \(order.id) in this process (it was signed before a restart); "
                    + "a new signature would be a different order — place a new order instead")
        }
        if let journaled = order.venueOrderID, !Self.same(journaled.rawValue, submission.orderHash) {
            return .rejected(reason: "the signed order's hash \(submission.orderHash) is not the journaled \(journaled); nothing was sent")
        }
        let outcome: GatewaySubmission
        do {
            let placement = try await trading.postOrder(submission)
            outcome = await accepted(placement, order: order, hash: submission.orderHash)
        } catch {
            outcome = await failed(error, order: order, hash: submission.orderHash)
        }
        if case .unknown = outcome {} else { await signed.remove(order.id) }
        return outcome
    }

    /// An acknowledged order, with the fills its immediate match produced. The acknowledgment
    /// only carries totals and trade ids, so the fills are read from the trades; when they cannot
    /// all be read, the order is reported as acknowledged but not ended, so the lookups that
    /// follow (and the user channel) bring the fills in rather than the order closing without them.
    func accepted(_ placement: PolymarketOrderPlacement, order: Order, hash: String) async -> GatewaySubmission {
        let id = VenueOrderID(placement.orderID.isEmpty ? hash : placement.orderID)
        let matched = placement.status == .matched || !placement.tradeIDs.isEmpty || (placement.makingAmount ?? .zero) > .zero
        guard matched else {
            let ended: VenueOrderReport.State? = placement.status.isCancelled ? .cancelled : nil
            return .accepted(id, fills: [], ended: ended)
        }
        let trades: [PolymarketTrade]
        do { trades = try await ownTrades(of: order, hash: id.rawValue) } catch {
            return .accepted(id, fills: [], ended: nil)
        }
        let fills = Self.fills(from: trades, hash: id.rawValue, order: order, fallbackTime: now())
        let known = Set(trades.map(\.id))
        let total = fills.reduce(Size.zero) { $0 + $1.size }
        // Shares matched on arrival: what a buy received, what a sell gave.
        let arrival = (order.side == .buy ? placement.takingAmount : placement.makingAmount).map { Size(units: $0.units) }
        let complete: Bool
        if !placement.tradeIDs.isEmpty {
            complete = placement.tradeIDs.allSatisfy(known.contains)
        } else if let arrival, arrival > .zero {
            complete = total >= arrival
        } else {
            complete = false
        }
        var ended: VenueOrderReport.State?
        if total == order.size {
            ended = .filled
        } else if complete && (!order.timeInForce.mayRest || placement.status.isCancelled) {
            // A fill-and-kill (or a fill-or-kill that matched) has no rest once every trade of the
            // acknowledgment is accounted for.
            ended = .cancelled
        }
        return .accepted(id, fills: fills, ended: ended)
    }

    func failed(_ error: PolymarketTradingError, order: Order, hash: String) async -> GatewaySubmission {
        switch error {
        case .rejected(_, _, let reason, _) where reason == .duplicateOrder:
            // The venue already has this very order: the answer is whatever it knows of it.
            do {
                if let report = try await lookup(order), let id = report.venueOrderID {
                    return .accepted(id, fills: report.fills, ended: report.state == .open ? nil : report.state)
                }
            } catch {}
            return .unknown(reason: "Polymarket reports order \(hash) as a duplicate, but it could not be found yet: \(error.description)")
        case .rejected, .orderVersionMismatch, .invalidSubmission, .batchTooLarge:
            return .rejected(reason: error.description)
        case .transport:
            // The client throws `transport` for a submission only when the request cannot have
            // been processed (refused before sending).
            return .rejected(reason: "not sent to Polymarket: \(error.description)")
        case .rateLimited:
            // Polymarket does not document that a throttled order was never matched, and a
            // re-send is refused as a duplicate anyway, so a lookup decides.
            return .unknown(reason: error.description)
        case .orderMayExist, .venueUnavailable, .heartbeatRejected:
            return .unknown(reason: error.description)
        }
    }

    // MARK: Cancel

    public func cancel(_ order: Order) async -> GatewayCancellation {
        guard let hash = await hash(of: order) else {
            return .unknown(reason: "order \(order.id) has no Polymarket order hash in the journal; it cannot be cancelled by id")
        }
        let result: PolymarketCancelResult
        do { result = try await trading.cancelOrder(hash) } catch {
            if case .rejected(_, _, let reason, _) = error, reason == .orderNotFound {
                return .notOpen(reason: error.description)
            }
            return .unknown(reason: error.description)
        }
        if result.canceled.contains(where: { Self.same($0, hash) }) { return .cancelled }
        if let reason = result.notCanceled.first(where: { Self.same($0.key, hash) })?.value {
            return .notOpen(reason: "Polymarket did not cancel \(hash): \(reason)")
        }
        return .unknown(reason: "Polymarket's cancel reply does not mention \(hash)")
    }

    // MARK: Lookup

    public func lookup(_ order: Order) async throws(GatewayError) -> VenueOrderReport? {
        guard let hash = await hash(of: order) else {
            throw GatewayError(
                "order \(order.id) has no Polymarket order hash in the journal, so the venue cannot be asked about it; "
                    + "check the account's open orders and trades by hand")
        }
        let open: PolymarketOpenOrder?
        let trades: [PolymarketTrade]
        do {
            open = try await trading.order(hash)
            trades = try await ownTrades(of: order, hash: hash)
        } catch {
            throw GatewayError("Polymarket could not be asked about order \(hash): \(error.description)")
        }
        let fills = Self.fills(from: trades, hash: hash, order: order, fallbackTime: now())
        let total = fills.reduce(Size.zero) { $0 + $1.size }
        let id = VenueOrderID(open?.id ?? hash)
        if let open {
            return VenueOrderReport(venueOrderID: id, state: Self.state(of: open, order: order, filled: total), fills: fills)
        }
        guard !fills.isEmpty else { return nil }
        // Traded but not listed: filled when the trades add up; otherwise a fill-and-kill's rest
        // is gone, while a resting order's rest may still be live, so it is not called ended.
        let state: VenueOrderReport.State = total == order.size ? .filled : order.timeInForce.mayRest ? .open : .cancelled
        return VenueOrderReport(venueOrderID: id, state: state, fills: fills)
    }

    static func state(of open: PolymarketOpenOrder, order: Order, filled: Size) -> VenueOrderReport.State {
        switch open.status {
        case .cancelled, .cancelledMarketResolved: return .cancelled
        case .invalid: return .rejected(reason: "Polymarket reports order \(open.id) as INVALID")
        case .matched:
            if open.sizeMatched >= open.originalSize || filled == order.size { return .filled }
            return (open.orderType.map { $0 == .fak || $0 == .fok } ?? !order.timeInForce.mayRest) ? .cancelled : .open
        case .live, .delayed, .unmatched, .unrecognized:
            // An unknown word may still be live: never call it ended.
            return .open
        }
    }

    /// The account's trades of `order`'s token since it was created (less the skew allowance)
    /// in which the order took part.
    func ownTrades(of order: Order, hash: String) async throws(PolymarketTradingError) -> [PolymarketTrade] {
        let since = Timestamp(nanoseconds: order.createdAt.nanoseconds - clockSkewAllowance * 1_000_000_000)
        let trades = try await trading.trades(PolymarketTradeFilter(tokenID: order.instrument.token, after: since))
        return trades.filter { $0.involves(orderID: hash) }
    }

    /// The order's own executions in `trades`. Fill ids are `<trade id>:<order id>`, exactly as the
    /// user channel builds them (``PolymarketTradeParticipation/fillID``), so one execution
    /// reported by the acknowledgment, a lookup and the channel is recorded once. Trades whose
    /// settlement failed for good are not executions. The fee is left at zero: the trade report
    /// carries a rate whose meaning depends on the exchange version, not an amount.
    static func fills(from trades: [PolymarketTrade], hash: String, order: Order, fallbackTime: Timestamp) -> [Fill] {
        var fills: [Fill] = []
        for trade in trades where trade.status.isExecution {
            let time = trade.matchTime ?? trade.lastUpdate ?? fallbackTime
            if same(trade.takerOrderID, hash) {
                fills.append(Fill(
                    id: FillID("\(trade.id):\(trade.takerOrderID)"), clientOrderID: order.id, venueOrderID: VenueOrderID(trade.takerOrderID),
                    instrument: InstrumentID(venue: .polymarket, token: trade.tokenID), side: trade.side, price: trade.price,
                    size: trade.size, liquidity: .taker, time: time))
            }
            for maker in trade.makerOrders where same(maker.orderID, hash) && !same(trade.takerOrderID, hash) {
                fills.append(Fill(
                    id: FillID("\(trade.id):\(maker.orderID)"), clientOrderID: order.id, venueOrderID: VenueOrderID(maker.orderID),
                    instrument: InstrumentID(venue: .polymarket, token: maker.tokenID.rawValue.isEmpty ? trade.tokenID : maker.tokenID),
                    side: maker.side, price: maker.price, size: maker.matchedSize, liquidity: .maker, time: time))
            }
        }
        return fills.sorted { $0.time < $1.time }
    }

    func hash(of order: Order) async -> String? {
        if let id = order.venueOrderID { return id.rawValue }
        return await signed.submission(for: order.id)?.orderHash
    }

    /// Order hashes are hex; the venue's case is not guaranteed to be ours.
    static func same(_ a: String, _ b: String) -> Bool { a.caseInsensitiveCompare(b) == .orderedSame }
}

/// The signed orders of this process, by client order id, until the venue has answered them.
actor SignedOrderCache {
    private var submissions: [ClientOrderID: PolymarketOrderSubmission] = [:]

    func store(_ submission: PolymarketOrderSubmission, for id: ClientOrderID) { submissions[id] = submission }
    func submission(for id: ClientOrderID) -> PolymarketOrderSubmission? { submissions[id] }
    func remove(_ id: ClientOrderID) { submissions[id] = nil }
}
