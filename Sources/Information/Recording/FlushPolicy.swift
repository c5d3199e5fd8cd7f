/// When buffered records are handed to the operating system.
///
/// Only flushed records survive a crash of the recorder, so the policy bounds what a crash can
/// lose: at most `maxRecords` records or `maxDelay` of data. Each flush costs a zlib sync flush
/// (about 5 bytes and a slightly worse compression ratio) and a `write` system call, which is why
/// records are not flushed one by one.
public struct FlushPolicy: Hashable, Sendable {
    /// Flush once this many records are buffered.
    public var maxRecords: Int
    /// Flush once the oldest buffered record has waited this long. The writer checks it on every
    /// append; ``Recorder`` also checks it on a timer so that a quiet feed is flushed too.
    public var maxDelay: Duration
    /// Also `fsync` after every flush. Without it a power loss (not a process crash) can lose what
    /// the kernel had not yet written back, typically the last few seconds; with it each flush
    /// waits for the disk.
    public var syncToDisk: Bool

    public init(maxRecords: Int = 1_000, maxDelay: Duration = .milliseconds(250), syncToDisk: Bool = false) {
        precondition(maxRecords >= 1, "maxRecords must be at least 1")
        self.maxRecords = maxRecords
        self.maxDelay = maxDelay
        self.syncToDisk = syncToDisk
    }
}
