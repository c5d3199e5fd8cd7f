import Foundation

/// One HTTP request to a venue, described independently of the HTTP library.
public struct VenueRequest: Sendable {
    public enum Method: String, Sendable { case get = "GET", post = "POST", delete = "DELETE" }

    public var method: Method
    /// The path below the base URL, starting with `/` (already percent-encoded where needed).
    public var path: String
    /// Query parameters in order; a key may repeat (Gamma's `clob_token_ids`).
    public var query: [(name: String, value: String)]
    public var body: Data?
    /// Extra headers. They are never logged nor put into error messages: later they carry secrets.
    public var headers: [(name: String, value: String)]
    /// Whether sending the request twice is harmless; only such requests are retried.
    public var isIdempotent: Bool
    /// A short name for messages and logs ("GET /book"); defaults to method and path.
    public var endpointName: String

    public init(
        _ method: Method, _ path: String, query: [(name: String, value: String)] = [], body: Data? = nil,
        headers: [(name: String, value: String)] = [], isIdempotent: Bool? = nil, endpointName: String? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.headers = headers
        self.isIdempotent = isIdempotent ?? (method == .get)
        self.endpointName = endpointName ?? "\(method.rawValue) \(path)"
    }

    /// A JSON POST of an `Encodable` body.
    public static func postJSON(
        _ path: String, body: some Encodable, isIdempotent: Bool, endpointName: String? = nil
    ) throws -> VenueRequest {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return VenueRequest(
            .post, path, body: try encoder.encode(body), headers: [("Content-Type", "application/json")],
            isIdempotent: isIdempotent, endpointName: endpointName)
    }

    /// The query string, percent-encoded with the strict RFC 3986 unreserved set.
    var encodedQuery: String {
        query.map { "\(Self.percentEncode($0.name))=\(Self.percentEncode($0.value))" }.joined(separator: "&")
    }

    static func percentEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// A complete HTTP response.
public struct VenueResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
