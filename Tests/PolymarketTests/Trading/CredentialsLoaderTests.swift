import EdgewisePolymarket
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("Polymarket API credentials loading")
struct CredentialsLoaderTests {
    static let secret = "dGhpcy1pcy1hLXRlc3Qtc2VjcmV0LTMyLWJ5dGVzISE="
    static let passphrase = "very-secret-passphrase-42"

    static func file(_ contents: String, mode: Int) throws -> String { try ProtectedFileTests.file(contents, mode: mode) }

    static var json: String { #"{"apiKey":"key-1","secret":"\#(secret)","passphrase":"\#(passphrase)"}"# }

    @Test func fromEnvironment() throws {
        let environment = [
            "EDGEWISE_POLYMARKET_API_KEY": "key-1", "EDGEWISE_POLYMARKET_API_SECRET": Self.secret + "\n",
            "EDGEWISE_POLYMARKET_API_PASSPHRASE": Self.passphrase,
        ]
        let credentials = try PolymarketCredentialsLoader.load(environment: environment)
        #expect(credentials == PolymarketAPICredentials(apiKey: "key-1", secret: Self.secret, passphrase: Self.passphrase))
        #expect(try PolymarketCredentialsLoader.fromEnvironment([:]) == nil)
    }

    @Test func partialEnvironmentNamesWhatIsMissingButNoValue() {
        let environment = ["EDGEWISE_POLYMARKET_API_SECRET": Self.secret, "EDGEWISE_POLYMARKET_API_KEY": "  "]
        do {
            _ = try PolymarketCredentialsLoader.load(environment: environment)
            Issue.record("expected an error")
        } catch {
            #expect(error == .incompleteEnvironment(missing: ["EDGEWISE_POLYMARKET_API_KEY", "EDGEWISE_POLYMARKET_API_PASSPHRASE"]))
            #expect(!error.description.contains(Self.secret))
        }
    }

    @Test func nothingConfiguredSaysWhatToSet() {
        #expect(throws: PolymarketCredentialsError.notConfigured) { try PolymarketCredentialsLoader.load(environment: [:]) }
        #expect(PolymarketCredentialsError.notConfigured.description.contains("EDGEWISE_POLYMARKET_API_PASSPHRASE"))
    }

    @Test func invalidSecretInEnvironmentIsRefusedWithoutQuotingIt() {
        let bad = "this is not base64 but it is secret"
        let environment = [
            "EDGEWISE_POLYMARKET_API_KEY": "key-1", "EDGEWISE_POLYMARKET_API_SECRET": bad,
            "EDGEWISE_POLYMARKET_API_PASSPHRASE": Self.passphrase,
        ]
        do {
            _ = try PolymarketCredentialsLoader.load(environment: environment)
            Issue.record("expected an error")
        } catch {
            #expect(error == .unusable(.secretNotBase64(apiKey: "key-1")))
            #expect(!error.description.contains(bad) && !error.description.contains(Self.passphrase))
        }
    }

    @Test func ownerOnlyFileLoadsAndWinsOverTheEnvironment() throws {
        let path = try Self.file(Self.json, mode: 0o600)
        let environment = [
            "EDGEWISE_POLYMARKET_API_KEY": "env-key", "EDGEWISE_POLYMARKET_API_SECRET": Self.secret,
            "EDGEWISE_POLYMARKET_API_PASSPHRASE": "env-pass",
        ]
        let credentials = try PolymarketCredentialsLoader.load(file: path, environment: environment)
        #expect(credentials.apiKey == "key-1" && credentials.passphrase == Self.passphrase)
        #expect(try PolymarketCredentialsLoader.fromFile(try Self.file(Self.json, mode: 0o400)).apiKey == "key-1")
    }

    @Test("a file others can read is refused with a chmod 600 hint", arguments: [0o644, 0o640, 0o604, 0o660, 0o606, 0o610])
    func groupOrOtherAccessIsRefused(mode: Int) throws {
        let path = try Self.file(Self.json, mode: mode)
        do {
            _ = try PolymarketCredentialsLoader.fromFile(path)
            Issue.record("expected an error for mode \(String(mode, radix: 8))")
        } catch {
            guard case .file(.accessibleByOthers(let reported, let permissions)) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(reported == path && permissions == UInt32(mode))
            #expect(error.description.contains("chmod 600"))
            #expect(!error.description.contains(Self.secret) && !error.description.contains(Self.passphrase))
        }
    }

    @Test func malformedFilesAreRefusedWithoutQuotingThem() throws {
        let cases = [
            (#"{"apiKey":"key-1","secret":"\#(Self.secret)""#, "is not a JSON object"),
            (#"{"apiKey":"key-1","secret":"\#(Self.secret)"}"#, "'passphrase'"),
            (#"{"apiKey":"key-1","secret":"\#(Self.secret)","passphrase":""}"#, "empty 'passphrase'"),
            (#"["\#(Self.secret)"]"#, "is not a JSON object"),
        ]
        for (contents, expected) in cases {
            let path = try Self.file(contents, mode: 0o600)
            do {
                _ = try PolymarketCredentialsLoader.fromFile(path)
                Issue.record("expected an error for \(expected)")
            } catch {
                #expect(error.description.contains(expected), "\(error)")
                #expect(!error.description.contains(Self.secret))
            }
        }
    }

    @Test func missingFileAndDirectoryAreReported() throws {
        let missing = "/nonexistent-\(UUID().uuidString)/creds.json"
        #expect(throws: PolymarketCredentialsError.file(.missing(path: missing))) { try PolymarketCredentialsLoader.fromFile(missing) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgewise-dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
        #expect(throws: ProtectedFileError.notARegularFile(path: directory.path)) { try ProtectedFile.read(directory.path) }
    }

    @Test func credentialsNeverPrintTheirSecrets() {
        let credentials = PolymarketAPICredentials(apiKey: "key-1", secret: Self.secret, passphrase: Self.passphrase)
        for text in ["\(credentials)", String(reflecting: credentials)] {
            #expect(!text.contains(Self.secret) && !text.contains(Self.passphrase))
        }
    }
}
