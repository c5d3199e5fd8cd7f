import EdgewiseAnalysis
import EdgewiseCore
import Foundation
import Testing

@testable import EdgewiseRuntime

/// The observations file behind `scan --observations`: every line form, exact values, bad lines
/// named and skipped, and the file followed as it grows.
@Suite("Observations file")
struct ObservationFileTests {
    func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("observations-\(UUID().uuidString).jsonl")
        try Data(text.utf8).write(to: url)
        return url
    }

    func append(_ text: String, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    @Test("readings at an instant and for a period, venue and publisher results, exact values and stated times")
    func everyForm() throws {
        let url = try file("""
            {"reading":{"subject":"bitcoin","aliases":["btc"],"value":"101250.123456789","unit":"USD","at":"2026-11-24T16:00:00Z"},"source":{"name":"Coinbase","url":"https://www.coinbase.com"},"known_at":"2026-11-24T16:00:02.5Z"}
            {"reading":{"subject":"highest temperature new york city","value":58.1,"unit":"°f","from":"2026-11-24T05:00:00Z","to":"2026-11-25T05:00:00Z"},"source":{"name":"NOAA"}}
            {"result":{"venue":"kalshi","market":"KXBTC-T100000","winner":"yes","published_at":"2026-11-24T21:00:00Z"},"source":{"venue":"kalshi"}}
            {"result":{"question":"fed cuts rates","date":"2026-12-10","winner":"Trump"},"source":{"name":"Federal Reserve","url":"https://www.federalreserve.gov"}}

            # comments and blank lines are skipped

            """)
        var feed = ObservationFile(url: url)
        let readAt = Timestamp(seconds: 1_800_000_000)
        let batch = try feed.readNew(now: readAt)
        #expect(batch.problems.isEmpty, "\(batch.problems)")
        try #require(batch.observations.count == 4)

        let bitcoin = batch.observations[0]
        #expect(bitcoin.knownAt == Timestamp(iso8601: "2026-11-24T16:00:02.5Z"))
        #expect(bitcoin.source == .publisher(name: "Coinbase", url: "https://www.coinbase.com"))
        guard case .reading(let reading) = bitcoin.fact else { Issue.record("not a reading"); return }
        #expect(reading.value == Decimal(string: "101250.123456789"))
        #expect(reading.unit == .usd)
        #expect(reading.aliases == ["btc"])
        #expect(reading.span == .instant(Timestamp(iso8601: "2026-11-24T16:00:00Z")!))

        // No known_at: known when read, as a live feed appending lines means.
        #expect(batch.observations[1].knownAt == readAt)
        guard case .reading(let temperature) = batch.observations[1].fact else { Issue.record("not a reading"); return }
        #expect(temperature.value == Decimal(string: "58.1"))
        #expect(temperature.unit == .fahrenheit)
        #expect(temperature.span == .period(start: Timestamp(iso8601: "2026-11-24T05:00:00Z")!, end: Timestamp(iso8601: "2026-11-25T05:00:00Z")!))

        #expect(batch.observations[2].source == .venue(.kalshi))
        #expect(batch.observations[2].fact == .result(PublishedResult(
            target: .market(venue: .kalshi, id: "KXBTC-T100000"), winner: .side(.yes), publishedAt: Timestamp(iso8601: "2026-11-24T21:00:00Z")!)))
        #expect(batch.observations[3].fact == .result(PublishedResult(
            target: .question(subject: "fed cuts rates", date: Timestamp(iso8601: "2026-12-10")), winner: .outcome("Trump"), publishedAt: readAt)))
    }

    @Test("a bad line is named with its number and reason, and the lines around it still count")
    func badLines() throws {
        let good = #"{"reading":{"subject":"bitcoin","value":"1","unit":"usd","at":"2026-11-24T16:00:00Z"},"source":{"name":"Coinbase"}}"#
        let url = try file([
            good,
            "not json",
            #"{"reading":{"subject":"bitcoin","value":"1","unit":"usd","at":"yesterday"},"source":{"name":"Coinbase"}}"#,
            #"{"reading":{"subject":"bitcoin","value":"lots","unit":"usd","at":"2026-11-24T16:00:00Z"},"source":{"name":"Coinbase"}}"#,
            #"{"reading":{"subject":"bitcoin","value":"1","at":"2026-11-24T16:00:00Z","from":"2026-11-24T15:00:00Z"},"source":{"name":"Coinbase"}}"#,
            #"{"reading":{"subject":"bitcoin","value":"1","from":"2026-11-24T16:00:00Z","to":"2026-11-24T15:00:00Z"},"source":{"name":"Coinbase"}}"#,
            #"{"reading":{"subject":"bitcoin","value":"1","at":"2026-11-24T16:00:00Z"},"source":{}}"#,
            #"{"result":{"winner":"yes"},"source":{"venue":"kalshi"}}"#,
            #"{"source":{"name":"Coinbase"}}"#,
            #"{"reading":{"subject":"  ","value":"1","at":"2026-11-24T16:00:00Z"},"source":{"name":"Coinbase"}}"#,
            #"{"reading":{"value":"1","at":"2026-11-24T16:00:00Z"},"source":{"name":"Coinbase"}}"#,
            good,
        ].joined(separator: "\n") + "\n")
        var feed = ObservationFile(url: url)
        let batch = try feed.readNew()
        #expect(batch.observations.count == 2)
        let name = url.lastPathComponent
        let expected: [(Int, String)] = [
            (2, "invalid JSON"), (3, "reading.at"), (4, "value"), (5, "reading.at"), (6, "reading.to"), (7, "source"),
            (8, "result"), (9, "reading/result"), (10, "reading.subject"), (11, "missing reading.subject"),
        ]
        #expect(batch.problems.count == expected.count, "\(batch.problems)")
        for (line, mentioned) in expected {
            #expect(batch.problems.contains { $0.hasPrefix("\(name):\(line): ") && $0.contains(mentioned) }, "line \(line): \(batch.problems)")
        }
    }

    @Test("followed as it grows: only new complete lines, a half-written line waits, a replaced file starts over")
    func following() throws {
        let line = { (value: Int) in
            #"{"reading":{"subject":"bitcoin","value":"\#(value)","unit":"usd","at":"2026-11-24T16:00:00Z"},"source":{"name":"Coinbase"}}"#
        }
        let url = try file(line(1) + "\n")
        var feed = ObservationFile(url: url)
        #expect(try feed.readNew().observations.count == 1)
        #expect(try feed.readNew().observations.isEmpty)

        let second = line(2)
        try append(String(second.prefix(40)), to: url)
        #expect(try feed.readNew().observations.isEmpty)
        try append(String(second.dropFirst(40)) + "\n" + line(3) + "\n", to: url)
        let grown = try feed.readNew()
        #expect(grown.problems.isEmpty, "\(grown.problems)")
        #expect(grown.observations.map(\.fact) == [2, 3].map { value in
            .reading(ReferenceReading(subject: "bitcoin", value: Decimal(value), unit: .usd, span: .instant(Timestamp(iso8601: "2026-11-24T16:00:00Z")!)))
        })

        // Replaced by a shorter file: read from the start again.
        try Data((line(4) + "\n").utf8).write(to: url)
        #expect(try feed.readNew().observations.count == 1)
    }

    @Test("a file that cannot be read is an error that names the path and the flag")
    func unreadable() throws {
        var feed = ObservationFile(url: URL(fileURLWithPath: "/nonexistent/observations.jsonl"))
        #expect {
            try feed.readNew()
        } throws: { error in
            "\(error)".contains("/nonexistent/observations.jsonl") && "\(error)".contains("--observations")
        }
    }
}
