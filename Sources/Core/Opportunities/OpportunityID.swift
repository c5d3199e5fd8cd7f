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
