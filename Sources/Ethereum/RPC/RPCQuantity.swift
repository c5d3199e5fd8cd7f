import BigInt

/// Ethereum JSON-RPC quantities: `0x` + hex digits, no leading zeros, zero as `0x0`.
///
/// Parsed straight into `BigUInt`, so a balance or fee of any size is exact.
public enum RPCQuantity {
    public static func encode(_ value: BigUInt) -> String { "0x" + String(value, radix: 16) }

    public static func encode(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

    /// Parses a quantity. Leading zeros are tolerated (some nodes send them); an empty `0x`, a
    /// missing prefix or a non-hex digit is refused rather than read as zero.
    public static func parse(_ text: String) -> BigUInt? {
        guard text.hasPrefix("0x") || text.hasPrefix("0X") else { return nil }
        let digits = text.dropFirst(2)
        guard !digits.isEmpty, digits.count <= 64, digits.allSatisfy(\.isHexDigit) else { return nil }
        return BigUInt(digits, radix: 16)
    }

    public static func parseUInt64(_ text: String) -> UInt64? {
        guard let value = parse(text), value.bitWidth <= 64 else { return nil }
        return UInt64(value)
    }
}
