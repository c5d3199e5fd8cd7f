import EdgewiseCore

extension PaperBroker {
    /// What an order on `instrument` could take right now, in that instrument's own prices,
    /// best first: asks for a buy, bids for a sell, net of what our fills already took. For an
    /// instrument matched through its complement's book, the levels are read mirrored.
    public func liquidity(_ instrument: InstrumentID, for side: OrderSide) -> [BookLevel] {
        switch markets(instrument)?.source {
        case .complement(let other):
            // Buying NO at q takes YES bids at 1 − q; selling NO takes YES asks.
            return availableLevels(other, side == .buy ? .bid : .ask)
                .map { BookLevel(price: $0.price.complement, size: $0.size) }
        case .own, nil:
            return availableLevels(instrument, side == .buy ? .ask : .bid)
        }
    }
}

extension PaperExchange: LiquiditySource {
    public func liquidity(_ instrument: InstrumentID, for side: OrderSide) async -> [BookLevel] {
        await brokerLiquidity(instrument, side)
    }
}
