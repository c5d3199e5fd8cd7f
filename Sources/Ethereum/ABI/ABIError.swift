/// Why a contract call could not be encoded or a return value decoded. Paths name the argument
/// (`arg1[0]`) so that a mismatch between a signature and its arguments is found at once.
public enum ABIError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidSignature(String)
    case unsupportedType(String)
    case argumentCount(signature: String, expected: Int, actual: Int)
    case typeMismatch(path: String, expected: String)
    case valueOutOfRange(path: String, type: String)
    case wrongLength(path: String, expected: Int, actual: Int)
    /// The data ends before a word the layout says is there.
    case truncated(path: String, neededBytes: Int, availableBytes: Int)
    /// An offset or length word points outside the data (or is absurdly large).
    case badOffset(path: String)
    /// A word whose padding or value is not valid for its type (e.g. a bool of 2).
    case invalidWord(path: String, type: String)
    case selectorMismatch(expected: String, actual: String)

    public var description: String {
        switch self {
        case .invalidSignature(let text):
            "'\(text)' is not a function signature like transfer(address,uint256)"
        case .unsupportedType(let name):
            "ABI type '\(name)' is not supported here (elementary types, bytes, string and T[] are)"
        case .argumentCount(let signature, let expected, let actual):
            "\(signature) takes \(expected) arguments, \(actual) were given"
        case .typeMismatch(let path, let expected):
            "\(path): the value does not fit the declared type \(expected)"
        case .valueOutOfRange(let path, let type):
            "\(path): the value is out of range for \(type)"
        case .wrongLength(let path, let expected, let actual):
            "\(path): expected \(expected) bytes, got \(actual)"
        case .truncated(let path, let needed, let available):
            "\(path): ABI data truncated (needs \(needed) bytes, has \(available)); the contract may not implement this function"
        case .badOffset(let path):
            "\(path): an offset or length points outside the ABI data"
        case .invalidWord(let path, let type):
            "\(path): the 32-byte word is not a valid \(type) (bad padding or value)"
        case .selectorMismatch(let expected, let actual):
            "calldata selector is \(actual), expected \(expected)"
        }
    }
}
