import CZlib
import EdgewiseCore
import Foundation

/// Appends ``ReceivedEvent``s to a new recording file.
///
/// Records are encoded into a buffer and compressed into the file's single gzip stream when the
/// ``FlushPolicy`` says so, on ``flush()`` and on ``close()``. Every flush ends with a zlib sync
/// flush, which completes the deflate block, so all records written so far can be decoded from
/// the file as it is: a recorder killed at any moment leaves a readable file. ``close()`` ends the
/// gzip stream (so `zcat` reports no error) and `fsync`s the file.
///
/// Not thread-safe: one owner (a ``Recorder`` or a tool) drives it.
public final class RecordingWriter {
    public let url: URL
    public let header: RecordingHeader
    public let flushPolicy: FlushPolicy
    /// Records accepted by ``append(_:)``.
    public private(set) var recordsAppended = 0
    /// Records handed to the operating system: the ones a crash of this process cannot lose.
    public private(set) var recordsFlushed = 0
    /// Compressed bytes written to the file so far.
    public private(set) var bytesWritten: Int64 = 0
    public var isClosed: Bool { fd < 0 }

    private var fd: Int32
    private let stream: UnsafeMutablePointer<z_stream>
    private var encoder = RecordEncoder()
    private let output: UnsafeMutablePointer<UInt8>
    private let outputCapacity = 64 * 1024
    private var oldestPending: ContinuousClock.Instant?
    private var failure: RecordingError?

    /// Creates `url` (which must not exist: a recording is never overwritten or appended to by a
    /// second writer) and writes and flushes the header.
    public init(
        creating url: URL, venue: VenueID, createdAt: Timestamp = .now(),
        creator: String = RecordingHeader.defaultCreator, flushPolicy: FlushPolicy = FlushPolicy(),
        compressionLevel: Int32 = 6
    ) throws(RecordingError) {
        self.url = url
        self.header = RecordingHeader(createdAt: createdAt, creator: creator, venue: venue)
        self.flushPolicy = flushPolicy
        let path = url.path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RecordingError.ioFailure(path, "create") }
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        output = .allocate(capacity: outputCapacity)
        // windowBits 31 = 15 (32 KiB window) + 16 (gzip wrapper instead of zlib's), so `zcat` reads it.
        let status = deflateInit2_(
            stream, compressionLevel, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            closeDescriptor(fd)
            fd = -1
            // deinit runs for a fully initialized object that throws, and frees the buffers.
            throw .compression(path: path, code: status, message: "deflateInit2 failed")
        }
        encoder.header(header)
        try compress(flush: Z_SYNC_FLUSH)
        syncDirectory(of: url)
    }

    deinit {
        if fd >= 0 { try? close() }
        stream.deallocate()
        output.deallocate()
    }

    /// Buffers one event and flushes when the policy says so.
    public func append(_ event: ReceivedEvent) throws(RecordingError) {
        try checkUsable()
        let mark = encoder.bytes.count
        let length = encoder.event(event)
        guard length <= RecordingFormat.maxRecordLength else {
            encoder.truncate(to: mark)
            throw .recordTooLarge(path: url.path, length: length)
        }
        recordsAppended += 1
        let now = ContinuousClock.now
        let oldest = oldestPending ?? now
        oldestPending = oldest
        if recordsAppended - recordsFlushed >= flushPolicy.maxRecords || now - oldest >= flushPolicy.maxDelay {
            try flush()
        }
    }

    public func append(contentsOf events: some Sequence<ReceivedEvent>) throws(RecordingError) {
        for event in events { try append(event) }
    }

    /// Flushes if the oldest buffered record has waited ``FlushPolicy/maxDelay``; for timers.
    public func flushIfDue(now: ContinuousClock.Instant = .now) throws(RecordingError) {
        guard let oldest = oldestPending, now - oldest >= flushPolicy.maxDelay else { return }
        try flush()
    }

    /// Compresses and writes every buffered record; afterwards they survive a crash of this process.
    public func flush() throws(RecordingError) {
        try checkUsable()
        guard recordsFlushed < recordsAppended else { return }
        try compress(flush: Z_SYNC_FLUSH)
        if flushPolicy.syncToDisk { try sync() }
    }

    /// Writes the rest, ends the gzip stream, `fsync`s and closes the file. Idempotent.
    public func close() throws(RecordingError) {
        guard fd >= 0 else { return }
        defer {
            deflateEnd(stream)
            closeDescriptor(fd)
            fd = -1
        }
        if failure == nil {
            try compress(flush: Z_FINISH)
            try sync()
        }
        if let failure { throw failure }
    }

    // MARK: Internals

    private func checkUsable() throws(RecordingError) {
        if let failure { throw failure }
        guard fd >= 0 else { throw .writerClosed(path: url.path) }
    }

    /// Deflates the whole buffer with `flush` (Z_SYNC_FLUSH or Z_FINISH) and writes the output.
    private func compress(flush mode: Int32) throws(RecordingError) {
        let count = encoder.bytes.count
        let result: RecordingError? = encoder.bytes.withUnsafeMutableBufferPointer { input in
            stream.pointee.next_in = input.baseAddress
            stream.pointee.avail_in = UInt32(count)
            while true {
                stream.pointee.next_out = output
                stream.pointee.avail_out = UInt32(outputCapacity)
                let status = deflate(stream, mode)
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    return .compression(path: url.path, code: status, message: "deflate failed")
                }
                let produced = outputCapacity - Int(stream.pointee.avail_out)
                if let error = writeAll(output, produced) { return error }
                // Output space left over means deflate had nothing more to emit for this flush.
                if mode == Z_FINISH ? status == Z_STREAM_END : stream.pointee.avail_out != 0 { break }
            }
            stream.pointee.next_in = nil
            return nil
        }
        if let result {
            failure = result
            throw result
        }
        encoder.bytes.removeAll(keepingCapacity: true)
        recordsFlushed = recordsAppended
        oldestPending = nil
    }

    private func writeAll(_ bytes: UnsafeMutablePointer<UInt8>, _ count: Int) -> RecordingError? {
        var done = 0
        while done < count {
            let n = write(fd, bytes + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return .ioFailure(url.path, "write")
            }
            done += n
            bytesWritten += Int64(n)
        }
        return nil
    }

    private func sync() throws(RecordingError) {
        guard fsync(fd) == 0 else {
            let error = RecordingError.ioFailure(url.path, "fsync")
            failure = error
            throw error
        }
    }
}

/// Makes the new directory entry itself durable, so that a power loss cannot leave the file's
/// data on disk without a name. Best effort: some file systems refuse to sync a directory.
private func syncDirectory(of url: URL) {
    let directory = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard directory >= 0 else { return }
    _ = fsync(directory)
    closeDescriptor(directory)
}

/// `close(2)`; a free function because inside the types `close` names their own method.
func closeDescriptor(_ fd: Int32) { _ = close(fd) }

extension RecordingError {
    /// The error for a failed system call, read from `errno` right after it.
    static func ioFailure(_ path: String, _ operation: String) -> RecordingError {
        let code = errno
        return .io(path: path, operation: operation, errno: code, message: String(cString: strerror(code)))
    }
}
