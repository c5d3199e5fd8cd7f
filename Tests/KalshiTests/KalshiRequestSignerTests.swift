import Crypto
import EdgewiseKalshi
import EdgewiseTestSupport
import Foundation
import Testing
import _CryptoExtras

@Suite("Kalshi request signing against kalshi-signing-vectors.json", .requiresSharedFixtures)
struct KalshiRequestSignerTests {
    let vectors: SigningVectors
    let publicKey: _RSA.Signing.PublicKey

    init() throws {
        vectors = try SigningVectors.load()
        publicKey = try _RSA.Signing.PublicKey(pemRepresentation: vectors.publicKeyPEM)
    }

    /// PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt (swift-crypto's `.PSS` salt = digest length).
    func verifies(_ base64: String, _ message: String) -> Bool {
        guard let raw = Data(base64Encoded: base64) else { return false }
        return publicKey.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: raw), for: SHA256.hash(data: Data(message.utf8)), padding: .PSS)
    }

    @Test func messagesMatchTheVectorsExactly() {
        for vector in vectors.cases {
            #expect(KalshiRequestSigner.signedPath(vector.requestURLPath) == vector.signedPath)
            let message = KalshiRequestSigner.message(
                timestampMilliseconds: vector.timestampMilliseconds, method: vector.method, path: vector.requestURLPath)
            #expect(message == vector.messageToSign)
            // The method is case-insensitive on our side but always signed upper-case.
            #expect(
                KalshiRequestSigner.message(
                    timestampMilliseconds: vector.timestampMilliseconds, method: vector.method.lowercased(),
                    path: vector.requestURLPath) == vector.messageToSign)
        }
    }

    @Test func exampleSignaturesVerifyWithPSS() {
        for vector in vectors.cases {
            #expect(verifies(vector.exampleSignatureBase64, vector.messageToSign), "\(vector.messageToSign)")
            #expect(vector.headers["KALSHI-ACCESS-SIGNATURE"] == vector.exampleSignatureBase64)
        }
    }

    @Test(arguments: ["pkcs1", "pkcs8"])
    func ownSignaturesVerifyAndAreRandomised(format: String) throws {
        let pem = format == "pkcs1" ? vectors.privateKeyPKCS1 : vectors.privateKeyPKCS8
        let signer = try KalshiRequestSigner(keyID: vectors.keyID, privateKeyPEM: pem)
        #expect(signer.keySizeInBits == 2048)
        #expect(try _RSA.Signing.PublicKey(pemRepresentation: signer.publicKeyPEM).derRepresentation == publicKey.derRepresentation)
        for vector in vectors.cases {
            let first = try signer.headers(
                method: vector.method, path: vector.requestURLPath, timestampMilliseconds: vector.timestampMilliseconds)
            let second = try signer.headers(
                method: vector.method, path: vector.requestURLPath, timestampMilliseconds: vector.timestampMilliseconds)
            #expect(verifies(first.signature, vector.messageToSign))
            #expect(verifies(second.signature, vector.messageToSign))
            #expect(first.signature != second.signature, "PSS uses a fresh random salt per signature")
            // Standard base64 with padding: 256 bytes encode to 344 characters ending in "=".
            #expect(first.signature.count == 344 && first.signature.hasSuffix("="))
            #expect(!first.signature.contains("-") && !first.signature.contains("_"))
        }
    }

    @Test func headersHaveTheVenueNamesAndTheTimestamp() throws {
        let signer = try KalshiRequestSigner(keyID: vectors.keyID, privateKeyPEM: vectors.privateKeyPKCS8)
        for vector in vectors.cases {
            let headers = try signer.headers(
                method: vector.method, path: vector.requestURLPath, timestampMilliseconds: vector.timestampMilliseconds)
            let dictionary = headers.dictionary
            #expect(Set(dictionary.keys) == Set(vector.headers.keys))
            #expect(dictionary["KALSHI-ACCESS-KEY"] == vector.headers["KALSHI-ACCESS-KEY"])
            #expect(dictionary["KALSHI-ACCESS-TIMESTAMP"] == vector.headers["KALSHI-ACCESS-TIMESTAMP"])
            #expect(headers.fields.map(\.name) == ["KALSHI-ACCESS-KEY", "KALSHI-ACCESS-SIGNATURE", "KALSHI-ACCESS-TIMESTAMP"])
            #expect(verifies(dictionary["KALSHI-ACCESS-SIGNATURE"] ?? "", vector.messageToSign))
        }
    }

    @Test func webSocketHandshakeSignsTheProtocolPath() throws {
        let signer = try KalshiRequestSigner(keyID: vectors.keyID, privateKeyPEM: vectors.privateKeyPKCS1)
        let vector = try #require(vectors.cases.first { $0.signedPath == Kalshi.webSocketPath })
        let headers = try signer.webSocketHeaders(timestampMilliseconds: vector.timestampMilliseconds)
        #expect(headers.timestampMilliseconds == vector.timestampMilliseconds)
        #expect(verifies(headers.signature, vector.messageToSign))
    }

    @Test func urlHeadersSignThePathWithoutTheQuery() throws {
        let signer = try KalshiRequestSigner(keyID: vectors.keyID, privateKeyPEM: vectors.privateKeyPKCS1)
        let vector = try #require(vectors.cases.first { $0.requestURLPath.contains("?") })
        let url = try #require(URL(string: "https://demo-api.kalshi.co" + vector.requestURLPath))
        let headers = try signer.headers(method: vector.method, url: url, timestampMilliseconds: vector.timestampMilliseconds)
        #expect(verifies(headers.signature, vector.messageToSign))
    }

    @Test func tamperedMessagesDoNotVerify() throws {
        let signer = try KalshiRequestSigner(keyID: vectors.keyID, privateKeyPEM: vectors.privateKeyPKCS8)
        for vector in vectors.cases {
            let signature = try signer.signature(of: vector.messageToSign)
            #expect(!verifies(signature, vector.messageToSign + "x"))
            #expect(!verifies(signature, "9" + vector.messageToSign.dropFirst()))
            // The venue's own example must fail too once the timestamp moves by a millisecond.
            let shifted = KalshiRequestSigner.message(
                timestampMilliseconds: vector.timestampMilliseconds + 1, method: vector.method, path: vector.requestURLPath)
            #expect(!verifies(vector.exampleSignatureBase64, shifted))
        }
    }

    @Test func printingASignerShowsOnlyTheKeyID() throws {
        let signer = try KalshiRequestSigner(keyID: vectors.keyID, privateKeyPEM: vectors.privateKeyPKCS1)
        var dumped = ""
        dump(signer, to: &dumped)
        let renderings = [String(describing: signer), String(reflecting: signer), "\(signer)", dumped]
        let secretLines = pemLines(vectors.privateKeyPKCS1) + pemLines(vectors.privateKeyPKCS8)
        for rendering in renderings {
            #expect(rendering.contains(vectors.keyID))
            #expect(!rendering.contains("PRIVATE"))
            for line in secretLines { #expect(!rendering.contains(line)) }
        }
        #expect(Mirror(reflecting: signer).children.map(\.label) == ["keyID"])
    }
}
