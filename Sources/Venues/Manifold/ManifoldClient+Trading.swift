import EdgewiseCore
import EdgewiseVenueKit
import Foundation

extension ManifoldClient {
    // MARK: Placing, cancelling, selling

    /// Places a market bet, or a limit order when the request has a limit probability
    /// (`POST /bet`). With `dryRun: true` the venue only simulates it: the answer is the bet it
    /// would place, with ``ManifoldBet/isDryRun`` set.
    ///
    /// Never retried automatically except after a 429.
    ///
    /// - Parameter outcomeType: the market's kind when the caller knows it, so that a missing or
    ///   misplaced `answerId` is refused here rather than by the venue.
    /// - Throws: ``ManifoldError/invalidRequest(detail:)`` or
    ///   ``ManifoldError/missingAPIKey(variable:)`` before sending anything;
    ///   ``ManifoldError/rejected(endpoint:status:message:)`` /
    ///   ``ManifoldError/unauthorized(endpoint:status:message:)`` when the venue refused it;
    ///   ``ManifoldError/betMayExist(endpoint:cause:)`` when it may have been placed.
    public func placeBet(_ request: ManifoldBetRequest, outcomeType: ManifoldOutcomeType? = nil) async throws(ManifoldError) -> ManifoldBet {
        let venueRequest = try betRequest(request, outcomeType: outcomeType)
        logger.debug("placing bet", metadata: ["contract": "\(request.contractId)", "dryRun": "\(request.dryRun ?? false)"])
        let response = try await submit(venueRequest)
        return try decodePlacement(response.body, endpoint: venueRequest.endpointName, dryRun: request.dryRun == true)
    }

    /// Cancels an open limit order (`POST /bet/cancel/{id}`) and returns it as cancelled.
    ///
    /// Retried on transient failures: cancelling twice changes nothing (the second attempt may be
    /// refused as already cancelled).
    public func cancelBet(id: String) async throws(ManifoldError) -> ManifoldBet {
        guard !id.isEmpty else { throw .invalidRequest(detail: "the bet id to cancel is empty") }
        let endpoint = "POST /bet/cancel/{id}"
        let request = VenueRequest(
            .post, "/bet/cancel/\(Self.segment(id))", headers: [try authorization()], isIdempotent: true, endpointName: endpoint)
        let response = try await perform(request)
        return try decode(ManifoldBet.self, response.body, endpoint: endpoint)
    }

    /// Sells shares back to the market (`POST /market/{id}/sell`); without `shares` the whole
    /// position. Never retried automatically except after a 429.
    ///
    /// - Parameter outcomeType: as for ``placeBet(_:outcomeType:)``: a multiple-choice market
    ///   needs the answer.
    public func sell(
        marketId: String, _ request: ManifoldSellRequest, outcomeType: ManifoldOutcomeType? = nil
    ) async throws(ManifoldError) -> ManifoldBet {
        let venueRequest = try sellRequest(marketId: marketId, request, outcomeType: outcomeType)
        logger.debug("selling shares", metadata: ["contract": "\(marketId)"])
        let response = try await submit(venueRequest)
        return try decodePlacement(response.body, endpoint: venueRequest.endpointName, dryRun: false)
    }

    // MARK: Rendering without sending

    /// The `POST /bet` that ``placeBet(_:outcomeType:)`` would send, validated, with the key
    /// redacted. Nothing is sent.
    public func preparedBet(_ request: ManifoldBetRequest, outcomeType: ManifoldOutcomeType? = nil) throws(ManifoldError) -> ManifoldPreparedRequest {
        render(try betRequest(request, outcomeType: outcomeType))
    }

    /// The `POST /market/{id}/sell` that ``sell(marketId:_:outcomeType:)`` would send.
    public func preparedSell(
        marketId: String, _ request: ManifoldSellRequest, outcomeType: ManifoldOutcomeType? = nil
    ) throws(ManifoldError) -> ManifoldPreparedRequest {
        render(try sellRequest(marketId: marketId, request, outcomeType: outcomeType))
    }

    // MARK: Building

    func betRequest(_ request: ManifoldBetRequest, outcomeType: ManifoldOutcomeType?) throws(ManifoldError) -> VenueRequest {
        try request.validate(outcomeType: outcomeType)
        return try post("/bet", body: request, endpoint: "POST /bet")
    }

    func sellRequest(marketId: String, _ request: ManifoldSellRequest, outcomeType: ManifoldOutcomeType?) throws(ManifoldError) -> VenueRequest {
        guard !marketId.isEmpty else { throw .invalidRequest(detail: "the market id to sell in is empty") }
        try request.validate(outcomeType: outcomeType)
        return try post("/market/\(Self.segment(marketId))/sell", body: request, endpoint: "POST /market/{id}/sell")
    }

    func post(_ path: String, body: some Encodable, endpoint: String) throws(ManifoldError) -> VenueRequest {
        let header = try authorization()
        var request: VenueRequest
        do {
            request = try VenueRequest.postJSON(path, body: body, isIdempotent: false, endpointName: endpoint)
        } catch {
            throw .invalidRequest(detail: "the body could not be encoded: \(error)")
        }
        request.headers.append(header)
        return request
    }

    func render(_ request: VenueRequest) -> ManifoldPreparedRequest {
        var base = transport.baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var headers: [String: String] = [:]
        for header in request.headers {
            headers[header.name] = header.name == ManifoldAPIKey.headerName ? "Key <redacted>" : header.value
        }
        return ManifoldPreparedRequest(
            method: request.method.rawValue, url: base + request.path, headers: headers,
            body: request.body.map { String(decoding: $0, as: UTF8.self) } ?? "")
    }

    /// The 2xx answer to a bet or a sale. An unreadable one means the bet may exist: the venue
    /// accepted the request, so only a lookup can tell (unless it was a dry run).
    func decodePlacement(_ body: Data, endpoint: String, dryRun: Bool) throws(ManifoldError) -> ManifoldBet {
        do {
            return try HTTPTransport.decode(ManifoldBet.self, from: body, endpoint: endpoint)
        } catch {
            if dryRun { throw .transport(error) }
            throw .betMayExist(endpoint: endpoint, cause: "unreadable reply: \(error)")
        }
    }
}
