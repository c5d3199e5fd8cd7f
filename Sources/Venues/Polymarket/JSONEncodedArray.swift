import EdgewiseVenueKit
import Foundation

/// A JSON array that Gamma sends as a string containing JSON (`"[\"Yes\", \"No\"]"`). It is
/// decoded twice: once as a string, then the string as an array. A real array is accepted too,
/// in case the API ever stops double-encoding.
public struct JSONEncodedArray<Element: Decodable & Sendable & Hashable>: Decodable, Sendable, Hashable {
    public let elements: [Element]

    public init(_ elements: [Element]) { self.elements = elements }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let direct = try? container.decode([Element].self) {
            elements = direct
            return
        }
        let text = try container.decode(String.self)
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            elements = []
            return
        }
        do {
            elements = try JSONDecoder().decode([Element].self, from: Data(text.utf8))
        } catch {
            let (field, detail) = DecodingErrorDescription.describe(error)
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "JSON-encoded array is invalid at \(field): \(detail)")
        }
    }
}
