import EdgewiseCore

/// Which balance `GET /balance-allowance` reports: the collateral (pUSD) or one outcome token.
public enum PolymarketAssetType: Sendable, Hashable {
    case collateral
    case conditional(TokenID)

    var queryItems: [(name: String, value: String)] {
        switch self {
        case .collateral: [("asset_type", "COLLATERAL")]
        case .conditional(let token): [("asset_type", "CONDITIONAL"), ("token_id", token.rawValue)]
        }
    }
}
