/// Cash and positions across venues, with P&L. Fills are booked once: a repeated fill id is an
/// error, never a second position change.
public struct Portfolio: Hashable, Codable, Sendable {
    public private(set) var cash: Amount
    public private(set) var positions: [InstrumentID: Position]
    /// Realized P&L of positions that were closed and removed.
    public private(set) var closedRealizedPnL: Amount
    /// Fill ids are unique per venue, not across venues.
    public private(set) var bookedFills: Set<VenueFillID>

    public init(cash: Amount, positions: [Position] = []) {
        self.cash = cash
        self.positions = Dictionary(uniqueKeysWithValues: positions.map { ($0.instrument, $0) })
        self.closedRealizedPnL = .zero
        self.bookedFills = []
    }

    public func position(_ instrument: InstrumentID) -> Position? { positions[instrument] }

    public var realizedPnL: Amount {
        positions.values.reduce(closedRealizedPnL) { $0 + $1.realizedPnL }
    }

    /// Unrealized P&L at the given marks; instruments without a mark count at cost.
    public func unrealizedPnL(marks: [InstrumentID: Price]) -> Amount {
        positions.values.reduce(Amount.zero) { total, position in
            guard let mark = marks[position.instrument] else { return total }
            return total + position.unrealizedPnL(mark: mark)
        }
    }

    /// Cash plus positions at the given marks (at cost where no mark is known).
    public func equity(marks: [InstrumentID: Price]) -> Amount {
        positions.values.reduce(cash) { total, position in
            if let mark = marks[position.instrument] { return total + mark.cost(of: position.size) }
            return total + position.costBasis
        }
    }

    public mutating func deposit(_ amount: Amount) { cash += amount }

    /// Books a fill against cash and the position.
    public mutating func apply(_ fill: Fill) throws(PortfolioError) {
        let key = VenueFillID(venue: fill.instrument.venue, fill: fill.id)
        guard !bookedFills.contains(key) else { throw .duplicateFill(fill.id) }
        var position = positions[fill.instrument] ?? Position(instrument: fill.instrument)
        try position.apply(fill)
        switch fill.side {
        case .buy: cash -= fill.notional + fill.fee
        case .sell: cash += fill.notional - fill.fee
        }
        bookedFills.insert(key)
        store(position)
    }

    /// Pays out a resolved outcome: every share of `instrument` is worth `payout`.
    public mutating func settle(_ instrument: InstrumentID, payout: Price) {
        guard var position = positions[instrument] else { return }
        cash += position.settle(payout: payout)
        store(position)
    }

    private mutating func store(_ position: Position) {
        if position.isFlat {
            closedRealizedPnL += position.realizedPnL
            positions[position.instrument] = nil
        } else {
            positions[position.instrument] = position
        }
    }
}

/// A fill id qualified by its venue.
public struct VenueFillID: Hashable, Codable, Sendable {
    public var venue: VenueID
    public var fill: FillID

    public init(venue: VenueID, fill: FillID) {
        self.venue = venue
        self.fill = fill
    }
}
