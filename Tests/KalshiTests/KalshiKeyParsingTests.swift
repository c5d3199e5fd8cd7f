import Crypto
import EdgewiseKalshi
import EdgewiseTestSupport
import Foundation
import Testing
import _CryptoExtras

@Suite("Kalshi private-key parsing errors")
struct KalshiKeyParsingTests {
    func parseError(_ pem: String, keyID: String = "key-id") -> KalshiKeyError? {
        do {
            _ = try KalshiRequestSigner(keyID: keyID, privateKeyPEM: pem)
            return nil
        } catch {
            return error
        }
    }

    /// Neither the error nor its description may quote the input.
    func expectNoEcho(_ error: KalshiKeyError?, of pem: String) {
        let text = error.map { "\($0) \(String(reflecting: $0))" } ?? ""
        for line in pemLines(pem) { #expect(!text.contains(line)) }
    }

    @Test(.requiresSharedFixtures) func corruptedBodyIsMalformedWithoutEchoingTheKey() throws {
        let pem = try SigningVectors.load().privateKeyPKCS1
        var lines = pem.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[3] = "!!!!" + lines[3].dropFirst(4)
        let corrupted = lines.joined(separator: "\n")
        let error = parseError(corrupted)
        guard case .malformedPEM = error else {
            Issue.record("expected malformedPEM, got \(String(describing: error))")
            return
        }
        expectNoEcho(error, of: corrupted)
    }

    @Test(.requiresSharedFixtures) func truncatedKeyIsMalformed() throws {
        let pem = try SigningVectors.load().privateKeyPKCS8
        var lines = pem.split(separator: "\n").map(String.init)
        lines.removeSubrange(4..<10)  // still base64, no longer a key
        let truncated = lines.joined(separator: "\n")
        let error = parseError(truncated)
        guard case .malformedPEM = error else {
            Issue.record("expected malformedPEM, got \(String(describing: error))")
            return
        }
        expectNoEcho(error, of: truncated)
    }

    @Test func notPEMAtAll() {
        let text = "this is not a key\nMIIEpAIBAAKCAQEAzkOEtJLO\n"
        guard case .malformedPEM = parseError(text) else {
            Issue.record("expected malformedPEM")
            return
        }
        expectNoEcho(parseError(text), of: text)
        guard case .malformedPEM = parseError("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n") else {
            Issue.record("expected malformedPEM for a missing END line")
            return
        }
    }

    @Test func otherKeyTypesAreUnsupported() throws {
        let ec = P256.Signing.PrivateKey().pemRepresentation  // PKCS#8 "BEGIN PRIVATE KEY" with the EC OID
        let rsaPublic = try _RSA.Signing.PrivateKey(keySize: .bits2048).publicKey.pemRepresentation
        let sec1 = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI\n-----END EC PRIVATE KEY-----\n"
        let encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkq\n-----END ENCRYPTED PRIVATE KEY-----\n"
        for pem in [ec, rsaPublic, sec1, encrypted] {
            let error = parseError(pem)
            guard case .unsupportedKeyType = error else {
                Issue.record("expected unsupportedKeyType, got \(String(describing: error))")
                continue
            }
            expectNoEcho(error, of: pem)
        }
    }

    @Test func smallRSAKeysAreRefusedWithTheirSize() throws {
        let small = try _RSA.Signing.PrivateKey(unsafeKeySize: _RSA.Signing.KeySize(bitCount: 1024))
        for pem in [small.pemRepresentation, small.pkcs8PEMRepresentation] {
            let error = parseError(pem)
            #expect(error == .keyTooSmall(bits: 1024, minimumBits: 2048))
            expectNoEcho(error, of: pem)
        }
    }

    @Test func freshKeysInBothFormatsLoad() throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        for pem in [key.pemRepresentation, key.pkcs8PEMRepresentation] {
            #expect(parseError(pem) == nil)
        }
        #expect(parseError(key.pemRepresentation, keyID: "  ") == .emptyKeyID)
    }
}
