import EdgewiseCore

/// Why a leg failed its pre-check; no leg of the basket was sent.
public enum LegProblem: Hashable, Sendable, CustomStringConvertible {
    case belowMinimum(InstrumentID, size: Size, minimum: Size)
    case offTick(InstrumentID, price: Price, tick: Price)
    case insufficientDepth(InstrumentID, available: Size, needed: Size)
    case insufficientBalance(VenueID, available: Amount, needed: Amount)
    case notABuy(InstrumentID)
    case unknownRules(InstrumentID)

    public var description: String {
        switch self {
        case .belowMinimum(let instrument, let size, let minimum): "\(instrument): \(size) is below the venue minimum \(minimum)"
        case .offTick(let instrument, let price, let tick): "\(instrument): limit \(price) is not on the \(tick) tick"
        case .insufficientDepth(let instrument, let available, let needed):
            "\(instrument): only \(available) of \(needed) offered within the limit"
        case .insufficientBalance(let venue, let available, let needed): "\(venue): balance \(available), the legs need \(needed)"
        case .notABuy(let instrument): "\(instrument): arbitrage legs are buys"
        case .unknownRules(let instrument): "\(instrument): tick and minimum size unknown; read the market first"
        }
    }
}
