import Foundation
import Testing

/// Finds `../shared` (the venue fixtures and recorded data) next to the repository.
///
/// On a user's fresh clone it is absent and the tests that need it are skipped with a visible
/// reason; under CI (`CI=true`) those tests run anyway and fail loudly, so a missing directory can
/// never turn into a green build.
public enum SharedFixtures {
    /// The repository root, derived from this file's location.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `EDGEWISE_SHARED_DIR` overrides the default `../shared`.
    public static let directory: URL = {
        if let override = ProcessInfo.processInfo.environment["EDGEWISE_SHARED_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    public static var isPresent: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("fixtures/venues").path)
    }

    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"]?.lowercased() == "true" }

    /// Run when the fixtures exist, and always under CI (where absence must fail).
    public static var shouldRun: Bool { isPresent || isCI }

    public static let skipMessage: Comment =
        "../shared is absent (a fresh clone): skipping tests that read the shared fixtures"

    /// The bytes of `fixtures/venues/<name>`; throws a clear error when it is missing.
    public static func venueFixture(_ name: String) throws -> Data {
        try file("fixtures/venues/\(name)")
    }

    public static func file(_ relativePath: String) throws -> Data {
        let url = directory.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw MissingSharedFile(path: url.path)
        }
        return try Data(contentsOf: url)
    }

    /// A JSON fixture as a dictionary.
    public static func venueJSON(_ name: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: try venueFixture(name))
        guard let dictionary = object as? [String: Any] else { throw MissingSharedFile(path: name + " (not a JSON object)") }
        return dictionary
    }

    /// Re-serializes one value of a fixture (`venueJSON(...)["key"]`) as JSON bytes, as a server would send it.
    public static func jsonData(_ value: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])
    }
}

public struct MissingSharedFile: Error, CustomStringConvertible {
    public let path: String
    public var description: String {
        "shared fixture missing: \(path) — check out the shared/ directory next to the repository (required when CI=true)"
    }
}

extension Trait where Self == ConditionTrait {
    /// Skips the test with a visible message when `../shared` is absent, except under CI.
    public static var requiresSharedFixtures: Self {
        .enabled(if: SharedFixtures.shouldRun, SharedFixtures.skipMessage)
    }
}
