import EdgewiseCore

/// What a market (FOK/FAK) order is sized in: a BUY spends USDC, a SELL gives shares. Pairing the
/// side with its unit keeps a dollar amount from ever being read as a share count.
public enum PolymarketMarketOrderQuantity: Sendable, Hashable, CustomStringConvertible {
    case buy(spending: Amount)
    case sell(shares: Size)

    public var side: OrderSide {
        switch self {
        case .buy: .buy
        case .sell: .sell
        }
    }

    /// The quantity in millionths, whatever its unit.
    var units: Int64 {
        switch self {
        case .buy(let amount): amount.units
        case .sell(let shares): shares.units
        }
    }

    /// The same unit as `self`, holding `units` millionths.
    func withUnits(_ units: Int64) -> Self {
        switch self {
        case .buy: .buy(spending: Amount(units: units))
        case .sell: .sell(shares: Size(units: units))
        }
    }

    public var description: String {
        switch self {
        case .buy(let amount): "\(amount) USDC"
        case .sell(let shares): "\(shares) shares"
        }
    }
}
