import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import Foundation
import Testing

@Suite("Polymarket L2 signatures")
struct L2SignatureTests {
    struct HMACCase: Sendable, CustomTestStringConvertible {
        var secret: String
        var timestamp: String
        var method: String
        var requestPath: String
        var body: String?
        var message: String
        var signature: String
        var testDescription: String { "\(method) \(requestPath) @\(timestamp)" }
    }

    static func vectors() throws -> [HMACCase] {
        guard SharedFixtures.shouldRun else { return [] }
        let cases = try #require(try Fixtures.json("polymarket-auth-vectors.json")["hmac"] as? [[String: Any]])
        return cases.map {
            HMACCase(
                secret: $0["secret"] as! String, timestamp: $0["timestamp"] as! String, method: $0["method"] as! String,
                requestPath: $0["requestPath"] as! String, body: $0["body"] as? String, message: $0["message"] as! String,
                signature: $0["signature"] as! String)
        }
    }

    @Test(.requiresSharedFixtures) func everyVectorIsPresent() throws {
        #expect(try Self.vectors().count == 7)
    }

    @Test("reproduces the hmac vectors byte for byte", .requiresSharedFixtures, arguments: try vectors())
    func vector(_ vector: HMACCase) throws {
        // The fixture's message is the signed text; our inputs must concatenate to it exactly.
        #expect(vector.timestamp + vector.method + vector.requestPath + (vector.body ?? "") == vector.message)
        let signer = try PolymarketL2Signer(secret: vector.secret)
        let signature = signer.signature(
            timestamp: vector.timestamp, method: vector.method, requestPath: vector.requestPath, body: vector.body.map { Data($0.utf8) })
        #expect(signature == vector.signature)
    }

    @Test func standardAlphabetAndUnpaddedSecretsSignTheSame() throws {
        let urlSafe = "--_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
        let reference = try PolymarketL2Signer(secret: urlSafe).signature(
            timestamp: "1000000", method: "test-sign", requestPath: "/orders", body: Data(#"{"hash": "0x123"}"#.utf8))
        #expect(reference == "HNo0ctLa8EfeOxYf0wiNci4JqCwLiVWsubxySKwD1cs=")
        for variant in ["++/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "--_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", " --_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"] {
            let signature = try PolymarketL2Signer(secret: variant).signature(
                timestamp: "1000000", method: "test-sign", requestPath: "/orders", body: Data(#"{"hash": "0x123"}"#.utf8))
            #expect(signature == reference, "secret variant \(variant.debugDescription)")
        }
    }

    @Test func signaturesUseTheURLSafeAlphabetWithPadding() throws {
        // Search a few timestamps for a signature that would contain '+' or '/' in the standard
        // alphabet, so the test proves the translation rather than passing by luck.
        let signer = try PolymarketL2Signer(secret: "dGhpcy1pcy1hLXRlc3Qtc2VjcmV0LTMyLWJ5dGVzISE=")
        var sawTranslatedCharacter = false
        for timestamp in 1_000_000..<1_000_200 {
            let signature = signer.signature(timestamp: String(timestamp), method: "GET", requestPath: "/x", body: nil)
            #expect(signature.count == 44 && signature.hasSuffix("="))
            #expect(!signature.contains("+") && !signature.contains("/"))
            if signature.contains("-") || signature.contains("_") { sawTranslatedCharacter = true }
        }
        #expect(sawTranslatedCharacter)
    }

    @Test("a secret that is not base64 is refused without being quoted", arguments: [
        "not base64 at all!", "abc*def", "A", "", "   ",
    ])
    func invalidSecret(secret: String) {
        do {
            _ = try PolymarketL2Signer(secret: secret, apiKey: "key-1")
            Issue.record("expected an error")
        } catch {
            #expect(error == .secretNotBase64(apiKey: "key-1"))
            if secret.count >= 4 { #expect(!error.description.contains(secret)) }
            #expect(error.description.contains("key-1"))
        }
    }

    @Test func headersCarryTheFiveFieldsAndRedactWhenPrinted() throws {
        let credentials = PolymarketAPICredentials(
            apiKey: "f4f247b7-4ac7-ff29-a152-04fda0a8755a", secret: "dGhpcy1pcy1hLXRlc3Qtc2VjcmV0LTMyLWJ5dGVzISE=",
            passphrase: "test-passphrase-0123456789")
        let signer = try PolymarketL2Signer(secret: credentials.secret)
        let headers = PolymarketL2Headers(
            signer: signer, credentials: credentials, address: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", timestamp: 1_780_449_126,
            method: "DELETE",
            requestPath: "/cancel-all", body: nil)
        #expect(headers.fields.map(\.name) == ["POLY_ADDRESS", "POLY_SIGNATURE", "POLY_TIMESTAMP", "POLY_API_KEY", "POLY_PASSPHRASE"])
        #expect(headers.signature == "5_uKsVbtUOspH6No0z9nBhCuSe55qHHmg00xgTuRN38=")
        #expect(headers.timestamp == "1780449126")
        #expect(!headers.description.contains(credentials.passphrase))
        #expect(!headers.description.contains(headers.signature))
        #expect(!"\(signer)".contains(credentials.secret))
    }
}
