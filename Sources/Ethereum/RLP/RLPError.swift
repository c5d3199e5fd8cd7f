/// Why bytes are not a (canonical) RLP encoding, or an item is not the shape a caller expects.
/// Positions are byte offsets into the input.
public enum RLPError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    /// The input ends before the length its prefix announces.
    case truncated(position: Int, neededBytes: Int, availableBytes: Int)
    /// Bytes are left over after the top-level item.
    case trailingBytes(count: Int)
    /// A single byte below 0x80 must encode itself, not be wrapped as a one-byte string.
    case nonCanonicalSingleByte(position: Int)
    /// A long-form length that fits the short form, or has leading zero bytes.
    case nonCanonicalLength(position: Int)
    case lengthTooLarge(position: Int)
    case tooDeep(maxDepth: Int)
    case expectedBytes(field: String)
    case expectedList(field: String)
    case leadingZeroInInteger(field: String)
    case integerTooLarge(field: String, maxBytes: Int)
    case wrongItemCount(field: String, expected: Int, actual: Int)

    public var description: String {
        switch self {
        case .empty: "RLP input is empty"
        case .truncated(let position, let needed, let available):
            "RLP input truncated: the item at byte \(position) needs \(needed) bytes, only \(available) remain"
        case .trailingBytes(let count): "RLP input has \(count) bytes after the end of its item"
        case .nonCanonicalSingleByte(let position): "RLP byte string at \(position) wraps a single byte below 0x80 (non-canonical)"
        case .nonCanonicalLength(let position): "RLP length at \(position) is not in its shortest form (non-canonical)"
        case .lengthTooLarge(let position): "RLP length at \(position) is too large to be real"
        case .tooDeep(let maxDepth): "RLP lists nested deeper than \(maxDepth) levels"
        case .expectedBytes(let field): "RLP \(field): expected a byte string, found a list"
        case .expectedList(let field): "RLP \(field): expected a list, found a byte string"
        case .leadingZeroInInteger(let field): "RLP \(field): integer has a leading zero byte (non-canonical)"
        case .integerTooLarge(let field, let maxBytes): "RLP \(field): integer longer than \(maxBytes) bytes"
        case .wrongItemCount(let field, let expected, let actual): "RLP \(field): expected \(expected) items, found \(actual)"
        }
    }
}
