/// Holdings of one outcome token. Positions are long-only: on every supported venue a "short"
/// is a long position in the complementary outcome, and the adapters map it that way.
public struct Position: Hashable, Codable, Sendable {
    public var instrument: InstrumentID
    public private(set) var size: Size
    /// What the current holding cost, fees included, so that P&L is net of fees.
    public private(set) var costBasis: Amount
    /// Profit already locked in by sells and settlements, net of fees.
    public private(set) var realizedPnL: Amount

    public init(instrument: InstrumentID, size: Size = .zero, costBasis: Amount = .zero, realizedPnL: Amount = .zero) {
        self.instrument = instrument
        self.size = size
        self.costBasis = costBasis
        self.realizedPnL = realizedPnL
    }

    public var isFlat: Bool { size.isZero }
    public var averageCost: Price? { size.units > 0 ? costBasis.perShare(size) : nil }

    /// Value at `mark` minus cost.
    public func unrealizedPnL(mark: Price) -> Amount { mark.cost(of: size) - costBasis }

    /// Books a fill; returns the realized P&L it produced.
    @discardableResult
    public mutating func apply(_ fill: Fill) throws(PortfolioError) -> Amount {
        guard fill.instrument == instrument else { throw .wrongInstrument(position: instrument, fill: fill.instrument) }
        switch fill.side {
        case .buy:
            size += fill.size
            costBasis += fill.notional + fill.fee
            return .zero
        case .sell:
            guard fill.size <= size else { throw .oversold(instrument: instrument, held: size, sold: fill.size) }
            let released = releasedCost(for: fill.size)
            let pnl = fill.notional - fill.fee - released
            size -= fill.size
            costBasis -= released
            realizedPnL += pnl
            return pnl
        }
    }

    /// Settles the whole holding at the resolution payout per share; returns the cash received.
    @discardableResult
    public mutating func settle(payout: Price) -> Amount {
        let proceeds = payout.cost(of: size)
        realizedPnL += proceeds - costBasis
        size = .zero
        costBasis = .zero
        return proceeds
    }

    /// The share of the cost basis that leaves with `sold` shares (average-cost accounting).
    private func releasedCost(for sold: Size) -> Amount {
        if sold == size { return costBasis }
        return Amount(units: Int64(FixedPoint.divide(Int128(costBasis.units) * Int128(sold.units), Int128(size.units), .halfUp)))
    }
}

public enum PortfolioError: Error, Hashable, Sendable, CustomStringConvertible {
    case oversold(instrument: InstrumentID, held: Size, sold: Size)
    case wrongInstrument(position: InstrumentID, fill: InstrumentID)
    case duplicateFill(FillID)

    public var description: String {
        switch self {
        case .oversold(let instrument, let held, let sold):
            "\(instrument): sold \(sold) but only \(held) held; reconcile positions with the venue"
        case .wrongInstrument(let position, let fill):
            "a fill for \(fill) was applied to the position in \(position)"
        case .duplicateFill(let id):
            "fill \(id) was already booked; ignored"
        }
    }
}
