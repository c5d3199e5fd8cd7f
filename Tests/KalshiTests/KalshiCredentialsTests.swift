import EdgewiseKalshi
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("Kalshi credentials from the environment and an owner-only key file", .requiresSharedFixtures)
struct KalshiCredentialsTests {
    let vectors: SigningVectors
    let directory: URL

    init() throws {
        vectors = try SigningVectors.load()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kalshi-credentials-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Writes `contents` and sets `mode` explicitly, so the process umask does not matter.
    func keyFile(_ contents: String, mode: Int) throws -> String {
        let url = directory.appendingPathComponent("kalshi-\(UUID().uuidString).pem")
        try Data(contents.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url.path
    }

    func environment(file: String) -> [String: String] {
        [KalshiCredentials.keyIDVariable: vectors.keyID, KalshiCredentials.privateKeyFileVariable: file]
    }

    @Test func ownerOnlyFileLoads() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        for pem in [vectors.privateKeyPKCS1, vectors.privateKeyPKCS8] {
            let path = try keyFile(pem, mode: 0o600)
            let signer = try KalshiCredentials.load(environment: environment(file: path))
            #expect(signer.keyID == vectors.keyID)
            #expect(KalshiCredentials.isConfigured(in: environment(file: path)))
        }
    }

    @Test func groupOrWorldReadableFileIsRefused() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try keyFile(vectors.privateKeyPKCS1, mode: 0o644)
        #expect(throws: KalshiCredentialsError.keyFile(.accessibleByOthers(path: path, permissions: 0o644))) {
            try KalshiCredentials.load(environment: environment(file: path))
        }
        do {
            _ = try KalshiCredentials.load(environment: environment(file: path))
        } catch {
            #expect(error.description.contains("chmod 600"))
        }
    }

    @Test func missingVariablesAreNamed() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: KalshiCredentialsError.missingVariables(["EDGEWISE_KALSHI_PRIVATE_KEY_FILE"])) {
            try KalshiCredentials.load(environment: ["EDGEWISE_KALSHI_KEY_ID": "abc"])
        }
        #expect(throws: KalshiCredentialsError.missingVariables(["EDGEWISE_KALSHI_KEY_ID"])) {
            try KalshiCredentials.load(environment: ["EDGEWISE_KALSHI_PRIVATE_KEY_FILE": "/tmp/x.pem", "EDGEWISE_KALSHI_KEY_ID": " "])
        }
        do {
            _ = try KalshiCredentials.load(environment: [:])
            Issue.record("loading without variables succeeded")
        } catch {
            #expect(error == .missingVariables(["EDGEWISE_KALSHI_KEY_ID", "EDGEWISE_KALSHI_PRIVATE_KEY_FILE"]))
            #expect(error.description.contains("EDGEWISE_KALSHI_KEY_ID"))
            #expect(error.description.contains("EDGEWISE_KALSHI_PRIVATE_KEY_FILE"))
        }
        #expect(!KalshiCredentials.isConfigured(in: [:]))
    }

    @Test func missingFileIsReported() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("absent.pem").path
        #expect(throws: KalshiCredentialsError.keyFile(.missing(path: path))) {
            try KalshiCredentials.load(environment: environment(file: path))
        }
    }

    @Test func malformedPEMIsATypedErrorThatQuotesNoLine() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        // Drop the END line and damage the body: everything in the file still looks like a key.
        var lines = vectors.privateKeyPKCS8.split(separator: "\n").map(String.init)
        lines.removeLast()
        lines[2] = "*" + lines[2].dropFirst()
        let pem = lines.joined(separator: "\n")
        let path = try keyFile(pem, mode: 0o600)
        do {
            _ = try KalshiCredentials.load(environment: environment(file: path))
            Issue.record("a malformed key loaded")
        } catch {
            guard case .key(let errorPath, .malformedPEM) = error else {
                Issue.record("expected a malformedPEM key error, got \(error)")
                return
            }
            #expect(errorPath == path)
            let text = "\(error) \(String(reflecting: error))"
            for line in pemLines(pem) { #expect(!text.contains(line)) }
        }
    }
}
