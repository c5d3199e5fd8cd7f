import EdgewiseCore

/// One of the price increments the Polymarket CLOB supports, with the rounding configuration the
/// official order builders attach to it. The venue has no other ticks; an unknown tick means the
/// market changed in a way the amount rules below were never checked against, so it is an error
/// rather than a guess.
public enum PolymarketTickSize: String, CaseIterable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    case oneTenth = "0.1"
    case oneHundredth = "0.01"
    case fiveThousandths = "0.005"
    case oneThousandth = "0.001"
    case twentyFiveTenThousandths = "0.0025"
    case oneTenThousandth = "0.0001"

    /// Parses the venue's text (`"0.01"`, also `"0.010"`: the value counts, not the spelling).
    public init(parsing text: some StringProtocol) throws(PolymarketOrderRejection) {
        guard let price = try? Price(parsing: text) else { throw .unsupportedTickSize(String(text)) }
        try self.init(price)
    }

    public init(_ tick: Price) throws(PolymarketOrderRejection) {
        guard let match = Self.allCases.first(where: { $0.price == tick }) else {
            throw .unsupportedTickSize(tick.description)
        }
        self = match
    }

    /// The increment itself.
    public var price: Price {
        switch self {
        case .oneTenth: Price(units: 100_000)
        case .oneHundredth: Price(units: 10_000)
        case .fiveThousandths: Price(units: 5_000)
        case .oneThousandth: Price(units: 1_000)
        case .twentyFiveTenThousandths: Price(units: 2_500)
        case .oneTenThousandth: Price(units: 100)
        }
    }

    /// Decimal places a price is rounded to. Note 0.005 and 0.0025 round to places, not to the
    /// tick (that is what the official builders do); ``PolymarketMarketRules`` rejects off-tick
    /// prices before they get that far.
    public var priceDecimals: Int {
        switch self {
        case .oneTenth: 1
        case .oneHundredth: 2
        case .fiveThousandths, .oneThousandth: 3
        case .twentyFiveTenThousandths, .oneTenThousandth: 4
        }
    }

    /// Decimal places of a share quantity: the same for every tick.
    public var sizeDecimals: Int { 2 }

    /// Decimal places a computed USDC amount (or a market BUY's share count) may keep.
    public var amountDecimals: Int { priceDecimals + 2 }

    /// The lowest and highest prices an order may carry: `tick` and `1 − tick`.
    public var validPrices: ClosedRange<Price> { price...price.complement }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.price < rhs.price }

    // The book sends the tick as a string, `/tick-size` and `/clob-markets` as a JSON number;
    // Price's decoder reads both exactly.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let tick = try container.decode(Price.self)
        do {
            try self.init(tick)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
