import EdgewiseCore
import Foundation

/// The source a market says it settles on, reduced to what an observation's source can be
/// compared with: web domains and a normalised name.
///
/// The market's ``Market/settlementSource`` is used when the venue fills it in. Only when it is
/// empty are the rules read, and then only if they name exactly one domain: rules often name a
/// fallback ("if Binance is unavailable, Coinbase"), and a fallback's value must not settle a
/// market whose primary source is working.
public struct SettlementSource: Hashable, Sendable {
    public let domains: Set<String>
    /// The settlement-source text as a name, letters and digits only, lower-cased.
    public let name: String?

    public init(market: Market) {
        if let field = market.settlementSource, !field.trimmingCharacters(in: .whitespaces).isEmpty {
            domains = Set(Self.domains(in: field))
            let normalised = Self.normalisedName(field)
            // A bare URL is a domain, not a name anyone would report under.
            name = field.contains("://") || normalised.isEmpty ? nil : normalised
        } else {
            let found = Set(Self.domains(in: market.rules))
            domains = found.count == 1 ? found : []
            name = nil
        }
    }

    /// Whether nothing usable was named: no observation can then count as coming from it.
    public var isUnknown: Bool { domains.isEmpty && name == nil }

    /// Whether `source` is this settlement source: its address is on a settlement domain (or a
    /// subdomain of one: `data.bls.gov` for `bls.gov`, never `notbls.gov`), or, without an
    /// address, its name is the settlement source's name. A venue is never an outside source.
    public func accepts(_ source: ObservationSource) -> Bool {
        guard case .publisher(let sourceName, let url) = source else { return false }
        if let url {
            guard let host = Self.domains(in: url).first else { return false }
            return domains.contains { host == $0 || host.hasSuffix("." + $0) }
        }
        guard let name else { return false }
        return Self.normalisedName(sourceName) == name
    }

    static func normalisedName(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// Hosts of `scheme://host/…` addresses and bare `name.tld` domains, lower-cased, `www.`
    /// removed.
    static func domains(in text: String) -> [String] {
        let pattern = #"(?:https?://)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|org|net|gov|edu|io|int|co|us|uk|eu|de|fr|jp|info|xyz|app|ai))(?![a-z0-9-])"#
        var hosts: [String] = []
        for match in PropositionParser.allMatches(pattern, in: text.lowercased()) {
            guard var host = match[1] else { continue }
            if host.hasPrefix("www.") { host.removeFirst(4) }
            if !hosts.contains(host) { hosts.append(host) }
        }
        return hosts
    }
}
