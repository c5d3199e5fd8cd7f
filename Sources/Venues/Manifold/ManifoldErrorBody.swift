import Foundation

/// The body Manifold sends with a 4xx or 5xx: `{"message": "…"}` (schema failures add
/// `details`). Reading it is what lets an error say *why* the venue refused.
struct ManifoldErrorBody: Decodable {
    var message: String?

    /// The venue's message, or failing that a one-line excerpt of the body.
    static func message(in body: Data) -> String {
        if let decoded = try? JSONDecoder().decode(ManifoldErrorBody.self, from: body), let message = decoded.message {
            return message.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let text = String(decoding: body.prefix(400), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
