import EdgewiseEthereum

/// The chains Polymarket's CLOB settles on, and the contracts each one uses.
///
/// The exchange a signature names (its EIP-712 `verifyingContract`) must be the one that will
/// settle the order: a neg-risk market's order signed for the plain exchange is rejected.
public enum PolymarketChain: UInt64, Sendable, CaseIterable, CustomStringConvertible {
    case polygon = 137
    case amoy = 80002

    public var chainID: UInt64 { rawValue }

    public init(chainID: UInt64) throws(PolymarketSigningError) {
        guard let chain = PolymarketChain(rawValue: chainID) else { throw .unsupportedChain(chainID) }
        self = chain
    }

    /// CTF Exchange V2 (the same address on both chains since the 2026-04-28 cutover).
    public var exchange: EthereumAddress { Self.address("0xE111180000d2663C0091e4f400237545B87B996B") }
    /// Neg-risk CTF Exchange V2.
    public var negRiskExchange: EthereumAddress { Self.address("0xe2222d279d744050d28e00520010520000310F59") }
    public var negRiskAdapter: EthereumAddress { Self.address("0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296") }
    /// The Gnosis Conditional Tokens contract holding the outcome tokens.
    public var conditionalTokens: EthereumAddress {
        switch self {
        case .polygon: Self.address("0x4D97DCd97eC945f40cF65F87097ACe5EA0476045")
        case .amoy: Self.address("0x69308FB512518e39F9b16112fA8d994F4e2Bf8bB")
        }
    }
    /// pUSD, the V2 collateral (6 decimals).
    public var collateral: EthereumAddress { Self.address("0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB") }

    public func exchange(negRisk: Bool) -> EthereumAddress { negRisk ? negRiskExchange : exchange }

    public var description: String {
        switch self {
        case .polygon: "Polygon (137)"
        case .amoy: "Amoy testnet (80002)"
        }
    }

    private static func address(_ text: String) -> EthereumAddress {
        // These literals are checked by the tests; a typo here must stop the program, not sign.
        try! EthereumAddress(text)
    }
}
