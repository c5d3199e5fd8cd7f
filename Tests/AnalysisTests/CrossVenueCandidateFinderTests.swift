import EdgewiseAnalysis
import EdgewiseCore
import Foundation
import Testing

@Suite("Cross-venue: candidate finder")
struct CrossVenueCandidateFinderTests {
    typealias S = CrossVenueSamples

    @Test("a threshold ladder pairs each rung with the same rung, not its neighbour")
    func ladder() {
        let thresholds = ["100,000", "110,000", "120,000"]
        let kalshi = thresholds.map { S.binary(.kalshi, "K-\($0)", "Will Bitcoin be above $\($0) on December 31, 2026?") }
        let polymarket = thresholds.reversed().map {
            S.binary(.polymarket, "P-\($0)", "Bitcoin price above $\($0) on December 31, 2026?")
        }
        let candidates = PairCandidateFinder().candidates(kalshi, polymarket)
        #expect(candidates.count == 3)
        for candidate in candidates {
            #expect(candidate.a.id.rawValue.dropFirst(2) == candidate.b.id.rawValue.dropFirst(2), "\(candidate.a.id) ↔ \(candidate.b.id)")
        }
    }

    @Test("unrelated markets are not paired")
    func unrelated() {
        let kalshi = [S.binary(.kalshi, "K1", "Will Chicago win the 2027 Pro Football Championship?")]
        let polymarket = [S.binary(.polymarket, "P1", "Will it rain in Paris on June 1, 2026?")]
        #expect(PairCandidateFinder().candidates(kalshi, polymarket).isEmpty)
    }

    @Test("blocking: thousands of markets per venue are paired without comparing every pair")
    func scales() {
        let count = 4_000
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        /// A distinct five-letter word per index (distinct after the finder's five-letter stemming).
        func word(_ index: Int, _ salt: Int) -> String {
            var value = index * 7_919 + salt * 104_729
            var result = ""
            for _ in 0..<5 {
                result.append(letters[value % 26])
                value /= 26
            }
            return result.prefix(1).uppercased() + result.dropFirst()
        }
        var kalshi: [Market] = []
        var polymarket: [Market] = []
        for index in 0..<count {
            let name = "\(word(index, 1)) \(word(index, 2))"
            let office = ["governor", "senate seat", "mayoral race", "house seat"][index % 4]
            kalshi.append(S.binary(.kalshi, "K\(index)", "Will \(name) win the \(office)?"))
            polymarket.append(S.binary(.polymarket, "P\(index)", "\(name) to win the \(office) election?"))
        }
        let search = PairCandidateFinder().search(kalshi, polymarket.reversed())
        let correct = search.candidates.filter { $0.a.id.rawValue.dropFirst() == $0.b.id.rawValue.dropFirst() }.count
        #expect(correct >= count * 99 / 100, "\(correct) of \(count)")
        #expect(search.scoredPairs < count * count / 100, "\(search.scoredPairs) pairs scored")
    }
}
