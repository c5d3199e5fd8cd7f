/// The order a placement produced and how we know it exists.
public struct KalshiPlacement: Sendable, Hashable {
    public enum Resolution: Sendable, Hashable {
        /// The venue answered the submission with the order.
        case created
        /// The submission failed ambiguously (`cause`); the order was then found by its client
        /// order id, and nothing was re-sent.
        case foundAfterAmbiguousFailure(cause: String)
        /// The venue said the client order id was already used (`message`); the order was
        /// found by it.
        case foundAfterDuplicate(message: String)
        /// The first submission failed ambiguously and the order was not found, so the same
        /// body (same client order id) was sent again and accepted.
        case createdOnResend(cause: String)
    }

    public var order: KalshiOrder
    public var clientOrderID: String
    public var resolution: Resolution

    public init(order: KalshiOrder, clientOrderID: String, resolution: Resolution) {
        self.order = order
        self.clientOrderID = clientOrderID
        self.resolution = resolution
    }
}
