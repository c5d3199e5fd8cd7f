import EdgewiseCore

/// A limit given either as a share of a reference amount (capital, start-of-day equity, peak
/// equity) or as a fixed amount. Shares are whole basis points so that the limit is exact.
public enum RiskCap: Hashable, Codable, Sendable, CustomStringConvertible {
    /// `basisPoints / 10 000` of the reference (1 500 = 15 %).
    case fraction(basisPoints: Int)
    case amount(Amount)

    /// The limit for a reference amount, rounded down; a negative reference gives zero.
    public func limit(of reference: Amount) -> Amount {
        switch self {
        case .amount(let amount):
            return amount
        case .fraction(let basisPoints):
            guard reference.units > 0, basisPoints > 0 else { return .zero }
            let units = FixedPoint.divide(Int128(reference.units) * Int128(basisPoints), 10_000, .down)
            return Amount(units: Int64(units))
        }
    }

    public var description: String {
        switch self {
        case .fraction(let bp):
            let whole = bp / 100
            let rest = bp % 100
            return rest == 0 ? "\(whole)%" : "\(whole).\(rest < 10 ? "0" : "")\(rest)%"
        case .amount(let amount): return "\(amount)"
        }
    }
}
