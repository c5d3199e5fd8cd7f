import EdgewiseAnalysis
import EdgewiseCore
import Foundation

/// An observations file (JSON Lines, see ``ObservationLine``) followed as it grows: each read
/// returns the complete lines appended since the last one, so a script or a feed can append
/// readings and results while `edgewise scan` runs.
///
/// A bad line is reported with its number and skipped rather than stopping the scan: one typo
/// in a hand-written feed must not blind the radar to every other line. A line still being
/// written (no newline yet) waits for the next read. A file that shrank was replaced, and is
/// read again from the start.
public struct ObservationFile: Sendable {
    public let url: URL
    private var offset: UInt64 = 0
    private var linesRead = 0

    public init(url: URL) { self.url = url }

    public struct Batch: Sendable {
        public var observations: [ResolutionObservation] = []
        /// One entry per skipped line: "observations.jsonl:12: reading.at: …".
        public var problems: [String] = []
    }

    /// The lines completed since the previous read. Throws when the file cannot be read at all.
    public mutating func readNew(now: Timestamp = .now()) throws(ObservationFileError) -> Batch {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw .unreadable(path: url.path, reason: "\(error.localizedDescription)")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            let size = try handle.seekToEnd()
            if size < offset {
                offset = 0
                linesRead = 0
            }
            try handle.seek(toOffset: offset)
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw .unreadable(path: url.path, reason: "\(error.localizedDescription)")
        }
        guard let lastNewline = data.lastIndex(of: UInt8(ascii: "\n")) else { return Batch() }
        let complete = data[data.startIndex...lastNewline]
        offset += UInt64(complete.count)

        var batch = Batch()
        let decoder = JSONDecoder()
        for line in complete.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
            linesRead += 1
            let text = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            if text.isEmpty || text.first == UInt8(ascii: "#") { continue }
            let parsed: ObservationLine
            do {
                parsed = try decoder.decode(ObservationLine.self, from: Data(text))
            } catch {
                batch.problems.append("\(url.lastPathComponent):\(linesRead): not an observation (\(Self.describe(error)))")
                continue
            }
            do {
                batch.observations.append(try parsed.observation(readAt: now))
            } catch {
                batch.problems.append("\(url.lastPathComponent):\(linesRead): \(error)")
            }
        }
        return batch
    }

    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case .keyNotFound(let key, let context):
            return "missing \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "invalid JSON" : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(decoding)"
        }
    }
}

public enum ObservationFileError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read the observations file \(path) (\(reason)); check the --observations path and its permissions"
        }
    }
}
