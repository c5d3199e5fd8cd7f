import EdgewiseCore
import EdgewisePolymarket
import Testing

@Suite("Polymarket GTD expiration")
struct TradingGTDExpirationTests {
    let now = Timestamp(seconds: 1_700_000_000)

    @Test func lifetimeAddsTheSecurityThreshold() throws {
        let expiration = try PolymarketGTDExpiration(lifetime: 30, now: now)
        #expect(expiration.unixSeconds == 1_700_000_090)
        #expect(expiration.wireValue == "1700000090")
        #expect(expiration.lifetime(now: now) == 30)
    }

    @Test func explicitExpirationInsideTheThresholdIsRefused() throws {
        for tooSoon: Int64 in [0, 1_699_999_990, 1_700_000_000, 1_700_000_059, 1_700_000_060] {
            #expect(throws: PolymarketOrderRejection.expirationTooSoon(expiration: tooSoon, earliest: 1_700_000_061), "\(tooSoon)") {
                try PolymarketGTDExpiration(unixSeconds: tooSoon, now: now)
            }
        }
        #expect(try PolymarketGTDExpiration(unixSeconds: 1_700_000_061, now: now).lifetime(now: now) == 1)
        let message = PolymarketOrderRejection.expirationTooSoon(expiration: 5, earliest: 1_700_000_061).description
        #expect(message.contains("60-second") && message.contains("1700000061") && message.contains("now + 60 + N"))
    }

    @Test func partSecondsAreNotCountedAsLifetime() throws {
        let late = Timestamp(nanoseconds: 1_700_000_000_900_000_000)
        #expect(PolymarketGTDExpiration.earliest(now: late) == 1_700_000_061)
        #expect(try PolymarketGTDExpiration(lifetime: 1, now: late).unixSeconds == 1_700_000_061)
    }

    @Test func lifetimeMustBePositiveAndFit() {
        #expect(throws: PolymarketOrderRejection.nonPositiveLifetime(seconds: 0)) { try PolymarketGTDExpiration(lifetime: 0, now: now) }
        #expect(throws: PolymarketOrderRejection.nonPositiveLifetime(seconds: -5)) { try PolymarketGTDExpiration(lifetime: -5, now: now) }
        #expect(throws: PolymarketOrderRejection.lifetimeTooLong(seconds: .max)) { try PolymarketGTDExpiration(lifetime: .max, now: now) }
    }
}
