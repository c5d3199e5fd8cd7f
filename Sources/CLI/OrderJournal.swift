import EdgewiseCore
import EdgewiseRuntime
import EdgewiseStore

extension EdgewiseStore {
    /// Moves a journaled order by `event` and saves it. A failure is reported, not thrown: it
    /// must never hide what the venue said, which is what the user needs to see.
    func record(_ event: OrderEvent, on order: inout Order) {
        do {
            try order.apply(event)
            try update(order: order, after: event)
        } catch {
            warn("order \(order.id): the journal could not record \(event): \(error)")
        }
    }
}

extension OrderCommand.Cancel {
    /// Marks a journaled order cancelled once the venue confirmed it.
    static func recordCancel(venue: VenueID, orderID: String, services: EdgewiseServices) {
        do {
            let store = try services.openStore()
            guard var order = try store.order(venue: venue, venueOrderID: VenueOrderID(orderID)), !order.status.isTerminal else { return }
            store.record(.cancelled(at: .now()), on: &order)
        } catch {
            warn("order \(orderID) was cancelled but its journal row could not be read: \(error)")
        }
    }

    /// Prints what was cancelled and what was not, the same way for every venue; fails when
    /// anything was not cancelled, so scripts notice.
    func report(cancelled: [String], failed: [String: String]) throws {
        if json {
            try printJSON(["canceled": cancelled, "notCanceled": failed.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }])
        } else {
            emit("cancelled \(cancelled.count) order(s)\(cancelled.isEmpty ? "" : ": " + cancelled.joined(separator: ", "))\n")
            for (id, reason) in failed.sorted(by: { $0.key < $1.key }) { warn("not cancelled \(id): \(reason)") }
        }
        if !failed.isEmpty { throw CLIFailure("\(failed.count) order(s) not cancelled", exitCode: 1) }
    }
}
