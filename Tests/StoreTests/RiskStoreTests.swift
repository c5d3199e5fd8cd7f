import EdgewiseCore
import Foundation
import Testing
@testable import EdgewiseStore

@Suite("Risk state in the store")
struct RiskStoreTests {
    static let loss = KillSwitchReason.dailyLoss(loss: Amount(units: 600_000_001), limit: 500, startOfDay: Amount(units: 10_000_000_000))

    @Test("a tripped kill switch is still tripped in a new store on the same file, until reset")
    func killSwitchSurvivesRestart() throws {
        try withScratchDirectory { directory in
            let path = directory.appendingPathComponent(EdgewiseStore.defaultFileName).path
            let first = Timestamp(nanoseconds: 1_800_000_000_123_456_789)
            do {
                let store = try EdgewiseStore(path: path)
                #expect(try store.killSwitch() == .armed)
                #expect(try store.tripKillSwitch(Self.loss, at: first).trip == KillSwitchTrip(reason: Self.loss, at: first))
            }
            do {
                let reopened = try EdgewiseStore(path: path)
                #expect(try reopened.killSwitch() == KillSwitchState(trip: KillSwitchTrip(reason: Self.loss, at: first)))
                // Tripping again keeps the first trip.
                let later = Timestamp(seconds: 1_800_000_100)
                #expect(try reopened.tripKillSwitch(.manual("again"), at: later).trip?.at == first)
                #expect(try reopened.resetKillSwitch(at: later, note: "reviewed by alice"))
            }
            let again = try EdgewiseStore(path: path)
            let state = try again.killSwitch()
            #expect(!state.isTripped)
            #expect(
                state.lastReset
                    == KillSwitchState.Reset(
                        cleared: KillSwitchTrip(reason: Self.loss, at: first), at: Timestamp(seconds: 1_800_000_100),
                        note: "reviewed by alice"))
            // Resetting an armed switch changes nothing.
            #expect(try again.resetKillSwitch(at: Timestamp(seconds: 1_800_000_200)) == false)
            #expect(try again.killSwitch() == state)
            // And it can trip again, with a new time.
            let drawdown = KillSwitchReason.drawdown(drawdown: 1_800, limit: 1_800, peak: 12_000)
            #expect(try again.tripKillSwitch(drawdown, at: Timestamp(seconds: 1_800_000_300)).trip?.reason == drawdown)
        }
    }

    @Test("equity watermarks survive a restart, so restarting does not reset the day's loss")
    func watermarksSurviveRestart() throws {
        try withScratchDirectory { directory in
            let path = directory.appendingPathComponent(EdgewiseStore.defaultFileName).path
            let morning = Timestamp(seconds: 20_000 * 86_400 + 3_600)
            do {
                let store = try EdgewiseStore(path: path)
                #expect(try store.equityWatermarks() == nil)
                try store.recordEquity(Amount(units: 10_000_000_001), at: morning)
                try store.recordEquity(10_500, at: morning.adding(seconds: 60))
                try store.recordEquity(9_600, at: morning.adding(seconds: 120))
            }
            let reopened = try EdgewiseStore(path: path)
            // The agent restarts at 9,600: the day still started at 10,000.000001.
            let marks = try reopened.recordEquity(9_600, at: morning.adding(seconds: 180))
            #expect(marks.startOfDay == Amount(units: 10_000_000_001))
            #expect(marks.peak == 10_500 && marks.peakAt == morning.adding(seconds: 60))
            #expect(try reopened.equityWatermarks() == marks)
            let next = try reopened.recordEquity(9_700, at: Timestamp(seconds: 20_001 * 86_400 + 1))
            #expect(next.startOfDay == 9_700 && next.peak == 10_500)
            let rebased = try reopened.rebaseEquity(9_700, at: Timestamp(seconds: 20_001 * 86_400 + 2))
            #expect(rebased.peak == 9_700 && rebased.startOfDay == 9_700)
            #expect(try reopened.equityWatermarks() == rebased)
        }
    }

    @Test("v5_risk is applied and its tables refuse a second row")
    func migration() throws {
        try withScratchStore { store, _ in
            #expect(try store.diagnostics().appliedMigrations.contains("v5_risk"))
            try store.tripKillSwitch(.manual("x"), at: Timestamp(seconds: 1))
            #expect(throws: StoreError.self) {
                try store.write("second row") { db in
                    try db.execute(sql: "INSERT INTO kill_switch (id, tripped, updated_at_ns) VALUES (2, 0, 0)")
                }
            }
        }
    }
}
