import Foundation

/// A point in time in nanoseconds since the Unix epoch. Integer time keeps replays exact and
/// comparisons cheap; every market-data event carries the venue's time and the time we received it.
public struct Timestamp: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }
    public init(milliseconds: Int64) { self.nanoseconds = milliseconds &* 1_000_000 }
    public init(seconds: Int64) { self.nanoseconds = seconds &* 1_000_000_000 }
    public init(_ date: Date) { self.nanoseconds = Int64((date.timeIntervalSince1970 * 1e9).rounded()) }

    public static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(nanoseconds: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }

    public var milliseconds: Int64 { nanoseconds / 1_000_000 }
    public var date: Date { Date(timeIntervalSince1970: Double(nanoseconds) / 1e9) }

    public func adding(seconds: Double) -> Timestamp {
        Timestamp(nanoseconds: nanoseconds + Int64(seconds * 1e9))
    }

    /// Seconds from `other` to `self`.
    public func seconds(since other: Timestamp) -> Double { Double(nanoseconds - other.nanoseconds) / 1e9 }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public var description: String { date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true)) }
}
