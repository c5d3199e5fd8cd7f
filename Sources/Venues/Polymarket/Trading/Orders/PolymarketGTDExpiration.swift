import EdgewiseCore

/// The `expiration` of a GTD order, in unix seconds.
///
/// The venue enforces a 60-second security threshold: an order meant to live N seconds must carry
/// now + 60 + N. An expiration inside the threshold would be refused by the venue after signing
/// (or expire on arrival), so it is refused here first, with the earliest value that would work.
/// The order must keep at least one second of life beyond the threshold.
public struct PolymarketGTDExpiration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public static let securityThresholdSeconds: Int64 = 60

    public let unixSeconds: Int64

    /// An order that should stay live for `seconds` from `now`.
    public init(lifetime seconds: Int64, now: Timestamp = .now()) throws(PolymarketOrderRejection) {
        guard seconds > 0 else { throw .nonPositiveLifetime(seconds: seconds) }
        let start = Self.unixSeconds(now) + Self.securityThresholdSeconds
        let (expiration, overflow) = start.addingReportingOverflow(seconds)
        guard !overflow else { throw .lifetimeTooLong(seconds: seconds) }
        unixSeconds = expiration
    }

    /// An expiration the caller chose (the CLI's `--expires`), checked against the threshold.
    public init(unixSeconds: Int64, now: Timestamp = .now()) throws(PolymarketOrderRejection) {
        let earliest = Self.earliest(now: now)
        guard unixSeconds >= earliest else { throw .expirationTooSoon(expiration: unixSeconds, earliest: earliest) }
        self.unixSeconds = unixSeconds
    }

    /// The soonest expiration accepted at `now`: one second beyond the security threshold.
    public static func earliest(now: Timestamp = .now()) -> Int64 {
        unixSeconds(now) + securityThresholdSeconds + 1
    }

    /// How long the order stays live once the threshold is taken off.
    public func lifetime(now: Timestamp = .now()) -> Int64 {
        unixSeconds - Self.unixSeconds(now) - Self.securityThresholdSeconds
    }

    /// The order JSON's `expiration` field (a decimal string).
    public var wireValue: String { String(unixSeconds) }

    public var description: String { wireValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.unixSeconds < rhs.unixSeconds }

    // Whole seconds, rounded down: a fraction of a second already elapsed is not lifetime left.
    private static func unixSeconds(_ timestamp: Timestamp) -> Int64 {
        timestamp.nanoseconds >= 0 ? timestamp.nanoseconds / 1_000_000_000 : (timestamp.nanoseconds + 1) / 1_000_000_000 - 1
    }
}
