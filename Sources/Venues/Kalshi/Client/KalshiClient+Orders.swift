import EdgewiseCore
import EdgewiseVenueKit
import Foundation

extension KalshiClient {
    /// The most orders one batched create or cancel may carry ("at the moment of writing, the
    /// limit is 20 orders per batch", OpenAPI 3.13.0, BatchCreateOrders/BatchCancelOrders).
    public static let maxBatchSize = 20

    // MARK: Dry run

    /// The exact request ``place(_:rules:)`` would send for `intent`, after the same checks, with
    /// the signature left out. Works without credentials (then no auth headers are shown).
    public func prepareOrder(_ intent: KalshiOrderIntent, rules: KalshiOrderRules) throws(KalshiError) -> KalshiPreparedRequest {
        let body: KalshiCreateOrderBody
        do throws(KalshiOrderValidationError) { body = try intent.validated(against: rules) } catch { throw .invalidOrder(error) }
        return prepared(.post, "/portfolio/orders", body: body.encoded())
    }

    func prepared(_ method: VenueRequest.Method, _ route: String, body: Data) -> KalshiPreparedRequest {
        var headers: [(name: String, value: String)] = []
        if let signer {
            headers = [
                (KalshiAuthHeaders.keyHeader, signer.keyID),
                (KalshiAuthHeaders.signatureHeader, KalshiPreparedRequest.redactedSignature),
                (KalshiAuthHeaders.timestampHeader, String(now().milliseconds)),
            ]
        }
        headers.append(("Content-Type", "application/json"))
        var base = transport.baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return KalshiPreparedRequest(
            method: method.rawValue, url: base + routePrefix + route, signedPath: signedPath(for: route), headers: headers, body: body)
    }

    // MARK: Placing

    /// Reads the market's rules, then ``place(_:rules:)``.
    public func place(_ intent: KalshiOrderIntent) async throws(KalshiError) -> KalshiPlacement {
        let rules: KalshiOrderRules
        do { rules = try KalshiOrderRules(market: try await market(intent.ticker)) } catch let error as KalshiOrderValidationError {
            throw .invalidOrder(error)
        } catch let error as KalshiError {
            throw error
        } catch {
            throw .transport(.invalidRequest(endpoint: "GET /markets/\(intent.ticker)", detail: "\(error)"))
        }
        return try await place(intent, rules: rules)
    }

    /// Places one order, checked against `rules` first (a refused order sends nothing).
    ///
    /// Order creation is not idempotent at the HTTP level, so it is never retried blindly. When
    /// the submission fails in a way that may have reached the venue (a timeout, a dropped
    /// connection, a 5xx), the order is looked up by its client order id; only when the lookup
    /// says it does not exist is the same body sent again, and at most `resends` times. Because
    /// the resend carries the same client order id, the venue refuses it as a duplicate if the
    /// first one did get through after all, and that refusal (409) is itself resolved by lookup.
    /// What cannot be settled this way is thrown as ``KalshiError/orderMayExist(endpoint:clientOrderIDs:cause:)``.
    public func place(_ intent: KalshiOrderIntent, rules: KalshiOrderRules, resends: Int = 1) async throws(KalshiError) -> KalshiPlacement {
        let body: KalshiCreateOrderBody
        do throws(KalshiOrderValidationError) { body = try intent.validated(against: rules) } catch { throw .invalidOrder(error) }
        let id = body.client_order_id
        let data = body.encoded()
        var earlierCause: String?
        var sent = 0
        while true {
            // Signed afresh for every send: the timestamp must be current.
            let request = try self.request(.post, "/portfolio/orders", body: data, idempotent: false, authenticated: true)
            let endpoint = request.endpointName
            sent += 1
            let response: VenueResponse
            do throws(VenueError) {
                response = try await transport.send(request, returningClientErrors: true)
            } catch {
                guard error.mayHaveBeenProcessed else { throw Self.mapFailure(error) }
                let cause = Self.cause(of: error)
                if let order = try await lookUp(clientOrderID: id, ticker: intent.ticker, endpoint: endpoint, cause: cause) {
                    return KalshiPlacement(order: order, clientOrderID: id, resolution: .foundAfterAmbiguousFailure(cause: cause))
                }
                guard sent <= resends else { throw .orderMayExist(endpoint: endpoint, clientOrderIDs: [id], cause: cause + "; not found by client order id") }
                earlierCause = cause
                continue
            }
            if (200..<300).contains(response.status) {
                struct Reply: Decodable { var order: KalshiOrder }
                let order: KalshiOrder
                do throws(KalshiError) {
                    order = try Self.decode(Reply.self, from: response.body, endpoint: endpoint).order
                } catch {
                    // The venue accepted something; an unreadable reply does not make it absent.
                    throw .orderMayExist(endpoint: endpoint, clientOrderIDs: [id], cause: "unreadable reply to an accepted order: \(error)")
                }
                return KalshiPlacement(
                    order: order, clientOrderID: id, resolution: earlierCause.map { .createdOnResend(cause: $0) } ?? .created)
            }
            let refusal = Self.refusal(status: response.status, body: response.body, endpoint: endpoint)
            if Self.isDuplicateClientOrderID(refusal) {
                let message = Self.message(response.body, fallback: "HTTP \(response.status)")
                guard let order = try await lookUp(clientOrderID: id, ticker: intent.ticker, endpoint: endpoint, cause: message) else {
                    throw .orderMayExist(
                        endpoint: endpoint, clientOrderIDs: [id],
                        cause: "Kalshi reports the client order id in use (\(message)) but no order with it was found")
                }
                return KalshiPlacement(order: order, clientOrderID: id, resolution: .foundAfterDuplicate(message: message))
            }
            throw refusal
        }
    }

    /// ``findOrder(clientOrderID:ticker:maxPages:)`` for the placement path: a failed lookup
    /// leaves the order's fate open, which is ``KalshiError/orderMayExist(endpoint:clientOrderIDs:cause:)``.
    private func lookUp(clientOrderID: String, ticker: String, endpoint: String, cause: String) async throws(KalshiError) -> KalshiOrder? {
        do {
            return try await findOrder(clientOrderID: clientOrderID, ticker: ticker)
        } catch {
            throw .orderMayExist(endpoint: endpoint, clientOrderIDs: [clientOrderID], cause: "\(cause); looking it up failed too: \(error)")
        }
    }

    static func isDuplicateClientOrderID(_ error: KalshiError) -> Bool {
        switch error {
        case .conflict: return true
        case .rejected(_, _, let code, let message):
            let text = ((code ?? "") + " " + message).lowercased()
            return text.contains("duplicate") || text.contains("already exists")
        default: return false
        }
    }

    static func cause(of error: VenueError) -> String {
        if case .server(_, let status, let body) = error {
            let message = Self.message(Data(body.utf8), fallback: body)
            return "HTTP \(status)\(message.isEmpty ? "" : ": \(message)")"
        }
        return error.description
    }

    // MARK: Batches

    /// `POST /portfolio/orders/batched`: up to ``maxBatchSize`` orders, all checked first (one
    /// refusal sends nothing). Each order's outcome comes back separately. An ambiguous failure
    /// is not resolved here: it is thrown as ``KalshiError/orderMayExist(endpoint:clientOrderIDs:cause:)``
    /// with every client order id, for the caller to look up one by one.
    public func placeBatch(_ intents: [(KalshiOrderIntent, KalshiOrderRules)]) async throws(KalshiError) -> [KalshiBatchOrderOutcome] {
        guard intents.count <= Self.maxBatchSize else { throw .batchTooLarge(count: intents.count, limit: Self.maxBatchSize) }
        var bodies: [KalshiCreateOrderBody] = []
        for (intent, rules) in intents {
            do throws(KalshiOrderValidationError) { bodies.append(try intent.validated(against: rules)) } catch { throw .invalidOrder(error) }
        }
        struct Body: Encodable { var orders: [KalshiCreateOrderBody] }
        let request = try self.request(.post, "/portfolio/orders/batched", body: KalshiJSON.encode(Body(orders: bodies)), idempotent: false, authenticated: true)
        let ids = bodies.map(\.client_order_id)
        let response: VenueResponse
        do throws(VenueError) {
            response = try await transport.send(request, returningClientErrors: true)
        } catch {
            guard error.mayHaveBeenProcessed else { throw Self.mapFailure(error) }
            throw .orderMayExist(endpoint: request.endpointName, clientOrderIDs: ids, cause: Self.cause(of: error))
        }
        guard (200..<300).contains(response.status) else {
            throw Self.refusal(status: response.status, body: response.body, endpoint: request.endpointName)
        }
        struct Item: Decodable {
            var client_order_id: String?
            var order: KalshiOrder?
            var error: KalshiErrorBody?
        }
        struct Reply: Decodable { var orders: [Item] }
        do throws(KalshiError) {
            return try Self.decode(Reply.self, from: response.body, endpoint: request.endpointName).orders.map {
                KalshiBatchOrderOutcome(clientOrderID: $0.client_order_id ?? $0.order?.clientOrderID, order: $0.order, error: $0.error)
            }
        } catch {
            throw .orderMayExist(endpoint: request.endpointName, clientOrderIDs: ids, cause: "unreadable reply to an accepted batch: \(error)")
        }
    }

    /// `DELETE /portfolio/orders/batched`: cancels up to ``maxBatchSize`` orders. Cancelling is
    /// harmless to repeat, so it is retried on transient failures.
    public func cancelBatch(orderIDs: [String]) async throws(KalshiError) -> [KalshiBatchCancelOutcome] {
        guard orderIDs.count <= Self.maxBatchSize else { throw .batchTooLarge(count: orderIDs.count, limit: Self.maxBatchSize) }
        struct Entry: Encodable { var order_id: String }
        struct Body: Encodable { var orders: [Entry] }
        struct Item: Decodable {
            var order_id: String
            var order: KalshiOrder?
            var reduced_by_fp: Size?
            var error: KalshiErrorBody?
        }
        struct Reply: Decodable { var orders: [Item] }
        let body = KalshiJSON.encode(Body(orders: orderIDs.map(Entry.init(order_id:))))
        let reply = try await get(Reply.self, request(.delete, "/portfolio/orders/batched", body: body, idempotent: true, authenticated: true))
        return reply.orders.map { KalshiBatchCancelOutcome(orderID: $0.order_id, order: $0.order, reducedBy: $0.reduced_by_fp, error: $0.error) }
    }

    // MARK: Changing orders

    /// `DELETE /portfolio/orders/{id}`: removes the resting remainder. Repeating a cancel is
    /// harmless, so it is retried on transient failures (a repeat after success reports 404).
    public func cancel(orderID: String) async throws(KalshiError) -> KalshiCancellation {
        struct Reply: Decodable {
            var order: KalshiOrder
            var reduced_by_fp: Size?
        }
        let reply = try await get(Reply.self, request(.delete, "/portfolio/orders/\(Self.segment(orderID))", idempotent: true, authenticated: true))
        return KalshiCancellation(order: reply.order, reducedBy: reply.reduced_by_fp)
    }

    /// `POST /portfolio/orders/{id}/amend`, checked against `rules` first. Returns the order
    /// before and after.
    public func amend(_ amendment: KalshiAmendment, rules: KalshiOrderRules) async throws(KalshiError) -> (old: KalshiOrder, new: KalshiOrder) {
        do throws(KalshiOrderValidationError) {
            guard amendment.ticker == rules.ticker else { throw KalshiOrderValidationError.tickerMismatch(order: amendment.ticker, rules: rules.ticker) }
            if case .unknown(let text) = amendment.action { throw KalshiOrderValidationError.unknownAction(text) }
            try rules.check(price: amendment.price)
            try rules.check(count: amendment.count)
        } catch {
            throw .invalidOrder(error)
        }
        struct Body: Encodable {
            var ticker: String
            var side: String
            var action: String
            var count_fp: String
            var yes_price_dollars: String?
            var no_price_dollars: String?
            var updated_client_order_id: String?
        }
        let price = KalshiWireDecimal.dollars(amendment.price)
        let body = Body(
            ticker: amendment.ticker, side: amendment.side.rawValue, action: amendment.action.wire,
            count_fp: KalshiWireDecimal.count(amendment.count), yes_price_dollars: amendment.side == .yes ? price : nil,
            no_price_dollars: amendment.side == .no ? price : nil, updated_client_order_id: amendment.updatedClientOrderID)
        struct Reply: Decodable {
            var old_order: KalshiOrder
            var order: KalshiOrder
        }
        let request = try self.request(
            .post, "/portfolio/orders/\(Self.segment(amendment.orderID))/amend", body: KalshiJSON.encode(body), idempotent: false,
            authenticated: true)
        let reply = try await change(Reply.self, request)
        return (reply.old_order, reply.order)
    }

    /// `POST /portfolio/orders/{id}/decrease`.
    public func decrease(orderID: String, _ decrease: KalshiDecrease) async throws(KalshiError) -> KalshiOrder {
        struct Body: Encodable {
            var reduce_by_fp: String?
            var reduce_to_fp: String?
        }
        let body: Body
        let idempotent: Bool
        switch decrease {
        case .by(let count):
            guard count.units > 0, count.decimalPlaces <= 2 else { throw .invalidOrder(count.units > 0 ? .countTooPrecise(count: count) : .countNotPositive(count: count)) }
            body = Body(reduce_by_fp: KalshiWireDecimal.count(count))
            idempotent = false
        case .to(let count):
            guard count.decimalPlaces <= 2 else { throw .invalidOrder(.countTooPrecise(count: count)) }
            body = Body(reduce_to_fp: KalshiWireDecimal.count(count))
            idempotent = true
        }
        struct Reply: Decodable { var order: KalshiOrder }
        let request = try self.request(
            .post, "/portfolio/orders/\(Self.segment(orderID))/decrease", body: KalshiJSON.encode(body), idempotent: idempotent,
            authenticated: true)
        return try await change(Reply.self, request).order
    }

    /// Sends a change to an existing order; a failure that may have been applied becomes
    /// ``KalshiError/outcomeUnknown(endpoint:cause:)`` unless the request is safe to repeat.
    private func change<T: Decodable>(_ type: T.Type, _ request: VenueRequest) async throws(KalshiError) -> T {
        let response: VenueResponse
        do throws(VenueError) {
            response = try await transport.send(request, returningClientErrors: true)
        } catch {
            if !request.isIdempotent, error.mayHaveBeenProcessed {
                throw .outcomeUnknown(endpoint: request.endpointName, cause: Self.cause(of: error))
            }
            throw Self.mapFailure(error)
        }
        guard (200..<300).contains(response.status) else {
            throw Self.refusal(status: response.status, body: response.body, endpoint: request.endpointName)
        }
        return try Self.decode(type, from: response.body, endpoint: request.endpointName)
    }
}
