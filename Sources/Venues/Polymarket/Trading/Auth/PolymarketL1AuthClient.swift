import EdgewiseCore
import EdgewiseEthereum
import EdgewiseVenueKit
import Foundation
import Logging

/// L1 (wallet-signed) endpoints: create or re-derive the L2 API credentials of a key.
///
/// Deriving is deterministic per nonce, so a user who keeps only the private key gets the same
/// credentials back every time and nothing else secret needs to be stored.
public struct PolymarketL1AuthClient: Sendable {
    public let transport: HTTPTransport
    public let chain: PolymarketChain
    let now: @Sendable () -> Timestamp

    public init(transport: HTTPTransport, chain: PolymarketChain, now: @escaping @Sendable () -> Timestamp = { Timestamp.now() }) {
        self.transport = transport
        self.chain = chain
        self.now = now
    }

    /// `GET /auth/derive-api-key`: the existing credentials for `nonce`.
    public func deriveAPIKey(key: EthereumPrivateKey, nonce: UInt64 = 0) async throws(VenueError) -> PolymarketAPICredentials {
        try await credentials(.get, "/auth/derive-api-key", key: key, nonce: nonce)
    }

    /// `POST /auth/api-key`: new credentials for `nonce` (fails if they already exist).
    public func createAPIKey(key: EthereumPrivateKey, nonce: UInt64 = 0) async throws(VenueError) -> PolymarketAPICredentials {
        try await credentials(.post, "/auth/api-key", key: key, nonce: nonce)
    }

    /// Derive, and create only when there is nothing to derive yet — what the official clients'
    /// `create_or_derive_api_creds` does, in the order that never mints a second key needlessly.
    public func createOrDeriveAPIKey(key: EthereumPrivateKey, nonce: UInt64 = 0) async throws(VenueError) -> PolymarketAPICredentials {
        do {
            return try await deriveAPIKey(key: key, nonce: nonce)
        } catch {
            guard case .client(_, let status, _) = error, status == 400 || status == 404 else { throw error }
            return try await createAPIKey(key: key, nonce: nonce)
        }
    }

    private func credentials(
        _ method: VenueRequest.Method, _ path: String, key: EthereumPrivateKey, nonce: UInt64
    ) async throws(VenueError) -> PolymarketAPICredentials {
        let timestamp = now().nanoseconds / 1_000_000_000
        let headers = ClobAuthMessage.headers(key: key, chain: chain, timestamp: timestamp, nonce: nonce)
        let endpoint = "\(method.rawValue) \(path)"
        let response = try await transport.send(
            VenueRequest(method, path, headers: headers, isIdempotent: method == .get, endpointName: endpoint))
        // Decoded by hand: a decoding error must never quote the body, which holds the secret.
        struct Wire: Decodable { var apiKey: String?; var secret: String?; var passphrase: String? }
        guard let wire = try? JSONDecoder().decode(Wire.self, from: response.body),
              let apiKey = wire.apiKey, let secret = wire.secret, let passphrase = wire.passphrase,
              !apiKey.isEmpty, !secret.isEmpty, !passphrase.isEmpty
        else {
            throw .decoding(endpoint: endpoint, field: "apiKey/secret/passphrase", detail: "the reply is not a complete credential set (body withheld: it may hold secrets)")
        }
        return PolymarketAPICredentials(apiKey: apiKey, secret: secret, passphrase: passphrase)
    }
}
