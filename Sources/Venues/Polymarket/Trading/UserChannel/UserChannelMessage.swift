import EdgewiseCore

/// One element of a user-channel frame.
public enum UserChannelMessage: Sendable, Hashable {
    case order(PolymarketUserOrder)
    case trade(PolymarketUserTrade)
    /// The answer to our `PING`.
    case pong
    /// An `event_type` this version does not know; reported, never dropped silently.
    case unknown(eventType: String)
    /// An element (or the whole frame) that could not be understood; the rest of the frame and
    /// the stream go on.
    case malformed(UserChannelDecodingError)
}

/// A user-channel frame or element that could not be decoded.
public struct UserChannelDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var detail: String
    /// The start of the offending frame. The stream redacts our credentials from it before it
    /// reports the error, in case a server ever echoes them.
    public var excerpt: String

    public init(field: String, detail: String, excerpt: String) {
        self.field = field
        self.detail = detail
        self.excerpt = excerpt
    }

    public var description: String {
        "user channel: cannot decode frame at '\(field)': \(detail) — frame starts with: \(excerpt)"
    }
}
