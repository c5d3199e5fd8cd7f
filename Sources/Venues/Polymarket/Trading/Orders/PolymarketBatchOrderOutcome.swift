/// What became of one order of a `POST /orders` batch. The venue answers each order separately:
/// some may be placed while others are refused.
public enum PolymarketBatchOrderOutcome: Sendable {
    case placed(PolymarketOrderPlacement)
    /// Not placed (``PolymarketTradingError/rejected(endpoint:status:reason:message:)`` or
    /// ``PolymarketTradingError/orderVersionMismatch(endpoint:serverVersion:message:)``), or
    /// possibly placed (``PolymarketTradingError/orderMayExist(endpoint:orderHashes:cause:)``) when
    /// its part of the reply could not be read.
    case failed(orderHash: String, error: PolymarketTradingError)

    public var placement: PolymarketOrderPlacement? {
        if case .placed(let placement) = self { return placement }
        return nil
    }

    public var error: PolymarketTradingError? {
        if case .failed(_, let error) = self { return error }
        return nil
    }
}
