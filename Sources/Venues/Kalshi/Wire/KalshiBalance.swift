import EdgewiseCore

/// `GET /portfolio/balance`. The spec sends cents (`balance`, `portfolio_value`); a
/// `balance_dollars` string was announced later. Either or both are accepted, and when both
/// arrive they must agree to the cent.
public struct KalshiBalance: Decodable, Sendable, Hashable {
    /// Cash available for trading.
    public var balance: Amount
    /// The marked value of open positions, when reported.
    public var portfolioValue: Amount?
    public var updated: Timestamp?

    enum CodingKeys: String, CodingKey {
        case balanceDollars = "balance_dollars", balance
        case portfolioValueDollars = "portfolio_value_dollars", portfolioValue = "portfolio_value"
        case updatedTS = "updated_ts"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let balance = try c.kalshiAmount(.balanceDollars, legacyCents: .balance) else {
            throw DecodingError.keyNotFound(
                CodingKeys.balance, .init(codingPath: c.codingPath, debugDescription: "neither balance nor balance_dollars"))
        }
        self.balance = balance
        portfolioValue = try c.kalshiAmount(.portfolioValueDollars, legacyCents: .portfolioValue)
        updated = try c.kalshiTime(.updatedTS)
    }
}
