import EdgewiseCore
import EdgewiseVenueKit

/// What the CLOB believes the funder holds and has approved for one asset. The venue caches
/// these; `GET /balance-allowance/update` makes it re-read the chain.
public struct PolymarketBalanceAllowance: Sendable, Hashable {
    /// The balance in whole units: pUSD for collateral, shares for an outcome token (both have
    /// 6 decimals on chain, so the base units convert exactly).
    public var balance: Amount
    /// Spender contract address → what it may move.
    public var allowances: [String: PolymarketAllowance]

    public init(balance: Amount, allowances: [String: PolymarketAllowance] = [:]) {
        self.balance = balance
        self.allowances = allowances
    }

    /// The balance as a share count (for outcome tokens).
    public var shares: Size { Size(units: balance.units) }
}

/// An ERC-20/1155 allowance. Wallets usually approve `2^256 - 1`, far beyond any fixed-point
/// amount, so allowances past the representable range are kept apart rather than clamped.
public enum PolymarketAllowance: Sendable, Hashable {
    case limited(Amount)
    /// More than 9.2 trillion units: in practice an unlimited approval. `raw` holds the base units.
    case effectivelyUnlimited(raw: String)
}

struct WireBalanceAllowance: Decodable, Sendable {
    var balance: LenientString?
    var allowances: [String: LenientString]?

    func value(_ field: WireField) throws(VenueError) -> PolymarketBalanceAllowance {
        var allowances: [String: PolymarketAllowance] = [:]
        for (spender, raw) in self.allowances ?? [:] {
            let text = raw.value
            guard !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) else {
                throw field.failure("allowances.\(spender)", "'\(text)' is not a non-negative integer amount of base units")
            }
            allowances[spender] = Int64(text).map { .limited(Amount(units: $0)) } ?? .effectivelyUnlimited(raw: text)
        }
        return PolymarketBalanceAllowance(balance: Amount(units: try field.baseUnits(balance, "balance")), allowances: allowances)
    }
}
