/// How long an order may rest (`time_in_force`). Without one the venue rests a limit order until
/// it fills, is cancelled or reaches `expiration_ts`.
public enum KalshiTimeInForce: String, Sendable, Hashable, CaseIterable, Codable {
    case fillOrKill = "fill_or_kill"
    case goodTillCanceled = "good_till_canceled"
    case immediateOrCancel = "immediate_or_cancel"
}
