import EdgewiseCore

/// `order_group_updates` (private): an order group's limit changed or it was triggered.
public struct KalshiOrderGroupUpdateMessage: Hashable, Sendable {
    public var orderGroupID: String
    public var eventType: String
    public var contractsLimit: Size?

    public init(orderGroupID: String, eventType: String, contractsLimit: Size? = nil) {
        self.orderGroupID = orderGroupID
        self.eventType = eventType
        self.contractsLimit = contractsLimit
    }

    enum Keys: String, CodingKey {
        case orderGroupID = "order_group_id"
        case eventType = "event_type"
        case contractsLimit = "contracts_limit"
        case contractsLimitFP = "contracts_limit_fp"
    }

    init(from container: KeyedDecodingContainer<Keys>) throws {
        orderGroupID = try container.kalshiRequiredString(.orderGroupID)
        eventType = try container.decode(String.self, forKey: .eventType)
        contractsLimit = try container.kalshiCount(.contractsLimitFP, legacy: .contractsLimit)
    }
}
