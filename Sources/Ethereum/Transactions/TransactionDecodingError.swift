/// Why bytes are not a valid signed type-2 transaction.
public enum TransactionDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    case notHex
    case unsupportedType(UInt8?)
    case rlp(RLPError)
    case wrongFieldCount(expected: Int, actual: Int, what: String)
    case invalidAddress(field: String)
    case invalidStorageKey
    case invalidYParity
    /// r or s is zero, too long, or s is in the upper half of the curve order (EIP-2 forbids it).
    case invalidSignatureValues
    case unrecoverableSender

    public var description: String {
        switch self {
        case .notHex: "a raw transaction is 0x followed by hex digits"
        case .unsupportedType(let type):
            "not an EIP-1559 transaction: type byte is \(type.map { "0x" + String($0, radix: 16) } ?? "missing"), expected 0x02"
        case .rlp(let error): "raw transaction: \(error)"
        case .wrongFieldCount(let expected, let actual, let what): "\(what) has \(actual) fields, expected \(expected)"
        case .invalidAddress(let field): "\(field) is not a 20-byte address"
        case .invalidStorageKey: "an access-list storage key is not 32 bytes"
        case .invalidYParity: "signature y-parity must be 0 or 1"
        case .invalidSignatureValues: "signature r/s are zero, longer than 32 bytes, or s is not in the lower half of the curve order"
        case .unrecoverableSender: "no sender can be recovered from the transaction's signature"
        }
    }

    /// Runs an RLP accessor, reporting its failure as a transaction error.
    static func wrap<T>(_ body: () throws(RLPError) -> T) throws(TransactionDecodingError) -> T {
        do { return try body() } catch { throw .rlp(error) }
    }
}
