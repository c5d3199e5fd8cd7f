import BigInt
import Foundation

extension BigUInt {
    /// The unsigned integer whose big-endian bytes are `bytes` (ABI words, RLP integers, r and s).
    init(bigEndian bytes: some Collection<UInt8>) {
        self.init(Data(bytes))
    }
}
