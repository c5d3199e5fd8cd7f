import EdgewiseCore
import Foundation
import Logging

/// Records a venue's market-data feed into a directory of rotating recording files.
///
/// Files are opened when the first event arrives and named after that event's receive time
/// (``RecordingDirectory``), so a quiet feed leaves no empty files and names are reproducible in
/// tests. A timer flushes buffered events of a quiet feed within ``FlushPolicy/maxDelay``.
public actor Recorder {
    public struct Configuration: Sendable {
        public var directory: URL
        public var venue: VenueID
        public var flushPolicy: FlushPolicy
        public var rotation: RotationPolicy
        public var creator: String
        public var compressionLevel: Int32

        public init(
            directory: URL, venue: VenueID, flushPolicy: FlushPolicy = FlushPolicy(),
            rotation: RotationPolicy = RotationPolicy(), creator: String = RecordingHeader.defaultCreator,
            compressionLevel: Int32 = 6
        ) {
            self.directory = directory
            self.venue = venue
            self.flushPolicy = flushPolicy
            self.rotation = rotation
            self.creator = creator
            self.compressionLevel = compressionLevel
        }
    }

    /// When the recorder starts a new file.
    public struct RotationPolicy: Hashable, Sendable {
        /// Start a new file once this many compressed bytes are written (checked after each flush,
        /// so a file can exceed it by one flush). `nil`: no size limit.
        public var maxBytes: Int64?
        /// Start a new file when an event's receive time falls in a later UTC hour than the file's
        /// first event.
        public var hourly: Bool

        public init(maxBytes: Int64? = nil, hourly: Bool = true) {
            self.maxBytes = maxBytes
            self.hourly = hourly
        }
    }

    public let configuration: Configuration
    /// Every file this recorder created, oldest first.
    public private(set) var files: [URL] = []
    public private(set) var eventsRecorded = 0

    private var writer: RecordingWriter?
    private var writerHour: Int64 = 0
    private var timerFailure: RecordingError?
    private let logger: Logger

    public init(configuration: Configuration, logger: Logger = Logger(label: "edgewise.recorder")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Records every event of `events` until the sequence ends, then closes the current file.
    /// Throws a write error, or the sequence's own error after closing the file. One feed per
    /// recorder: two concurrent calls would interleave their events in one file.
    public func record<Events: AsyncSequence>(_ events: Events) async throws
    where Events.Element == ReceivedEvent {
        let interval = configuration.flushPolicy.maxDelay
        let timer = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                self.flushIfDue()
            }
        }
        defer { timer.cancel() }
        do {
            for try await event in events {
                try append(event)
            }
        } catch {
            try? close()
            throw error
        }
        try close()
    }

    /// Appends one event, rotating first if the policy says so.
    public func append(_ event: ReceivedEvent) throws(RecordingError) {
        if let timerFailure {
            self.timerFailure = nil
            throw timerFailure
        }
        if let current = writer, shouldRotate(current, before: event) {
            writer = nil
            try current.close()
        }
        let current: RecordingWriter
        if let writer {
            current = writer
        } else {
            current = try openWriter(startingAt: event.receivedAt)
        }
        try current.append(event)
        eventsRecorded += 1
        if let maxBytes = configuration.rotation.maxBytes, current.bytesWritten >= maxBytes {
            writer = nil
            try current.close()
        }
    }

    /// Hands every buffered event to the operating system.
    public func flush() throws(RecordingError) { try writer?.flush() }

    /// Closes the current file (`fsync` included); the next event opens a new one.
    public func close() throws(RecordingError) {
        let current = writer
        writer = nil
        try current?.close()
    }

    private func flushIfDue() {
        do {
            try writer?.flushIfDue()
        } catch {
            logger.error("recording flush failed", metadata: ["error": "\(error)"])
            timerFailure = error
        }
    }

    private func shouldRotate(_ current: RecordingWriter, before event: ReceivedEvent) -> Bool {
        configuration.rotation.hourly && Self.hour(of: event.receivedAt) > writerHour
    }

    private func openWriter(startingAt start: Timestamp) throws(RecordingError) -> RecordingWriter {
        do {
            try FileManager.default.createDirectory(at: configuration.directory, withIntermediateDirectories: true)
        } catch {
            throw .io(path: configuration.directory.path, operation: "create directory", errno: 0, message: "\(error)")
        }
        let url = RecordingDirectory(configuration.directory).newFileURL(venue: configuration.venue, start: start)
        let created = try RecordingWriter(
            creating: url, venue: configuration.venue, createdAt: start, creator: configuration.creator,
            flushPolicy: configuration.flushPolicy, compressionLevel: configuration.compressionLevel)
        writer = created
        writerHour = Self.hour(of: start)
        files.append(url)
        logger.info("recording to \(url.lastPathComponent)")
        return created
    }

    private static func hour(of time: Timestamp) -> Int64 {
        let nanosPerHour: Int64 = 3_600_000_000_000
        return time.nanoseconds >= 0 ? time.nanoseconds / nanosPerHour : (time.nanoseconds + 1) / nanosPerHour - 1
    }
}
