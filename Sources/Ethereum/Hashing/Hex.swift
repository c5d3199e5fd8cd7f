/// Hex text ↔ bytes, the way Ethereum tooling writes them (`0x` prefix, either case accepted).
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: some Sequence<UInt8>, prefix: Bool = true) -> String {
        var out = [UInt8]()
        out.reserveCapacity(prefix ? 2 : 0)
        if prefix { out += [UInt8(ascii: "0"), UInt8(ascii: "x")] }
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex with an optional `0x` prefix. The error reports a position, never the text, so
    /// that decoding a secret cannot leak it into a message.
    public static func decode(_ text: String) throws(HexError) -> [UInt8] {
        var utf8 = Array(text.utf8)
        if utf8.count >= 2, utf8[0] == UInt8(ascii: "0"), utf8[1] == UInt8(ascii: "x") || utf8[1] == UInt8(ascii: "X") {
            utf8.removeFirst(2)
        }
        guard utf8.count % 2 == 0 else { throw HexError.oddLength(digits: utf8.count) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]) else { throw HexError.notHex(position: index) }
            guard let low = value(utf8[index + 1]) else { throw HexError.notHex(position: index + 1) }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    @inline(__always)
    static func value(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

public enum HexError: Error, Equatable, CustomStringConvertible {
    case oddLength(digits: Int)
    case notHex(position: Int)
    case wrongLength(expectedBytes: Int, actualBytes: Int)

    public var description: String {
        switch self {
        case .oddLength(let digits): "hex text has an odd number of digits (\(digits)); each byte needs two"
        case .notHex(let position): "character \(position) after the 0x prefix is not a hex digit"
        case .wrongLength(let expected, let actual): "expected \(expected) bytes (\(expected * 2) hex digits), got \(actual)"
        }
    }
}
