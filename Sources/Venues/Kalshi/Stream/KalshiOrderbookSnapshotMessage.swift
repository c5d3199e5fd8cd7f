import EdgewiseCore

/// `orderbook_snapshot`: the full bid ladders of one market, first on a new `orderbook_delta`
/// subscription (and after `add_markets`). Each side's levels are reconciled across the three
/// wire generations (`yes_dollars_fp`, `yes_dollars`, `yes`); a disagreement fails the decode.
public struct KalshiOrderbookSnapshotMessage: Hashable, Sendable {
    public var marketTicker: String
    public var marketID: String?
    public var yes: [KalshiBookLevel]
    public var no: [KalshiBookLevel]

    public init(marketTicker: String, marketID: String? = nil, yes: [KalshiBookLevel], no: [KalshiBookLevel]) {
        self.marketTicker = marketTicker
        self.marketID = marketID
        self.yes = yes
        self.no = no
    }

    enum Keys: String, CodingKey {
        case marketTicker = "market_ticker"
        case marketID = "market_id"
        case yes, no
        case yesDollars = "yes_dollars"
        case noDollars = "no_dollars"
        case yesDollarsFP = "yes_dollars_fp"
        case noDollarsFP = "no_dollars_fp"
    }

    init(from container: KeyedDecodingContainer<Keys>) throws {
        marketTicker = try container.kalshiRequiredString(.marketTicker)
        marketID = try container.decodeIfPresent(String.self, forKey: .marketID)
        // An empty side is sent as an absent key, so "no levels" is the default, not an error.
        yes = try container.kalshiLevels(.yesDollarsFP, dollars: .yesDollars, cents: .yes) ?? []
        no = try container.kalshiLevels(.noDollarsFP, dollars: .noDollars, cents: .no) ?? []
    }

    /// The book this snapshot describes, stamped with the message's sequence number.
    public func book(sequence: UInt64?) -> KalshiBook {
        KalshiBook(ticker: marketTicker, yes: yes, no: no, sequence: sequence)
    }
}
