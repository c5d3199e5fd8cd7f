import EdgewiseVenueKit
import Foundation

/// The body of a refused request: `{code, message, details, service}`, sometimes nested under
/// `error`. Anything else (HTML from a proxy, an empty body) yields nil and the caller falls back
/// to the status line.
public struct KalshiErrorBody: Decodable, Sendable, Hashable {
    public var code: String?
    public var message: String?
    public var details: String?
    public var service: String?

    public init(code: String? = nil, message: String? = nil, details: String? = nil, service: String? = nil) {
        self.code = code
        self.message = message
        self.details = details
        self.service = service
    }

    enum CodingKeys: String, CodingKey { case code, message, details, service, error }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if c.contains(.error), let nested = try? c.decode(KalshiErrorBody.self, forKey: .error) {
            self = nested
            return
        }
        code = try? c.decode(LenientString.self, forKey: .code).value
        message = try? c.decode(String.self, forKey: .message)
        details = try? c.decode(String.self, forKey: .details)
        service = try? c.decode(String.self, forKey: .service)
    }

    /// The body parsed, or nil when it is not a Kalshi error object.
    public static func parse(_ data: Data) -> KalshiErrorBody? {
        guard let body = try? JSONDecoder().decode(KalshiErrorBody.self, from: data),
            body.code != nil || body.message != nil
        else { return nil }
        return body
    }

    /// `code: message (details)`, the venue's own words, for error messages.
    public var summary: String {
        var parts: [String] = []
        if let code, !code.isEmpty { parts.append(code) }
        if let message, !message.isEmpty { parts.append(message) }
        var text = parts.joined(separator: ": ")
        if let details, !details.isEmpty { text += " (\(details))" }
        return text
    }
}
