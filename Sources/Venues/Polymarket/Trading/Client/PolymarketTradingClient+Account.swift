import EdgewiseCore
import EdgewiseVenueKit
import Foundation

extension PolymarketTradingClient {
    // MARK: Balance and allowance

    /// What the venue believes the funder holds and has approved for `asset`
    /// (`GET /balance-allowance`).
    ///
    /// - Parameter signatureType: how orders are signed — 0 EOA, 1 POLY_PROXY, 2 POLY_GNOSIS_SAFE,
    ///   3 POLY_1271; it selects whose balance (the EOA's or its proxy wallet's) is reported.
    public func balanceAllowance(_ asset: PolymarketAssetType, signatureType: Int) async throws(PolymarketTradingError) -> PolymarketBalanceAllowance {
        let endpoint = "GET /balance-allowance"
        let request = signedRequest(
            .get, "/balance-allowance", query: asset.queryItems + [("signature_type", String(signatureType))], idempotent: true,
            endpoint: endpoint)
        let response = try await perform(request)
        do throws(VenueError) {
            return try WireField.decode(WireBalanceAllowance.self, from: response.body, endpoint: endpoint).value(WireField(endpoint: endpoint))
        } catch {
            throw .transport(error)
        }
    }

    /// Makes the venue re-read the balance and allowances of `asset` from the chain
    /// (`GET /balance-allowance/update`), after a deposit or an approval.
    public func refreshBalanceAllowance(_ asset: PolymarketAssetType, signatureType: Int) async throws(PolymarketTradingError) {
        let request = signedRequest(
            .get, "/balance-allowance/update", query: asset.queryItems + [("signature_type", String(signatureType))], idempotent: true,
            endpoint: "GET /balance-allowance/update")
        _ = try await perform(request)
    }

    // MARK: Heartbeat

    /// Sends one heartbeat (`POST /v1/heartbeats`) and returns the id to send with the next one.
    ///
    /// Once heartbeats have started, the venue cancels all of the account's open orders when none
    /// arrives for about 10 seconds. ``PolymarketDeadMansSwitch`` sends them on a schedule.
    ///
    /// - Parameter previousID: the id the last heartbeat returned; nil for the first.
    /// - Throws: ``PolymarketTradingError/heartbeatRejected(endpoint:expectedID:message:)`` when
    ///   the venue refused the id (it usually names the one it expects).
    public func sendHeartbeat(previousID: String?) async throws(PolymarketTradingError) -> String {
        let endpoint = "POST /v1/heartbeats"
        let body = Self.jsonObject([("heartbeat_id", previousID ?? "")])
        // Not retried by the transport: a late retry would only delay the next scheduled beat.
        let request = signedRequest(.post, "/v1/heartbeats", body: body, idempotent: false, endpoint: endpoint)
        struct Reply: Decodable {
            var heartbeat_id: String?
            var error: ClobErrorText?
            var error_msg: ClobErrorText?
        }
        let response: VenueResponse
        do {
            response = try await transport.send(request, returningClientErrors: true)
        } catch {
            throw mapFailure(error)
        }
        let reply = try? JSONDecoder().decode(Reply.self, from: response.body)
        let refusalText = (reply?.error ?? reply?.error_msg).map { redact($0.text) }.flatMap { $0.isEmpty ? nil : $0 }
        guard (200..<300).contains(response.status) else {
            if let expected = reply?.heartbeat_id, !expected.isEmpty {
                throw .heartbeatRejected(endpoint: endpoint, expectedID: expected, message: refusalText ?? "HTTP \(response.status)")
            }
            throw refusal(status: response.status, body: response.body, endpoint: endpoint)
        }
        if let refusalText {
            throw .heartbeatRejected(endpoint: endpoint, expectedID: reply?.heartbeat_id, message: refusalText)
        }
        guard let reply else {
            throw .transport(.decoding(endpoint: endpoint, field: "<body>", detail: "not a JSON object"))
        }
        return reply.heartbeat_id ?? previousID ?? ""
    }

    // MARK: Version and time (public)

    /// The exchange version the CLOB runs (`GET /version`); 2 when the reply does not say, as the
    /// official V2 clients assume. Orders must be signed for this version.
    public func version() async throws(PolymarketTradingError) -> Int {
        let endpoint = "GET /version"
        struct Reply: Decodable { var version: LenientString? }
        let response: VenueResponse
        do {
            response = try await transport.send(VenueRequest(.get, "/version", endpointName: endpoint), returningClientErrors: true)
        } catch {
            throw mapFailure(error)
        }
        // A server from before the endpoint existed answers 404: that is the default version.
        if response.status == 404 { return 2 }
        guard (200..<300).contains(response.status) else { throw refusal(status: response.status, body: response.body, endpoint: endpoint) }
        do throws(VenueError) {
            guard let text = try WireField.decode(Reply.self, from: response.body, endpoint: endpoint).version?.value else { return 2 }
            guard let version = Int(text) else { throw VenueError.decoding(endpoint: endpoint, field: "version", detail: "'\(text)' is not an integer") }
            return version
        } catch {
            throw .transport(error)
        }
    }

    /// The venue's clock (`GET /time`, unix seconds), for correcting a skewed local clock: the
    /// venue rejects L2 signatures whose timestamp is too far from its own.
    public func serverTime() async throws(PolymarketTradingError) -> Timestamp {
        let endpoint = "GET /time"
        let response: VenueResponse
        do {
            response = try await transport.send(VenueRequest(.get, "/time", endpointName: endpoint))
        } catch {
            throw mapFailure(error)
        }
        let text = String(decoding: response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let seconds = Int64(text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))), seconds > 0 else {
            throw .transport(.decoding(endpoint: endpoint, field: "<body>", detail: "'\(text.prefix(40))' is not unix seconds"))
        }
        return Timestamp(seconds: seconds)
    }
}
