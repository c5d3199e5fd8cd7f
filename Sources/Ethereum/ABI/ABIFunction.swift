/// A contract function as the ABI identifies it: `name(type1,type2,…)`.
///
/// The selector is the first four bytes of keccak256 of the canonical signature, so the signature
/// is normalised first (`uint` → `uint256`, no spaces): a shorthand spelling would otherwise hash
/// to a different selector and call a function that does not exist.
public struct ABIFunction: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let parameters: [ABIType]

    public init(name: String, parameters: [ABIType]) {
        self.name = name
        self.parameters = parameters
    }

    /// Parses `transfer(address,uint256)`; whitespace around types is tolerated.
    public init(signature: String) throws(ABIError) {
        let text = signature.trimmingWhitespace()
        guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else { throw .invalidSignature(signature) }
        let name = String(text[..<open])
        guard let first = name.first, first.isLetter || first == "_",
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "$") })
        else { throw .invalidSignature(signature) }
        let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        var parameters = [ABIType]()
        if !inner.trimmingWhitespaceSubstring().isEmpty {
            for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
                guard !part.trimmingWhitespaceSubstring().isEmpty else { throw .invalidSignature(signature) }
                parameters.append(try ABIType(parsing: String(part)))
            }
        }
        self.init(name: name, parameters: parameters)
    }

    /// `name(canonical types)`, the text the selector is hashed from.
    public var canonicalSignature: String {
        "\(name)(\(parameters.map(\.description).joined(separator: ",")))"
    }

    public var description: String { canonicalSignature }

    /// The first four bytes of keccak256(canonical signature).
    public var selector: [UInt8] { Array(Keccak256.hash(canonicalSignature).bytes.prefix(4)) }
}

extension Substring {
    func trimmingWhitespaceSubstring() -> String { String(self).trimmingWhitespace() }
}
