import EdgewiseAnalysis
import EdgewiseCore
import Foundation

/// One line of an observations file (JSON Lines): a reading or a published result, who reported
/// it and, optionally, when it became known.
///
/// ```
/// {"reading":{"subject":"bitcoin","aliases":["btc"],"value":"101250.5","unit":"usd","at":"2026-11-24T16:00:00Z"},
///  "source":{"name":"Coinbase","url":"https://www.coinbase.com"},"known_at":"2026-11-24T16:00:02Z"}
/// {"reading":{"subject":"highest temperature new york city","value":58,"unit":"°f",
///  "from":"2026-11-24T05:00:00Z","to":"2026-11-25T05:00:00Z"},"source":{"name":"NOAA","url":"https://www.weather.gov"}}
/// {"result":{"venue":"kalshi","market":"KXBTC-26NOV24-T100000","winner":"yes","published_at":"2026-11-24T21:00:00Z"},
///  "source":{"venue":"kalshi"}}
/// {"result":{"question":"fed cuts rates","date":"2026-12-10","winner":"no"},"source":{"name":"Federal Reserve","url":"https://www.federalreserve.gov"}}
/// ```
///
/// Values may be JSON numbers or strings; both are read as exact decimals. Without `known_at`
/// a line is known from the moment it is read, which is what a live feed appending lines means;
/// a recorded feed states it, so a replay cannot learn a value before it was published.
struct ObservationLine: Decodable {
    struct Reading: Decodable {
        var subject: String
        var aliases: [String]?
        var value: ExactDecimal
        var unit: String?
        var at: String?
        var from: String?
        var to: String?
    }

    struct Result: Decodable {
        var venue: String?
        var market: String?
        var question: String?
        var date: String?
        var winner: String
        var publishedAt: String?

        enum CodingKeys: String, CodingKey {
            case venue, market, question, date, winner
            case publishedAt = "published_at"
        }
    }

    struct Source: Decodable {
        var name: String?
        var url: String?
        var venue: String?
    }

    var reading: Reading?
    var result: Result?
    var source: Source
    var knownAt: String?

    enum CodingKeys: String, CodingKey {
        case reading, result, source
        case knownAt = "known_at"
    }

    /// The observation the line states; `readAt` stands in for a missing `known_at`.
    func observation(readAt: Timestamp) throws(ObservationLineError) -> ResolutionObservation {
        let knownAt = try knownAt.map { text throws(ObservationLineError) in try Self.time(text, field: "known_at") } ?? readAt
        let source = try source.resolved()
        switch (reading, result) {
        case (let reading?, nil):
            return .reading(try reading.resolved(), source: source, knownAt: knownAt)
        case (nil, let result?):
            return ResolutionObservation(fact: .result(try result.resolved(knownAt: knownAt)), source: source, knownAt: knownAt)
        default:
            throw .invalid(field: "reading/result", reason: "a line states exactly one of \"reading\" or \"result\"")
        }
    }

    static func time(_ text: String, field: String) throws(ObservationLineError) -> Timestamp {
        guard let time = Timestamp(iso8601: text) else {
            throw .invalid(field: field, reason: "'\(text)' is not an RFC 3339 time such as 2026-11-24T16:00:00Z")
        }
        return time
    }
}

extension ObservationLine.Reading {
    func resolved() throws(ObservationLineError) -> ReferenceReading {
        guard !subject.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalid(field: "reading.subject", reason: "name what was measured, in the words a question uses")
        }
        let span: ReferenceReading.Span
        switch (at, from, to) {
        case (let at?, nil, nil):
            span = .instant(try ObservationLine.time(at, field: "reading.at"))
        case (nil, let from?, let to?):
            let start = try ObservationLine.time(from, field: "reading.from")
            let end = try ObservationLine.time(to, field: "reading.to")
            guard start < end else { throw .invalid(field: "reading.to", reason: "the period must end after it starts") }
            span = .period(start: start, end: end)
        default:
            throw .invalid(
                field: "reading.at", reason: "give \"at\" for a value at one instant, or \"from\" and \"to\" for a period's figure")
        }
        return ReferenceReading(
            subject: subject, aliases: aliases ?? [], value: value.value, unit: unit.map { MeasurementUnit(rawValue: $0) }, span: span)
    }
}

extension ObservationLine.Result {
    func resolved(knownAt: Timestamp) throws(ObservationLineError) -> PublishedResult {
        let target: PublishedResult.Target
        switch (venue, market, question) {
        case (let venue?, let market?, nil):
            target = .market(venue: VenueID(venue), id: MarketID(market))
        case (nil, nil, let question?):
            target = .question(subject: question, date: try date.map { text throws(ObservationLineError) in try ObservationLine.time(text, field: "result.date") })
        default:
            throw .invalid(field: "result", reason: "name either a \"venue\" and \"market\", or a \"question\" (with an optional \"date\")")
        }
        let side: PublishedResult.Winner = switch winner.lowercased() {
        case "yes": .side(.yes)
        case "no": .side(.no)
        default: .outcome(winner)
        }
        let published = try publishedAt.map { text throws(ObservationLineError) in try ObservationLine.time(text, field: "result.published_at") } ?? knownAt
        return PublishedResult(target: target, winner: side, publishedAt: published)
    }
}

extension ObservationLine.Source {
    func resolved() throws(ObservationLineError) -> ObservationSource {
        switch (name, venue) {
        case (let name?, nil) where !name.isEmpty: return .publisher(name: name, url: url)
        case (nil, let venue?) where !venue.isEmpty: return .venue(VenueID(venue))
        default:
            throw .invalid(field: "source", reason: "give a publisher's \"name\" (and \"url\"), or the \"venue\" whose own resolution this is")
        }
    }
}

/// A decimal read exactly from a JSON number or string: `101250.5` and `"101250.5"` alike.
struct ExactDecimal: Decodable {
    var value: Decimal

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a decimal number")
            }
            self.value = value
        } else {
            value = try container.decode(Decimal.self)
        }
    }
}

/// What is wrong with one line, by field.
enum ObservationLineError: Error, CustomStringConvertible {
    case invalid(field: String, reason: String)

    var description: String {
        switch self {
        case .invalid(let field, let reason): "\(field): \(reason)"
        }
    }
}
