import EdgewiseCore
import EdgewiseDecision
import EdgewiseStore
import Logging

/// Sends orders so that none is lost and none is sent twice.
///
/// - Every order is journaled (durably, as `pendingSubmit`) before a request leaves, and every
///   acknowledgment, fill, cancel and rejection moves its state machine and is written with
///   the event that caused it.
/// - An outcome that is not known (timeout after sending, 5xx, dropped link) is never answered
///   by sending a new order: the venue is asked first; only an order it has no trace of is sent
///   again, as the very same order, and only to a venue that refuses duplicates.
/// - At start-up, ``reconcile()`` asks the venues about every order the journal says may be
///   live — the crash between send and acknowledgment, the lost acknowledgment, fills that
///   arrived while the agent was down — and nothing new is sent before it has run.
/// - Every order passes the risk engine's pre-trade check (when configured) before anything is
///   journaled; a refusal sends nothing.
/// - Requests to each venue are paced by a ``TokenBucket``.
public actor OrderManager {
    public struct Configuration: Sendable {
        /// How long to let a venue settle before looking up an order whose send had an unknown
        /// outcome (or, at start-up, one the previous run touched moments before it died).
        public var settleDelay: Duration
        public var rateLimits: [VenueID: TokenBucket]
        /// The independent risk check every order passes before it is journaled (the risk
        /// engine against the current state, the kill switch included). Nil only where the
        /// caller checks elsewhere (tests of the order path itself).
        public var preTradeCheck: (@Sendable (OrderIntent) async -> RiskVerdict)?
        /// Told of every event once it is journaled, with the order as it stands after it — the
        /// agent's one feed of acknowledgments, fills and ends, whichever path (a submit, a
        /// multi-leg leg, a cancel, reconciliation, a pushed venue event) produced them.
        public var onEvent: (@Sendable (Order, OrderEvent) -> Void)?

        public init(
            settleDelay: Duration = .seconds(2), rateLimits: [VenueID: TokenBucket] = [:],
            preTradeCheck: (@Sendable (OrderIntent) async -> RiskVerdict)? = nil,
            onEvent: (@Sendable (Order, OrderEvent) -> Void)? = nil
        ) {
            self.settleDelay = settleDelay
            self.rateLimits = rateLimits
            self.preTradeCheck = preTradeCheck
            self.onEvent = onEvent
        }
    }

    let store: EdgewiseStore
    let gateways: [VenueID: any VenueGateway]
    let configuration: Configuration
    let now: @Sendable () -> Timestamp
    let logger: Logger
    var buckets: [VenueID: TokenBucket]
    var reconciled = false

    public init(
        store: EdgewiseStore, gateways: [any VenueGateway], configuration: Configuration = .init(),
        now: @escaping @Sendable () -> Timestamp = Timestamp.now, logger: Logger = Logger(label: "edgewise.orders")
    ) {
        self.store = store
        self.gateways = Dictionary(gateways.map { ($0.venue, $0) }, uniquingKeysWith: { first, _ in first })
        self.configuration = configuration
        self.buckets = configuration.rateLimits
        self.now = now
        self.logger = logger
    }

    // MARK: Sending

    /// Journals and sends one order; returns it as it stands after the venue's answer (or after
    /// the lookup an unknown answer triggers).
    public func submit(_ intent: OrderIntent, id: ClientOrderID = .generate()) async throws(OrderManagerError) -> Order {
        guard reconciled else { throw .notReconciled }
        guard let gateway = gateways[intent.instrument.venue] else { throw .noGateway(intent.instrument.venue) }
        if let check = configuration.preTradeCheck, case .refused(let violations) = await check(intent) {
            throw .refusedByRisk(violations)
        }
        var order: Order
        do {
            order = try await gateway.prepare(intent.order(id: id, at: now()))
        } catch {
            throw .refusedBeforeSending(gateway.venue, error.reason)
        }
        do { try store.journal(order: order) } catch { throw .journal(error) }

        await pace(gateway.venue)
        order = record(order, .submitted(at: now()))
        return await send(order, via: gateway, resent: false)
    }

    private func send(_ sent: Order, via gateway: any VenueGateway, resent: Bool) async -> Order {
        var order = sent
        switch await gateway.submit(order) {
        case .accepted(let venueID, let fills, let ended):
            order = record(order, .accepted(venueID, at: now()))
            for fill in fills { order = record(order, .filled(fill)) }
            if let ended { order = apply(VenueOrderReport(venueOrderID: venueID, state: ended), to: order) }
        case .rejected(let reason):
            order = record(order, .rejected(reason: reason, at: now()))
        case .unknown(let reason):
            logger.warning("order \(order.id): outcome unknown (\(reason)); asking \(gateway.venue) before anything else")
            try? await Task.sleep(for: configuration.settleDelay)
            await pace(gateway.venue)
            do {
                if let report = try await gateway.lookup(order) {
                    order = apply(report, to: order)
                } else if gateway.resendIsIdempotent && !resent {
                    // Nowhere to be found, and the venue refuses a duplicate should the first
                    // one surface after all: the same order once more.
                    await pace(gateway.venue)
                    order = await send(order, via: gateway, resent: true)
                }
                // Otherwise it stays `submitted` (may be live) until reconciliation finds it.
            } catch {
                logger.warning("order \(order.id): \(gateway.venue) could not be asked (\(error)); left for reconciliation")
            }
        }
        return order
    }

    // MARK: Cancelling

    /// Asks the venue to cancel one order; returns it as it stands afterwards.
    public func cancel(_ id: ClientOrderID) async throws(OrderManagerError) -> Order {
        guard var order = try? store.order(id) else { throw .unknownOrder(id) }
        guard order.status.mayBeLive else { return order }
        guard let gateway = gateways[order.instrument.venue] else { throw .noGateway(order.instrument.venue) }
        if order.status == .open || order.status == .partiallyFilled || order.status == .submitted {
            order = record(order, .cancelRequested(at: now()))
        }
        await pace(gateway.venue)
        switch await gateway.cancel(order) {
        case .cancelled:
            order = record(order, .cancelled(at: now()))
        case .notOpen, .unknown:
            // Filled in the meantime, or not known: the venue's own account of it decides.
            if let report = try? await gateway.lookup(order) { order = apply(report, to: order) }
        }
        return order
    }

    /// Cancels every order that may be live (the kill switch), on one venue or all; returns
    /// them as they stand afterwards.
    public func cancelAll(venue: VenueID? = nil) async -> [Order] {
        let live = (try? store.ordersThatMayBeLive(venue: venue)) ?? []
        var result: [Order] = []
        for order in live {
            result.append((try? await cancel(order.id)) ?? order)
        }
        return result
    }

    // MARK: Venue events

    /// Applies an event the venue pushed (user channel, paper broker) to a journaled order.
    /// Duplicates and events a finished order cannot take are ignored, as re-deliveries are.
    @discardableResult
    public func apply(_ event: OrderEvent, to id: ClientOrderID) throws(OrderManagerError) -> Order {
        guard let order = try? store.order(id) else { throw .unknownOrder(id) }
        return record(order, event)
    }

    // MARK: Reconciliation

    /// What start-up reconciliation found, per order.
    public struct Reconciliation: Hashable, Sendable {
        public enum Finding: Hashable, Sendable {
            /// The venue has it; its state and fills were brought up to date.
            case updated(OrderStatus, newFills: Int)
            /// The venue has no trace of it: it never arrived (a crash before or during the
            /// send), so it is closed as rejected and nothing is sent again.
            case neverArrived
            /// The venue could not be asked; the order stays as it was.
            case unreachable(String)
            case noGateway
        }

        public var findings: [ClientOrderID: Finding] = [:]
    }

    /// Asks the venues about every order the journal says may be live. Until it has run,
    /// ``submit(_:id:)`` refuses: a new order next to an unreconciled one could duplicate it.
    public func reconcile() async -> Reconciliation {
        var result = Reconciliation()
        let live = (try? store.ordersThatMayBeLive()) ?? []
        // An order touched moments ago may still be in flight from the previous run.
        if live.contains(where: { now().seconds(since: $0.updatedAt) < configuration.settleDelay.seconds }) {
            try? await Task.sleep(for: configuration.settleDelay)
        }
        for stored in live { result.findings[stored.id] = await lookUp(stored) }
        reconciled = true
        return result
    }

    /// Brings every order that may be live up to the venue's account of it — fills that
    /// arrived without a push, cancels made elsewhere, expiries — for venues whose order events
    /// are not streamed to the agent. Orders touched within the settle delay are left for the
    /// next pass, so an answer still in flight is never taken for the order's absence.
    public func refresh(venue: VenueID? = nil) async -> Reconciliation {
        var result = Reconciliation()
        let live = (try? store.ordersThatMayBeLive(venue: venue)) ?? []
        for stored in live where now().seconds(since: stored.updatedAt) >= configuration.settleDelay.seconds {
            result.findings[stored.id] = await lookUp(stored)
        }
        return result
    }

    /// Asks the venue about one order and applies its answer.
    private func lookUp(_ stored: Order) async -> Reconciliation.Finding {
        guard let gateway = gateways[stored.instrument.venue] else { return .noGateway }
        await pace(gateway.venue)
        do {
            if let report = try await gateway.lookup(stored) {
                let before = stored.fillIDs.count
                let order = apply(report, to: stored)
                return .updated(order.status, newFills: order.fillIDs.count - before)
            } else if stored.status == .pendingSubmit || stored.status == .submitted {
                record(stored, .rejected(reason: "not found at \(gateway.venue) once its send had settled: it never arrived", at: now()))
                return .neverArrived
            } else {
                // Accepted once, gone now without a trace of fills: it was cancelled or expired.
                record(stored, .cancelled(at: now()))
                return .updated(.cancelled, newFills: 0)
            }
        } catch {
            return .unreachable(error.reason)
        }
    }

    // MARK: Internals

    /// Brings `order` up to the venue's report: its id, every fill not yet applied, its end.
    private func apply(_ report: VenueOrderReport, to stored: Order) -> Order {
        var order = stored
        if let venueID = report.venueOrderID, order.venueOrderID == nil || order.status == .submitted || order.status == .pendingSubmit {
            if case .rejected = report.state {} else { order = record(order, .accepted(venueID, at: now())) }
        }
        for fill in report.fills where !order.fillIDs.contains(fill.id) {
            order = record(order, .filled(fill))
        }
        switch report.state {
        case .open, .filled: break
        case .cancelled: if order.status.mayBeLive { order = record(order, .cancelled(at: now())) }
        case .expired: if order.status.mayBeLive { order = record(order, .expired(at: now())) }
        case .rejected(let reason):
            if order.status == .pendingSubmit || order.status == .submitted {
                order = record(order, .rejected(reason: reason, at: now()))
            }
        }
        return order
    }

    /// Applies an event and writes it; an event the order refuses (a duplicate fill, a late
    /// acknowledgment) or a write that fails leaves the order as it was, logged.
    @discardableResult
    private func record(_ order: Order, _ event: OrderEvent) -> Order {
        var next = order
        do {
            try next.apply(event)
        } catch {
            logger.debug("order \(order.id): \(event) not applied (\(error))")
            return order
        }
        do {
            try store.update(order: next, after: event)
        } catch {
            logger.error("order \(order.id): \(event) not journaled (\(error))")
            return order
        }
        configuration.onEvent?(next, event)
        return next
    }

    private func pace(_ venue: VenueID) async {
        guard var bucket = buckets[venue] else { return }
        let wait = bucket.reserve(at: now())
        buckets[venue] = bucket
        if wait > .zero { try? await Task.sleep(for: wait) }
    }
}

extension Duration {
    fileprivate var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
