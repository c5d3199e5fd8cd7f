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
    /// Polymarket's pUSD collateral adapters. Since the V2 migration, positions bought with pUSD
    /// are redeemed, split and merged through these thin adapters (same argument layout as the
    /// CTF's own functions), not on the CTF directly: a direct CTF redeem with pUSD as collateral
    /// looks up a position nobody holds, pays nothing and does not revert. Nil means the legacy
    /// paths (CTF, NegRiskAdapter) — Amoy, where no adapter address is known.
    public var collateralAdapter: EthereumAddress?
    public var negRiskCollateralAdapter: EthereumAddress?

    public init(
        chainID: UInt64, conditionalTokens: EthereumAddress, negRiskAdapter: EthereumAddress, collateral: EthereumAddress,
        collateralAdapter: EthereumAddress? = nil, negRiskCollateralAdapter: EthereumAddress? = nil
    ) {
        self.chainID = chainID
        self.conditionalTokens = conditionalTokens
        self.negRiskAdapter = negRiskAdapter
        self.collateral = collateral
        self.collateralAdapter = collateralAdapter
        self.negRiskCollateralAdapter = negRiskCollateralAdapter
    }

    // The literals are checked EIP-55 forms; a typo would fail the test that loads them.
    /// Polygon with the V2 pUSD adapters (CtfCollateralAdapter, NegRiskCtfCollateralAdapter). The
    /// adapter addresses come from Polymarket's contracts registry as mirrored by third-party
    /// clients, not from the reference this project was given; `polygon.ctf_collateral_adapter`
    /// and `polygon.neg_risk_collateral_adapter` in the config override them.
    public static let polygon = PolymarketContracts(
        chainID: 137,
        conditionalTokens: try! EthereumAddress("0x4D97DCd97eC945f40cF65F87097ACe5EA0476045"),
        negRiskAdapter: try! EthereumAddress("0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296"),
        collateral: try! EthereumAddress("0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB"),
        collateralAdapter: try! EthereumAddress("0xAdA100Db00Ca00073811820692005400218FcE1f"),
        negRiskCollateralAdapter: try! EthereumAddress("0xadA2005600Dec949baf300f4C6120000bDB6eAab"))

    /// Polygon's pre-V2 paths: the CTF itself and the NegRiskAdapter.
    public static let polygonLegacy: PolymarketContracts = {
        var contracts = polygon
        contracts.collateralAdapter = nil
        contracts.negRiskCollateralAdapter = nil
        return contracts
    }()

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
