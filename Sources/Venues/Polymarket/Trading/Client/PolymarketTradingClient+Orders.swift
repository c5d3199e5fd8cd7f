import EdgewiseCore
import EdgewiseVenueKit
import Foundation

extension PolymarketTradingClient {
    // MARK: Placing orders

    /// Submits one signed order (`POST /order`).
    ///
    /// Never retried automatically, except after a 429 the venue answered before processing it.
    ///
    /// - Throws: ``PolymarketTradingError/rejected(endpoint:status:reason:message:)`` when the venue
    ///   refused it (nothing placed); ``PolymarketTradingError/orderVersionMismatch(endpoint:serverVersion:message:)``
    ///   when it must be re-signed for another exchange version;
    ///   ``PolymarketTradingError/orderMayExist(endpoint:orderHashes:cause:)`` when the request may
    ///   have been processed but no usable answer came back (timeout, lost connection, 5xx,
    ///   unreadable reply).
    public func postOrder(_ submission: PolymarketOrderSubmission) async throws(PolymarketTradingError) -> PolymarketOrderPlacement {
        let endpoint = "POST /order"
        let body = Data(try PolymarketOrderEnvelope.json(submission, owner: credentials.apiKey).utf8)
        let request = signedRequest(.post, "/order", body: body, idempotent: false, endpoint: endpoint)
        let response = try await submit(request, orderHashes: [submission.orderHash])
        let outcome = try await outcomes(from: response, submissions: [submission], endpoint: endpoint, batch: false)
        switch outcome[0] {
        case .placed(let placement): return placement
        case .failed(_, let error): throw error
        }
    }

    /// Submits up to ``PolymarketOrderEnvelope/maxBatchSize`` signed orders in one `POST /orders`.
    /// The venue answers each order on its own; the outcomes come back in the order of
    /// `submissions`.
    ///
    /// - Throws: ``PolymarketTradingError/batchTooLarge(count:limit:)`` above 15 orders (nothing is
    ///   sent), and the same errors as ``postOrder(_:)`` when the batch as a whole fails —
    ///   `orderMayExist` then names every order of the batch.
    public func postOrders(_ submissions: [PolymarketOrderSubmission]) async throws(PolymarketTradingError) -> [PolymarketBatchOrderOutcome] {
        let endpoint = "POST /orders"
        let body = Data(try PolymarketOrderEnvelope.batchJSON(submissions, owner: credentials.apiKey).utf8)
        let request = signedRequest(.post, "/orders", body: body, idempotent: false, endpoint: endpoint)
        let response = try await submit(request, orderHashes: submissions.map(\.orderHash))
        return try await outcomes(from: response, submissions: submissions, endpoint: endpoint, batch: true)
    }

    /// Reads a 2xx reply to an order submission. Anything unreadable in it means the orders may
    /// exist: the venue accepted the request, so only a lookup can tell.
    func outcomes(
        from response: VenueResponse, submissions: [PolymarketOrderSubmission], endpoint: String, batch: Bool
    ) async throws(PolymarketTradingError) -> [PolymarketBatchOrderOutcome] {
        let hashes = submissions.map(\.orderHash)
        // A refusal of the whole request can come with a 2xx status too.
        if let message = ClobErrorText.message(in: response.body).map(redact) {
            if ClobErrorText.isVersionMismatch(message) { throw await versionMismatch(endpoint: endpoint, message: message) }
            throw .rejected(
                endpoint: endpoint, status: response.status,
                reason: PolymarketRejectReason.classify(status: response.status, message: message), message: message)
        }
        let wires: [WirePlacement]
        do throws(VenueError) {
            wires = batch
                ? try WireField.decode([WirePlacement].self, from: response.body, endpoint: endpoint)
                : [try WireField.decode(WirePlacement.self, from: response.body, endpoint: endpoint)]
        } catch {
            throw .orderMayExist(endpoint: endpoint, orderHashes: hashes, cause: "unreadable reply: \(error)")
        }
        guard wires.count == submissions.count else {
            throw .orderMayExist(
                endpoint: endpoint, orderHashes: hashes,
                cause: "the reply has \(wires.count) results for \(submissions.count) orders")
        }
        var outcomes: [PolymarketBatchOrderOutcome] = []
        var mismatched = false
        for (index, (wire, submission)) in zip(wires, submissions).enumerated() {
            let field = WireField(endpoint: endpoint, prefix: batch ? "[\(index)]." : "")
            if let refusal = wire.refusal.map(redact) {
                if ClobErrorText.isVersionMismatch(refusal) {
                    mismatched = true
                    outcomes.append(.failed(
                        orderHash: submission.orderHash,
                        error: .orderVersionMismatch(endpoint: endpoint, serverVersion: nil, message: refusal)))
                } else {
                    let reason = PolymarketRejectReason.classify(status: response.status, message: refusal)
                    outcomes.append(.failed(
                        orderHash: submission.orderHash,
                        error: .rejected(endpoint: endpoint, status: response.status, reason: reason, message: refusal)))
                }
                continue
            }
            do throws(VenueError) {
                outcomes.append(.placed(try wire.placement(orderHash: submission.orderHash, field: field)))
            } catch {
                outcomes.append(.failed(
                    orderHash: submission.orderHash,
                    error: .orderMayExist(endpoint: endpoint, orderHashes: [submission.orderHash], cause: "unreadable reply: \(error)")))
            }
        }
        if mismatched {
            // Re-read once for the whole batch: the caller re-signs for the version the venue runs now.
            let version = try? await version()
            outcomes = outcomes.map { outcome in
                guard case .failed(let hash, .orderVersionMismatch(let endpoint, _, let message)) = outcome else { return outcome }
                return .failed(orderHash: hash, error: .orderVersionMismatch(endpoint: endpoint, serverVersion: version, message: message))
            }
        }
        return outcomes
    }

    // MARK: Cancelling orders

    /// Cancels one order (`DELETE /order`). Idempotent, so transient failures are retried.
    public func cancelOrder(_ orderID: String) async throws(PolymarketTradingError) -> PolymarketCancelResult {
        try await cancel("/order", body: Self.jsonObject([("orderID", orderID)]), endpoint: "DELETE /order")
    }

    /// Cancels several orders in one request (`DELETE /orders`).
    public func cancelOrders(_ orderIDs: [String]) async throws(PolymarketTradingError) -> PolymarketCancelResult {
        guard !orderIDs.isEmpty else { return PolymarketCancelResult() }
        return try await cancel("/orders", body: Self.jsonArray(orderIDs), endpoint: "DELETE /orders")
    }

    /// Cancels every open order of the account (`DELETE /cancel-all`).
    public func cancelAll() async throws(PolymarketTradingError) -> PolymarketCancelResult {
        try await cancel("/cancel-all", body: nil, endpoint: "DELETE /cancel-all")
    }

    /// Cancels the account's orders in one market, or for one outcome token of it
    /// (`DELETE /cancel-market-orders`). An absent filter is sent as an empty string, as the
    /// official clients do.
    public func cancelMarketOrders(market: MarketID?, tokenID: TokenID? = nil) async throws(PolymarketTradingError) -> PolymarketCancelResult {
        guard market != nil || tokenID != nil else {
            throw .invalidSubmission(detail: "cancelMarketOrders needs a market or a token; use cancelAll() to cancel everything")
        }
        let body = Self.jsonObject([("market", market?.rawValue ?? ""), ("asset_id", tokenID?.rawValue ?? "")])
        return try await cancel("/cancel-market-orders", body: body, endpoint: "DELETE /cancel-market-orders")
    }

    func cancel(_ path: String, body: Data?, endpoint: String) async throws(PolymarketTradingError) -> PolymarketCancelResult {
        let request = signedRequest(.delete, path, body: body, idempotent: true, endpoint: endpoint)
        let response = try await perform(request)
        do throws(VenueError) {
            return try WireField.decode(WireCancelResult.self, from: response.body, endpoint: endpoint).result
        } catch {
            throw .transport(error)
        }
    }
}
