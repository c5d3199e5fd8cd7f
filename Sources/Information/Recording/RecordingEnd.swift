/// How the readable part of a recording ended.
public enum RecordingEnd: Hashable, Sendable, CustomStringConvertible {
    /// The writer closed the file: the gzip stream ended and its trailer checked out.
    case complete
    /// The file stops without the gzip end: the recorder was killed or is still writing.
    /// `droppedBytes` decompressed bytes at the end did not form a complete record and were dropped
    /// (a crash mid-flush leaves a few). Every record before them was returned.
    case truncated(droppedBytes: Int)
    /// The data is damaged after `validRecords` good records (CRC mismatch, an impossible length
    /// or undecodable compressed data); nothing after the damage is returned, because with a
    /// single compressed stream nothing after it can be trusted.
    case corrupt(validRecords: Int, decompressedOffset: Int64, reason: String)
    /// Reading the file failed part-way.
    case readError(RecordingError)

    /// Whether the file ended the way a cleanly closed recording does.
    public var isComplete: Bool { self == .complete }

    public var description: String {
        switch self {
        case .complete: "complete"
        case .truncated(let dropped):
            dropped == 0
                ? "truncated (not closed: the recorder was killed or is still writing); no partial record"
                : "truncated (not closed: the recorder was killed or is still writing); \(dropped) bytes of a partial record dropped"
        case .corrupt(let valid, let offset, let reason):
            "corrupt after \(valid) records (decompressed byte \(offset)): \(reason)"
        case .readError(let error): "read error: \(error)"
        }
    }
}
