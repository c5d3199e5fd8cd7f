import BigInt

/// A field value in EIP-712 typed data. Which encoding applies is decided by the declared type,
/// not by the case: the case only carries the value in a lossless form.
public enum EIP712Value: Sendable, Hashable {
    case uint(BigUInt)
    case int(BigInt)
    case address(EthereumAddress)
    case bool(Bool)
    case string(String)
    /// Dynamic `bytes` or fixed `bytesN`.
    case bytes([UInt8])
    // Only the recursive cases are boxed: scalars stay inline, which keeps hashing an order
    // free of a heap allocation per field.
    indirect case array([EIP712Value])
    indirect case object([String: EIP712Value])

    public static func integer<T: BinaryInteger>(_ value: T) -> EIP712Value { .uint(BigUInt(value)) }
    public static func bytes32(_ value: Bytes32) -> EIP712Value { .bytes(value.bytes) }
}

/// A member of an EIP-712 struct type: `uint256 salt`, `Person[] to`.
public struct EIP712Field: Hashable, Sendable {
    public let name: String
    public let type: String

    public init(_ name: String, _ type: String) {
        self.name = name
        self.type = type
    }
}
