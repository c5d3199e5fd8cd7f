import EdgewiseCore

/// `GET /markets/{ticker}/orderbook`: the current `orderbook_fp` object, the legacy `orderbook`
/// object, or both (then they must agree level for level).
public struct KalshiOrderBookResponse: Decodable, Sendable {
    public var yes: [KalshiBookLevel]
    public var no: [KalshiBookLevel]

    enum CodingKeys: String, CodingKey {
        case orderbookFP = "orderbook_fp"
        case orderbook
    }

    enum CurrentKeys: String, CodingKey {
        case yesDollars = "yes_dollars"
        case noDollars = "no_dollars"
    }

    enum LegacyKeys: String, CodingKey {
        case yes, no
        case yesDollars = "yes_dollars"
        case noDollars = "no_dollars"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var current: (yes: [KalshiBookLevel], no: [KalshiBookLevel])?
        if container.contains(.orderbookFP), try !container.decodeNil(forKey: .orderbookFP) {
            let book = try container.nestedContainer(keyedBy: CurrentKeys.self, forKey: .orderbookFP)
            current = (
                try book.kalshiLevels(.yesDollars, dollars: nil, cents: nil) ?? [],
                try book.kalshiLevels(.noDollars, dollars: nil, cents: nil) ?? []
            )
        }
        var legacy: (yes: [KalshiBookLevel], no: [KalshiBookLevel])?
        if container.contains(.orderbook), try !container.decodeNil(forKey: .orderbook) {
            let book = try container.nestedContainer(keyedBy: LegacyKeys.self, forKey: .orderbook)
            legacy = (
                try book.kalshiLevels(nil, dollars: .yesDollars, cents: .yes) ?? [],
                try book.kalshiLevels(nil, dollars: .noDollars, cents: .no) ?? []
            )
        }
        switch (current, legacy) {
        case (let current?, let legacy?):
            guard current.yes == legacy.yes, current.no == legacy.no else {
                throw DecodingError.dataCorruptedError(
                    forKey: .orderbookFP, in: container, debugDescription: "orderbook_fp disagrees with the legacy orderbook")
            }
            (yes, no) = current
        case (let current?, nil): (yes, no) = current
        case (nil, let legacy?): (yes, no) = legacy
        case (nil, nil):
            throw DecodingError.keyNotFound(
                CodingKeys.orderbookFP, .init(codingPath: decoder.codingPath, debugDescription: "neither orderbook_fp nor orderbook"))
        }
    }

    public func book(ticker: String) -> KalshiBook {
        KalshiBook(ticker: ticker, yes: yes, no: no)
    }
}
