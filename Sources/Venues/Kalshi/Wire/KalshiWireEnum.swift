/// A closed set of words the venue sends, plus `unknown` for words added after this client was
/// written. Decoding never fails on a new word: a market or an order is still worth having when
/// one of its labels is not understood, and callers treat `unknown` as "ask a human".
public protocol KalshiWireEnum: Codable, Sendable, Hashable, CustomStringConvertible {
    init(wire: String)
    /// The word exactly as the venue spells it.
    var wire: String { get }
}

extension KalshiWireEnum {
    public init(from decoder: any Decoder) throws {
        self.init(wire: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wire)
    }

    public var description: String { wire }
}
