import BigInt
import Foundation

/// The 32-byte words of the Solidity ABI, shared by EIP-712 struct encoding and contract calls.
public enum ABIWord {
    /// An unsigned integer, big-endian, left-padded. Callers check the bit width first.
    public static func uint(_ value: BigUInt) -> [UInt8] {
        precondition(value.bitWidth <= 256, "a uint256 word cannot hold \(value.bitWidth) bits")
        // Straight from the 64-bit limbs, least significant first: no intermediate Data.
        var word = [UInt8](repeating: 0, count: 32)
        for (index, limb) in value.words.enumerated() where index < 4 {
            for byte in 0..<8 { word[31 - index * 8 - byte] = UInt8(truncatingIfNeeded: limb >> (8 * UInt(byte))) }
        }
        return word
    }

    /// Appends the 32-byte word of `value` (at most 256 bits) without an intermediate array.
    public static func appendUInt(_ value: BigUInt, to out: inout [UInt8]) {
        precondition(value.bitWidth <= 256, "a uint256 word cannot hold \(value.bitWidth) bits")
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: 32))
        for (index, limb) in value.words.enumerated() where index < 4 {
            for byte in 0..<8 { out[start + 31 - index * 8 - byte] = UInt8(truncatingIfNeeded: limb >> (8 * UInt(byte))) }
        }
    }

    public static func uint(_ value: UInt64) -> [UInt8] {
        var word = [UInt8](repeating: 0, count: 32)
        for index in 0..<8 { word[31 - index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) }
        return word
    }

    /// A signed integer in two's complement over 256 bits.
    public static func int(_ value: BigInt) -> [UInt8] {
        if value.sign == .plus { return uint(value.magnitude) }
        let modulus = BigUInt(1) << 256
        return uint(modulus - value.magnitude)
    }

    public static func address(_ address: EthereumAddress) -> [UInt8] {
        [UInt8](repeating: 0, count: 12) + address.bytes
    }

    public static func bool(_ value: Bool) -> [UInt8] {
        uint(UInt64(value ? 1 : 0))
    }

    /// `bytesN` (N ≤ 32) is right-padded, unlike integers.
    public static func fixedBytes(_ bytes: [UInt8]) -> [UInt8] {
        precondition(bytes.count <= 32, "bytesN holds at most 32 bytes")
        return bytes + [UInt8](repeating: 0, count: 32 - bytes.count)
    }
}
