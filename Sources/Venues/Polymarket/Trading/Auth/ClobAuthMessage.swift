import BigInt
import EdgewiseEthereum

/// The L1 proof of wallet control: an EIP-712 `ClobAuth` message the CLOB asks for before it creates
/// or re-derives API credentials.
///
/// Its domain has no verifying contract (`EIP712Domain(string name,string version,uint256 chainId)`),
/// and the timestamp is signed as a *string* — both differ from the order domain and both change the
/// hash, so the vectors pin them down.
public struct ClobAuthMessage: Sendable, Hashable {
    public static let attestation = "This message attests that I control the given wallet"

    public let address: EthereumAddress
    /// Unix seconds, as the `POLY_TIMESTAMP` header carries it.
    public let timestamp: Int64
    public let nonce: UInt64

    public init(address: EthereumAddress, timestamp: Int64, nonce: UInt64 = 0) {
        self.address = address
        self.timestamp = timestamp
        self.nonce = nonce
    }

    public static let types = try! EIP712Types([
        "ClobAuth": [
            .init("address", "address"), .init("timestamp", "string"), .init("nonce", "uint256"), .init("message", "string"),
        ],
    ])

    public static func domain(chain: PolymarketChain) -> EIP712Domain {
        EIP712Domain(name: "ClobAuthDomain", version: "1", chainID: BigUInt(chain.chainID))
    }

    public func typedData(chain: PolymarketChain) -> EIP712TypedData {
        EIP712TypedData(
            types: Self.types, primaryType: "ClobAuth", domain: Self.domain(chain: chain),
            message: [
                "address": .address(address), "timestamp": .string(String(timestamp)),
                "nonce": .integer(nonce), "message": .string(Self.attestation),
            ])
    }

    public func sign(with key: EthereumPrivateKey, chain: PolymarketChain) -> EthereumSignature {
        // The message is built from typed fields only; the encoder cannot reject it.
        try! typedData(chain: chain).sign(with: key)
    }

    /// The L1 headers for `POST /auth/api-key` and `GET /auth/derive-api-key`.
    public static func headers(key: EthereumPrivateKey, chain: PolymarketChain, timestamp: Int64, nonce: UInt64 = 0) -> [(name: String, value: String)] {
        let message = ClobAuthMessage(address: key.address, timestamp: timestamp, nonce: nonce)
        return [
            ("POLY_ADDRESS", key.address.checksummed),
            ("POLY_SIGNATURE", message.sign(with: key, chain: chain).hex),
            ("POLY_TIMESTAMP", String(timestamp)),
            ("POLY_NONCE", String(nonce)),
        ]
    }
}
