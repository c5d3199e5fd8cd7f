import EdgewiseCore
import EdgewiseVenueKit

/// How a user names a Polymarket market on the command line: a CLOB token id (a long decimal),
/// a condition id (`0x` + 64 hex digits), or a market slug.
public enum PolymarketMarketReference: Hashable, Sendable, CustomStringConvertible {
    case token(TokenID)
    case condition(MarketID)
    case slug(String)

    public init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 20, trimmed.allSatisfy(\.isASCIIDigit) {
            self = .token(TokenID(trimmed))
        } else if trimmed.count == 66, trimmed.lowercased().hasPrefix("0x"), trimmed.dropFirst(2).allSatisfy(\.isHexDigit) {
            self = .condition(MarketID(trimmed.lowercased()))
        } else {
            self = .slug(trimmed)
        }
    }

    public var description: String {
        switch self {
        case .token(let token): "token \(token)"
        case .condition(let id): "condition id \(id)"
        case .slug(let slug): "slug '\(slug)'"
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension GammaClient {
    /// The market a reference names, or nil when the venue knows no such market. A token id that
    /// Gamma does not know still names a book, so callers may fall back to the token alone.
    public func market(for reference: PolymarketMarketReference) async throws(VenueError) -> Market? {
        switch reference {
        case .token(let token):
            return try await domainMarket(tokenID: token)
        case .condition(let id):
            return try await domainMarket(conditionID: id)
        case .slug(let slug):
            do {
                return try await domainMarket(slug: slug)
            } catch .client(_, 404, _) {
                return nil
            }
        }
    }
}
