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
