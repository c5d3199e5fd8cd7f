import EdgewiseCore
import EdgewiseDecision
import EdgewiseExecution

extension Agent {
    /// A directional order being worked as a TWAP: its decision, what the strategy proposed, the
    /// schedule and how many slices went out.
    struct WorkingOrder: Sendable {
        var record: DecisionRecord
        var strategy: StrategyID
        var intent: OrderIntent
        var schedule: TWAPSchedule
        var sent: Int
    }

    /// The schedule for `intent` when the TWAP policy says it is large, else nil.
    func twapSchedule(for intent: OrderIntent) -> TWAPSchedule? {
        guard let policy = settings.twap, intent.purpose == .directional, intent.side == .buy, !intent.postOnly,
            intent.notional > policy.above, let grid = routeTerms?(intent.instrument)?.grid
        else { return nil }
        return try? TWAPSchedule(
            total: intent.size, slices: policy.slices, start: clock, duration: .milliseconds(Int64(policy.seconds * 1000)),
            sizeStep: grid.sizeStep, minimumSize: grid.smallestOrder)
    }

    /// Sends the slices of every worked order that are due, each with the book's current age;
    /// a finished schedule is closed with its decision saved.
    func workOrders() async {
        for id in working.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            guard var work = working[id] else { continue }
            for slice in work.schedule.due(at: clock, alreadySent: work.sent) {
                var child = work.intent
                child.size = slice.size
                child.bookReceivedAt = followedBook(of: child.instrument)?.receivedAt
                let (slices, routing) = routed(child)
                if let routing { work.record.notes.append("slice \(slice.index + 1): \(routing)") }
                for leg in slices {
                    if await send(leg, on: &work.record, for: work.strategy) != nil, leg.side == .buy {
                        directional.insert(leg.instrument)
                    }
                }
                work.sent += 1
            }
            if work.sent >= work.schedule.slices.count {
                working[id] = nil
                log(work.strategy, "TWAP of \(work.intent.size) \(work.intent.instrument) done: \(work.sent) slices", decision: id)
            } else {
                working[id] = work
            }
            save(work.record)
        }
    }
}
