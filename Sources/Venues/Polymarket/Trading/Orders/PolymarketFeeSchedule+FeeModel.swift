import EdgewiseCore

extension PolymarketFeeSchedule: FeeModel {
    /// The taker fee rounded up, so a radar or sizing estimate never understates it. A price the
    /// schedule refuses (above 1) cannot come from a book; should it ever, the fee is the whole
    /// notional so nothing built on it looks profitable.
    public func takerFee(size: Size, price: Price) -> Amount {
        (try? fee(shares: size, price: price, liquidity: .taker, rounding: .up)) ?? price.cost(of: size, .up)
    }
}
