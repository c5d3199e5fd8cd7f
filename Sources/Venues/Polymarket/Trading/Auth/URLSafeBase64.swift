import Foundation

/// Base64 as Polymarket's L2 auth uses it: secrets arrive in the URL-safe alphabet (`-`, `_`) and
/// signatures go out in it, with `=` padding kept.
enum URLSafeBase64 {
    /// Decodes URL-safe or standard base64, padded or not. Surrounding whitespace is ignored
    /// (secrets pasted into files and variables often end with a newline); any other character
    /// outside the two alphabets makes the text invalid rather than being skipped, so a mangled
    /// secret fails loudly instead of silently producing a different key.
    static func decode(_ text: String) -> Data? {
        var body = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        while body.hasSuffix("=") { body.removeLast() }
        guard !body.isEmpty, body.count % 4 != 1 else { return nil }
        var standard = ""
        standard.reserveCapacity(body.count + 3)
        for character in body {
            switch character {
            case "-": standard.append("+")
            case "_": standard.append("/")
            case "A"..."Z", "a"..."z", "0"..."9", "+", "/": standard.append(character)
            default: return nil
            }
        }
        standard.append(String(repeating: "=", count: (4 - standard.count % 4) % 4))
        return Data(base64Encoded: standard)
    }

    /// URL-safe base64 with `=` padding.
    static func encode(_ data: some DataProtocol) -> String {
        Data(data).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
    }
}
