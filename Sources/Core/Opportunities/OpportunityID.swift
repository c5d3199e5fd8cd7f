/// A stable opportunity id: the same trade (kind, group, legs' instruments and sides) keeps the
/// same id across re-evaluations and restarts, so a store can update it in place instead of
/// piling up duplicates, and a strategy can tell "still there" from "new".
public struct OpportunityID: Identifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Derives the id from what makes the trade the same trade; sizes and prices are left out on
    /// purpose because they move with every book update.
    public init(kind: OpportunityKind, group: String, legs: [OpportunityLeg]) {
        let parts = legs.map { "\($0.instrument)|\($0.side.rawValue)" }.sorted()
        let canonical = ([kind.rawValue, group] + parts).joined(separator: "\n")
        self.init("opp-" + String(StableHash.fnv1a64(canonical), radix: 16).leftPadded(to: 16))
    }
}

/// FNV-1a: tiny, dependency-free and identical on every platform and run (Swift's `Hasher` is
/// seeded per process, so it cannot make persistent ids).
enum StableHash {
    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

extension OpportunityID {
    /// Whether two leg lists give the same id for the same kind and group: the same instruments
    /// and sides in the same order. (Sufficient, not necessary — the id ignores order — which is
    /// all a caller reusing an id it derived before needs, and it costs no allocation.)
    public static func sameIdentity(_ lhs: [OpportunityLeg], _ rhs: [OpportunityLeg]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for i in lhs.indices where lhs[i].instrument != rhs[i].instrument || lhs[i].side != rhs[i].side {
            return false
        }
        return true
    }
}
