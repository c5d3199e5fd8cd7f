import EdgewiseTestSupport
import Foundation

/// Runs the built `edgewise` binary as a user would, with its own data directory and the venue
/// URLs pointed at loopback servers.
struct EdgewiseProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let executable: URL = {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            products.appendingPathComponent("edgewise"),
            SharedFixtures.repositoryRoot.appendingPathComponent(".build/debug/edgewise"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    let home: URL
    var environment: [String: String]

    /// A fresh data directory; every venue URL points at `server` (or at a closed port).
    init(server: LoopbackServer?, closedPort: Int? = nil) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("edgewise-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let base = server.map { $0.baseURL.absoluteString } ?? "http://127.0.0.1:\(closedPort ?? 9)"
        let ws = server.map { $0.webSocketURL("/ws/market").absoluteString } ?? "ws://127.0.0.1:\(closedPort ?? 9)/ws/market"
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("EDGEWISE_") { environment[key] = nil }
        environment["EDGEWISE_HOME"] = home.path
        environment["EDGEWISE_POLYMARKET_GAMMA_URL"] = base
        environment["EDGEWISE_POLYMARKET_CLOB_URL"] = base
        environment["EDGEWISE_POLYMARKET_DATA_URL"] = base
        environment["EDGEWISE_POLYMARKET_WS_URL"] = ws
        self.environment = environment
    }

    var databasePath: String { home.appendingPathComponent("edgewise.sqlite").path }

    /// Starts the binary; the caller waits with ``wait(_:timeout:)``.
    func start(_ arguments: [String]) throws -> (Process, URL, URL) {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = environment
        let out = home.appendingPathComponent("stdout-\(UUID().uuidString)")
        let err = home.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, out, err)
    }

    /// Waits for the process; kills it (and fails) after `timeout` so a hang cannot stall the suite.
    static func wait(_ started: (Process, URL, URL), timeout: Duration = .seconds(60)) async throws -> Result {
        let (process, out, err) = started
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                throw LoopbackError(description: "edgewise \(process.arguments ?? []) did not finish within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    func run(_ arguments: String..., timeout: Duration = .seconds(60)) async throws -> Result {
        try await run(arguments, timeout: timeout)
    }

    func run(_ arguments: [String], timeout: Duration = .seconds(60)) async throws -> Result {
        try await Self.wait(try start(arguments), timeout: timeout)
    }
}
