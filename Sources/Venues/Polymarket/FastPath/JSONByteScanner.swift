/// A forward-only JSON scanner over raw bytes that never allocates: it hands out byte ranges
/// of strings and skips values it is not asked about. It exists for the one message that
/// dominates the market channel (`price_change`); everything else goes through `Codable`.
@usableFromInline
struct JSONByteScanner {
    @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
    @usableFromInline var position: Int

    @inlinable
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.position = 0
    }

    @inlinable
    var isAtEnd: Bool { position >= bytes.count }

    @inlinable
    var current: UInt8 { position < bytes.count ? bytes[position] : 0 }

    @inlinable
    mutating func skipWhitespace() {
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    /// Consumes `byte` after optional whitespace.
    @inlinable
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Reads a string and returns the range of its raw content. Escapes are validated but left
    /// as they are (the fields read here never contain any); raw control characters are refused,
    /// as JSON requires.
    @inlinable
    mutating func string() -> Range<Int>? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte < 0x20 { return nil }
            if byte == UInt8(ascii: "\\") {
                guard position + 1 < bytes.count else { return nil }
                switch bytes[position + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 2
                case UInt8(ascii: "u"):
                    guard position + 5 < bytes.count else { return nil }
                    for offset in 2...5 {
                        let hex = bytes[position + offset]
                        guard hex &- 48 < 10 || (hex | 0x20) &- 97 < 6 else { return nil }
                    }
                    position += 6
                default:
                    return nil
                }
                continue
            }
            if byte == UInt8(ascii: "\"") {
                let range = start..<position
                position += 1
                return range
            }
            position += 1
        }
        return nil
    }

    /// A non-negative decimal integer held in `range`, or nil.
    @inlinable
    func integer(_ range: Range<Int>) -> Int64? {
        guard !range.isEmpty else { return nil }
        var value: Int64 = 0
        for index in range {
            let digit = bytes[index] &- 48
            guard digit < 10 else { return nil }
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = shifted.addingReportingOverflow(Int64(digit))
            if o1 || o2 { return nil }
            value = sum
        }
        return value
    }

    /// Skips any JSON value, checking its grammar (objects, arrays, strings, numbers, literals)
    /// so that a frame JSONDecoder would reject is not half-trusted here; false when malformed.
    @inlinable
    mutating func skipValue(depth: Int = 0) -> Bool {
        guard depth < 64 else { return false }
        skipWhitespace()
        guard position < bytes.count else { return false }
        switch bytes[position] {
        case UInt8(ascii: "\""):
            return string() != nil
        case UInt8(ascii: "{"):
            position += 1
            if consume(UInt8(ascii: "}")) { return true }
            repeat {
                guard string() != nil, consume(UInt8(ascii: ":")), skipValue(depth: depth + 1) else { return false }
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            position += 1
            if consume(UInt8(ascii: "]")) { return true }
            repeat {
                guard skipValue(depth: depth + 1) else { return false }
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "]"))
        default:
            return scalar()
        }
    }

    /// A bare JSON value: a number, `true`, `false` or `null`.
    @inlinable
    mutating func scalar() -> Bool {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
                || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
            {
                break
            }
            position += 1
        }
        let range = start..<position
        if equals(range, "true") || equals(range, "false") || equals(range, "null") { return true }
        return isNumber(range)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    @inlinable
    func isNumber(_ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        let end = range.upperBound
        func digit(_ i: Int) -> Bool { i < end && bytes[i] &- 48 < 10 }
        if index < end, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digit(index) else { return false }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while digit(index) { index += 1 }
        }
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digit(index) else { return false }
            while digit(index) { index += 1 }
        }
        if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digit(index) else { return false }
            while digit(index) { index += 1 }
        }
        return index == end
    }

    @inlinable
    func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        var index = 0
        while index < range.count {
            if bytes[range.lowerBound + index] != pointer[index] { return false }
            index += 1
        }
        return true
    }

    @inlinable
    func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[range])
    }
}
