import EdgewiseCore
import EdgewiseDecision
import Testing

@Suite struct SizingRecordTests {
    func record() -> DecisionRecord {
        DecisionRecord(createdAt: Timestamp(seconds: 1_700_000_000), source: "test", venue: .polymarket, marketID: MarketID("m"))
    }

    @Test func aSizedResultMovesTheDecisionToSized() throws {
        var decision = record()
        decision.probability = ProbabilityEstimate(model: "m", raw: 0.6, calibrated: 0.6)
        decision.record(sizing(.kelly, p: 0.60, offers: [level("0.50", 100_000)], limits: wideLimits()))
        #expect(decision.stage == .sized)
        #expect(decision.sizing?.size == 400)
        #expect(decision.edge?.executablePrice == price("0.5"))
        #expect(decision.notes.isEmpty)
    }

    @Test func aDeclineLeavesANoteAndNoSize() {
        var decision = record()
        decision.probability = ProbabilityEstimate(model: "m", raw: 0.5, calibrated: 0.5)
        decision.record(sizing(.kelly, p: 0.50, offers: [level("0.50", 1000)], limits: wideLimits()))
        #expect(decision.stage == .estimated)
        #expect(decision.sizing == nil)
        #expect(decision.notes == ["sizing declined: no edge: fair value 0.5 ≤ best offer 0.5"])
    }
}
