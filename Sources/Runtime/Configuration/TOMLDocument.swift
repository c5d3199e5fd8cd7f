/// The subset of TOML that Edgewise configuration uses: `[table]` and `[table.sub]` headers,
/// `key = value` with strings (basic and literal), integers, floats, booleans and arrays of
/// those, and `#` comments. Anything else is an error with its line number, so a typo never
/// silently falls back to a default.
public struct TOMLDocument: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case string(String)
        case integer(Int64)
        case float(String)
        case boolean(Bool)
        case array([Value])
    }

    /// Values by table path (`""` for the root, `"polymarket"`, `"a.b"`) and key.
    public private(set) var tables: [String: [String: Value]]
    /// The line each key was set on, by table and key, and each table header's line, so that a
    /// key the configuration does not know can be pointed at.
    public private(set) var keyLines: [String: [String: Int]] = [:]
    public private(set) var tableLines: [String: Int] = [:]

    public init(parsing text: String) throws(ConfigurationError) {
        tables = ["": [:]]
        var current = ""
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = Self.stripComment(rawLine).trimmingCharacters(in: " \t\r")
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), !line.hasPrefix("[[") else {
                    throw .syntax(line: lineNumber, message: "a table header looks like [name]; arrays of tables are not supported")
                }
                let name = String(line.dropFirst().dropLast()).trimmingCharacters(in: " \t")
                guard !name.isEmpty, name.split(separator: ".").allSatisfy({ Self.isBareKey($0) }) else {
                    throw .syntax(line: lineNumber, message: "invalid table name '\(name)'")
                }
                guard tables[name] == nil else { throw .syntax(line: lineNumber, message: "table [\(name)] is defined twice") }
                tables[name] = [:]
                tableLines[name] = lineNumber
                current = name
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw .syntax(line: lineNumber, message: "expected 'key = value'")
            }
            let key = String(line[..<equals]).trimmingCharacters(in: " \t")
            guard Self.isBareKey(Substring(key)) else { throw .syntax(line: lineNumber, message: "invalid key '\(key)'") }
            var scanner = Scanner(text: String(line[line.index(after: equals)...]).trimmingCharacters(in: " \t"), line: lineNumber)
            let value = try scanner.value()
            try scanner.expectEnd()
            guard tables[current]![key] == nil else { throw .syntax(line: lineNumber, message: "key '\(key)' is set twice") }
            tables[current]![key] = value
            keyLines[current, default: [:]][key] = lineNumber
        }
    }

    /// The line `key` was set on in `table`, or the table's header line when `key` is nil.
    public func line(table: String, key: String?) -> Int? {
        guard let key else { return tableLines[table] }
        return keyLines[table]?[key]
    }

    static func isBareKey(_ key: Substring) -> Bool {
        !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    /// Removes a `#` comment that is not inside a string.
    static func stripComment(_ line: Substring) -> String {
        var inBasic = false
        var inLiteral = false
        var escaped = false
        for index in line.indices {
            let character = line[index]
            if escaped { escaped = false; continue }
            if inBasic && character == "\\" { escaped = true; continue }
            if character == "\"" && !inLiteral { inBasic.toggle() }
            if character == "'" && !inBasic { inLiteral.toggle() }
            if character == "#" && !inBasic && !inLiteral { return String(line[..<index]) }
        }
        return String(line)
    }

    struct Scanner {
        var characters: [Character]
        var position = 0
        let line: Int

        init(text: String, line: Int) {
            characters = Array(text)
            self.line = line
        }

        mutating func skipSpaces() {
            while position < characters.count, characters[position] == " " || characters[position] == "\t" { position += 1 }
        }

        mutating func expectEnd() throws(ConfigurationError) {
            skipSpaces()
            if position != characters.count {
                throw .syntax(line: line, message: "unexpected text after the value: '\(String(characters[position...]))'")
            }
        }

        mutating func value() throws(ConfigurationError) -> Value {
            skipSpaces()
            guard position < characters.count else { throw .syntax(line: line, message: "missing value") }
            switch characters[position] {
            case "\"": return .string(try basicString())
            case "'": return .string(try literalString())
            case "[": return try array()
            default: return try scalar()
            }
        }

        mutating func basicString() throws(ConfigurationError) -> String {
            position += 1
            var result = ""
            while position < characters.count {
                let character = characters[position]
                position += 1
                switch character {
                case "\"": return result
                case "\\":
                    guard position < characters.count else { break }
                    let escape = characters[position]
                    position += 1
                    switch escape {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    case "\\": result.append("\\")
                    case "\"": result.append("\"")
                    default: throw .syntax(line: line, message: "unsupported escape '\\\(escape)'")
                    }
                default: result.append(character)
                }
            }
            throw .syntax(line: line, message: "unterminated string")
        }

        mutating func literalString() throws(ConfigurationError) -> String {
            position += 1
            var result = ""
            while position < characters.count {
                let character = characters[position]
                position += 1
                if character == "'" { return result }
                result.append(character)
            }
            throw .syntax(line: line, message: "unterminated string")
        }

        mutating func array() throws(ConfigurationError) -> Value {
            position += 1
            var values: [Value] = []
            while true {
                skipSpaces()
                guard position < characters.count else { throw .syntax(line: line, message: "unterminated array (arrays must fit on one line)") }
                if characters[position] == "]" { position += 1; return .array(values) }
                values.append(try value())
                skipSpaces()
                guard position < characters.count else { continue }
                if characters[position] == "," { position += 1 } else if characters[position] != "]" {
                    throw .syntax(line: line, message: "expected ',' or ']' in array")
                }
            }
        }

        mutating func scalar() throws(ConfigurationError) -> Value {
            var token = ""
            while position < characters.count, !",] \t".contains(characters[position]) {
                token.append(characters[position])
                position += 1
            }
            if token == "true" { return .boolean(true) }
            if token == "false" { return .boolean(false) }
            let digits = token.replacingOccurrences(of: "_", with: "")
            if let integer = Int64(digits) { return .integer(integer) }
            if Double(digits) != nil, digits.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }) { return .float(digits) }
            throw .syntax(line: line, message: "'\(token)' is not a value (strings need quotes)")
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }

    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
