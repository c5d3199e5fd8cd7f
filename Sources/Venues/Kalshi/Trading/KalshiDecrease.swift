import EdgewiseCore

/// `POST /portfolio/orders/{id}/decrease`: fewer contracts on a resting order.
public enum KalshiDecrease: Sendable, Hashable {
    /// Remove this many contracts (not idempotent: sending it twice removes twice as many).
    case by(Size)
    /// Leave this many contracts (idempotent, so it is retried on transient failures).
    case to(Size)
}
