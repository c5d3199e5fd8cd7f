import EdgewiseCore
import Foundation

/// Finds markets on two venues that may be the same contract, from the words, names, years,
/// thresholds and dates of their questions.
///
/// Comparing every market of one venue with every market of the other is 10⁹ comparisons at the
/// sizes venues list, so the finder blocks: it indexes the right-hand venue's terms and only
/// scores pairs that share at least one term rare enough to be informative. Terms shared by more
/// than ``Configuration/maxPostings`` markets ("2026", "election") still count in the score but
/// never make a pair on their own.
public struct PairCandidateFinder: Sendable {
    public struct Configuration: Hashable, Sendable {
        /// Candidates scoring below this are dropped.
        public var minimumScore: Double
        /// Each market appears in at most one candidate (the best-scoring one, assigned greedily);
        /// venues list one market per proposition, so a second match is almost always a sibling
        /// (another candidate in the same election).
        public var oneToOne: Bool
        /// A term listed by more markets than this is not used to form pairs.
        public var maxPostings: Int

        public init(minimumScore: Double = 0.2, oneToOne: Bool = true, maxPostings: Int = 200) {
            self.minimumScore = minimumScore
            self.oneToOne = oneToOne
            self.maxPostings = maxPostings
        }
    }

    /// The candidates and how much work blocking left, so callers (and tests) can see it scales.
    public struct Search: Sendable {
        public var candidates: [PairCandidate]
        /// Pairs actually scored; without blocking it would be `left.count × right.count`.
        public var scoredPairs: Int
    }

    public var configuration: Configuration

    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    public func candidates(_ left: [Market], _ right: [Market]) -> [PairCandidate] {
        search(left, right).candidates
    }

    public func search(_ left: [Market], _ right: [Market]) -> Search {
        let leftTerms = left.map(PairTerms.terms(of:))
        let rightTerms = right.map(PairTerms.terms(of:))

        var documentFrequency: [String: Int] = [:]
        for terms in leftTerms + rightTerms {
            for term in terms { documentFrequency[term, default: 0] += 1 }
        }
        let documents = Double(left.count + right.count)
        func weight(_ term: String) -> Double {
            log(1 + documents / Double(documentFrequency[term] ?? 1))
        }
        let leftWeights = leftTerms.map { $0.reduce(0) { $0 + weight($1) } }
        let rightWeights = rightTerms.map { $0.reduce(0) { $0 + weight($1) } }

        let leftConditions = leftTerms.map { $0.filter(PairTerms.isCondition) }
        let rightConditions = rightTerms.map { $0.filter(PairTerms.isCondition) }

        var postings: [String: [Int]] = [:]
        for (index, terms) in rightTerms.enumerated() {
            for term in terms { postings[term, default: []].append(index) }
        }

        var scored: [(left: Int, right: Int, score: Double)] = []
        var scoredPairs = 0
        for (leftIndex, terms) in leftTerms.enumerated() {
            var reached = Set<Int>()
            for term in terms {
                guard let list = postings[term], list.count <= configuration.maxPostings else { continue }
                reached.formUnion(list)
            }
            for rightIndex in reached {
                scoredPairs += 1
                let shared = terms.intersection(rightTerms[rightIndex])
                let sharedWeight = shared.reduce(0) { $0 + weight($1) }
                let union = leftWeights[leftIndex] + rightWeights[rightIndex] - sharedWeight
                guard union > 0 else { continue }
                var score = sharedWeight / union
                // Each side has a term more distinctive than anything they share (two different
                // names in one election, "Hegseth" and "Hawley"): siblings, not the same market.
                let sharedMax = shared.lazy.map(weight).max() ?? 0
                let leftOnlyMax = terms.subtracting(shared).lazy.map(weight).max() ?? 0
                let rightOnlyMax = rightTerms[rightIndex].subtracting(shared).lazy.map(weight).max() ?? 0
                if leftOnlyMax > sharedMax, rightOnlyMax > sharedMax {
                    score *= 0.5
                }
                // Both state a numeric condition and they differ: a sibling rung of a ladder,
                // not the same contract. Kept as a weaker lead so the right rung wins the assignment.
                let x = leftConditions[leftIndex]
                let y = rightConditions[rightIndex]
                if !x.isEmpty, !y.isEmpty, x.isDisjoint(with: y) {
                    score *= 0.5
                }
                if score >= configuration.minimumScore {
                    scored.append((leftIndex, rightIndex, score))
                }
            }
        }

        // Best first; ties broken by id so the result does not depend on hashing order.
        scored.sort { x, y in
            if x.score != y.score { return x.score > y.score }
            if left[x.left].id != left[y.left].id { return left[x.left].id < left[y.left].id }
            return right[x.right].id < right[y.right].id
        }
        var usedLeft = Set<Int>()
        var usedRight = Set<Int>()
        var candidates: [PairCandidate] = []
        for entry in scored {
            if configuration.oneToOne {
                guard !usedLeft.contains(entry.left), !usedRight.contains(entry.right) else { continue }
                usedLeft.insert(entry.left)
                usedRight.insert(entry.right)
            }
            let shared = leftTerms[entry.left].intersection(rightTerms[entry.right])
                .sorted { (documentFrequency[$0] ?? 0, $0) < (documentFrequency[$1] ?? 0, $1) }
            candidates.append(PairCandidate(a: left[entry.left], b: right[entry.right], score: entry.score, sharedTerms: shared))
        }
        return Search(candidates: candidates, scoredPairs: scoredPairs)
    }
}
