import EdgewiseCore
import EdgewiseVenueKit
import Logging

/// Applies what the user channel reports to our orders, through the order journal: fills exactly
/// once, failed settlements taken back, cancellations, and — after a reconnect — whatever the
/// channel missed, fetched from the venue's REST view.
///
/// Exactly once rests on the journal, not on memory: each execution has a fill id (trade id and
/// our order id), every report re-reads the order from the journal and books the fill only when
/// the order does not hold that id yet. A re-sent trade (`MINED`, `CONFIRMED`, a REST repeat
/// after a reconnect, a restart) therefore books nothing.
///
/// ```swift
/// let reconciler = UserChannelReconciler(apiKey: credentials.apiKey, journal: store, statusSource: trading)
/// for await outcome in await reconciler.run(await stream.events()) { … }
/// ```
public actor UserChannelReconciler {
    public struct Configuration: Sendable {
        /// How far before the connection dropped the trade query after a reconnect starts:
        /// executions matched just before the drop may not have been delivered. Repeats cost
        /// only bandwidth, never a double booking.
        public var lookback: Duration
        /// Also reconcile on the first connection (executions while the agent was not running).
        public var reconcileOnFirstConnect: Bool
        /// Tries per reconciliation before it is reported as failed.
        public var reconcileAttempts: Int
        public var retryDelay: Duration
        /// Reports about unknown orders kept for ``retryParked()``; the oldest go first.
        public var maxParked: Int

        public init(
            lookback: Duration = .seconds(300), reconcileOnFirstConnect: Bool = false, reconcileAttempts: Int = 3,
            retryDelay: Duration = .seconds(1), maxParked: Int = 1000
        ) {
            self.lookback = lookback
            self.reconcileOnFirstConnect = reconcileOnFirstConnect
            self.reconcileAttempts = max(1, reconcileAttempts)
            self.retryDelay = retryDelay
            self.maxParked = max(0, maxParked)
        }
    }

    /// A report about an order the journal did not hold, kept to be applied once it does.
    enum Parked {
        case order(PolymarketUserOrder, receivedAt: Timestamp)
        case trade(PolymarketUserTrade, receivedAt: Timestamp)

        /// Later reports of the same order or trade replace earlier ones: the latest state is
        /// what counts.
        var key: String {
            switch self {
            case .order(let order, _): "order:" + order.id.rawValue
            case .trade(let trade, _): "trade:" + trade.id
            }
        }
    }

    public let apiKey: String
    public let configuration: Configuration
    let journal: any UserChannelJournal
    let statusSource: (any PolymarketOrderStatusSource)?
    let clock: @Sendable () -> Timestamp
    let logger: Logger

    private var parked: [(key: String, report: Parked)] = []
    /// Unknown orders already reported, so retries and repeats do not report them again.
    private var reportedUnknown: Set<VenueOrderID> = []
    /// When the connection dropped (the first drop of an outage); the trade query starts there.
    private var outageStartedAt: Timestamp?
    private let startedAt: Timestamp

    /// - Parameters:
    ///   - apiKey: our API key (not the secret): it marks our orders inside a trade.
    ///   - statusSource: the venue's REST view; without one a reconnect is reported but cannot
    ///     be repaired.
    ///   - clock: the current time (tests pin it).
    public init(
        apiKey: String, journal: any UserChannelJournal, statusSource: (any PolymarketOrderStatusSource)?,
        configuration: Configuration = .init(), clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() },
        logger: Logger = Logger(label: "edgewise.polymarket.user-reconciler")
    ) {
        self.apiKey = apiKey
        self.journal = journal
        self.statusSource = statusSource
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.startedAt = clock()
    }

    /// How many reports about unknown orders are waiting for ``retryParked()``.
    public var parkedCount: Int { parked.count }

    // MARK: Driving

    /// Applies every event of `events` in order and delivers the outcomes. A reconnect runs a
    /// reconciliation before any later event is applied. The reconciler stays alive while
    /// `events` lasts (it is what applies them), and the outcomes end with the events.
    public func run(_ events: AsyncStream<PolymarketUserStreamEvent>) -> AsyncStream<UserChannelOutcome> {
        let (stream, continuation) = AsyncStream.makeStream(of: UserChannelOutcome.self, bufferingPolicy: .unbounded)
        let task = Task {
            for await event in events {
                for outcome in await self.process(event) { continuation.yield(outcome) }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Applies one stream event.
    public func process(_ event: PolymarketUserStreamEvent) async -> [UserChannelOutcome] {
        switch event {
        case .order(let order, let receivedAt):
            return apply(order, receivedAt: receivedAt)
        case .trade(let trade, _, let receivedAt):
            // The stream's attribution knows only what the channel showed it; the journal knows
            // every order we placed, so attribute again here.
            return apply(trade, receivedAt: receivedAt)
        case .problem(let problem):
            return [.streamProblem(problem)]
        case .connection(let state):
            var outcomes: [UserChannelOutcome] = [.connection(state)]
            switch state {
            case .disconnected:
                if outageStartedAt == nil { outageStartedAt = clock() }
            case .connected(let connection) where connection > 1 || configuration.reconcileOnFirstConnect:
                outcomes += await reconcile(reason: connection > 1 ? "reconnected; the channel may have missed reports" : "connected")
            default:
                break
            }
            return outcomes
        }
    }

    // MARK: Orders

    /// Applies an order report: acceptance of a journaled order that was still waiting for its
    /// acknowledgement, and cancellation.
    public func apply(_ report: PolymarketUserOrder, receivedAt: Timestamp) -> [UserChannelOutcome] {
        let stored: Order?
        do {
            stored = try journal.order(venue: .polymarket, venueOrderID: report.id)
        } catch {
            return [.problem("journal: cannot read order \(report.id): \(error)")]
        }
        guard var order = stored else {
            let context = "order event \(report.kind.map(\.description) ?? report.status.map(\.description) ?? "report") for \(report.side.rawValue) \(report.originalSize) @ \(report.price) of \(report.token)"
            return park(.order(report, receivedAt: receivedAt), unknown: [report.id], context: context)
        }
        var outcomes: [UserChannelOutcome] = []
        let at = report.time ?? receivedAt
        if order.status == .pendingSubmit || order.status == .submitted {
            if let problem = write(&order, .accepted(report.id, at: at)) {
                outcomes.append(problem)
            } else {
                outcomes.append(.orderAccepted(order.id, report.id))
            }
        }
        let cancelled = report.kind == .cancellation || report.status?.isCancelled == true
        if cancelled, order.status.mayBeLive {
            if let problem = write(&order, .cancelled(at: at)) {
                outcomes.append(problem)
            } else {
                outcomes.append(.orderCancelled(order.id, report.id))
            }
        }
        return outcomes
    }

    // MARK: Trades

    /// Applies a trade report: books our executions once, takes them back when settlement
    /// failed, and reports parts it cannot place.
    public func apply(_ trade: PolymarketUserTrade, receivedAt: Timestamp) -> [UserChannelOutcome] {
        // Each order is read once per report; a `nil` value records "not journaled".
        var journaled: [VenueOrderID: Order?] = [:]
        var readFailure: (any Error)?
        func lookup(_ id: VenueOrderID) -> Order? {
            if let known = journaled[id] { return known }
            do {
                let order = try journal.order(venue: .polymarket, venueOrderID: id)
                journaled[id] = order
                return order
            } catch {
                readFailure = error
                return nil
            }
        }
        let report = Parked.trade(trade, receivedAt: receivedAt)
        let ours = trade.participations(apiKey: apiKey, fallbackTime: receivedAt) { lookup($0) != nil }
        if case .unrecognized(let raw) = trade.status {
            // Neither booked nor taken back: the next known status decides.
            return [.problem("trade \(trade.id) has unknown status '\(raw)'; nothing booked until a known status arrives")]
        }
        if ours.isEmpty, readFailure == nil {
            // The channel only reports trades we are in; we just cannot tell which order is ours.
            let ids = [trade.takerOrderID] + trade.makerOrders.map(\.orderID)
            return park(
                report, unknown: [trade.takerOrderID],
                context: "trade \(trade.id) (\(trade.status)) names none of our journaled orders: \(ids.map(\.rawValue).joined(separator: ", "))")
        }
        var outcomes: [UserChannelOutcome] = []
        var unknown: [VenueOrderID] = []
        for part in ours {
            if let order = lookup(part.orderID) {
                outcomes += apply(part, of: trade, to: order)
            } else if readFailure == nil {
                outcomes += recordWithoutOrder(part, of: trade)
                unknown.append(part.orderID)
            }
        }
        if let readFailure {
            // An unreadable journal is not an unknown order: what could not be read is kept.
            keep(report)
            outcomes.append(.problem("journal: cannot read the orders of trade \(trade.id): \(readFailure); kept for retryParked()"))
        } else if !unknown.isEmpty {
            outcomes += park(
                report, unknown: unknown,
                context: "trade \(trade.id) (\(trade.status)) executed it; the fill is recorded without its order until the order is journaled")
        }
        return outcomes
    }

    func apply(_ part: PolymarketTradeParticipation, of trade: PolymarketUserTrade, to stored: Order) -> [UserChannelOutcome] {
        var order = stored
        let fill = part.fill(clientOrderID: order.id)
        if trade.status.isExecution {
            guard !order.fillIDs.contains(fill.id) else { return [.settlementProgressed(fill.id, status: trade.status)] }
            if let problem = write(&order, .filled(fill)) { return [problem] }
            return [.fillRecorded(fill, order: order.id, status: trade.status)]
        }
        // FAILED: the execution did not happen.
        guard order.fillIDs.contains(fill.id), !order.reversedFillIDs.contains(fill.id) else {
            return [.settlementProgressed(fill.id, status: trade.status)]
        }
        // Take back exactly what was booked, whatever this report says.
        let booked: Fill
        do {
            booked = try journal.fill(venue: .polymarket, id: fill.id) ?? fill
        } catch {
            return [.problem("journal: cannot read fill \(fill.id) to reverse it: \(error)")]
        }
        let reason = "trade \(trade.id) failed to settle (FAILED)"
        let at = trade.lastUpdate ?? trade.time ?? clock()
        if let problem = write(&order, .fillReversed(booked, reason: reason, at: at)) { return [problem] }
        return [.fillReversed(booked, order: order.id, reason: reason)]
    }

    /// An execution of ours whose order the journal does not hold still goes into the fills
    /// table, so the record of what we traded is complete.
    func recordWithoutOrder(_ part: PolymarketTradeParticipation, of trade: PolymarketUserTrade) -> [UserChannelOutcome] {
        let fill = part.fill(clientOrderID: nil)
        do {
            let existing = try journal.fill(venue: .polymarket, id: fill.id)
            if trade.status.isExecution {
                if existing != nil { return [.settlementProgressed(fill.id, status: trade.status)] }
                _ = try journal.insert(fill: fill, recordedAt: clock())
                return [.fillRecorded(fill, order: nil, status: trade.status)]
            }
            guard existing != nil else { return [.settlementProgressed(fill.id, status: trade.status)] }
            // The fills table has no reversal of its own; the order's journal carries reversals.
            return [.problem("fill \(fill.id) of order \(part.orderID), which is not in the journal, failed to settle; its fill row stays until the order is journaled and the failure applied")]
        } catch {
            return [.problem("journal: cannot record fill \(fill.id): \(error)")]
        }
    }

    // MARK: Parking

    func park(_ report: Parked, unknown ids: [VenueOrderID], context: String) -> [UserChannelOutcome] {
        keep(report)
        var outcomes: [UserChannelOutcome] = []
        for id in ids where reportedUnknown.insert(id).inserted {
            outcomes.append(.unknownOrder(id, context: context))
        }
        return outcomes
    }

    /// Keeps `report` for ``retryParked()``, replacing an earlier report of the same order or trade.
    func keep(_ report: Parked) {
        let key = report.key
        parked.removeAll { $0.key == key }
        guard configuration.maxParked > 0 else { return }
        parked.append((key, report))
        if parked.count > configuration.maxParked {
            let dropped = parked.removeFirst()
            logger.warning("dropped the oldest report about an unknown order", metadata: ["report": "\(dropped.key)"])
        }
    }

    /// Applies the kept reports about orders the journal now holds (call after journaling the
    /// venue's acknowledgement of an order). Reports about orders still unknown stay kept.
    public func retryParked() -> [UserChannelOutcome] {
        let waiting = parked
        parked = []
        var outcomes: [UserChannelOutcome] = []
        for (_, report) in waiting {
            switch report {
            case .order(let order, let receivedAt): outcomes += apply(order, receivedAt: receivedAt)
            case .trade(let trade, let receivedAt): outcomes += apply(trade, receivedAt: receivedAt)
            }
        }
        return outcomes
    }

    // MARK: Reconciliation

    /// Asks the venue for our trades since shortly before the connection dropped and for our
    /// open orders, and applies them like channel reports (so nothing is booked twice). Journaled
    /// orders that may be live but are no longer open at the venue are looked up one by one.
    public func reconcile(reason: String) async -> [UserChannelOutcome] {
        var outcomes: [UserChannelOutcome] = [.reconciliationStarted(reason: reason)]
        guard let statusSource else {
            return outcomes + [.reconciliationFailed(reason: reason, error: "no status source configured")]
        }
        outcomes += retryParked()
        let since = Timestamp(nanoseconds: (outageStartedAt ?? startedAt).nanoseconds - configuration.lookback.nanoseconds)
        var summary = UserChannelReconciliation(reason: reason, since: since)
        var lastError = ""
        for attempt in 1...configuration.reconcileAttempts {
            do {
                let trades = try await statusSource.trades(after: since)
                let open = try await statusSource.openOrders()
                summary.tradesReported = trades.count
                summary.openOrdersReported = open.count
                let receivedAt = clock()
                // Oldest first, so an order's fills arrive in the order they happened.
                for trade in trades.sorted(by: { ($0.executionTime ?? receivedAt) < ($1.executionTime ?? receivedAt) }) {
                    outcomes += count(apply(trade, receivedAt: receivedAt), into: &summary)
                }
                for order in open { outcomes += count(apply(order, receivedAt: receivedAt), into: &summary) }
                outcomes += try await checkOrdersGoneFromBook(open: Set(open.map(\.id)), receivedAt: receivedAt, summary: &summary)
                outageStartedAt = nil
                return outcomes + [.reconciled(summary)]
            } catch {
                lastError = String(describing: error)
                logger.warning("reconciliation attempt failed", metadata: ["attempt": "\(attempt)", "error": "\(lastError)"])
                if attempt < configuration.reconcileAttempts {
                    do { try await Task.sleep(for: configuration.retryDelay) } catch { break }
                }
            }
        }
        return outcomes + [.reconciliationFailed(reason: reason, error: lastError)]
    }

    /// A journaled order that may be live but is not among the open orders was cancelled,
    /// filled, or never reached the book; only the venue's record of it can tell which.
    func checkOrdersGoneFromBook(open: Set<VenueOrderID>, receivedAt: Timestamp, summary: inout UserChannelReconciliation) async throws
        -> [UserChannelOutcome]
    {
        guard let statusSource else { return [] }
        var outcomes: [UserChannelOutcome] = []
        let live: [Order]
        do {
            live = try journal.ordersThatMayBeLive(venue: .polymarket)
        } catch {
            return [.problem("journal: cannot list live orders: \(error)")]
        }
        for order in live {
            guard let venueID = order.venueOrderID, !open.contains(venueID) else { continue }
            guard let report = try await statusSource.order(venueID) else {
                outcomes.append(.problem("order \(order.id) (\(venueID)) may be live in the journal but the venue does not know it; check it by hand"))
                continue
            }
            outcomes += count(apply(report, receivedAt: receivedAt), into: &summary)
            if let current = try? journal.order(venue: .polymarket, venueOrderID: venueID), current.status.mayBeLive,
                report.status == .matched, current.filledSize < report.sizeMatched
            {
                outcomes.append(.problem(
                    "order \(order.id) (\(venueID)): the venue reports \(report.sizeMatched) matched, the journal \(current.filledSize) filled; executions older than the trade query may be missing"))
            }
        }
        return outcomes
    }

    func count(_ outcomes: [UserChannelOutcome], into summary: inout UserChannelReconciliation) -> [UserChannelOutcome] {
        for outcome in outcomes {
            switch outcome {
            case .fillRecorded: summary.fillsRecovered += 1
            case .fillReversed: summary.fillsReversed += 1
            case .orderCancelled: summary.ordersCancelled += 1
            default: break
            }
        }
        return outcomes
    }

    // MARK: Journal

    /// Applies `event` to `order` and writes it; nil on success, the problem otherwise (the
    /// journal is then unchanged and `order` is as read).
    func write(_ order: inout Order, _ event: OrderEvent) -> UserChannelOutcome? {
        var updated = order
        do {
            try updated.apply(event)
        } catch {
            return .problem("order \(order.id): \(error)")
        }
        do {
            _ = try journal.update(order: updated, after: event, recordedAt: clock())
        } catch {
            return .problem("journal: cannot record \(eventName(event)) of order \(order.id): \(error)")
        }
        order = updated
        return nil
    }

    func eventName(_ event: OrderEvent) -> String {
        switch event {
        case .submitted: "submission"
        case .accepted: "acceptance"
        case .rejected: "rejection"
        case .filled(let fill): "fill \(fill.id)"
        case .fillReversed(let fill, _, _): "reversal of fill \(fill.id)"
        case .cancelRequested: "cancel request"
        case .cancelled: "cancellation"
        case .expired: "expiry"
        }
    }
}

extension Duration {
    /// Whole nanoseconds (sub-nanosecond parts dropped), for timestamp arithmetic.
    fileprivate var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
