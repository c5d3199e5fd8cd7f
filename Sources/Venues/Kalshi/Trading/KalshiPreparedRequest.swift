import Foundation

/// A request exactly as it would be sent, for a dry run: the method, the URL, the path that
/// would be signed, the headers and the body bytes. The signature is never computed for a dry
/// run; its header shows a placeholder so the output can be pasted anywhere.
public struct KalshiPreparedRequest: Sendable {
    public static let redactedSignature = "<redacted>"

    public var method: String
    public var url: String
    /// What the signature would cover: the path including `/trade-api/v2`, without the query.
    public var signedPath: String
    public var headers: [(name: String, value: String)]
    public var body: Data

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// `METHOD url`, the headers, a blank line and the body: what a CLI prints for `--dry-run`.
    public func rendered() -> String {
        var lines = ["\(method) \(url)"]
        lines += headers.map { "\($0.name): \($0.value)" }
        lines.append("")
        lines.append(bodyText)
        return lines.joined(separator: "\n")
    }
}
