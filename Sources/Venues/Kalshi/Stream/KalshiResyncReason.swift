/// Why the stream stopped trusting some books and asked the venue for fresh snapshots.
public enum KalshiResyncReason: Equatable, Sendable, CustomStringConvertible {
    /// The subscription's `seq` jumped: messages were lost, and `seq` is shared by every market
    /// of the subscription, so none of its books can be trusted.
    case sequenceGap(sid: Int, expected: UInt64, received: UInt64)
    /// A delta for a market whose snapshot never arrived.
    case deltaBeforeSnapshot(ticker: String)
    /// A delta would leave a negative level: an earlier update was missed.
    case negativeLevel(KalshiBookError)
    /// A book message could not be decoded (or its fixed-point and legacy fields disagreed), so
    /// its change is unknown.
    case malformedBookMessage(KalshiStreamDecodingError)
    /// The connection dropped; messages sent meanwhile are lost. Every book waits for the
    /// snapshots of the resubscription on the next connection.
    case disconnected(reason: String)

    public var description: String {
        switch self {
        case .sequenceGap(let sid, let expected, let received):
            "subscription \(sid) skipped from seq \(expected) to \(received); resubscribing for fresh snapshots"
        case .deltaBeforeSnapshot(let ticker):
            "\(ticker): a book delta arrived before its snapshot; resubscribing for a fresh snapshot"
        case .negativeLevel(let error):
            error.description
        case .malformedBookMessage(let error):
            error.description
        case .disconnected(let reason):
            "disconnected (\(reason)); books wait for fresh snapshots after the reconnect"
        }
    }
}
