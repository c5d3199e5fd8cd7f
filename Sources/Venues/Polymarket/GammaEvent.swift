import EdgewiseVenueKit

/// An event as Gamma sends it, with its markets nested. Map it with ``toEvent()``.
public struct GammaEvent: Decodable, Sendable, Hashable {
    public var id: LenientString?
    public var ticker: String?
    public var slug: String?
    public var title: String?
    public var description: String?
    public var resolutionSource: String?
    public var category: String?
    public var startDate: String?
    public var endDate: String?
    public var active: LenientBool?
    public var closed: LenientBool?
    public var archived: LenientBool?
    public var restricted: LenientBool?
    public var negRisk: LenientBool?
    public var enableNegRisk: LenientBool?
    public var negRiskAugmented: LenientBool?
    public var negRiskMarketID: String?
    public var liquidity: LenientDecimal?
    public var volume: LenientDecimal?
    public var openInterest: LenientDecimal?
    public var markets: [GammaMarket]?
    public var tags: [GammaTag]?
}
