import EdgewiseEthereum

/// Why an order or an auth message could not be built or signed. Every case says what to change.
public enum PolymarketSigningError: Error, Equatable, CustomStringConvertible {
    case unsupportedChain(UInt64)
    case unknownSignatureType(String)
    case makerMustBeSigner(signatureType: PolymarketSignatureType, maker: EthereumAddress, signer: EthereumAddress)
    case funderRequired(PolymarketSignatureType)
    case invalidTokenID(String)
    case amountOutOfRange(String)

    public var description: String {
        switch self {
        case .unsupportedChain(let id): "Polymarket trades on Polygon (137) and Amoy (80002), not chain \(id)"
        case .unknownSignatureType(let text):
            "unknown signature type '\(text)': use eoa, proxy or safe (EDGEWISE_POLYMARKET_SIGNATURE_TYPE or polymarket.signature_type)"
        case .makerMustBeSigner(let type, let maker, let signer):
            "with signature type \(type) the maker must be the signing address \(signer), but the funder is \(maker); set the signature type to proxy or safe if \(maker) is your Polymarket wallet"
        case .funderRequired(let type):
            "signature type \(type) signs for a Polymarket wallet: set its address as the funder (EDGEWISE_POLYMARKET_FUNDER or polymarket.funder)"
        case .invalidTokenID(let text): "'\(text)' is not a Polymarket token id (a decimal uint256)"
        case .amountOutOfRange(let text): "amount \(text) does not fit a uint256"
        }
    }
}
