import EdgewiseVenueKit
import Foundation

/// The `error` member of a CLOB refusal (`{"error": "not enough balance / allowance"}`): usually a
/// sentence, sometimes a structured value, which is flattened to text so that markers such as
/// `order_version_mismatch` are found wherever they sit.
struct ClobErrorText: Decodable, Sendable {
    let text: String

    init(text: String) { self.text = text }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            text = string
        } else if let object = try? container.decode([String: ClobErrorText].self) {
            text = "{" + object.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.text)" }.joined(separator: ", ") + "}"
        } else if let array = try? container.decode([ClobErrorText].self) {
            text = "[" + array.map(\.text).joined(separator: ", ") + "]"
        } else if let scalar = try? container.decode(LenientString.self) {
            text = scalar.value
        } else {
            text = ""
        }
    }

    /// The refusal text in a reply body: the `error` member of a JSON object, or failing that the
    /// start of the body itself (a proxy's HTML or plain-text page).
    static func message(in body: Data) -> String? {
        struct Envelope: Decodable { var error: ClobErrorText? }
        // An empty or null `error` next to a normal reply is not a refusal.
        guard let text = (try? JSONDecoder().decode(Envelope.self, from: body))?.error?.text, !text.isEmpty else { return nil }
        return text
    }

    /// What to quote from a refused reply: the `error` text, else a short excerpt of the body.
    static func describe(_ body: Data) -> String {
        if let message = message(in: body) { return message }
        let text = String(decoding: body.prefix(300), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        return text
    }

    /// The marker the V2 exchange puts into refusals of orders signed for another version.
    static let versionMismatchMarker = "order_version_mismatch"

    static func isVersionMismatch(_ message: String) -> Bool { message.contains(versionMismatchMarker) }
}
