extension PolymarketFeeSchedule {
    /// An unsigned integer as wide as it needs to be (64-bit limbs, least significant first).
    ///
    /// shares × r × (p(1−p))^e has about 63 + 64 + 38·e bits before it is scaled back, more than
    /// `Int128` holds already at e = 2; rather than round intermediate products, the fee is
    /// computed on the whole number and rounded once.
    struct WideUnsigned: Equatable, Sendable {
        private(set) var limbs: [UInt64]

        init(_ value: UInt64) { limbs = [value] }

        var isZero: Bool { limbs.allSatisfy { $0 == 0 } }

        /// The value when it fits in 64 bits.
        var exactUInt64: UInt64? { limbs.dropFirst().allSatisfy { $0 == 0 } ? limbs[0] : nil }

        mutating func multiply(by factor: UInt64) {
            var carry: UInt64 = 0
            for index in limbs.indices {
                let (high, low) = limbs[index].multipliedFullWidth(by: factor)
                let (sum, overflow) = low.addingReportingOverflow(carry)
                limbs[index] = sum
                // high ≤ 2^64 − 2, so adding the carry bit cannot wrap.
                carry = high &+ (overflow ? 1 : 0)
            }
            if carry != 0 { limbs.append(carry) }
        }

        /// Divides in place by a non-zero `divisor` and returns the remainder.
        mutating func divide(by divisor: UInt64) -> UInt64 {
            precondition(divisor != 0, "division by zero")
            var remainder: UInt64 = 0
            for index in limbs.indices.reversed() {
                // remainder < divisor, so the quotient of this two-limb step fits in one limb.
                let (quotient, rest) = divisor.dividingFullWidth((high: remainder, low: limbs[index]))
                limbs[index] = quotient
                remainder = rest
            }
            while limbs.count > 1, limbs.last == 0 { limbs.removeLast() }
            return remainder
        }

        /// Divides in place by 10^`exponent`, rounding down; returns whether anything was dropped.
        mutating func divide(byPowerOfTen exponent: Int) -> Bool {
            var remaining = exponent
            var inexact = false
            while remaining > 0 {
                // 10^19 is the largest power of ten below 2^64.
                let step = min(remaining, 19)
                var divisor: UInt64 = 1
                for _ in 0..<step { divisor *= 10 }
                if divide(by: divisor) != 0 { inexact = true }
                remaining -= step
            }
            return inexact
        }
    }
}
