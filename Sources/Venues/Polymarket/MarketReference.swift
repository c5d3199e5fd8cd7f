import EdgewiseCore

/// How a user named a market on the command line: a condition id (`0x` + 64 hex digits), a CLOB
/// token id (a long decimal number), or otherwise a Gamma slug.
public enum MarketReference: Sendable, Hashable, CustomStringConvertible {
    case conditionID(MarketID)
    case token(TokenID)
    case slug(String)

    public init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let body = trimmed.lowercased().hasPrefix("0x") ? trimmed.dropFirst(2) : ""
        if body.count == 64, body.allSatisfy(\.isHexDigit) {
            self = .conditionID(MarketID(trimmed.lowercased()))
        } else if trimmed.count >= 20, trimmed.allSatisfy(\.isASCIIDigit) {
            self = .token(TokenID(trimmed))
        } else {
            self = .slug(trimmed)
        }
    }

    public var description: String {
        switch self {
        case .conditionID(let id): "condition id \(id)"
        case .token(let token): "token id \(token)"
        case .slug(let slug): "slug '\(slug)'"
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
