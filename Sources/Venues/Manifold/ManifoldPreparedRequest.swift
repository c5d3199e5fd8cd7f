/// A trading request exactly as it would be sent, for showing to an operator before (or instead
/// of) sending it: method, full URL, headers with the API key shown as `Key <redacted>`, and the
/// JSON body byte for byte.
public struct ManifoldPreparedRequest: Sendable, Hashable, CustomStringConvertible {
    public var method: String
    public var url: String
    public var headers: [String: String]
    public var body: String

    public init(method: String, url: String, headers: [String: String], body: String) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    public var description: String {
        let lines = headers.keys.sorted().map { "\($0): \(headers[$0]!)" }
        return ([method + " " + url] + lines + ["", body]).joined(separator: "\n")
    }
}
