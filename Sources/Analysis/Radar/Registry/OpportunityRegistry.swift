import EdgewiseCore

/// The opportunities open right now, keyed by their stable id, and grouped by the detector that
/// found them so one group's re-evaluation replaces exactly its own results.
///
/// An opportunity seen again keeps its first-seen time; one that is not found again is closed.
/// An unchanged re-sighting only moves `lastSeen` and is not reported, so a busy book does not
/// flood subscribers.
public struct OpportunityRegistry: Sendable {
    public private(set) var open: [OpportunityID: Opportunity] = [:]
    private var idsByGroup: [String: [OpportunityID]] = [:]

    public init() {}

    public var count: Int { open.count }

    /// Replaces `group`'s opportunities with `found` and reports the differences.
    public mutating func reconcile(group: String, found: [Opportunity], at now: Timestamp) -> [OpportunityChange] {
        let previous = idsByGroup[group] ?? []
        if found.isEmpty && previous.isEmpty { return [] }
        var changes: [OpportunityChange] = []
        var current: [OpportunityID] = []
        current.reserveCapacity(found.count)
        for var opportunity in found {
            current.append(opportunity.id)
            // The stored sighting is compared and replaced in place, never copied out: each
            // copy of an opportunity retains and releases every string of its legs.
            if let slot = open.index(forKey: opportunity.id) {
                opportunity.carryOver(from: open.values[slot])
                let changed = !open.values[slot].sameTrade(as: opportunity)
                open.values[slot] = opportunity
                if changed { changes.append(.updated(opportunity)) }
            } else {
                open[opportunity.id] = opportunity
                changes.append(.opened(opportunity))
            }
        }
        for id in previous where !current.contains(id) {
            open[id] = nil
            changes.append(.closed(id: id, group: group, at: now))
        }
        idsByGroup[group] = current.isEmpty ? nil : current
        return changes
    }

    /// Open opportunities, most profitable first.
    public var ranked: [Opportunity] {
        open.values.sorted { ($0.profit, $1.id.rawValue) > ($1.profit, $0.id.rawValue) }
    }
}

extension Opportunity {
    /// Same legs, sizes, prices and payout: a re-sighting that changes nothing a trader acts on.
    func sameTrade(as other: Opportunity) -> Bool {
        legs == other.legs && size == other.size && cost == other.cost && payout == other.payout
            && maxSize == other.maxSize
    }
}
