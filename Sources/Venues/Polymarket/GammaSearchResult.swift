import EdgewiseVenueKit

/// The answer of Gamma's `/public-search`: events (with their markets) and possibly tags and
/// profiles, which we ignore. Decoded leniently since the endpoint is loosely specified.
public struct GammaSearchResult: Decodable, Sendable, Hashable {
    public var events: [GammaEvent]
    public var markets: [GammaMarket]
    public var tags: [GammaTag]
    public var hasMore: Bool?

    enum CodingKeys: String, CodingKey {
        case events, markets, tags, pagination
    }

    struct Pagination: Decodable {
        var hasMore: LenientBool?
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        events = (try? container.decodeIfPresent([GammaEvent].self, forKey: .events)) ?? []
        markets = (try? container.decodeIfPresent([GammaMarket].self, forKey: .markets)) ?? []
        tags = (try? container.decodeIfPresent([GammaTag].self, forKey: .tags)) ?? []
        hasMore = (try? container.decodeIfPresent(Pagination.self, forKey: .pagination))?.hasMore?.value
    }

    /// Every market found, those nested in events included, without duplicates.
    public var allMarkets: [GammaMarket] {
        var seen = Set<String>()
        var result: [GammaMarket] = []
        for market in markets + events.flatMap({ $0.markets ?? [] }) {
            let key = market.conditionId ?? market.id?.value ?? market.slug ?? ""
            if seen.insert(key).inserted { result.append(market) }
        }
        return result
    }
}
