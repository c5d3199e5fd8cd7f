import EdgewiseTestSupport
import Foundation

/// `kalshi-signing-vectors.json`: a throwaway key pair and the exact strings to sign.
struct SigningVectors {
    struct Case {
        let timestampMilliseconds: Int64
        let method: String
        let requestURLPath: String
        let signedPath: String
        let messageToSign: String
        let exampleSignatureBase64: String
        let headers: [String: String]
    }

    let privateKeyPKCS1: String
    let privateKeyPKCS8: String
    let publicKeyPEM: String
    let cases: [Case]

    static func load() throws -> SigningVectors {
        let json = try SharedFixtures.venueJSON("kalshi-signing-vectors.json")
        func string(_ object: [String: Any], _ key: String) throws -> String {
            guard let value = object[key] as? String else { throw FixtureShape(key: key) }
            return value
        }
        guard let rawCases = json["cases"] as? [[String: Any]], !rawCases.isEmpty else { throw FixtureShape(key: "cases") }
        let cases = try rawCases.map { raw in
            guard let timestamp = Int64(try string(raw, "timestamp_ms")) else { throw FixtureShape(key: "timestamp_ms") }
            guard let headers = raw["headers"] as? [String: String] else { throw FixtureShape(key: "headers") }
            return Case(
                timestampMilliseconds: timestamp, method: try string(raw, "method"),
                requestURLPath: try string(raw, "requestUrlPath"), signedPath: try string(raw, "signedPath"),
                messageToSign: try string(raw, "messageToSign"),
                exampleSignatureBase64: try string(raw, "exampleSignatureBase64"), headers: headers)
        }
        return SigningVectors(
            privateKeyPKCS1: try string(json, "privateKeyPemPkcs1"), privateKeyPKCS8: try string(json, "privateKeyPemPkcs8"),
            publicKeyPEM: try string(json, "publicKeyPem"), cases: cases)
    }

    /// The key id all cases use.
    var keyID: String { cases[0].headers["KALSHI-ACCESS-KEY"] ?? "" }
}

struct FixtureShape: Error, CustomStringConvertible {
    let key: String
    var description: String { "kalshi-signing-vectors.json: missing or wrongly typed '\(key)'" }
}

/// The non-empty lines of a PEM document, to check that no error or description quotes any.
func pemLines(_ pem: String) -> [String] {
    pem.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
