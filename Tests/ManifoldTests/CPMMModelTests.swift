import EdgewiseCore
import EdgewiseManifold
import Testing

@Suite("CPMM model")
struct CPMMModelTests {
    static let pools = [
        CPMMPool(yes: 100, no: 100, p: 0.5), CPMMPool(yes: 200, no: 50, p: 0.5),
        CPMMPool(yes: 1000, no: 1000, p: 0.3), CPMMPool(yes: 150, no: 300, p: 0.08),
    ]

    @Test func probabilityAtHalfWeightIsTheNoShare() {
        #expect(CPMMPool(yes: 150, no: 300).probability == 300.0 / 450.0)
    }

    @Test(arguments: pools)
    func amountToReachLandsOnTheTarget(pool: CPMMPool) throws {
        let up = min(0.95, pool.probability + 0.1)
        let down = max(0.05, pool.probability - 0.1)
        let yesAmount = try #require(pool.amountToReach(probability: up, buying: .yes))
        #expect(abs(pool.purchase(.yes, amount: yesAmount, chargingFees: false).probabilityAfter - up) < 1e-9)
        let noAmount = try #require(pool.amountToReach(probability: down, buying: .no))
        #expect(abs(pool.purchase(.no, amount: noAmount, chargingFees: false).probabilityAfter - down) < 1e-9)
        // Already past the target in the bought direction: nothing to spend.
        #expect(pool.amountToReach(probability: down, buying: .yes) == 0)
        #expect(pool.amountToReach(probability: up, buying: .no) == 0)
        #expect(pool.amountToReach(probability: 1, buying: .yes) == nil)
        #expect(pool.amountToReach(probability: 0, buying: .no) == nil)
    }

    @Test(arguments: pools)
    func sellingWhatWasBoughtRestoresThePool(pool: CPMMPool) throws {
        for outcome in ManifoldBinaryOutcome.allCases {
            let bought = pool.purchase(outcome, amount: 25, chargingFees: false)
            let sold = try #require(bought.newPool.sale(of: bought.shares, of: outcome))
            #expect(abs(sold.proceeds - 25) < 1e-7, "\(outcome): proceeds \(sold.proceeds)")
            #expect(abs(sold.newPool.yes - pool.yes) < 1e-7)
            #expect(abs(sold.newPool.no - pool.no) < 1e-7)
            #expect(abs(sold.probabilityAfter - pool.probability) < 1e-9)
        }
    }

    @Test func costOfSharesInvertsShares() throws {
        let pool = CPMMPool(yes: 1000, no: 1000, p: 0.3)
        let cost = try #require(pool.cost(ofBuying: 140.0242160746177, of: .no))
        #expect(abs(cost - 100) < 1e-9)
        #expect(pool.cost(ofBuying: 0, of: .yes) == nil)
        #expect(pool.sale(of: -1, of: .yes) == nil)
    }

    @Test func takerFeeIsSplitHalfToTheCreator() {
        let fees = ManifoldFees.split(takerFee: 0.5)
        #expect(fees.creatorFee == 0.25)
        #expect(fees.platformFee == 0.25)
        #expect(fees.liquidityFee == 0)
        #expect(fees.total == 0.5)
        #expect(ManifoldFees.takerFee(shares: 100, averagePrice: 0.5) == 0.07 * 0.25 * 100)
    }

    @Test func moneyConversionRoundsInTheNamedDirection() throws {
        #expect(try ManifoldMoney.amount(0.3, .up) == Amount(parsing: "0.3"))
        #expect(try ManifoldMoney.amount(9.676938392616751, .up) == Amount(parsing: "9.676939"))
        #expect(try ManifoldMoney.amount(9.676938392616751, .down) == Amount(parsing: "9.676938"))
        #expect(try ManifoldMoney.size(18.500067971576783, .down) == Size(parsing: "18.500067"))
        #expect(try ManifoldMoney.price(0.5475113122171945, .halfUp) == Price(parsing: "0.547511"))
        #expect(throws: ManifoldMoney.ConversionError.notFinite) { try ManifoldMoney.amount(.nan, .down) }
        #expect(throws: ManifoldMoney.ConversionError.negative(-1)) { try ManifoldMoney.size(-1, .down) }
        #expect(throws: ManifoldMoney.ConversionError.outOfRange(1.5)) { try ManifoldMoney.price(1.5, .down) }
        #expect(throws: ManifoldMoney.ConversionError.outOfRange(1e300)) { try ManifoldMoney.amount(1e300, .down) }
    }
}
