/// Recursive Length Prefix encoding (Ethereum yellow paper, appendix B).
///
/// Decoding accepts only the canonical encoding and refuses malformed input with an ``RLPError``:
/// raw transactions arrive from outside (and the test chain decodes what we send), so no input
/// may crash, over-allocate or recurse without bound.
public enum RLP {
    public static func encode(_ item: RLPItem) -> [UInt8] {
        var out = [UInt8]()
        append(item, to: &out)
        return out
    }

    static func append(_ item: RLPItem, to out: inout [UInt8]) {
        switch item {
        case .bytes(let bytes):
            if bytes.count == 1, bytes[0] < 0x80 {
                out.append(bytes[0])
            } else {
                appendLength(bytes.count, shortBase: 0x80, to: &out)
                out += bytes
            }
        case .list(let items):
            var payload = [UInt8]()
            for element in items { append(element, to: &payload) }
            appendLength(payload.count, shortBase: 0xc0, to: &out)
            out += payload
        }
    }

    /// Short form: base + length (length ≤ 55). Long form: base + 55 + the length's byte count,
    /// then the length big-endian without leading zeros.
    static func appendLength(_ length: Int, shortBase: UInt8, to out: inout [UInt8]) {
        if length <= 55 {
            out.append(shortBase + UInt8(length))
            return
        }
        var lengthBytes = [UInt8]()
        var remaining = UInt64(length)
        while remaining > 0 {
            lengthBytes.insert(UInt8(truncatingIfNeeded: remaining), at: 0)
            remaining >>= 8
        }
        out.append(shortBase + 55 + UInt8(lengthBytes.count))
        out += lengthBytes
    }

    /// Decodes exactly one item that spans all of `bytes`.
    public static func decode(_ bytes: [UInt8], maxDepth: Int = 16) throws(RLPError) -> RLPItem {
        guard !bytes.isEmpty else { throw .empty }
        let decoder = Decoder(bytes: bytes, maxDepth: maxDepth)
        let (item, end) = try decoder.item(at: 0, limit: bytes.count, depth: 0)
        guard end == bytes.count else { throw .trailingBytes(count: bytes.count - end) }
        return item
    }

    struct Decoder {
        let bytes: [UInt8]
        let maxDepth: Int

        /// The item starting at `position`, which must end by `limit`; returns it and its end.
        func item(at position: Int, limit: Int, depth: Int) throws(RLPError) -> (RLPItem, Int) {
            guard position < limit else { throw .truncated(position: position, neededBytes: 1, availableBytes: 0) }
            let prefix = bytes[position]
            switch prefix {
            case 0x00...0x7f:
                return (.bytes([prefix]), position + 1)
            case 0x80...0xbf:
                let (start, length) = try payload(at: position, prefix: prefix, shortBase: 0x80, limit: limit)
                let content = Array(bytes[start..<start + length])
                if length == 1, content[0] < 0x80 { throw .nonCanonicalSingleByte(position: position) }
                return (.bytes(content), start + length)
            default:
                guard depth < maxDepth else { throw .tooDeep(maxDepth: maxDepth) }
                let (start, length) = try payload(at: position, prefix: prefix, shortBase: 0xc0, limit: limit)
                let end = start + length
                var items = [RLPItem]()
                var cursor = start
                while cursor < end {
                    let (element, next) = try item(at: cursor, limit: end, depth: depth + 1)
                    items.append(element)
                    cursor = next
                }
                return (.list(items), end)
            }
        }

        /// The start and length of the payload whose prefix byte is at `position`, checked to
        /// lie within `limit`.
        func payload(at position: Int, prefix: UInt8, shortBase: UInt8, limit: Int) throws(RLPError) -> (Int, Int) {
            let short = Int(prefix - shortBase)
            var start = position + 1
            var length: Int
            if short <= 55 {
                length = short
            } else {
                let lengthOfLength = short - 55
                guard lengthOfLength <= limit - start else {
                    throw .truncated(position: position, neededBytes: 1 + lengthOfLength, availableBytes: limit - position)
                }
                guard bytes[start] != 0 else { throw .nonCanonicalLength(position: position) }
                // Eight bytes could describe 2^64 bytes; nothing that large fits in memory.
                guard lengthOfLength <= 7 else { throw .lengthTooLarge(position: position) }
                length = 0
                for index in start..<start + lengthOfLength { length = length << 8 | Int(bytes[index]) }
                guard length > 55 else { throw .nonCanonicalLength(position: position) }
                start += lengthOfLength
            }
            guard length <= limit - start else {
                throw .truncated(position: position, neededBytes: start - position + length, availableBytes: limit - position)
            }
            return (start, length)
        }
    }
}
