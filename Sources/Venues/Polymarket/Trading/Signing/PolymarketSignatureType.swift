/// How the exchange checks an order's signature, and so who the maker (the funder) may be.
///
/// EOA: the signer is the maker. POLY_PROXY / POLY_GNOSIS_SAFE: the EOA signs for its Polymarket
/// proxy wallet or Safe, which holds the funds and is the maker. POLY_1271: a smart "deposit
/// wallet" is both maker and signer and validates an ERC-7739 wrapped signature.
public enum PolymarketSignatureType: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case eoa = 0
    case polyProxy = 1
    case polyGnosisSafe = 2
    case poly1271 = 3

    /// Accepts the configuration spellings `eoa`, `proxy`, `safe`, `1271` (and the venue's names and
    /// numbers).
    public init(configValue: String) throws(PolymarketSigningError) {
        switch configValue.lowercased() {
        case "eoa", "0": self = .eoa
        case "proxy", "poly_proxy", "1": self = .polyProxy
        case "safe", "gnosis_safe", "poly_gnosis_safe", "2": self = .polyGnosisSafe
        case "1271", "poly_1271", "deposit_wallet", "3": self = .poly1271
        default: throw .unknownSignatureType(configValue)
        }
    }

    public var description: String {
        switch self {
        case .eoa: "eoa"
        case .polyProxy: "proxy"
        case .polyGnosisSafe: "safe"
        case .poly1271: "1271"
        }
    }
}
