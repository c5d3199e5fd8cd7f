import EdgewiseCore
import EdgewiseDecision
import EdgewiseStore

/// Why the order manager did not do what was asked, and what to do about it.
public enum OrderManagerError: Error, Sendable, CustomStringConvertible {
    /// The journal could not be written, so nothing was sent.
    case journal(StoreError)
    case noGateway(VenueID)
    /// The venue's own checks refused the order (tick, minimum size, balance); nothing was
    /// journaled or sent.
    case refusedBeforeSending(VenueID, String)
    case unknownOrder(ClientOrderID)
    /// The risk engine refused it; nothing was journaled or sent.
    case refusedByRisk([RiskViolation])
    /// Start-up reconciliation has not run: orders from a previous run may still be live.
    case notReconciled

    public var description: String {
        switch self {
        case .journal(let error): "the order was not journaled, so nothing was sent: \(error)"
        case .noGateway(let venue): "no connection to \(venue) is configured; check the venue's credentials or run with --paper"
        case .refusedBeforeSending(let venue, let reason): "\(venue) would not take the order as it is (\(reason)); nothing was sent"
        case .unknownOrder(let id): "no order \(id) in the journal"
        case .refusedByRisk(let violations): "refused by the risk engine: " + violations.map(\.description).joined(separator: "; ")
        case .notReconciled: "orders from the previous run have not been reconciled with the venues yet; call reconcile() first"
        }
    }
}
