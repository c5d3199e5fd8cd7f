/// A frame that could not be decoded. It carries what could still be read of the frame (type,
/// subscription, market) so that the stream knows which book the lost message belonged to.
public struct KalshiStreamDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The `type` field, when the frame had one.
    public var type: String?
    public var sid: Int?
    public var seq: UInt64?
    public var marketTicker: String?
    /// The field that failed (`msg.yes_dollars_fp`), or `<root>`.
    public var field: String
    public var detail: String
    /// The start of the frame, for the log.
    public var excerpt: String

    public init(type: String?, sid: Int?, seq: UInt64?, marketTicker: String?, field: String, detail: String, excerpt: String) {
        self.type = type
        self.sid = sid
        self.seq = seq
        self.marketTicker = marketTicker
        self.field = field
        self.detail = detail
        self.excerpt = excerpt
    }

    /// Whether the lost message was part of an order book, whose state now cannot be trusted.
    public var isBookMessage: Bool { type.map(KalshiStreamMessage.bookTypes.contains) ?? false }

    public var description: String {
        let what = type.map { "'\($0)' message" } ?? "frame"
        let market = marketTicker.map { " for \($0)" } ?? ""
        let consequence = isBookMessage
            ? "the book is resynchronised from a fresh snapshot"
            : "it was skipped; if this repeats, Edgewise may need an update for a venue format change"
        return "Kalshi WebSocket: undecodable \(what)\(market) at \(field): \(detail); \(consequence) (frame: \(excerpt))"
    }
}
