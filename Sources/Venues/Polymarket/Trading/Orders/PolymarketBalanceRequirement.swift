import EdgewiseCore

/// What an order locks from the maker's balances, so it can be compared with them before signing
/// rather than discovered by a rejected post.
public enum PolymarketBalanceRequirement: Sendable, Hashable, CustomStringConvertible {
    /// USDC (pUSD): a BUY's makerAmount, plus any fee paid on top.
    case collateral(Amount)
    /// Outcome shares: a SELL's makerAmount.
    case shares(Size)

    /// Throws when the relevant balance falls short; the other one is not looked at.
    public func check(collateral available: Amount, shares held: Size) throws(PolymarketOrderRejection) {
        switch self {
        case .collateral(let required):
            if available < required { throw .insufficientCollateral(required: required, available: available) }
        case .shares(let required):
            if held < required { throw .insufficientShares(required: required, available: held) }
        }
    }

    public var description: String {
        switch self {
        case .collateral(let amount): "\(amount) USDC"
        case .shares(let size): "\(size) shares"
        }
    }
}

extension PolymarketOrderAmounts {
    /// The order's value in USDC: what a BUY pays at most or a SELL receives at least.
    public var notional: Amount { collateral }

    /// What the order needs on hand. `fee` is the taker fee expected on a BUY (see
    /// ``PolymarketFeeSchedule``): the official V2 client budgets it in USDC on top of the spend.
    /// A SELL needs only its shares.
    public func requiredBalance(fee: Amount = .zero) -> PolymarketBalanceRequirement {
        side == .buy ? .collateral(collateral + fee) : .shares(shares)
    }
}
