import EdgewiseManifold
import EdgewiseTestSupport
import Foundation
import Testing

/// Every case of `manifold-cpmm-vectors.json`, with and without the taker fee. The fixture's
/// values were generated with IEEE doubles from Manifold's formulas and asks for ~1e-9 relative.
@Suite("CPMM vectors", .requiresSharedFixtures)
struct CPMMVectorTests {
    static let relativeTolerance = 1e-9

    static func close(_ actual: Double, _ expected: Double) -> Bool {
        abs(actual - expected) <= relativeTolerance * max(1, abs(expected))
    }

    @Test func everyCaseReproduces() throws {
        let fixture = try SharedFixtures.venueJSON("manifold-cpmm-vectors.json")
        let cases = try #require(fixture["cases"] as? [[String: Any]])
        #expect(cases.count == 5, "the fixture's case count changed; review the new cases")
        for (index, testCase) in cases.enumerated() {
            let pool = try #require(testCase["pool"] as? [String: Double], "case \(index): pool")
            let p = try #require(testCase["p"] as? Double)
            let amount = try #require(testCase["amount"] as? Double)
            let outcome = try #require((testCase["outcome"] as? String).flatMap(ManifoldBinaryOutcome.init(rawValue:)))
            let cpmm = CPMMPool(yes: try #require(pool["YES"]), no: try #require(pool["NO"]), p: p)
            let name = "case \(index) (pool \(pool["YES"]!)/\(pool["NO"]!), p \(p), \(amount) on \(outcome.rawValue))"
            for (variant, chargingFees) in [("noFees", false), ("withTakerFee", true)] {
                let expected = try #require(testCase[variant] as? [String: Any], "\(name): \(variant)")
                let purchase = cpmm.purchase(outcome, amount: amount, chargingFees: chargingFees)
                let newPool = try #require(expected["newPool"] as? [String: Double])
                let checks: [(String, Double, Double)] = [
                    ("totalFee", purchase.fees.total, try #require(expected["totalFee"] as? Double)),
                    ("betAfterFees", purchase.amountAfterFees, try #require(expected["betAfterFees"] as? Double)),
                    ("shares", purchase.shares, try #require(expected["shares"] as? Double)),
                    ("newPool.YES", purchase.newPool.yes, try #require(newPool["YES"])),
                    ("newPool.NO", purchase.newPool.no, try #require(newPool["NO"])),
                    ("probBefore", purchase.probabilityBefore, try #require(expected["probBefore"] as? Double)),
                    ("probAfter", purchase.probabilityAfter, try #require(expected["probAfter"] as? Double)),
                ]
                for (field, actual, wanted) in checks {
                    #expect(Self.close(actual, wanted), "\(name) \(variant).\(field): got \(actual), expected \(wanted)")
                }
                #expect(purchase.newPool.p == p, "\(name) \(variant): p must not move (liquidity fee is zero)")
            }
        }
    }
}
