import EdgewiseCore
import EdgewiseExecution
import EdgewiseStore
import Synchronization

/// A venue whose answers a test scripts, recording every call. It also checks, at each send,
/// that the order was already journaled — the order manager's first promise.
final class ScriptedGateway: VenueGateway {
    let venue: VenueID
    let resendIsIdempotent: Bool
    let store: EdgewiseStore
    struct Script: Sendable {
        var submissions: [GatewaySubmission] = []
        var cancellations: [GatewayCancellation] = []
        /// What lookup answers, per client order id; missing: no trace.
        var reports: [ClientOrderID: VenueOrderReport] = [:]
        var lookupFails = false
        /// When set, prepare refuses every order with this reason.
        var refusal: String?
        var sent: [ClientOrderID] = []
        var cancelled: [ClientOrderID] = []
        var lookups: [ClientOrderID] = []
        var unjournaledSends: [ClientOrderID] = []
    }
    let script: Mutex<Script>

    init(venue: VenueID = .polymarket, resendIsIdempotent: Bool, store: EdgewiseStore, script: Script = Script()) {
        self.venue = venue
        self.resendIsIdempotent = resendIsIdempotent
        self.store = store
        self.script = Mutex(script)
    }

    var sent: [ClientOrderID] { script.withLock { $0.sent } }
    var lookups: [ClientOrderID] { script.withLock { $0.lookups } }
    var cancelled: [ClientOrderID] { script.withLock { $0.cancelled } }
    var unjournaledSends: [ClientOrderID] { script.withLock { $0.unjournaledSends } }
    func setReport(_ report: VenueOrderReport?, for id: ClientOrderID) { script.withLock { $0.reports[id] = report } }

    func prepare(_ order: Order) async throws(GatewayError) -> Order {
        if let refusal = script.withLock({ $0.refusal }) { throw GatewayError(refusal) }
        return order
    }

    func submit(_ order: Order) async -> GatewaySubmission {
        let journaled = ((try? store.order(order.id)) ?? nil) != nil
        return script.withLock { script in
            script.sent.append(order.id)
            if !journaled { script.unjournaledSends.append(order.id) }
            return script.submissions.isEmpty ? .unknown(reason: "script ran out") : script.submissions.removeFirst()
        }
    }

    func cancel(_ order: Order) async -> GatewayCancellation {
        script.withLock { script in
            script.cancelled.append(order.id)
            return script.cancellations.isEmpty ? .cancelled : script.cancellations.removeFirst()
        }
    }

    func lookup(_ order: Order) async throws(GatewayError) -> VenueOrderReport? {
        let (fails, report) = script.withLock { script in
            script.lookups.append(order.id)
            return (script.lookupFails, script.reports[order.id])
        }
        if fails { throw GatewayError("venue unreachable") }
        return report
    }
}
