import EdgewiseCore

/// Why a live venue gateway could not be built, saying what to configure. It names environment
/// variables, settings and files — never a secret's value.
public enum LiveGatewaySetupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Live trading is not switched on: nothing may be sent to a venue.
    case notLive
    /// The venue was asked for, but its credentials are not configured.
    case missingCredentials(venue: VenueID, configure: String)
    /// Credentials are configured but unusable (an unreadable key file, a malformed key…).
    case unusableCredentials(venue: VenueID, reason: String)
    /// Edgewise has no live gateway for this venue.
    case unsupportedVenue(VenueID)

    public var description: String {
        switch self {
        case .notLive:
            "refusing to build live venue gateways: pass --live or set trading.mode = \"live\" (paper trading needs no credentials)"
        case .missingCredentials(let venue, let configure):
            "\(venue) was requested for live trading but has no credentials: \(configure)"
        case .unusableCredentials(let venue, let reason):
            "\(venue) credentials are configured but cannot be used: \(reason)"
        case .unsupportedVenue(let venue):
            "no live gateway for \(venue); live trading supports \(VenueID.polymarket), \(VenueID.kalshi) and \(VenueID.manifold)"
        }
    }
}
