/// A 32-byte word: a hash, an EIP-712 `bytes32`, an ABI word.
///
/// A distinct type so that a digest cannot be passed where an address or arbitrary bytes are
/// expected, and so that its length is checked once, at construction.
public struct Bytes32: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public static let zero = Bytes32(unchecked: [UInt8](repeating: 0, count: 32))

    /// Fails unless `bytes` is exactly 32 long.
    public init(_ bytes: [UInt8]) throws(HexError) {
        guard bytes.count == 32 else { throw HexError.wrongLength(expectedBytes: 32, actualBytes: bytes.count) }
        self.bytes = bytes
    }

    init(unchecked bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses `0x` + 64 hex digits (the `0x` is optional).
    public init(hex: String) throws(HexError) {
        try self.init(Hex.decode(hex))
    }

    /// `0x`-prefixed lower-case hex, the form JSON and the venues use.
    public var hex: String { Hex.encode(bytes, prefix: true) }
    public var description: String { hex }
}

extension Bytes32: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(hex: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
