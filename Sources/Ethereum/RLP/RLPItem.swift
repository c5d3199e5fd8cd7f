import BigInt

/// A value of Ethereum's Recursive Length Prefix encoding: a byte string or a list of items.
///
/// RLP has no integer type: an integer is its big-endian bytes without leading zeros, so zero is
/// the empty string. The accessors enforce that form when reading, because two encodings of one
/// number would give two hashes for one transaction.
public indirect enum RLPItem: Hashable, Sendable {
    case bytes([UInt8])
    case list([RLPItem])

    /// A non-negative integer as RLP writes it: minimal big-endian, 0 → empty.
    public static func uint(_ value: BigUInt) -> RLPItem { .bytes([UInt8](value.serialize())) }

    public static func uint(_ value: UInt64) -> RLPItem { .uint(BigUInt(value)) }

    public static func string(_ text: String) -> RLPItem { .bytes(Array(text.utf8)) }

    public func bytesValue(_ field: String = "item") throws(RLPError) -> [UInt8] {
        guard case .bytes(let bytes) = self else { throw .expectedBytes(field: field) }
        return bytes
    }

    public func listValue(_ field: String = "item") throws(RLPError) -> [RLPItem] {
        guard case .list(let items) = self else { throw .expectedList(field: field) }
        return items
    }

    /// An integer of at most `maxBytes` bytes (32 for a `uint256`), refusing leading zeros.
    public func uintValue(_ field: String = "item", maxBytes: Int = 32) throws(RLPError) -> BigUInt {
        let bytes = try bytesValue(field)
        guard bytes.first != 0 else { throw .leadingZeroInInteger(field: field) }
        guard bytes.count <= maxBytes else { throw .integerTooLarge(field: field, maxBytes: maxBytes) }
        return BigUInt(bigEndian: bytes)
    }

    public func uint64Value(_ field: String = "item") throws(RLPError) -> UInt64 {
        UInt64(try uintValue(field, maxBytes: 8))
    }
}
