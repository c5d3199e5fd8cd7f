/// The `status` filter of `GET /markets` and `GET /events`. It is coarser than a market's own
/// ``KalshiMarketStatus`` (`open` covers `active`, `settled` covers `finalized`).
public enum KalshiMarketFilterStatus: String, Sendable, Hashable, CaseIterable {
    case unopened, open, paused, closed, settled
}
