/// Why the kill switch tripped, with the numbers that tripped it.
public enum KillSwitchReason: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Equity fell `loss` below the start of the day, at or beyond the daily limit.
    case dailyLoss(loss: Amount, limit: Amount, startOfDay: Amount)
    /// Equity fell `drawdown` below its peak, at or beyond the drawdown limit.
    case drawdown(drawdown: Amount, limit: Amount, peak: Amount)
    /// Someone (an operator, a supervising process) stopped trading by hand.
    case manual(String)

    public var description: String {
        switch self {
        case .dailyLoss(let loss, let limit, let start):
            "daily loss \(loss) reached the limit \(limit) (start-of-day equity \(start))"
        case .drawdown(let drawdown, let limit, let peak):
            "drawdown \(drawdown) from the peak equity \(peak) reached the limit \(limit)"
        case .manual(let note):
            "stopped by hand: \(note)"
        }
    }
}

/// The kill switch as it is persisted: tripped (with why and since when) or armed, and the last
/// reset. A tripped switch stays tripped across restarts until someone resets it; tripping it
/// again keeps the first trip, so "since" always says when trading actually stopped.
public struct KillSwitchState: Hashable, Codable, Sendable {
    public struct Trip: Hashable, Codable, Sendable {
        public var reason: KillSwitchReason
        public var at: Timestamp

        public init(reason: KillSwitchReason, at: Timestamp) {
            self.reason = reason
            self.at = at
        }
    }

    public struct Reset: Hashable, Codable, Sendable {
        /// The trip this reset cleared.
        public var cleared: Trip
        public var at: Timestamp
        /// Who reset it and why, for the record.
        public var note: String?

        public init(cleared: Trip, at: Timestamp, note: String? = nil) {
            self.cleared = cleared
            self.at = at
            self.note = note
        }
    }

    /// The current trip; nil while the switch is armed.
    public var trip: Trip?
    public var lastReset: Reset?

    public init(trip: Trip? = nil, lastReset: Reset? = nil) {
        self.trip = trip
        self.lastReset = lastReset
    }

    /// Armed, never tripped.
    public static let armed = KillSwitchState()

    public var isTripped: Bool { trip != nil }

    /// The state after a trip; an already tripped switch keeps its first trip.
    public func tripping(_ reason: KillSwitchReason, at time: Timestamp) -> KillSwitchState {
        guard trip == nil else { return self }
        return KillSwitchState(trip: Trip(reason: reason, at: time), lastReset: lastReset)
    }

    /// The state after a reset, or nil when the switch is not tripped (there is nothing to reset).
    public func resetting(at time: Timestamp, note: String? = nil) -> KillSwitchState? {
        guard let trip else { return nil }
        return KillSwitchState(trip: nil, lastReset: Reset(cleared: trip, at: time, note: note))
    }
}

/// One trip of the kill switch: why, and when trading stopped.
public typealias KillSwitchTrip = KillSwitchState.Trip
