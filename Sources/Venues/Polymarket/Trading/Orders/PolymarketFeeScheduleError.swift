/// Why a market's fee parameters (`fd`) could not be taken as exact numbers. A fee that cannot be
/// computed exactly is refused rather than approximated.
public enum PolymarketFeeScheduleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rate is not a plain non-negative decimal of at most 19 significant digits.
    case invalidRate(String)
    /// The exponent is not a whole number in 0…``PolymarketFeeSchedule/maximumExponent``.
    case invalidExponent(String)

    public var description: String {
        switch self {
        case .invalidRate(let text):
            "fee rate '\(text)' is not a non-negative decimal with at most 19 significant digits; check the market's fd.r"
        case .invalidExponent(let text):
            "fee exponent '\(text)' is not a whole number from 0 to \(PolymarketFeeSchedule.maximumExponent); check the market's fd.e"
        }
    }
}
