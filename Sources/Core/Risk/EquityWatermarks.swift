/// The two reference equities the loss limits are measured from: the equity at the start of the
/// (UTC) day and the highest equity seen. They are persisted so that restarting the agent does
/// not reset the day's loss or forget the peak.
public struct EquityWatermarks: Hashable, Codable, Sendable {
    /// Days since the Unix epoch, in UTC.
    public var day: Int64
    /// The first equity observed on ``day``.
    public var startOfDay: Amount
    public var peak: Amount
    public var peakAt: Timestamp
    /// The latest equity observed and when.
    public var last: Amount
    public var lastAt: Timestamp

    public init(day: Int64, startOfDay: Amount, peak: Amount, peakAt: Timestamp, last: Amount, lastAt: Timestamp) {
        self.day = day
        self.startOfDay = startOfDay
        self.peak = peak
        self.peakAt = peakAt
        self.last = last
        self.lastAt = lastAt
    }

    /// The watermarks of a first observation.
    public init(first equity: Amount, at time: Timestamp) {
        self.init(day: Self.day(of: time), startOfDay: equity, peak: equity, peakAt: time, last: equity, lastAt: time)
    }

    /// The UTC day a time falls on (days since 1970-01-01; floor, so times before 1970 work too).
    public static func day(of time: Timestamp) -> Int64 {
        let perDay: Int64 = 86_400 * 1_000_000_000
        let (q, r) = time.nanoseconds.quotientAndRemainder(dividingBy: perDay)
        return r < 0 ? q - 1 : q
    }

    /// The watermarks after observing `equity` at `time`: a new day starts from this equity, a
    /// new high becomes the peak. An observation older than the last one is ignored, so a late
    /// report can never move the day backwards.
    public func observing(_ equity: Amount, at time: Timestamp) -> EquityWatermarks {
        guard time >= lastAt else { return self }
        var next = self
        let today = Self.day(of: time)
        if today != day {
            next.day = today
            next.startOfDay = equity
        }
        if equity > peak {
            next.peak = equity
            next.peakAt = time
        }
        next.last = equity
        next.lastAt = time
        return next
    }

    /// Starts both references from `equity` again: what a reset of the kill switch needs, since
    /// otherwise the drawdown that tripped it would trip it again at once.
    public func rebased(to equity: Amount, at time: Timestamp) -> EquityWatermarks {
        EquityWatermarks(day: Self.day(of: time), startOfDay: equity, peak: equity, peakAt: time, last: equity, lastAt: time)
    }
}
