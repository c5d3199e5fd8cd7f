import EdgewiseCore
import EdgewiseEthereum
import EdgewiseVenueKit
import Foundation

/// Turns order intents into signed CLOB V2 orders and sends them, with the checks a careful
/// trader makes first: the venue's tick and minimum size, the configured notional cap, the
/// balance, and — only then — the live switch.
///
/// A submission whose outcome is unknown (a timeout after the request left) is never simply sent
/// again: the trader looks for it among open orders and trades first, and only an order found
/// nowhere is re-sent, as the same signed order, which the venue refuses as a duplicate should
/// the first one surface after all.
public struct PolymarketTrader: Sendable {
    public let signer: PolymarketOrderSigner
    public let clob: ClobClient
    /// Nil when no API credentials are configured: dry runs still work, sending does not.
    public let trading: PolymarketTradingClient?
    public let credentials: PolymarketAPICredentials?
    public let clobURL: URL
    public let maxOrderNotional: Amount
    public let live: Bool
    let now: @Sendable () -> Timestamp
    let salt: @Sendable () -> UInt64
    /// How long to let the venue settle before looking for an uncertain submission.
    let resolveDelay: Duration

    public init(
        signer: PolymarketOrderSigner, clob: ClobClient, trading: PolymarketTradingClient?,
        credentials: PolymarketAPICredentials?, clobURL: URL, maxOrderNotional: Amount, live: Bool,
        now: @escaping @Sendable () -> Timestamp = { Timestamp.now() },
        salt: @escaping @Sendable () -> UInt64 = { PolymarketTrader.randomSalt() },
        resolveDelay: Duration = .seconds(2)
    ) {
        self.signer = signer
        self.clob = clob
        self.trading = trading
        self.credentials = credentials
        self.clobURL = clobURL
        self.maxOrderNotional = maxOrderNotional
        self.live = live
        self.now = now
        self.salt = salt
        self.resolveDelay = resolveDelay
    }

    /// Like the official clients, a random integer below the current time in milliseconds: unique
    /// enough with the signed millisecond timestamp, and exact as a JSON number everywhere.
    public static func randomSalt() -> UInt64 {
        let milliseconds = UInt64(max(Timestamp.now().nanoseconds / 1_000_000, 2))
        return UInt64.random(in: 1..<milliseconds)
    }

    // MARK: Prepare

    /// Validates, prices and signs an intent; sends nothing. Works offline when the intent carries
    /// its tick size (and neg-risk flag).
    public func prepare(_ intent: PolymarketOrderIntent) async throws(PolymarketTraderError) -> PolymarketPreparedOrder {
        try sign(try await price(intent))
    }

    /// The checks that come before a signature: order type rules, the market's tick and minimum
    /// size, the amounts, the notional cap.
    public func price(_ intent: PolymarketOrderIntent) async throws(PolymarketTraderError) -> PolymarketPricedOrder {
        let timestamp = now()
        try Self.checkOrderType(intent, now: timestamp)

        let tickSize: PolymarketTickSize
        let negRisk: Bool
        let minimumSize: Size?
        if let given = intent.tickSize {
            tickSize = given
            negRisk = intent.negRisk ?? false
            minimumSize = nil
        } else {
            let book: PolymarketBook
            do { book = try await clob.book(intent.tokenID) } catch {
                throw .marketLookup(error.description)
            }
            guard let tick = book.tickSize else { throw .marketLookup("the book of \(intent.tokenID) has no tick_size") }
            do { tickSize = try PolymarketTickSize(tick) } catch { throw .rejectedBeforeSigning(error) }
            negRisk = intent.negRisk ?? book.isNegRisk ?? false
            minimumSize = book.minimumOrderSize
        }
        let rules = PolymarketMarketRules(minimumTickSize: tickSize, minimumOrderSize: minimumSize ?? .zero)

        let amounts: PolymarketOrderAmounts
        do {
            switch intent.quantity {
            case .shares(let size): amounts = try rules.limitOrder(side: intent.side, price: intent.price, size: size)
            case .spend(let budget): amounts = try rules.marketOrder(.buy(spending: budget), price: intent.price)
            }
        } catch {
            throw .rejectedBeforeSigning(error)
        }
        let limit = maxOrderNotional
        guard amounts.notional <= limit else { throw .notionalAboveLimit(notional: amounts.notional, limit: limit) }
        return PolymarketPricedOrder(
            intent: intent, amounts: amounts, tickSize: tickSize, negRisk: negRisk, minimumOrderSize: minimumSize,
            createdAt: timestamp)
    }

    public func sign(_ priced: PolymarketPricedOrder) throws(PolymarketTraderError) -> PolymarketPreparedOrder {
        let intent = priced.intent
        let order: PolymarketOrderV2
        do {
            order = try signer.order(
                tokenID: intent.tokenID, side: intent.side, makerAmount: priced.amounts.makerAmount,
                takerAmount: priced.amounts.takerAmount,
                timestampMilliseconds: UInt64(priced.createdAt.nanoseconds / 1_000_000), salt: salt(),
                expiration: UInt64(intent.expiration ?? 0), builder: intent.builder)
        } catch {
            throw .signing(error)
        }
        let signed = signer.sign(order, negRisk: priced.negRisk)
        let submission = PolymarketOrderSubmission(
            orderHash: signed.orderHash.hex, tokenID: intent.tokenID, orderJSON: signed.json, orderType: intent.orderType,
            postOnly: intent.postOnly, deferExec: intent.deferExec)
        let request = try preview(submission, at: priced.createdAt)
        return PolymarketPreparedOrder(priced: priced, signed: signed, submission: submission, request: request)
    }

    static func checkOrderType(_ intent: PolymarketOrderIntent, now: Timestamp) throws(PolymarketTraderError) {
        if intent.postOnly && !intent.orderType.allowsPostOnly {
            throw .invalidIntent("post-only orders must rest on the book: use --type gtc or gtd, not \(intent.orderType.rawValue)")
        }
        switch (intent.orderType, intent.expiration) {
        case (.gtd, nil):
            throw .invalidIntent("a GTD order needs --expires <unix seconds> (at least 60 s plus the intended lifetime from now)")
        case (.gtd, let expiration?):
            do { _ = try PolymarketGTDExpiration(unixSeconds: expiration, now: now) } catch { throw .rejectedBeforeSigning(error) }
        case (_, .some):
            throw .invalidIntent("--expires applies to GTD orders only; use --type gtd")
        default:
            break
        }
        if case .spend = intent.quantity {
            guard intent.side == .buy, intent.orderType == .fok || intent.orderType == .fak else {
                throw .invalidIntent("a USDC amount is for market BUY orders (FOK or FAK); give a size in shares otherwise")
            }
        }
    }

    /// The POST /order request with L2 headers computed over the exact body; the passphrase is
    /// redacted. Without credentials, the owner and the L2 headers are marked as not yet known.
    func preview(_ submission: PolymarketOrderSubmission, at timestamp: Timestamp) throws(PolymarketTraderError) -> PolymarketRequestPreview {
        let path = "/order"
        let url = clobURL.appendingPathComponent("order")
        let owner = credentials?.apiKey ?? "<api key: derived from the private key at send time>"
        let body: String
        do { body = try PolymarketOrderEnvelope.json(submission, owner: owner) } catch { throw .venue(error) }
        guard let credentials else {
            return PolymarketRequestPreview(
                method: "POST", url: url,
                headers: [
                    ("POLY_ADDRESS", signer.key.address.checksummed), ("POLY_SIGNATURE", "<computed at send time>"),
                    ("POLY_TIMESTAMP", "<computed at send time>"), ("POLY_API_KEY", "<derived at send time>"),
                    ("POLY_PASSPHRASE", PolymarketRequestPreview.redacted), ("Content-Type", "application/json"),
                ],
                body: body)
        }
        let l2Signer: PolymarketL2Signer
        do { l2Signer = try PolymarketL2Signer(secret: credentials.secret, apiKey: credentials.apiKey) } catch {
            throw .invalidIntent("\(error)")
        }
        let headers = PolymarketL2Headers(
            signer: l2Signer, credentials: credentials, address: signer.key.address.checksummed,
            timestamp: timestamp.nanoseconds / 1_000_000_000, method: "POST", requestPath: path, body: Data(body.utf8))
        let fields = headers.fields.map { field in
            field.name == PolymarketL2Headers.passphraseName ? (name: field.name, value: PolymarketRequestPreview.redacted) : field
        }
        return PolymarketRequestPreview(method: "POST", url: url, headers: fields + [("Content-Type", "application/json")], body: body)
    }

    // MARK: Send

    /// What became of a sent order.
    public enum Outcome: Sendable {
        case placed(PolymarketOrderPlacement)
        /// The submission timed out, and the order was then found resting on the book.
        case foundOpenAfterUncertainSubmission(PolymarketOpenOrder)
        /// The submission timed out, and the order was then found in trades.
        case foundTradedAfterUncertainSubmission([PolymarketTrade])
    }

    /// Prices the intent, checks the balance, signs, lets the caller journal the signed order
    /// durably, and sends it — only in live mode.
    ///
    /// - Parameter beforeSending: called with the signed order before any request leaves; if it
    ///   throws (the journal could not be written), nothing is sent.
    public func place(
        _ intent: PolymarketOrderIntent,
        beforeSending: (PolymarketPreparedOrder) throws -> Void = { _ in }
    ) async throws(PolymarketTraderError) -> (order: PolymarketPreparedOrder, outcome: Outcome) {
        guard live else { throw .notLive }
        guard let trading else { throw .missingCredentials }
        let priced = try await price(intent)
        try await checkBalance(priced, trading: trading)
        let prepared = try sign(priced)
        do { try beforeSending(prepared) } catch { throw .journal("\(error)") }
        let submittedAt = now()
        do {
            return (prepared, .placed(try await trading.postOrder(prepared.submission)))
        } catch {
            guard case .orderMayExist(_, _, let cause) = error else { throw .venue(error) }
            return (prepared, try await resolve(prepared, trading: trading, submittedAt: submittedAt, cause: cause))
        }
    }

    func resolve(
        _ prepared: PolymarketPreparedOrder, trading: PolymarketTradingClient, submittedAt: Timestamp, cause: String
    ) async throws(PolymarketTraderError) -> Outcome {
        let hash = prepared.submission.orderHash
        let since = Timestamp(nanoseconds: submittedAt.nanoseconds - 120 * 1_000_000_000)
        // Twice, a settle delay apart: a request still in flight at the venue is not visible at once.
        for _ in 0..<2 {
            try? await Task.sleep(for: resolveDelay)
            let resolution: PolymarketSubmissionResolution
            do {
                resolution = try await trading.resolveUncertainSubmission(orderHash: hash, tokenID: prepared.intent.tokenID, since: since)
            } catch {
                throw .unresolved(orderHash: hash, cause: "\(cause); the look-up failed too: \(error)")
            }
            switch resolution {
            case .foundOpen(let order): return .foundOpenAfterUncertainSubmission(order)
            case .foundFilled(let trades): return .foundTradedAfterUncertainSubmission(trades)
            case .notFound: continue
            }
        }
        do {
            return .placed(try await trading.postOrder(prepared.submission))
        } catch {
            throw .unresolved(orderHash: hash, cause: "\(cause); re-sending after finding nothing failed: \(error)")
        }
    }

    /// The funder must hold what the order could spend: collateral for a BUY, the shares for a SELL.
    func checkBalance(_ priced: PolymarketPricedOrder, trading: PolymarketTradingClient) async throws(PolymarketTraderError) {
        let requirement = priced.amounts.requiredBalance()
        let asset: PolymarketAssetType = priced.intent.side == .buy ? .collateral : .conditional(priced.intent.tokenID)
        let balance: PolymarketBalanceAllowance
        do {
            balance = try await trading.balanceAllowance(asset, signatureType: Int(signer.signatureType.rawValue))
        } catch {
            throw .venue(error)
        }
        do {
            try requirement.check(collateral: balance.balance, shares: balance.shares)
        } catch {
            throw .rejectedBeforeSigning(error)
        }
    }
}
