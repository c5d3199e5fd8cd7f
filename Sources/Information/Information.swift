/// The Information layer of Edgewise: everything the agent knows about the world before it
/// analyses it.
///
/// Today that is market data and its recording: ``RecordingWriter`` and ``Recorder`` store the
/// ``EdgewiseCore/ReceivedEvent``s a venue feed delivers in an append-only, crash-safe, compressed
/// file (format in `docs/recording-format.md`), and ``RecordingReader`` / ``RecordingReplay``
/// return the very same events, in the same order, to backtests. News and other feeds will join
/// this layer later; like market data, they will carry the time we received them, because that
/// — not the source's own timestamp — is the earliest moment an honest backtest may act on them.
public enum EdgewiseInformation {
    /// The version of the recording format this build writes (see ``RecordingFormat``).
    public static let recordingFormatVersion = "\(RecordingFormat.majorVersion).\(RecordingFormat.minorVersion)"
}
