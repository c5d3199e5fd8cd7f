import EdgewiseVenueKit

/// A market as Gamma sends it (camelCase). Every field is optional and numbers may come as
/// strings or numbers: Gamma omits and retypes fields freely. Map it to the domain with
/// ``toMarket()``.
public struct GammaMarket: Decodable, Sendable, Hashable {
    /// Gamma's numeric id (kept as ``EdgewiseCore/Market/venueReference``).
    public var id: LenientString?
    public var question: String?
    /// The CTF condition id: the market's identity on the CLOB and in Edgewise.
    public var conditionId: String?
    public var questionID: String?
    public var slug: String?
    public var description: String?
    public var resolutionSource: String?
    public var startDate: String?
    public var endDate: String?
    public var outcomes: JSONEncodedArray<String>?
    public var outcomePrices: JSONEncodedArray<LenientDecimal>?
    public var clobTokenIds: JSONEncodedArray<String>?
    public var active: LenientBool?
    public var closed: LenientBool?
    public var archived: LenientBool?
    public var restricted: LenientBool?
    public var acceptingOrders: LenientBool?
    public var enableOrderBook: LenientBool?
    public var orderPriceMinTickSize: LenientDecimal?
    public var orderMinSize: LenientDecimal?
    public var negRisk: LenientBool?
    public var negRiskMarketID: String?
    public var umaResolutionStatus: String?
    public var umaResolutionStatuses: JSONEncodedArray<String>?
    public var bestBid: LenientDecimal?
    public var bestAsk: LenientDecimal?
    public var spread: LenientDecimal?
    public var lastTradePrice: LenientDecimal?
    public var volume: LenientDecimal?
    public var volumeNum: LenientDecimal?
    public var liquidity: LenientDecimal?
    public var liquidityNum: LenientDecimal?
    public var volume24hr: LenientDecimal?
    public var groupItemTitle: String?
    public var events: [GammaEventReference]?
}

/// The short event record nested in a Gamma market.
public struct GammaEventReference: Decodable, Sendable, Hashable {
    public var id: LenientString?
    public var ticker: String?
    public var slug: String?
    public var title: String?
}

public struct GammaTag: Decodable, Sendable, Hashable {
    public var id: LenientString?
    public var label: String?
    public var slug: String?
}
