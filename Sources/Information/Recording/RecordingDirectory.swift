import EdgewiseCore
import Foundation

/// The naming of recording files in a directory: `<venue>-<UTC yyyyMMdd-HHmmss>.ewrec`, with
/// `-2`, `-3`, … before the extension when a file of the same second exists. Names sort in
/// recording order per venue, so `ls` and ``files(venue:)`` list them chronologically.
public struct RecordingDirectory: Hashable, Sendable {
    public let url: URL

    public init(_ url: URL) { self.url = url }

    /// The base name for a file started at `start` (without the collision suffix).
    public static func baseName(venue: VenueID, start: Timestamp) -> String {
        let seconds = floorDivide(start.nanoseconds, 1_000_000_000).0
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let hour = secondOfDay / 3600
        let minute = secondOfDay % 3600 / 60
        let second = secondOfDay % 60
        return "\(venue.rawValue)-\(pad(year, 4))\(pad(month, 2))\(pad(day, 2))-\(pad(hour, 2))\(pad(minute, 2))\(pad(second, 2))"
    }

    /// A path for a new recording that does not exist yet.
    public func newFileURL(venue: VenueID, start: Timestamp) -> URL {
        let base = Self.baseName(venue: venue, start: start)
        var candidate = url.appendingPathComponent("\(base).\(RecordingFormat.fileExtension)")
        var n = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = url.appendingPathComponent("\(base)-\(n).\(RecordingFormat.fileExtension)")
            n += 1
        }
        return candidate
    }

    /// The recordings in the directory (optionally of one venue), oldest first.
    public func files(venue: VenueID? = nil) throws(RecordingError) -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch {
            throw .io(path: url.path, operation: "list directory", errno: 0, message: "\(error)")
        }
        return names
            .filter { $0.hasSuffix(".\(RecordingFormat.fileExtension)") }
            .filter { venue == nil || $0.hasPrefix("\(venue!.rawValue)-") }
            .sorted(by: Self.recordingOrder)
            .map { url.appendingPathComponent($0) }
    }

    /// Name order, except that `x.ewrec` comes before `x-2.ewrec` before `x-10.ewrec`.
    static func recordingOrder(_ a: String, _ b: String) -> Bool {
        func key(_ name: String) -> (String, Int) {
            let stem = String(name.dropLast(RecordingFormat.fileExtension.count + 1))
            // A base name ends in -HHmmss (6 digits); a collision suffix is shorter.
            if let dash = stem.lastIndex(of: "-"), let n = Int(stem[stem.index(after: dash)...]),
                stem.distance(from: dash, to: stem.endIndex) - 1 < 6
            {
                return (String(stem[..<dash]), n)
            }
            return (stem, 1)
        }
        let (ka, kb) = (key(a), key(b))
        return ka.0 != kb.0 ? ka.0 < kb.0 : ka.1 < kb.1
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a >= 0 ? a / b : (a - b + 1) / b
        return (q, a - q * b)
    }

    /// Proleptic Gregorian date of a day count (Howard Hinnant's `civil_from_days`), so file names
    /// need neither `DateFormatter` nor the process's time zone.
    static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
