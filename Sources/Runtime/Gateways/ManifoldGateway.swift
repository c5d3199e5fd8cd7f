import EdgewiseCore
import EdgewiseExecution
import EdgewiseManifold

/// Manifold as the order manager sees it: every order is a limit bet.
///
/// Manifold bets are amounts of mana, not shares. A journal order to buy `size` shares at no more
/// than `limitPrice` becomes a limit bet of `limitPrice × size` mana, rounded **down** to the
/// millionth (never more than the order's notional, which is what the risk engine approved), at
/// the limit probability: the YES probability at which the bet stops filling, so a NO bet at
/// price p carries `1 − p`. At the limit that mana buys the order's shares; at a better price it
/// buys more — Manifold spends the mana, it does not stop at a share count. The journal cannot
/// hold more shares than the order's size, so fills are counted up to the size and the surplus
/// shares (with the mana they cost) are left to the position sync. Each fill is recorded at its
/// own price, the mana it cost over the shares it bought, rounded up: a recorded price is never
/// better than the one paid.
///
/// Manifold has no client order ids and no way to refuse a second copy of a bet, so an order is
/// never sent twice (`resendIsIdempotent` is false); one whose send went unanswered is searched
/// among the account's bets and is only reported when exactly one bet can be it.
public struct ManifoldGateway: VenueGateway {
    public var venue: VenueID { .manifold }
    public var resendIsIdempotent: Bool { false }

    public let client: ManifoldClient
    let account = ManifoldAccountCache()
    let now: @Sendable () -> Timestamp
    /// Bets created this long before the order's own creation time still count as candidates:
    /// the venue's clock is not ours, and missing the bet would close a live order as never sent.
    let clockSkewAllowance: Int64 = 120
    /// A filled bet whose shares fall this little short of the order's size (rounding to the
    /// millionth, per fill and on the mana) is the whole order.
    static let roundingTolerance = Size(units: 1_000)
    static let maxPages = 20

    public init(client: ManifoldClient, now: @escaping @Sendable () -> Timestamp = { .now() }) {
        self.client = client
        self.now = now
    }

    /// One Manifold order as the venue takes it.
    struct Bet: Hashable {
        var contractID: String
        var answerID: String?
        var outcome: ManifoldBinaryOutcome
        /// The YES probability the bet stops filling at.
        var limitProbability: Price
        var mana: Amount
    }

    // MARK: Prepare

    public func prepare(_ order: Order) async throws(GatewayError) -> Order {
        _ = try Self.bet(for: order)
        return order
    }

    /// The bet for an order, or why Manifold cannot take it as it is.
    static func bet(for order: Order) throws(GatewayError) -> Bet {
        let parts = order.instrument.token.rawValue.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard order.instrument.venue == .manifold, parts.count == 2 || parts.count == 3, !parts[0].isEmpty,
            let outcome = ManifoldBinaryOutcome(rawValue: parts[parts.count - 1].uppercased())
        else {
            throw GatewayError("\(order.instrument) is not a Manifold instrument (expected manifold:<contract>/YES or <contract>/<answer>/NO)")
        }
        guard order.side == .buy else {
            throw GatewayError(
                "Manifold sells go through the market maker at its price and cannot carry a limit; "
                    + "to exit at a limit, buy the other outcome with a limit order")
        }
        if order.postOnly {
            throw GatewayError("Manifold has no post-only orders: a limit bet that crosses fills at once; drop postOnly")
        }
        if case .fillOrKill = order.timeInForce {
            throw GatewayError("Manifold has no fill-or-kill bets; use fill-and-kill (the unfilled rest lapses at once)")
        }
        let tick = Manifold.limitProbabilityTick
        guard order.limitPrice >= tick, order.limitPrice <= tick.complement, order.limitPrice.isMultiple(of: tick) else {
            throw GatewayError("Manifold takes limit prices in whole percents from 0.01 to 0.99, not \(order.limitPrice)")
        }
        let mana = order.limitPrice.cost(of: order.size, .down)
        guard mana >= Manifold.minimumBetAmount else {
            throw GatewayError("\(order.size) shares at \(order.limitPrice) is \(mana) mana; Manifold's smallest bet is \(Manifold.minimumBetAmount)")
        }
        return Bet(
            contractID: parts[0], answerID: parts.count == 3 ? parts[1] : nil, outcome: outcome,
            limitProbability: outcome == .yes ? order.limitPrice : order.limitPrice.complement, mana: mana)
    }

    // MARK: Submit

    public func submit(_ order: Order) async -> GatewaySubmission {
        let bet: Bet
        do { bet = try Self.bet(for: order) } catch { return .rejected(reason: error.reason) }
        var request = ManifoldBetRequest(
            contractId: bet.contractID, amount: bet.mana, outcome: bet.outcome, limitProbability: bet.limitProbability,
            answerId: bet.answerID)
        switch order.timeInForce {
        case .goodTillCancelled, .fillOrKill: break
        case .goodTillDate(let time): request.expiresAt = time
        // The unfilled rest lapses a millisecond after the bet is placed.
        case .fillAndKill: request.expiresMillisAfter = 1
        }
        let placed: ManifoldBet
        do { placed = try await client.placeBet(request) } catch { return Self.submission(for: error) }
        let report = Self.report(placed, order: order, now: now())
        return .accepted(VenueOrderID(placed.id), fills: report.fills, ended: report.state == .open ? nil : report.state)
    }

    static func submission(for error: ManifoldError) -> GatewaySubmission {
        switch error {
        case .missingAPIKey, .invalidRequest, .unauthorized, .rejected:
            return .rejected(reason: error.description)
        case .transport(let cause) where !cause.mayHaveBeenProcessed:
            return .rejected(reason: "not sent to Manifold: \(error.description)")
        case .rateLimited:
            // Manifold does not promise a throttled bet was not placed; the lookup decides.
            return .unknown(reason: error.description)
        case .betMayExist, .venueUnavailable, .mapping, .transport:
            return .unknown(reason: error.description)
        }
    }

    // MARK: Cancel

    public func cancel(_ order: Order) async -> GatewayCancellation {
        var betID = order.venueOrderID?.rawValue
        if betID == nil {
            do { betID = try await lookup(order)?.venueOrderID?.rawValue } catch { return .unknown(reason: error.reason) }
        }
        guard let betID else { return .unknown(reason: "no Manifold bet is known to be order \(order.id), so there is nothing to cancel by id") }
        do {
            let bet = try await client.cancelBet(id: betID)
            if bet.isFilled == true { return .notOpen(reason: "Manifold bet \(betID) is already filled") }
            return .cancelled
        } catch {
            switch error {
            case .rejected:
                // Manifold refuses to cancel a filled or already cancelled bet; the lookup says which.
                return .notOpen(reason: error.description)
            default:
                return .unknown(reason: error.description)
            }
        }
    }

    // MARK: Lookup

    public func lookup(_ order: Order) async throws(GatewayError) -> VenueOrderReport? {
        let bet = try Self.bet(for: order)
        let userID: String
        do { userID = try await account.userID(client) } catch {
            throw GatewayError("could not ask Manifold which account the key belongs to: \(error.description)")
        }
        let cutoff = order.createdAt.milliseconds - clockSkewAllowance * 1_000
        var candidates: [ManifoldBet] = []
        var query = ManifoldBetQuery(userId: userID, contractId: bet.contractID, answerId: bet.answerID, limit: ManifoldBetQuery.maximumLimit)
        var complete = false
        do {
            for _ in 0..<Self.maxPages {
                let page = try await client.bets(query)
                for candidate in page where (candidate.createdTime ?? .max) >= cutoff {
                    if let known = order.venueOrderID {
                        if candidate.id == known.rawValue { candidates.append(candidate) }
                    } else if Self.matches(candidate, bet) {
                        candidates.append(candidate)
                    }
                }
                // Newest first: once a page reaches past the cutoff, nothing older can be this order.
                if page.count < ManifoldBetQuery.maximumLimit || page.contains(where: { ($0.createdTime ?? .max) < cutoff }) {
                    complete = true
                    break
                }
                if order.venueOrderID != nil, !candidates.isEmpty {
                    complete = true
                    break
                }
                query.before = page.last?.id
            }
        } catch {
            throw GatewayError("Manifold could not list the account's bets on \(bet.contractID): \(error.description)")
        }
        guard complete || !candidates.isEmpty else {
            throw GatewayError("the account has more than \(Self.maxPages) pages of bets on \(bet.contractID) since the order; look it up by hand")
        }
        switch candidates.count {
        case 0:
            if let known = order.venueOrderID {
                throw GatewayError("Manifold bet \(known) is not among the account's bets on \(bet.contractID); nothing can be concluded")
            }
            return nil
        case 1:
            return Self.report(candidates[0], order: order, now: now())
        default:
            throw GatewayError(
                "\(candidates.count) bets on \(bet.contractID) (\(candidates.map(\.id).joined(separator: ", "))) could each be order \(order.id); "
                    + "check them by hand — none is attributed")
        }
    }

    /// Whether a bet is what `bet` would have placed: same outcome, limit and mana, never a
    /// redemption or a simulation.
    static func matches(_ candidate: ManifoldBet, _ bet: Bet) -> Bool {
        guard !candidate.isDryRun, candidate.isRedemption != true, candidate.binaryOutcome == bet.outcome,
            candidate.answerId == bet.answerID,
            let limit = candidate.limitProb, let probability = try? ManifoldMoney.price(limit, .halfUp),
            let ordered = candidate.orderAmount, let mana = try? ManifoldMoney.amount(ordered, .halfUp)
        else { return false }
        return probability == bet.limitProbability && mana == bet.mana
    }

    /// The order as a bet shows it. Fill ids are the bet id and the fill's position: Manifold
    /// appends matches to a bet and never reorders them, so a later report names the same match
    /// the same way. A bet that reports mana spent without its list of matches cannot be broken
    /// into fills; it is reported open without them rather than guessed.
    static func report(_ bet: ManifoldBet, order: Order, now: Timestamp) -> VenueOrderReport {
        var fills: [Fill] = []
        var recorded = Size.zero
        for (index, match) in (bet.fills ?? []).enumerated() where match.isSale != true {
            guard let shares = match.shares, shares > 0, let amount = match.amount, amount > 0,
                let received = try? ManifoldMoney.size(shares, .down), let paid = try? ManifoldMoney.amount(amount, .up)
            else { continue }
            let size = Size.min(received, order.size - recorded)
            guard size > .zero else { break }
            recorded += size
            fills.append(Fill(
                id: FillID("\(bet.id)#\(index)"), clientOrderID: order.id, venueOrderID: VenueOrderID(bet.id),
                instrument: order.instrument, side: order.side, price: paid.perShare(received, .up), size: size,
                liquidity: match.isAgainstPool ? .taker : nil, time: match.timestamp.map(Timestamp.init(milliseconds:)) ?? now))
        }
        if bet.isFilled == true, let last = fills.indices.last, order.size - recorded <= roundingTolerance {
            // The venue says the bet is complete: the shortfall is rounding, not shares still to come.
            let shortfall = order.size - recorded
            fills[last].size += shortfall
            recorded += shortfall
        }
        let state: VenueOrderReport.State
        if bet.isCancelled == true {
            state = .cancelled
        } else if bet.isFilled == true && recorded == order.size {
            state = .filled
        } else if bet.fills == nil && (bet.amount ?? 0) > 0 {
            state = .open
        } else if let expiresAt = bet.expiresAt, Timestamp(milliseconds: expiresAt) <= now, bet.isFilled != true {
            state = .expired
        } else {
            state = .open
        }
        return VenueOrderReport(venueOrderID: VenueOrderID(bet.id), state: state, fills: fills)
    }
}

/// The account the API key belongs to, read once: bets are listed by user id.
actor ManifoldAccountCache {
    private var id: String?

    func userID(_ client: ManifoldClient) async throws(ManifoldError) -> String {
        if let id { return id }
        let user = try await client.me()
        id = user.id
        return user.id
    }
}
