/// A configuration problem, described with the file, line or variable to fix.
public enum ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    case syntax(line: Int, message: String)
    case unreadableFile(path: String, reason: String)
    case unknownKey(table: String, key: String, known: [String], line: Int? = nil)
    case wrongType(key: String, expected: String)
    case invalidURL(source: String, value: String)
    case invalidValue(source: String, value: String, expected: String)
    case homeUnavailable(reason: String)

    public var description: String {
        switch self {
        case .syntax(let line, let message):
            "config line \(line): \(message)"
        case .unreadableFile(let path, let reason):
            "cannot read config file \(path): \(reason)"
        case .unknownKey(let table, let key, let known, let line):
            "unknown config key '\(key)' in [\(table)]\(line.map { " (line \($0))" } ?? ""); known keys: \(known.joined(separator: ", "))"
        case .wrongType(let key, let expected):
            "config key '\(key)' must be \(expected)"
        case .invalidURL(let source, let value):
            "\(source) = '\(value)' is not an absolute http(s) or ws(s) URL"
        case .invalidValue(let source, let value, let expected):
            "\(source) = '\(value)' is invalid: expected \(expected)"
        case .homeUnavailable(let reason):
            "cannot find a data directory (\(reason)); set EDGEWISE_HOME or pass --home"
        }
    }
}
