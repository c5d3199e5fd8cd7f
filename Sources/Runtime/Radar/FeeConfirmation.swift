import EdgewiseAnalysis
import EdgewiseCore

/// Marks which markets carry their venue's real fee schedule rather than the provisional one
/// used to find candidates cheaply.
enum FeeConfirmation {
    /// A fee model the scanner fetched from the venue.
    struct Confirmed: FeeModel {
        let base: any FeeModel
        init(_ base: any FeeModel) { self.base = base }
        func takerFee(size: Size, price: Price) -> Amount { base.takerFee(size: size, price: price) }
    }

    /// The venue would not say what it charges: every trade on the market costs its whole
    /// notional again, so nothing built on it can look profitable.
    struct Unavailable: FeeModel {
        func takerFee(size: Size, price: Price) -> Amount { Price.one.cost(of: size, .up) }
    }

    static func isConfirmed(_ radar: Radar, venue: VenueID, market: MarketID) -> Bool {
        guard let index = radar.universe.index(venue: venue, market: market) else { return false }
        return radar.universe.markets[index].fees is Confirmed
    }
}

/// Folds a pass's changes so each id appears once with its final state (opened then closed in
/// the same pass is nothing; opened then updated is opened).
enum OpportunityChangeLog {
    static func collapse(_ changes: [OpportunityChange]) -> [OpportunityChange] {
        var order: [OpportunityID] = []
        var first: [OpportunityID: OpportunityChange] = [:]
        var last: [OpportunityID: OpportunityChange] = [:]
        for change in changes {
            if first[change.id] == nil {
                order.append(change.id)
                first[change.id] = change
            }
            last[change.id] = change
        }
        return order.compactMap { id in
            switch (first[id]!, last[id]!) {
            case (.opened, .closed): nil
            case (.opened, .opened(let o)), (.opened, .updated(let o)): .opened(o)
            case (_, let final): final
            }
        }
    }
}
