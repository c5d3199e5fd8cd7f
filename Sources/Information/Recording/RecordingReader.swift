import CZlib
import EdgewiseCore
import Foundation

/// Reads a recording back as the ``ReceivedEvent``s that were written, in file order.
///
/// A synchronous iterator, because a backtest replays millions of events and an `await` per
/// event costs more than decoding one; ``RecordingReplay`` wraps it as an `AsyncSequence`.
/// Iteration stops at the first damage or at a truncated tail and says which in ``end``; it never
/// returns part of a record, and never drops a good record before the damage.
///
/// Single pass and not thread-safe. Decoding reads in place from the decompression buffer; the
/// only allocations per record are the arrays and strings the domain values themselves hold,
/// and repeated instruments reuse one ``InstrumentID``.
public final class RecordingReader: Sequence, IteratorProtocol {
    public let url: URL
    public let header: RecordingHeader
    /// Set once iteration has stopped; `nil` while events may still come.
    public private(set) var end: RecordingEnd?
    /// Events returned so far.
    public private(set) var eventsRead = 0
    /// Records of kinds this build does not know (written by a newer minor version), skipped.
    public private(set) var skippedUnknownKinds: [UInt8: Int] = [:]
    /// Records whose CRC matched but whose payload did not decode, skipped. Nonzero means a writer
    /// bug, not disk damage; the count is reported so that it is never silent.
    public private(set) var skippedMalformed = 0
    /// Compressed bytes after the end of the gzip stream; a file we wrote has none.
    public var trailingBytes: Int64 { inflater.trailingBytes }

    private let inflater: Inflater
    private var interner = InstrumentInterner()
    private var validRecords = 0

    /// Opens `url` and reads its header. Throws when the file cannot be opened, is not a
    /// recording, has an unreadable header or a major version this build does not know.
    public init(contentsOf url: URL) throws(RecordingError) {
        self.url = url
        let path = url.path
        let inflater = try Inflater(path: path)
        self.inflater = inflater
        header = try Self.readHeader(inflater, path: path)
    }

    /// The next event, or `nil` at the end of the readable data (then ``end`` says why).
    public func next() -> ReceivedEvent? {
        while let body = nextBody() {
            let event = decode(body)
            consumeRecord(body)
            if let event {
                eventsRead += 1
                return event
            }
        }
        return nil
    }

    /// Skips the records that come before the first one received at or after `time`, checking
    /// their CRCs but not decoding them, so a backtest can start mid-file cheaply. Receive times
    /// can step back (a clock adjustment); skipping stops at the first record at or after `time`
    /// in file order. Returns the number of records skipped.
    @discardableResult
    public func skip(toReceivedAt time: Timestamp) -> Int {
        var skipped = 0
        while let body = nextBody() {
            let received = Int64(littleEndian: body.loadUnaligned(as: Int64.self))
            if received >= time.nanoseconds { break }
            consumeRecord(body)
            skipped += 1
        }
        return skipped
    }

    /// The body of the next complete, CRC-checked record, left in the buffer; `nil` at the end.
    private func nextBody() -> UnsafeRawBufferPointer? {
        guard end == nil else { return nil }
        let frame = RecordingFormat.frameHeaderSize
        guard inflater.ensure(frame) else { return finish() }
        let length = Int(UInt32(littleEndian: inflater.pointer.loadUnaligned(as: UInt32.self)))
        guard length >= RecordingFormat.minimumEventBodyLength, length <= RecordingFormat.maxRecordLength else {
            return stop(corrupt: "impossible record length \(length)")
        }
        guard inflater.ensure(frame + length) else { return finish() }
        let stored = UInt32(littleEndian: inflater.pointer.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        let body = UnsafeRawBufferPointer(start: inflater.pointer + frame, count: length)
        guard checksum(body) == stored else { return stop(corrupt: "CRC mismatch") }
        return body
    }

    private func consumeRecord(_ body: UnsafeRawBufferPointer) {
        inflater.consume(RecordingFormat.frameHeaderSize + body.count)
        validRecords += 1
    }

    /// Reads every remaining event into an array.
    public func readAll() -> [ReceivedEvent] {
        var events: [ReceivedEvent] = []
        while let event = next() { events.append(event) }
        return events
    }

    private func decode(_ body: UnsafeRawBufferPointer) -> ReceivedEvent? {
        var decoder = RecordDecoder(body)
        guard let received = decoder.i64(), let kindByte = decoder.u8() else {
            skippedMalformed += 1
            return nil
        }
        guard let kind = RecordingEventKind(rawValue: kindByte) else {
            skippedUnknownKinds[kindByte, default: 0] += 1
            return nil
        }
        guard let event = interner.event(kind, from: &decoder) else {
            skippedMalformed += 1
            return nil
        }
        return ReceivedEvent(receivedAt: Timestamp(nanoseconds: received), event: event)
    }

    private func finish() -> UnsafeRawBufferPointer? {
        switch inflater.state {
        case .active, .inputExhausted:
            end = .truncated(droppedBytes: inflater.available)
        case .streamEnded:
            end =
                inflater.available == 0
                ? .complete
                : .corrupt(
                    validRecords: validRecords, decompressedOffset: inflater.consumedTotal,
                    reason: "the stream ends inside a record")
        case .dataError(let message):
            end = .corrupt(
                validRecords: validRecords, decompressedOffset: inflater.consumedTotal,
                reason: "compressed data is damaged: \(message)")
        case .readError(let error):
            end = .readError(error)
        }
        return nil
    }

    private func stop(corrupt reason: String) -> UnsafeRawBufferPointer? {
        end = .corrupt(validRecords: validRecords, decompressedOffset: inflater.consumedTotal, reason: reason)
        return nil
    }

    private static func readHeader(_ inflater: Inflater, path: String) throws(RecordingError) -> RecordingHeader {
        let magic = RecordingFormat.magic
        let prefix = magic.count + RecordingFormat.frameHeaderSize
        func need(_ count: Int) throws(RecordingError) {
            guard !inflater.ensure(count) else { return }
            switch inflater.state {
            case .dataError(let message):
                if inflater.consumedTotal == 0 && inflater.available == 0 {
                    throw .notARecording(path: path, reason: "not gzip data (\(message))")
                }
                throw .corruptHeader(path: path, reason: message)
            case .readError(let error): throw error
            case .streamEnded: throw .corruptHeader(path: path, reason: "the stream ends inside the header")
            case .active, .inputExhausted: throw .incompleteHeader(path: path)
            }
        }
        try need(magic.count)
        guard magic.withUnsafeBytes({ memcmp($0.baseAddress!, inflater.pointer, magic.count) == 0 }) else {
            throw .notARecording(path: path, reason: "the decompressed data does not start with the recording magic")
        }
        try need(prefix)
        let length = Int(UInt32(littleEndian: inflater.pointer.loadUnaligned(fromByteOffset: magic.count, as: UInt32.self)))
        let stored = UInt32(littleEndian: inflater.pointer.loadUnaligned(fromByteOffset: magic.count + 4, as: UInt32.self))
        guard length >= 4, length <= RecordingFormat.maxRecordLength else {
            throw .corruptHeader(path: path, reason: "impossible header length \(length)")
        }
        try need(prefix + length)
        let body = UnsafeRawBufferPointer(start: inflater.pointer + prefix, count: length)
        guard checksum(body) == stored else { throw .corruptHeader(path: path, reason: "CRC mismatch") }
        var decoder = RecordDecoder(body)
        guard let major = decoder.u16(), let minor = decoder.u16() else {
            throw .corruptHeader(path: path, reason: "no version")
        }
        // Checked before the other fields: a new major version may lay them out differently.
        guard major == RecordingFormat.majorVersion else {
            throw .unsupportedVersion(path: path, major: major, minor: minor, supportedMajor: RecordingFormat.majorVersion)
        }
        guard let created = decoder.i64(), let creator = decoder.string(), let venue = decoder.string() else {
            throw .corruptHeader(path: path, reason: "fields do not decode")
        }
        inflater.consume(prefix + length)
        return RecordingHeader(
            majorVersion: major, minorVersion: minor, createdAt: Timestamp(nanoseconds: created), creator: creator,
            venue: VenueID(venue))
    }
}

/// The CRC-32 (ISO-HDLC, as in gzip and PNG) of a record body.
func checksum(_ body: UnsafeRawBufferPointer) -> UInt32 {
    guard let base = body.baseAddress else { return 0 }
    return UInt32(truncatingIfNeeded: crc32(0, base.assumingMemoryBound(to: UInt8.self), UInt32(body.count)))
}
