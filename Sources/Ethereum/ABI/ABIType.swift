/// A Solidity ABI type, as far as contract calls here need: the elementary types, `bytes`,
/// `string` and dynamic arrays `T[]`. Fixed-size arrays and tuples are refused by the parser
/// rather than encoded wrongly.
public indirect enum ABIType: Hashable, Sendable, CustomStringConvertible {
    /// `uintN`, N a multiple of 8 in 8…256.
    case uint(bits: Int)
    /// `intN`, two's complement, N a multiple of 8 in 8…256.
    case int(bits: Int)
    case address
    case bool
    /// `bytesN`, N in 1…32: static, right-padded.
    case fixedBytes(Int)
    /// Dynamic `bytes`.
    case bytes
    /// Dynamic `string`, UTF-8.
    case string
    /// Dynamic-length array `T[]`.
    case array(ABIType)

    public static let uint256 = ABIType.uint(bits: 256)
    public static let bytes32 = ABIType.fixedBytes(32)

    /// Parses a canonical or shorthand type name (`uint` means `uint256`, as in the selector rules).
    public init(parsing text: String) throws(ABIError) {
        let name = text.trimmingWhitespace()
        if name.hasSuffix("[]") {
            self = .array(try ABIType(parsing: String(name.dropLast(2))))
            return
        }
        if name.contains("[") || name.contains("(") { throw .unsupportedType(name) }
        switch name {
        case "address": self = .address
        case "bool": self = .bool
        case "bytes": self = .bytes
        case "string": self = .string
        case "uint": self = .uint(bits: 256)
        case "int": self = .int(bits: 256)
        default:
            if let bits = Self.suffixNumber(name, prefix: "uint"), bits % 8 == 0, (8...256).contains(bits) {
                self = .uint(bits: bits)
            } else if let bits = Self.suffixNumber(name, prefix: "int"), bits % 8 == 0, (8...256).contains(bits) {
                self = .int(bits: bits)
            } else if let size = Self.suffixNumber(name, prefix: "bytes"), (1...32).contains(size) {
                self = .fixedBytes(size)
            } else {
                throw .unsupportedType(name)
            }
        }
    }

    /// The canonical name used in function signatures (`uint256`, never `uint`).
    public var description: String {
        switch self {
        case .uint(let bits): "uint\(bits)"
        case .int(let bits): "int\(bits)"
        case .address: "address"
        case .bool: "bool"
        case .fixedBytes(let size): "bytes\(size)"
        case .bytes: "bytes"
        case .string: "string"
        case .array(let element): "\(element)[]"
        }
    }

    /// Dynamic types are encoded in the tail, with an offset in the head.
    public var isDynamic: Bool {
        switch self {
        case .bytes, .string, .array: true
        case .uint, .int, .address, .bool, .fixedBytes: false
        }
    }

    private static func suffixNumber(_ name: String, prefix: String) -> Int? {
        guard name.hasPrefix(prefix) else { return nil }
        let digits = name.dropFirst(prefix.count)
        // "uint08" is not a type name; refusing it keeps signatures canonical.
        guard !digits.isEmpty, digits.first != "0", digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(digits)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
