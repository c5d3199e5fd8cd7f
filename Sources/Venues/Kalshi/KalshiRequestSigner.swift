import Crypto
import Foundation
import _CryptoExtras

/// Signs Kalshi requests: RSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt over
/// `timestamp_ms + METHOD + path`, the path including `/trade-api/v2` and excluding the query.
///
/// PSS is randomised, so signing the same message twice gives two different signatures, both
/// valid. The private key never leaves this value: `description`, `debugDescription` and the
/// mirror show the key id only, so printing or dumping a signer cannot leak it.
public struct KalshiRequestSigner: Sendable {
    /// The API key id sent as `KALSHI-ACCESS-KEY`.
    public let keyID: String
    private let privateKey: _RSA.Signing.PrivateKey

    /// A signer from the PEM text of the key (PKCS#1 `BEGIN RSA PRIVATE KEY` or PKCS#8
    /// `BEGIN PRIVATE KEY`), as Kalshi lets you download it.
    public init(keyID: String, privateKeyPEM: String) throws(KalshiKeyError) {
        let trimmedID = keyID.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmedID.isEmpty else { throw .emptyKeyID }
        self.keyID = trimmedID
        self.privateKey = try KalshiPrivateKey.parse(pem: privateKeyPEM)
    }

    /// The RSA modulus size, for diagnostics that must not reveal the key itself.
    public var keySizeInBits: Int { privateKey.keySizeInBits }

    /// The public half in SPKI PEM, to compare with what Kalshi shows for the key id.
    public var publicKeyPEM: String { privateKey.publicKey.pemRepresentation }

    /// The exact string that gets signed: `timestamp + METHOD + path`, where `path` is the
    /// request path as sent (it must include `/trade-api/v2`; anything from `?` or `#` on is
    /// dropped because the venue signs the path without the query).
    public static func message(timestampMilliseconds: Int64, method: String, path: String) -> String {
        String(timestampMilliseconds) + method.uppercased() + signedPath(path)
    }

    /// `path` without its query string or fragment.
    public static func signedPath(_ path: String) -> String {
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { return String(path[..<cut]) }
        return path
    }

    /// A fresh base64 signature of `message`.
    public func signature(of message: String) throws(KalshiKeyError) -> String {
        do {
            // `.PSS` uses MGF1 with the digest's hash and a salt as long as the digest: 32 bytes
            // for SHA-256, which is what Kalshi verifies with.
            let signature = try privateKey.signature(for: SHA256.hash(data: Data(message.utf8)), padding: .PSS)
            return signature.rawRepresentation.base64EncodedString()
        } catch {
            throw .signingFailed
        }
    }

    /// Headers for a REST request to `path` (which includes `/trade-api/v2`; a query is ignored).
    public func headers(
        method: String, path: String, timestampMilliseconds: Int64 = KalshiRequestSigner.nowMilliseconds()
    ) throws(KalshiKeyError) -> KalshiAuthHeaders {
        let message = Self.message(timestampMilliseconds: timestampMilliseconds, method: method, path: path)
        return KalshiAuthHeaders(
            keyID: keyID, signature: try signature(of: message), timestampMilliseconds: timestampMilliseconds)
    }

    /// Headers for a REST request to `url`, signing its path exactly as it goes on the wire
    /// (percent-encoded), since that is what the venue sees and checks.
    public func headers(
        method: String, url: URL, timestampMilliseconds: Int64 = KalshiRequestSigner.nowMilliseconds()
    ) throws(KalshiKeyError) -> KalshiAuthHeaders {
        let path = URLComponents(url: url, resolvingAgainstBaseURL: true)?.percentEncodedPath ?? url.path
        return try headers(method: method, path: path, timestampMilliseconds: timestampMilliseconds)
    }

    /// Headers for the WebSocket upgrade request: `ts + "GET" + "/trade-api/ws/v2"`. The signed
    /// path is the protocol's, not the connected URL's, so a loopback or proxy URL still works.
    public func webSocketHeaders(
        timestampMilliseconds: Int64 = KalshiRequestSigner.nowMilliseconds()
    ) throws(KalshiKeyError) -> KalshiAuthHeaders {
        try headers(method: "GET", path: Kalshi.webSocketPath, timestampMilliseconds: timestampMilliseconds)
    }

    /// The current time in milliseconds since the Unix epoch, the unit Kalshi expects.
    public static func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}

// Printing, debugging or dumping a signer shows the key id and nothing of the key.
extension KalshiRequestSigner: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "KalshiRequestSigner(keyID: \(keyID))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["keyID": keyID], displayStyle: .struct) }
}
