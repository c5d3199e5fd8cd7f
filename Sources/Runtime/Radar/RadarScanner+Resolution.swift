import EdgewiseAnalysis
import EdgewiseCore

extension RadarScanner {
    /// Hands new observations to the radar and starts watching every listed market they may
    /// concern: its book is read if no detector read it yet, and it is evaluated at once, with
    /// real fees confirmed before anything is reported, like every other opportunity.
    public func observe(
        _ observations: [ResolutionObservation], watchlist: inout ResolutionWatchlist, radar: inout Radar,
        now: @Sendable () -> Timestamp = Timestamp.now
    ) async -> Pass {
        var pass = Pass()
        guard !observations.isEmpty else { return pass }
        let time = now()
        for observation in observations { pass.changes += radar.observe(observation, at: time) }

        var added: [Int] = []
        for market in watchlist.newlyConcerned(by: observations) {
            guard let index = radar.universe.index(venue: market.venue, market: market.id) else { continue }
            radar.watchResolution(of: market)
            added.append(index)
        }
        for venue in options.venues {
            let unread = added.filter { radar.universe.markets[$0].venue == venue && !radar.universe.books[$0].isSynchronized }
                .map { radar.universe.markets[$0].yes }
            guard !unread.isEmpty else { continue }
            do {
                let snapshots: [BookSnapshot] = switch venue {
                case .polymarket: try await polymarketBooks(unread)
                case .kalshi: try await kalshiBooks(unread)
                default: []
                }
                let received = now()
                for snapshot in snapshots { radar.load(snapshot, receivedAt: received) }
            } catch {
                pass.warnings.append("\(venue): books for resolution watching: \(error)")
            }
        }
        let evaluated = now()
        for index in added { pass.changes += radar.reevaluate(market: index, now: evaluated) }
        await confirmFees(in: &radar, pass: &pass, now: now)
        pass.changes = OpportunityChangeLog.collapse(pass.changes)
        return pass
    }
}
