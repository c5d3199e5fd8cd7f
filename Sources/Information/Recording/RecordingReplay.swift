import EdgewiseCore
import Foundation

/// The events of one or more recordings as an `AsyncSequence`, file after file in the given order
/// (``RecordingDirectory/files(venue:)`` lists a directory's files in recording order).
///
/// Iteration throws when a file cannot be opened; damage inside a file ends that file's events
/// and is reported through `onEnd` unless `requireComplete` says damage must fail the replay.
/// A truncated tail never fails it: it is what a running or crashed recorder leaves, and the
/// records before it are good.
public struct RecordingReplay: AsyncSequence, Sendable {
    public typealias Element = ReceivedEvent
    public typealias Failure = RecordingError

    public let files: [URL]
    public let requireIntact: Bool
    public let onEnd: @Sendable (URL, RecordingEnd) -> Void

    /// - Parameter requireIntact: throw ``RecordingError/damaged(path:end:)`` when a file is corrupt or
    ///   unreadable part-way, instead of continuing with the next file.
    public init(
        files: [URL], requireIntact: Bool = false, onEnd: @escaping @Sendable (URL, RecordingEnd) -> Void = { _, _ in }
    ) {
        self.files = files
        self.requireIntact = requireIntact
        self.onEnd = onEnd
    }

    public init(file: URL, requireIntact: Bool = false) {
        self.init(files: [file], requireIntact: requireIntact)
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(replay: self)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        public typealias Element = ReceivedEvent
        public typealias Failure = RecordingError

        let replay: RecordingReplay
        var index = 0
        var reader: RecordingReader?

        public mutating func next(
            isolation actor: isolated (any Actor)? = #isolation
        ) async throws(RecordingError) -> ReceivedEvent? {
            try nextEvent()
        }

        public mutating func next() async throws(RecordingError) -> ReceivedEvent? {
            try nextEvent()
        }

        private mutating func nextEvent() throws(RecordingError) -> ReceivedEvent? {
            while true {
                if let reader {
                    if let event = reader.next() { return event }
                    let end = reader.end ?? .complete
                    self.reader = nil
                    replay.onEnd(reader.url, end)
                    switch end {
                    case .corrupt, .readError:
                        if replay.requireIntact { throw .damaged(path: reader.url.path, end: end) }
                    case .complete, .truncated:
                        break
                    }
                }
                guard index < replay.files.count else { return nil }
                let url = replay.files[index]
                index += 1
                reader = try RecordingReader(contentsOf: url)
            }
        }
    }
}
