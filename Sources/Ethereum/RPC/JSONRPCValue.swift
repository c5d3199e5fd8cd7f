import Foundation

/// A JSON value as JSON-RPC carries it: parameters are heterogeneous and results differ by method,
/// so they are held as a tree and interpreted by the method that asked.
///
/// Numbers are kept as `Decimal`, never `Double`; Ethereum quantities travel as hex strings anyway
/// and only ids and error codes are JSON numbers.
public indirect enum JSONRPCValue: Codable, Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case array([JSONRPCValue])
    case object([String: JSONRPCValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let number = try? container.decode(Decimal.self) {
            self = .number(number)
        } else if let items = try? container.decode([JSONRPCValue].self) {
            self = .array(items)
        } else if let members = try? container.decode([String: JSONRPCValue].self) {
            self = .object(members)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .number(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .array(let items): try container.encode(items)
        case .object(let members): try container.encode(members)
        }
    }

    public var isNull: Bool { self == .null }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var objectValue: [String: JSONRPCValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public var arrayValue: [JSONRPCValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var intValue: Int? {
        // Decimal prints integers without a fraction, so this is exact and refuses 1.5.
        if case .number(let number) = self { return Int(number.description) }
        return nil
    }

    public subscript(key: String) -> JSONRPCValue? { objectValue?[key] }

    /// Compact JSON text, keys sorted (stable for tests and logs).
    public var jsonData: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a tree of strings, numbers and containers cannot fail.
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }
}
