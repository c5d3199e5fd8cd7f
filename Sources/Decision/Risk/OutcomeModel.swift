import EdgewiseCore

/// What each instrument pays in each possible state of the world, as far as the catalog says,
/// so that a group's exposure can be its worst-case loss rather than the sum of its costs.
///
/// The world is a set of yes/no propositions. A binary market is one proposition: its YES share
/// pays 1 when it is true, its NO share when it is false (two outcomes not labelled Yes/No: the
/// first plays YES). A market with three or more outcomes has one proposition per outcome, of
/// which exactly one is true. An equivalent cross-venue pair makes two markets one proposition
/// (the inverted polarity swaps YES and NO). A mutually exclusive venue event allows at most one
/// of its markets' YES to be true; a complete partition (mutually exclusive, exhaustive, not
/// augmented) exactly one. Anything else is independent.
///
/// Not modelled, on purpose: split or void resolutions, and settlement differences within a pair
/// judged equivalent. When the states to enumerate exceed ``enumerationBudget`` the model gives
/// up on hedging credit and counts the whole cost at risk.
struct OutcomeModel: Sendable {
    /// Search nodes per connected set of constraints before falling back to cost at risk.
    static let enumerationBudget = 200_000

    /// A proposition, possibly negated: true when the proposition's value differs from `negated`.
    struct Literal: Hashable, Sendable {
        var proposition: Int
        var negated: Bool
    }

    struct Constraint: Sendable {
        var literals: [Literal]
        /// Exactly one rather than at most one.
        var exhaustive: Bool
    }

    /// What pays 1 per share: the literal of each instrument's outcome.
    private var payer: [InstrumentID: Literal] = [:]
    private var constraints: [Constraint] = []
    private var parent: [Int] = []
    /// Parity relative to the parent: the proposition equals its parent's value XOR this.
    private var parity: [Bool] = []

    init(index: CatalogIndex, instruments: some Sequence<InstrumentID>) {
        var yesOfMarket: [VenueKey: Literal] = [:]
        for (key, market) in index.markets.sorted(by: { $0.key < $1.key }) {
            let tokens = market.outcomes.map(market.instrument(for:))
            if let yes = market.outcome(named: "Yes"), let no = market.outcome(named: "No"), market.outcomes.count == 2 {
                let p = newProposition()
                payer[market.instrument(for: yes)] = Literal(proposition: p, negated: false)
                payer[market.instrument(for: no)] = Literal(proposition: p, negated: true)
                yesOfMarket[key] = Literal(proposition: p, negated: false)
            } else if tokens.count == 2 {
                let p = newProposition()
                payer[tokens[0]] = Literal(proposition: p, negated: false)
                payer[tokens[1]] = Literal(proposition: p, negated: true)
                yesOfMarket[key] = Literal(proposition: p, negated: false)
            } else {
                var literals: [Literal] = []
                for token in tokens {
                    let literal = Literal(proposition: newProposition(), negated: false)
                    payer[token] = literal
                    literals.append(literal)
                }
                if literals.count >= 2 { constraints.append(Constraint(literals: literals, exhaustive: true)) }
            }
        }
        for (key, side) in index.pairedOnly.sorted(by: { $0.key < $1.key }) {
            let p = newProposition()
            if let yes = side.yes { payer[yes] = Literal(proposition: p, negated: false) }
            if let no = side.no { payer[no] = Literal(proposition: p, negated: true) }
            yesOfMarket[key] = Literal(proposition: p, negated: false)
        }
        for pair in index.equivalentPairs {
            guard let a = yesOfMarket[VenueKey(venue: pair.a.venue, id: pair.a.marketID.rawValue)],
                let b = yesOfMarket[VenueKey(venue: pair.b.venue, id: pair.b.marketID.rawValue)]
            else { continue }
            // A's YES equals B's YES (same) or B's NO (inverted).
            link(a, b, differ: pair.polarity == .inverted)
        }
        for (key, event) in index.events.sorted(by: { $0.key < $1.key }) where event.isMutuallyExclusive {
            let members = index.eventOfMarket.filter { $0.value == key }.keys.sorted()
            let literals = members.compactMap { yesOfMarket[$0] }
            guard literals.count >= 1 else { continue }
            // Exhaustive only when every member is a yes/no market the constraint can speak for.
            let complete = event.isCompletePartition && literals.count == members.count
            constraints.append(Constraint(literals: literals, exhaustive: complete))
        }
        for instrument in instruments where payer[instrument] == nil {
            payer[instrument] = Literal(proposition: newProposition(), negated: false)
        }
        // Constraints over root propositions from here on.
        constraints = constraints.map { constraint in
            Constraint(literals: constraint.literals.map(resolve), exhaustive: constraint.exhaustive)
        }
    }

    /// The least the holdings can pay out together, over every state the constraints allow; nil
    /// when that is too expensive to establish (the caller then assumes they pay nothing).
    func minimumPayout(_ holdings: [(instrument: InstrumentID, shares: Size)]) -> Amount? {
        // Pay-if-true and pay-if-false per root proposition, in share units (1 share pays 1).
        var payTrue: [Int: Int64] = [:]
        var payFalse: [Int: Int64] = [:]
        for holding in holdings where holding.shares.units > 0 {
            let literal = resolve(payer[holding.instrument] ?? Literal(proposition: -1, negated: false))
            guard literal.proposition >= 0 else { return nil }
            if literal.negated {
                payFalse[literal.proposition, default: 0] += holding.shares.units
            } else {
                payTrue[literal.proposition, default: 0] += holding.shares.units
            }
        }
        let held = Set(payTrue.keys).union(payFalse.keys)
        // The constraints reachable from the held propositions, and the propositions they bind.
        var bound = Set<Int>()
        var relevant: [Int] = []
        var frontier = Array(held)
        var seen = held
        var taken = Set<Int>()
        while let p = frontier.popLast() {
            for (i, constraint) in constraints.enumerated() where !taken.contains(i) && constraint.literals.contains(where: { $0.proposition == p }) {
                taken.insert(i)
                relevant.append(i)
                for literal in constraint.literals {
                    bound.insert(literal.proposition)
                    if seen.insert(literal.proposition).inserted { frontier.append(literal.proposition) }
                }
            }
        }
        var total: Int64 = 0
        for p in held where !bound.contains(p) {
            total += min(payTrue[p] ?? 0, payFalse[p] ?? 0)
        }
        // Each connected set of constraints is searched on its own.
        for component in components(of: relevant) {
            guard let least = search(component, payTrue: payTrue, payFalse: payFalse) else { return nil }
            total += least
        }
        return Amount(units: total)
    }

    private func components(of constraintIndices: [Int]) -> [[Int]] {
        var groups: [[Int]] = []
        var remaining = constraintIndices
        while let first = remaining.popLast() {
            var group = [first]
            var props = Set(constraints[first].literals.map(\.proposition))
            var changed = true
            while changed {
                changed = false
                for (i, c) in remaining.enumerated().reversed() where c >= 0 && constraints[c].literals.contains(where: { props.contains($0.proposition) }) {
                    group.append(c)
                    props.formUnion(constraints[c].literals.map(\.proposition))
                    remaining.remove(at: i)
                    changed = true
                }
            }
            groups.append(group)
        }
        return groups
    }

    /// Depth-first over the component's propositions, pruning states that break a constraint.
    private func search(_ component: [Int], payTrue: [Int: Int64], payFalse: [Int: Int64]) -> Int64? {
        let cs = component.map { constraints[$0] }
        let props = Array(Set(cs.flatMap { $0.literals.map(\.proposition) })).sorted()
        var position: [Int: Int] = [:]
        for (i, p) in props.enumerated() { position[p] = i }
        // For each proposition, the constraints it appears in, with the literal's negation.
        var occurrences = Array(repeating: [(constraint: Int, negated: Bool)](), count: props.count)
        var remainingCount = Array(repeating: 0, count: cs.count)
        for (ci, c) in cs.enumerated() {
            for literal in c.literals {
                occurrences[position[literal.proposition]!].append((ci, literal.negated))
                remainingCount[ci] += 1
            }
        }
        var trueCount = Array(repeating: 0, count: cs.count)
        var best: Int64?
        var budget = Self.enumerationBudget
        var exhausted = false

        func visit(_ i: Int, _ paid: Int64) {
            if exhausted { return }
            budget -= 1
            if budget < 0 {
                exhausted = true
                return
            }
            if let best, paid >= best { return }
            if i == props.count {
                best = paid
                return
            }
            let p = props[i]
            for value in [false, true] {
                var ok = true
                for (ci, negated) in occurrences[i] {
                    remainingCount[ci] -= 1
                    if value != negated { trueCount[ci] += 1 }
                }
                for (ci, _) in occurrences[i] {
                    if trueCount[ci] > 1 || (cs[ci].exhaustive && remainingCount[ci] == 0 && trueCount[ci] == 0) {
                        ok = false
                    }
                }
                if ok {
                    visit(i + 1, paid + (value ? payTrue[p] ?? 0 : payFalse[p] ?? 0))
                }
                for (ci, negated) in occurrences[i] {
                    remainingCount[ci] += 1
                    if value != negated { trueCount[ci] -= 1 }
                }
            }
        }
        visit(0, 0)
        if exhausted { return nil }
        // No state satisfies the constraints: the catalog contradicts itself; assume the worst.
        return best ?? 0
    }

    // MARK: - Propositions with parity (union-find)

    private mutating func newProposition() -> Int {
        parent.append(parent.count)
        parity.append(false)
        return parent.count - 1
    }

    private func root(_ p: Int) -> (root: Int, parity: Bool) {
        var current = p
        var flipped = false
        while parent[current] != current {
            flipped = flipped != parity[current]
            current = parent[current]
        }
        return (current, flipped)
    }

    private func resolve(_ literal: Literal) -> Literal {
        guard literal.proposition >= 0 else { return literal }
        let (r, flip) = root(literal.proposition)
        return Literal(proposition: r, negated: literal.negated != flip)
    }

    /// Makes literal `a` equal literal `b` (or its negation when `differ`). A link that
    /// contradicts earlier ones is ignored.
    private mutating func link(_ a: Literal, _ b: Literal, differ: Bool) {
        let ra = resolve(a)
        let rb = resolve(b)
        // value(ra.p) ^ ra.neg == value(rb.p) ^ rb.neg ^ differ
        let relation = ra.negated != rb.negated ? !differ : differ
        if ra.proposition == rb.proposition { return }
        let (low, high) = ra.proposition < rb.proposition ? (ra.proposition, rb.proposition) : (rb.proposition, ra.proposition)
        parent[high] = low
        parity[high] = relation
    }
}
