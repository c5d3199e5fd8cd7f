import EdgewiseVenueKit
import Foundation
import Testing

@Suite("Owner-only secret files")
struct ProtectedFileTests {
    /// A fresh file with `contents` and `mode` in a private temporary directory.
    static func file(_ contents: String, mode: Int) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgewise-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("secret.json").path
        guard FileManager.default.createFile(atPath: path, contents: Data(contents.utf8)) else {
            throw CocoaError(.fileWriteUnknown)
        }
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func readsAnOwnerOnlyFile() throws {
        let path = try Self.file("-----BEGIN PRIVATE KEY-----", mode: 0o600)
        #expect(String(decoding: try ProtectedFile.read(path), as: UTF8.self) == "-----BEGIN PRIVATE KEY-----")
    }

    @Test func refusesAnyGroupOrOtherBitAndNamesTheFix() throws {
        let path = try Self.file("secret-bytes", mode: 0o620)
        #expect(throws: ProtectedFileError.accessibleByOthers(path: path, permissions: 0o620)) { try ProtectedFile.read(path) }
        let description = ProtectedFileError.accessibleByOthers(path: path, permissions: 0o620).description
        #expect(description.contains("chmod 600 \(path)") && description.contains("620") && !description.contains("secret-bytes"))
    }

    @Test func checksTheFileALinkPointsTo() throws {
        let target = try Self.file("secret", mode: 0o644)
        let link = target + ".link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(throws: ProtectedFileError.accessibleByOthers(path: link, permissions: 0o644)) { try ProtectedFile.read(link) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target)
        #expect(try ProtectedFile.read(link) == Data("secret".utf8))
    }

    @Test func refusesOversizedFiles() throws {
        let path = try Self.file(String(repeating: "x", count: 100), mode: 0o600)
        #expect(throws: ProtectedFileError.tooLarge(path: path, limit: 10)) { try ProtectedFile.read(path, maxBytes: 10) }
    }
}
