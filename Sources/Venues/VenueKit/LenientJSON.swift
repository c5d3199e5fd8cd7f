import EdgewiseCore
import Foundation

/// A JSON decimal that venues send either as a string (`"0.535"`) or as a number (`0.001`),
/// kept as its exact decimal text. Numbers are read through `Decimal`, never `Double`, so money
/// stays exact from the wire on.
public struct LenientDecimal: Decodable, Sendable, Hashable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) { self.text = text }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            text = string.trimmingCharacters(in: .whitespaces)
        } else if let number = try? container.decode(Decimal.self) {
            text = number.description
        } else {
            throw DecodingError.typeMismatch(
                LenientDecimal.self, .init(codingPath: decoder.codingPath, debugDescription: "expected a decimal number or string"))
        }
    }

    public var description: String { text }
    public var isEmpty: Bool { text.isEmpty }

    /// The value as an exact fixed-point type; nil for an empty string.
    public func value<T: FixedPointDecimal>(_ type: T.Type = T.self) throws(FixedPointError) -> T? {
        if text.isEmpty { return nil }
        return try T(parsing: text)
    }
}

/// A boolean sent as `true`, `"true"`, `1` or `"1"`.
public struct LenientBool: Decodable, Sendable, Hashable {
    public let value: Bool

    public init(_ value: Bool) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let bool = try? container.decode(Bool.self) {
            value = bool
        } else if let string = try? container.decode(String.self) {
            switch string.lowercased() {
            case "true", "1", "yes": value = true
            case "false", "0", "no", "": value = false
            default:
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(string)' is not a boolean")
            }
        } else if let number = try? container.decode(Int.self) {
            value = number != 0
        } else {
            throw DecodingError.typeMismatch(Bool.self, .init(codingPath: decoder.codingPath, debugDescription: "expected a boolean"))
        }
    }
}

/// An identifier or label sent as a string or as a number (`"512345"` or `512345`).
public struct LenientString: Decodable, Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public init(_ value: String) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            value = string
        } else if let number = try? container.decode(Int64.self) {
            value = String(number)
        } else if let number = try? container.decode(Decimal.self) {
            value = number.description
        } else if let bool = try? container.decode(Bool.self) {
            value = String(bool)
        } else {
            throw DecodingError.typeMismatch(String.self, .init(codingPath: decoder.codingPath, debugDescription: "expected a string or number"))
        }
    }

    public var description: String { value }
}
