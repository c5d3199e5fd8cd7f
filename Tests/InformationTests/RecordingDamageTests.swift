import CZlib
import EdgewiseCore
import EdgewiseTestSupport
import Foundation
import Testing

@testable import EdgewiseInformation

@Suite struct RecordingDamageTests {
    /// A recorder killed at any byte leaves a file whose readable part is exactly the complete
    /// records before the cut: checked at every offset against an independent zlib decoding, and
    /// against the flush points the writer reported.
    @Test func truncationAtEveryByteOffsetYieldsExactlyTheCompleteRecords() throws {
        let directory = try TemporaryDirectory()
        let source = directory.file("full.ewrec")
        let events = Samples.stream(40)
        let writer = try RecordingWriter(
            creating: source, venue: .polymarket, createdAt: Samples.at(0), creator: "tests",
            flushPolicy: FlushPolicy(maxRecords: 3, maxDelay: .seconds(3600)))
        let headerBytes = writer.bytesWritten
        // (compressed bytes on disk, records flushed) after every flush
        var flushPoints: [(bytes: Int64, records: Int)] = [(headerBytes, 0)]
        for event in events {
            try writer.append(event)
            if writer.recordsFlushed != flushPoints.last!.records {
                flushPoints.append((writer.bytesWritten, writer.recordsFlushed))
            }
        }
        try writer.close()
        let file = [UInt8](try Data(contentsOf: source))
        #expect(flushPoints.count > 10)

        let cut = directory.file("cut.ewrec")
        var previousCount = 0
        for length in 0...file.count {
            try Data(file.prefix(length)).write(to: cut)
            // (A `catch RecordingError.incompleteHeader` clause crashes the Swift 6.3.1 compiler.)
            let opened = Result { () throws(RecordingError) in try RecordingReader(contentsOf: cut) }
            guard case .success(let reader) = opened else {
                if case .failure(let error) = opened {
                    #expect(error == .incompleteHeader(path: cut.path))
                }
                #expect(Int64(length) < headerBytes, "header unreadable at \(length)")
                continue
            }
            let read = reader.readAll()
            let reference = ReferenceFormat.completeRecords(ReferenceFormat.gunzip(Array(file.prefix(length))).bytes)
            #expect(read.count == reference.count, "cut at \(length)")
            #expect(read == Array(events.prefix(read.count)), "cut at \(length)")
            #expect(zip(read, reference).allSatisfy { $0.receivedAt.nanoseconds == $1.receivedAt })
            let flushed = flushPoints.last { $0.bytes <= Int64(length) }?.records ?? 0
            #expect(read.count >= flushed, "cut at \(length) lost flushed records")
            #expect(read.count >= previousCount)
            previousCount = read.count
            if length == file.count {
                #expect(reader.end == .complete)
            } else {
                guard case .truncated = reader.end else {
                    Issue.record("cut at \(length): \(String(describing: reader.end))")
                    continue
                }
            }
        }
        #expect(previousCount == events.count)
    }

    @Test func corruptedByteIsDetectedByTheRecordCRC() throws {
        let directory = try TemporaryDirectory()
        let events = Samples.stream(30)
        // Level 0 stores the records verbatim, so the byte flipped is known to be inside record 12.
        let url = try Samples.write(events, to: directory.file("stored.ewrec"), policy: FlushPolicy(maxRecords: 5), level: 0)
        var file = [UInt8](try Data(contentsOf: url))
        let question = Array("Will it rain in Zürich".utf8)
        let hits = (0..<(file.count - question.count)).filter { Array(file[$0..<($0 + question.count)]) == question }
        #expect(hits.count == 2)  // events 12 and 27
        file[hits[0] + 5] ^= 0x01
        try Data(file).write(to: url)

        let (_, read, end) = try RecordingReader.readAll(url)
        #expect(read == Array(events.prefix(12)))
        guard case .corrupt(let valid, _, let reason) = end else {
            Issue.record("expected corruption, got \(String(describing: end))")
            return
        }
        #expect(valid == 12)
        #expect(reason.contains("CRC"))
        let summary = try RecordingSummary(scanning: url)
        #expect(summary.totalEvents == 12)
        #expect(summary.end == end)
    }

    /// Flipping bytes of the compressed stream anywhere past the gzip header never crashes the
    /// reader, never returns a wrong event, and is reported unless the damage left the content intact.
    @Test func corruptedCompressedBytesNeverYieldWrongEvents() throws {
        let directory = try TemporaryDirectory()
        let events = Samples.stream(60)
        let url = try Samples.write(events, to: directory.file("c.ewrec"), policy: FlushPolicy(maxRecords: 7))
        let original = [UInt8](try Data(contentsOf: url))
        let damaged = directory.file("d.ewrec")
        var detected = 0
        for position in stride(from: 10, to: original.count, by: 3) {
            var file = original
            file[position] ^= 0x5A
            try Data(file).write(to: damaged)
            guard let reader = try? RecordingReader(contentsOf: damaged) else {
                detected += 1
                continue
            }
            let read = reader.readAll()
            #expect(read == Array(events.prefix(read.count)), "flip at \(position)")
            if reader.end == .complete {
                #expect(read == events, "flip at \(position) silently lost events")
            } else {
                detected += 1
            }
        }
        #expect(detected > 0)
    }

    @Test func unknownEventKindsAreSkippedAndCounted() throws {
        let directory = try TemporaryDirectory()
        var encoder = RecordEncoder()
        encoder.header(RecordingHeader(minorVersion: 7, createdAt: Samples.at(1), creator: "future", venue: .kalshi))
        encoder.event(Samples.everyKind[5])
        encoder.framed { e in
            e.i64(42)
            e.u8(200)
            e.string("a payload this build cannot know")
        }
        encoder.event(Samples.everyKind[8])
        encoder.framed { e in
            e.i64(43)
            e.u8(0)
        }
        // A known kind with fields appended by a later minor version: the extra bytes are ignored.
        let extended = RecordEncoder.body(of: Samples.everyKind[6]) + [9, 9, 9, 9]
        encoder.framed { e in e.bytes.append(contentsOf: extended) }
        let url = directory.file("future.ewrec")
        try Data(ReferenceFormat.gzip(encoder.bytes)).write(to: url)

        let reader = try RecordingReader(contentsOf: url)
        #expect(reader.header.minorVersion == 7)
        #expect(reader.readAll() == [Samples.everyKind[5], Samples.everyKind[8], Samples.everyKind[6]])
        #expect(reader.skippedUnknownKinds == [200: 1, 0: 1])
        #expect(reader.skippedMalformed == 0)
        #expect(reader.end == .complete)
    }

    @Test func unknownMajorVersionIsAClearError() throws {
        let directory = try TemporaryDirectory()
        var encoder = RecordEncoder()
        encoder.header(RecordingHeader(majorVersion: 2, minorVersion: 0, createdAt: Samples.at(1), creator: "x", venue: .kalshi))
        let url = directory.file("v2.ewrec")
        try Data(ReferenceFormat.gzip(encoder.bytes)).write(to: url)
        #expect(throws: RecordingError.unsupportedVersion(path: url.path, major: 2, minor: 0, supportedMajor: 1)) {
            try RecordingReader(contentsOf: url)
        }
        let error = try #require(throws: RecordingError.self) { try RecordingReader(contentsOf: url) }
        #expect(error.description.contains("Upgrade Edgewise"))
    }

    @Test func filesThatAreNotRecordingsAreRejected() throws {
        let directory = try TemporaryDirectory()
        let plain = directory.file("plain.ewrec")
        try Data("just some text that is not gzip".utf8).write(to: plain)
        #expect {
            try RecordingReader(contentsOf: plain)
        } throws: { error in
            if case RecordingError.notARecording = error { return true }
            return false
        }
        let otherGzip = directory.file("other.ewrec")
        try Data(ReferenceFormat.gzip(Array("hello, world, some gzip data".utf8))).write(to: otherGzip)
        #expect {
            try RecordingReader(contentsOf: otherGzip)
        } throws: { error in
            if case RecordingError.notARecording = error { return true }
            return false
        }
        let empty = directory.file("empty.ewrec")
        try Data().write(to: empty)
        #expect(throws: RecordingError.incompleteHeader(path: empty.path)) { try RecordingReader(contentsOf: empty) }
        #expect(throws: RecordingError.self) { try RecordingReader(contentsOf: directory.file("missing.ewrec")) }
    }

    @Test func oversizedLengthFieldIsCorruptionNotAHugeAllocation() throws {
        let directory = try TemporaryDirectory()
        var encoder = RecordEncoder()
        encoder.header(RecordingHeader(createdAt: Samples.at(1), creator: "x", venue: .kalshi))
        encoder.event(Samples.everyKind[7])
        encoder.u32(0xFFFF_FFF0)
        encoder.u32(0)
        encoder.bytes.append(contentsOf: [UInt8](repeating: 1, count: 100))
        let url = directory.file("big.ewrec")
        try Data(ReferenceFormat.gzip(encoder.bytes)).write(to: url)
        let (_, read, end) = try RecordingReader.readAll(url)
        #expect(read == [Samples.everyKind[7]])
        guard case .corrupt(1, _, _) = end else {
            Issue.record("got \(String(describing: end))")
            return
        }
    }

    @Test func bytesAppendedAfterTheGzipEndAreReported() throws {
        let directory = try TemporaryDirectory()
        let events = Samples.stream(10)
        let url = try Samples.write(events, to: directory.file("t.ewrec"))
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([1, 2, 3, 4, 5]))
        try handle.close()
        let summary = try RecordingSummary(scanning: url)
        #expect(summary.totalEvents == 10)
        #expect(summary.end == .complete)
        #expect(summary.trailingBytes == 5)
    }

    /// `zcat`/`gunzip` read a closed recording, and plain zlib decodes it to the documented layout.
    @Test func closedRecordingIsAStandardGzipStream() async throws {
        let directory = try TemporaryDirectory()
        let events = Samples.stream(500)
        let url = try Samples.write(events, to: directory.file("z.ewrec"), policy: FlushPolicy(maxRecords: 13))
        let file = [UInt8](try Data(contentsOf: url))
        #expect(Array(file.prefix(3)) == [0x1F, 0x8B, 0x08])  // gzip magic, deflate

        let (bytes, status) = ReferenceFormat.gunzip(file)
        #expect(status == Z_STREAM_END)  // the trailer's CRC-32 and length matched
        #expect(Array(bytes.prefix(8)) == RecordingFormat.magic)
        let records = ReferenceFormat.completeRecords(bytes)
        #expect(records.map(\.receivedAt) == events.map(\.receivedAt.nanoseconds))
        #expect(records.map(\.kind) == events.map { RecordingEventKind($0.event).rawValue })

        // The gzip tool too, where the machine has it.
        let gzipPath = "/usr/bin/gzip"
        if FileManager.default.isExecutableFile(atPath: gzipPath) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: gzipPath)
            process.arguments = ["-t", url.path]
            try process.run()
            let status = try await onOwnThread { () -> Int32 in
                process.waitUntilExit()
                return process.terminationStatus
            }
            #expect(status == 0)
        }
    }
}
