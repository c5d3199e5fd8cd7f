import EdgewiseAnalysis
import EdgewiseCore

/// The markets a scan could watch for resolution arbitrage, with their parsed questions, and
/// which of them are watched already. A market is watched once some observation may concern it;
/// watching every listed market would mean reading thousands of books (one request each on
/// Kalshi) for questions no feed speaks to.
public struct ResolutionWatchlist: Sendable {
    private var candidates: [(market: Market, proposition: Proposition)]
    private var watched: Set<VenueMarketKey> = []

    public init(markets: [Market]) {
        candidates = markets.filter { $0.status.isTradable && $0.outcomes.count == 2 }
            .map { ($0, PropositionParser.parse($0.question, slug: $0.slug)) }
    }

    public var watchedCount: Int { watched.count }

    /// The markets `observations` may concern that are not watched yet; they count as watched
    /// from now on.
    public mutating func newlyConcerned(by observations: [ResolutionObservation]) -> [Market] {
        guard !observations.isEmpty else { return [] }
        var found: [Market] = []
        for candidate in candidates where !watched.contains(VenueMarketKey(candidate.market)) {
            if observations.contains(where: { $0.mayConcern(candidate.market, proposition: candidate.proposition) }) {
                watched.insert(VenueMarketKey(candidate.market))
                found.append(candidate.market)
            }
        }
        return found
    }
}
