/// An `error` reply: the command with `id` failed.
public struct KalshiStreamErrorReply: Hashable, Sendable, Error, CustomStringConvertible {
    public var id: Int?
    public var code: KalshiStreamErrorCode
    /// The venue's own wording.
    public var message: String
    /// The ticker the error is about, when the venue names one (market not found).
    public var marketTicker: String?

    public init(id: Int?, code: KalshiStreamErrorCode, message: String, marketTicker: String? = nil) {
        self.id = id
        self.code = code
        self.message = message
        self.marketTicker = marketTicker
    }

    public var description: String {
        var text = "Kalshi WebSocket error \(code)"
        if let id { text += " for command \(id)" }
        if let marketTicker { text += " on \(marketTicker)" }
        text += ": \(message)"
        if let remedy = code.remedy { text += "; \(remedy)" }
        return text
    }

    enum Keys: String, CodingKey {
        case code, msg
        case marketTicker = "market_ticker"
    }

    init(id: Int?, from container: KeyedDecodingContainer<Keys>) throws {
        self.init(
            id: id, code: try container.decode(KalshiStreamErrorCode.self, forKey: .code),
            message: try container.decodeIfPresent(String.self, forKey: .msg) ?? "",
            marketTicker: try container.decodeIfPresent(String.self, forKey: .marketTicker))
    }
}
