import EdgewiseCore
import EdgewiseTestSupport
import Foundation

/// The Polymarket order-book dataset in ../shared/data/polymarket-orderbook-dataset, read in
/// place: the events (which slugs make up each mutually exclusive set) and the top-of-book
/// quotes (empty bid or ask = empty side; `segment` 1 before the collector outage, 2 after).
struct QuoteDataset {
    struct Quote {
        var ts: Timestamp
        var slug: String
        var bid: Price?
        var ask: Price?
        var segment: Int
    }

    /// Event question → the slugs of its markets, in file order.
    var events: [(question: String, slugs: [String])]
    var quotes: [Quote]

    static let directory = "data/polymarket-orderbook-dataset"

    static func load(quotes file: String) throws -> QuoteDataset {
        var order: [String] = []
        var slugs: [String: [String]] = [:]
        for row in try rows(of: "events.csv").dropFirst() {
            let question = row[0]
            if slugs[question] == nil { order.append(question) }
            slugs[question, default: []].append(row[2])
        }
        var quotes: [Quote] = []
        for row in try rows(of: file).dropFirst() {
            quotes.append(Quote(
                ts: try timestamp(row[0]), slug: row[1], bid: row[2].isEmpty ? nil : try Price(parsing: row[2]),
                ask: row[3].isEmpty ? nil : try Price(parsing: row[3]), segment: Int(row[6]) ?? 0))
        }
        return QuoteDataset(events: order.map { ($0, slugs[$0]!) }, quotes: quotes)
    }

    /// Splits a CSV with RFC 4180 quoting (event questions contain commas and quotes).
    static func rows(of file: String) throws -> [[String]] {
        let text = String(decoding: try SharedFixtures.file("\(directory)/\(file)"), as: UTF8.self)
        var rows: [[String]] = []
        var field = ""
        var row: [String] = []
        var quoted = false
        var iterator = text.makeIterator()
        while let c = iterator.next() {
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else {
                            quoted = false
                            if next == "," { row.append(field); field = "" }
                            else if next == "\n" { row.append(field); rows.append(row); row = []; field = "" }
                            else if next != "\r" { field.append(next) }
                        }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\n" || c == "\r\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else if c != "\r" {
                field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// `2026-07-10T20:29:50Z`.
    static func timestamp(_ text: String) throws -> Timestamp {
        let parts = text.split(whereSeparator: { "-T:Z".contains($0) }).compactMap { Int($0) }
        guard parts.count == 6 else { throw BadTimestamp(text: text) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(
            year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4], second: parts[5]))!
        return Timestamp(date)
    }

    struct BadTimestamp: Error { var text: String }
}
