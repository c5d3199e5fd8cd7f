/// What the dead-man switch reports.
public enum PolymarketHeartbeatEvent: Sendable {
    /// A heartbeat was accepted; `heartbeatID` goes out with the next one.
    case beat(heartbeatID: String)
    /// A heartbeat failed. The switch keeps trying on schedule.
    case failed(PolymarketTradingError, consecutiveFailures: Int)
    /// No heartbeat has been accepted for longer than the venue waits: it has most likely
    /// cancelled every open order of the account. Reconcile the orders before trusting them.
    case deadlineMissed(sinceLastBeat: Duration)
    /// The switch was stopped; the venue will cancel open orders when its deadline passes.
    case stopped
}
