/// Why a recording could not be written or opened.
///
/// Damage inside an opened file is not an error: the reader returns every good record before it
/// and reports the damage in ``RecordingReader/end``, because a backtest should be able to use
/// the intact part of a file a crash left behind.
public enum RecordingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A system call failed (`errno` and its text).
    case io(path: String, operation: String, errno: Int32, message: String)
    /// The file is not a gzip stream, or does not start with the recording magic.
    case notARecording(path: String, reason: String)
    /// The file ends before its header record is complete: the recorder died while creating it.
    case incompleteHeader(path: String)
    /// The header's CRC does not match or its fields do not decode.
    case corruptHeader(path: String, reason: String)
    /// A major version this build cannot read; upgrade Edgewise to read it.
    case unsupportedVersion(path: String, major: UInt16, minor: UInt16, supportedMajor: UInt16)
    /// zlib reported an internal failure (out of memory, bad parameters).
    case compression(path: String, code: Int32, message: String)
    /// A single event encodes to more than ``RecordingFormat/maxRecordLength`` bytes.
    case recordTooLarge(path: String, length: Int)
    /// The writer was used after ``RecordingWriter/close()``.
    case writerClosed(path: String)
    /// A replay that requires intact files met a damaged one.
    indirect case damaged(path: String, end: RecordingEnd)

    public var description: String {
        switch self {
        case .io(let path, let operation, let errno, let message):
            "\(path): \(operation) failed: \(message) (errno \(errno))"
        case .notARecording(let path, let reason):
            "\(path) is not an Edgewise recording: \(reason)"
        case .incompleteHeader(let path):
            "\(path): the file ends inside its header (the recorder stopped while creating it); it holds no events"
        case .corruptHeader(let path, let reason):
            "\(path): the recording header is corrupt: \(reason)"
        case .unsupportedVersion(let path, let major, let minor, let supported):
            "\(path) uses recording format \(major).\(minor); this build reads only major version \(supported). Upgrade Edgewise to read it."
        case .compression(let path, let code, let message):
            "\(path): zlib failed (\(code)): \(message)"
        case .recordTooLarge(let path, let length):
            "\(path): an event encodes to \(length) bytes, above the format's limit of \(RecordingFormat.maxRecordLength)"
        case .writerClosed(let path):
            "\(path): the recording writer is already closed"
        case .damaged(let path, let end):
            "\(path): \(end)"
        }
    }
}
