import EdgewiseStore
import Foundation
import Testing

/// `edgewise kill` trips the persisted switch (the first trip is kept), `--reset` re-arms it.
@Suite("edgewise kill")
struct KillCommandTests {
    func state(_ result: EdgewiseProcess.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test("trip, trip again (the first trip stands), reset, and reset with nothing to reset")
    func tripAndReset() async throws {
        let cli = try EdgewiseProcess(server: nil)
        let tripped = try await cli.run("kill", "--note", "news spike", "--json")
        #expect(tripped.status == 0, "\(tripped.stderr)")
        let first = try state(tripped)
        #expect(first["tripped"] as? Bool == true)
        #expect((first["reason"] as? String)?.contains("news spike") == true)

        let again = try state(try await cli.run("kill", "--note", "second", "--json"))
        #expect(again["since"] as? String == first["since"] as? String)
        #expect((again["reason"] as? String)?.contains("news spike") == true)

        let reset = try await cli.run("kill", "--reset")
        #expect(reset.status == 0 && reset.stdout.contains("reset"), "\(reset.stderr)")
        let after = try state(try await cli.run("kill", "--reset", "--json"))
        #expect(after["tripped"] as? Bool == false)
        #expect(after["lastReset"] as? String != nil)
        let nothing = try await cli.run("kill", "--reset")
        #expect(nothing.stdout.contains("nothing to reset"))
    }

    @Test("--paper trips only the paper journal's switch; a plain reset re-arms paper and live alike")
    func paperSwitch() async throws {
        let cli = try EdgewiseProcess(server: nil)
        let missing = try await cli.run("kill", "--paper")
        #expect(missing.status != 0 && missing.stderr.contains("no paper journal"), "\(missing.stderr)")

        // The paper journal exists once a paper run opened it.
        _ = try EdgewiseStore(path: cli.home.appendingPathComponent("edgewise-paper.sqlite").path)
        let paper = try state(try await cli.run("kill", "--paper", "--note", "paper only", "--json"))
        #expect(paper["tripped"] as? Bool == true)
        let live = try state(try await cli.run("kill", "--reset", "--json"))
        #expect(live["tripped"] as? Bool == false)
        #expect(live["lastReset"] == nil || live["lastReset"] is NSNull, "the live switch was never tripped")
        let paperAfter = try state(try await cli.run("kill", "--paper", "--reset", "--json"))
        #expect(paperAfter["tripped"] as? Bool == false)
        #expect(paperAfter["lastReset"] as? String != nil, "the plain reset re-armed the paper switch")
    }
}
