import EdgewiseCore
import EdgewiseVenueKit

/// What a ``PolymarketMarketStream`` delivers. Consumers that only record or display market data
/// take ``event(_:)``; the rest tells them how trustworthy that data is right now.
public enum MarketStreamUpdate: Sendable {
    /// A market-data event with the time its frame arrived (or the REST answer, for resyncs).
    case event(ReceivedEvent)
    case connection(WebSocketConnectionState)
    /// The book of `token` was rebuilt from REST; the `.bookSnapshot` event follows.
    case resynced(TokenID, reason: String)
    /// Something went wrong that the stream survived.
    case problem(MarketStreamProblem)

    public var receivedEvent: ReceivedEvent? {
        if case .event(let event) = self { return event }
        return nil
    }
}

public enum MarketStreamProblem: Sendable, CustomStringConvertible {
    /// A frame that is not valid JSON or not a known shape; it was skipped.
    case malformedFrame(MarketChannelDecodingError)
    /// An `event_type` this version does not know; it was skipped.
    case unknownEvent(type: String)
    /// The REST snapshot needed to repair a book could not be fetched; the book stays
    /// unsynchronized and the next delta tries again (after a cool-down).
    case resyncFailed(TokenID, VenueError)

    public var description: String {
        switch self {
        case .malformedFrame(let error): error.description
        case .unknownEvent(let type): "market channel: unknown event_type '\(type)' skipped; Edgewise may need an update"
        case .resyncFailed(let token, let error): "resync of \(token) failed: \(error)"
        }
    }
}

/// Counters for monitoring a stream.
public struct MarketStreamStatistics: Sendable, Hashable {
    public var frames = 0
    public var events = 0
    public var pongs = 0
    public var unknownEvents = 0
    public var malformedFrames = 0
    public var resyncs = 0
    public var resyncFailures = 0
    public var reconnects = 0
    /// REST books whose reported hash differs from ours (tracked, not rejected: see ``PolymarketBook``).
    public var restHashMismatches = 0
    /// Deltas older than the snapshot the book was rebuilt from (queued while it was fetched);
    /// recorded, but not applied, since the snapshot already contains their effect.
    public var staleDeltasSkipped = 0
    /// `book` messages whose hash is not the hash of their own content (each one resynced, until
    /// hash checks of its token were turned off).
    public var bookHashMismatches = 0
    /// Tokens whose hash mismatches no longer trigger resyncs, because REST did not confirm our
    /// hash recipe either (see ``PolymarketMarketStream``).
    public var hashChecksDisabled = 0
}
