/// What happened to an opportunity at one evaluation. Subscribers (strategies, the store, the
/// server's stream) see every opening, every change of price or size, and every closing.
public enum OpportunityChange: Hashable, Sendable, Codable {
    case opened(Opportunity)
    case updated(Opportunity)
    case closed(id: OpportunityID, group: String, at: Timestamp)

    public var id: OpportunityID {
        switch self {
        case .opened(let o), .updated(let o): o.id
        case .closed(let id, _, _): id
        }
    }

    public var opportunity: Opportunity? {
        switch self {
        case .opened(let o), .updated(let o): o
        case .closed: nil
        }
    }
}
