/// Counters for monitoring a ``KalshiMarketStream``.
public struct KalshiStreamStatistics: Hashable, Sendable {
    public var frames = 0
    public var snapshots = 0
    public var deltasApplied = 0
    /// Book messages dropped because their book was waiting for a snapshot or their
    /// subscription had been replaced.
    public var bookMessagesDropped = 0
    public var unknownMessages = 0
    public var malformedFrames = 0
    public var venueErrors = 0
    public var resyncs = 0
    public var reconnects = 0

    public init() {}
}
