import EdgewiseCore

// `takerFee(count:price:)` already rounds up to the cent per order; charging each fill as its own
// order (what the radar does when it walks several levels) can only overstate the fee.
extension KalshiFeeSchedule: FeeModel {
    public func takerFee(size: Size, price: Price) -> Amount { takerFee(count: size, price: price) }
}
