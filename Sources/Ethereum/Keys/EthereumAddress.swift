/// A 20-byte Ethereum account address.
///
/// Parsing enforces EIP-55: all-lower-case and all-upper-case hex carry no checksum and are
/// accepted; mixed case is a checksum and must be right, because a mistyped funder address would
/// sign orders for funds the venue cannot find. Printing always gives the checksummed form.
public struct EthereumAddress: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]
    /// The EIP-55 form, computed once: every order JSON and header prints it, and each computation
    /// is a Keccak hash.
    public let checksummed: String

    public static let zero = EthereumAddress(unchecked: [UInt8](repeating: 0, count: 20))

    public init(bytes: [UInt8]) throws(EthereumAddressError) {
        guard bytes.count == 20 else { throw .wrongLength(bytes: bytes.count) }
        self.init(unchecked: bytes)
    }

    init(unchecked bytes: [UInt8]) {
        self.bytes = bytes
        self.checksummed = Self.checksum(bytes)
    }

    public static func == (lhs: EthereumAddress, rhs: EthereumAddress) -> Bool { lhs.bytes == rhs.bytes }
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }

    public init(_ text: String) throws(EthereumAddressError) {
        guard text.hasPrefix("0x") || text.hasPrefix("0X") else { throw .missingPrefix }
        let decoded: [UInt8]
        do { decoded = try Hex.decode(text) } catch { throw .notHex }
        guard decoded.count == 20 else { throw .wrongLength(bytes: decoded.count) }
        self.init(unchecked: decoded)
        let digits = text.dropFirst(2)
        let hasLower = digits.contains { $0.isLowercase }
        let hasUpper = digits.contains { $0.isUppercase }
        if hasLower && hasUpper && String(digits) != String(checksummed.dropFirst(2)) {
            throw .badChecksum(expected: checksummed)
        }
    }

    /// The EIP-55 form: a hex letter is upper-case when the matching nibble of
    /// keccak256(lower-case hex) is 8 or more.
    static func checksum(_ bytes: [UInt8]) -> String {
        let lower = Array(Hex.encode(bytes, prefix: false).utf8)
        let hash = Keccak256.hash(lower).bytes
        var out = Array("0x".utf8)
        for (index, character) in lower.enumerated() {
            let nibble = index % 2 == 0 ? hash[index / 2] >> 4 : hash[index / 2] & 0x0f
            if character >= UInt8(ascii: "a"), nibble >= 8 {
                out.append(character - 32)
            } else {
                out.append(character)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { checksummed }
}

extension EthereumAddress: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(checksummed)
    }
}

public enum EthereumAddressError: Error, Equatable, CustomStringConvertible {
    case missingPrefix
    case notHex
    case wrongLength(bytes: Int)
    case badChecksum(expected: String)

    public var description: String {
        switch self {
        case .missingPrefix: "an Ethereum address starts with 0x"
        case .notHex: "an Ethereum address is 0x followed by 40 hex digits"
        case .wrongLength(let bytes): "an Ethereum address is 20 bytes (40 hex digits), got \(bytes) bytes"
        case .badChecksum(let expected):
            "the address's mixed-case checksum (EIP-55) is wrong — probably a typo; the checksummed form of these digits is \(expected), but check the address itself"
        }
    }
}
