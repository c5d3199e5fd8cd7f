import EdgewiseCore

/// Folds a pass's changes so each id appears once with its final state (opened then closed in
/// the same pass is nothing; opened then updated is opened).
enum OpportunityChangeLog {
    static func collapse(_ changes: [OpportunityChange]) -> [OpportunityChange] {
        var order: [OpportunityID] = []
        var first: [OpportunityID: OpportunityChange] = [:]
        var last: [OpportunityID: OpportunityChange] = [:]
        for change in changes {
            if first[change.id] == nil {
                order.append(change.id)
                first[change.id] = change
            }
            last[change.id] = change
        }
        return order.compactMap { id in
            switch (first[id]!, last[id]!) {
            case (.opened, .closed): nil
            case (.opened, .opened(let o)), (.opened, .updated(let o)): .opened(o)
            case (_, let final): final
            }
        }
    }
}
