import BigInt

/// A value for an ABI-encoded argument or a decoded return value.
///
/// Which encoding applies is decided by the declared ``ABIType``; the case carries the value in a
/// lossless form and is checked against the type (width, length) before anything is encoded.
public indirect enum ABIValue: Hashable, Sendable {
    case uint(BigUInt)
    case int(BigInt)
    case address(EthereumAddress)
    case bool(Bool)
    /// `bytesN`: exactly N bytes.
    case fixedBytes([UInt8])
    case bytes([UInt8])
    case string(String)
    case array([ABIValue])

    public static func bytes32(_ value: Bytes32) -> ABIValue { .fixedBytes(value.bytes) }
    public static func uintArray(_ values: [BigUInt]) -> ABIValue { .array(values.map(ABIValue.uint)) }

    public var uintValue: BigUInt? {
        if case .uint(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var addressValue: EthereumAddress? {
        if case .address(let value) = self { return value }
        return nil
    }

    public var bytesValue: [UInt8]? {
        switch self {
        case .bytes(let value), .fixedBytes(let value): value
        default: nil
        }
    }

    public var arrayValue: [ABIValue]? {
        if case .array(let value) = self { return value }
        return nil
    }
}
