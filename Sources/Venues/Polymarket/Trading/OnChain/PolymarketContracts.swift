import EdgewiseEthereum

/// The contracts the on-chain operations talk to, per chain.
///
/// Sources: shared/reference/venues.md §1.2 (Polymarket's client configs and the neg-risk adapter's
/// addresses.json). The collateral is the one positions are backed by: the CTF derives position
/// ids from it, so redeeming with another token finds no positions and pays nothing (without
/// reverting). Override ``collateral`` when working with positions backed by another token.
public struct PolymarketContracts: Hashable, Sendable {
    public var chainID: UInt64
    /// Gnosis ConditionalTokens (CTF): split, merge, redeem, ERC-1155 balances, payouts.
    public var conditionalTokens: EthereumAddress
    /// Polymarket's NegRiskAdapter: split, merge and redeem for neg-risk (multi-outcome) markets.
    public var negRiskAdapter: EthereumAddress
    /// The collateral token (6 decimals) of standard markets.
    public var collateral: EthereumAddress

    public init(chainID: UInt64, conditionalTokens: EthereumAddress, negRiskAdapter: EthereumAddress, collateral: EthereumAddress) {
        self.chainID = chainID
        self.conditionalTokens = conditionalTokens
        self.negRiskAdapter = negRiskAdapter
        self.collateral = collateral
    }

    // The literals are checked EIP-55 forms; a typo would fail the test that loads them.
    public static let polygon = PolymarketContracts(
        chainID: 137,
        conditionalTokens: try! EthereumAddress("0x4D97DCd97eC945f40cF65F87097ACe5EA0476045"),
        negRiskAdapter: try! EthereumAddress("0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296"),
        collateral: try! EthereumAddress("0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB"))

    public static let amoy = PolymarketContracts(
        chainID: 80002,
        conditionalTokens: try! EthereumAddress("0x69308FB512518e39F9b16112fA8d994F4e2Bf8bB"),
        negRiskAdapter: try! EthereumAddress("0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296"),
        collateral: try! EthereumAddress("0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB"))

    /// The contracts of chain 137 (Polygon) or 80002 (Amoy); nil for any other chain.
    public static func forChain(_ chainID: UInt64) -> PolymarketContracts? {
        switch chainID {
        case 137: polygon
        case 80002: amoy
        default: nil
        }
    }
}
