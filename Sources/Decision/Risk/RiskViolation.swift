import EdgewiseCore

/// One rule an order breaks, with the numbers, and what to do about it in its description.
public enum RiskViolation: Hashable, Sendable, CustomStringConvertible {
    /// Trading is stopped until someone resets the kill switch.
    case killSwitchTripped(KillSwitchReason, since: Timestamp)
    /// Risk-off mode lets only arbitrage legs and position-reducing orders through.
    case riskOff(TradePurpose)
    /// The worst-case loss on one underlying event would exceed its cap.
    case eventExposure(ExposureGroupID, limit: Amount, current: Amount, after: Amount)
    case categoryExposure(String, limit: Amount, current: Amount, after: Amount)
    case venueExposure(VenueID, limit: Amount, current: Amount, after: Amount)
    /// One buy order's notional is over the per-order cap.
    case orderTooLarge(limit: Amount, notional: Amount)
    /// The book the price came from is older than allowed.
    case staleBook(ageMilliseconds: Int64, limitMilliseconds: Int64)
    /// An order that may take liquidity was priced without a book.
    case missingBook
    /// A sell of more shares than are held and not already offered.
    case sellExceedsHolding(held: Size, alreadySelling: Size, size: Size)

    public var description: String {
        switch self {
        case .killSwitchTripped(let reason, let since):
            return "kill switch tripped at \(since) (\(reason)); no order goes out until the kill switch is reset"
        case .riskOff(let purpose):
            return "risk-off mode allows only arbitrage legs and orders that reduce a position, not \(Self.name(purpose)) orders; "
                + "wait for risk-on or propose it as an exit"
        case .eventExposure(let group, let limit, let current, let after):
            return "worst-case loss on \(group) would be \(after) (now \(current)), over the per-event cap \(limit); "
                + "reduce the size to at most \(Self.room(limit, current)) of added risk or hedge first"
        case .categoryExposure(let category, let limit, let current, let after):
            return "worst-case loss in category \(category) would be \(after) (now \(current)), over the cap \(limit); "
                + "reduce the size or close positions in that category"
        case .venueExposure(let venue, let limit, let current, let after):
            return "money committed on \(venue) would be \(after) (now \(current)), over the per-venue cap \(limit); "
                + "reduce the size or trade the opportunity on another venue"
        case .orderTooLarge(let limit, let notional):
            return "order notional \(notional) is over the per-order cap \(limit); split it or reduce the size"
        case .staleBook(let age, let limit):
            return "the book is \(age) ms old, older than \(limit) ms; re-price from a fresh book"
        case .missingBook:
            return "the order may take liquidity but no book was consulted; price it from a current book or make it post-only"
        case .sellExceedsHolding(let held, let selling, let size):
            return "selling \(size) but only \(held) held, \(selling) of which resting sells already offer; "
                + "reconcile positions or cancel the other sells"
        }
    }

    private static func name(_ purpose: TradePurpose) -> String {
        switch purpose {
        case .arbitrage: "arbitrage"
        case .directional: "directional"
        case .exit: "exit"
        }
    }

    private static func room(_ limit: Amount, _ current: Amount) -> Amount {
        limit > current ? limit - current : .zero
    }
}

/// The risk engine's answer for one order intent.
public enum RiskVerdict: Hashable, Sendable, CustomStringConvertible {
    case approved
    /// Every rule the order breaks, never empty.
    case refused([RiskViolation])

    public var isApproved: Bool { self == .approved }

    public var violations: [RiskViolation] {
        if case .refused(let violations) = self { return violations }
        return []
    }

    public var description: String {
        switch self {
        case .approved: "approved"
        case .refused(let violations): "refused: " + violations.map(\.description).joined(separator: "; ")
        }
    }
}

/// What the order manager must do because of the risk state; the engine only says it.
public enum RiskAction: Hashable, Sendable {
    /// Persist the trip (``KillSwitchState/tripping(_:at:)``) before anything else.
    case tripKillSwitch(KillSwitchTrip)
    /// Cancel every order that may be live, on every venue.
    case cancelAll([ClientOrderID])
}
