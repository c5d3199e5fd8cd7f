import EdgewiseCore
import EdgewiseRuntime
import Foundation

/// Writes a line to stderr: warnings never mix with the table or JSON on stdout.
func warn(_ message: String) {
    FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
}

/// Saves markets into the local catalog. The catalog is a convenience for later commands, so a
/// database problem is reported but does not fail a command whose answer is already in hand.
func cacheCatalog(_ markets: [Market], _ services: EdgewiseServices) {
    do {
        try services.cache(markets)
    } catch {
        warn("markets not saved to \(services.configuration.databasePath.path): \(error)")
    }
}

/// Writes an informational line to stderr (the answer itself goes to stdout).
func note(_ message: String) {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
}

/// Writes straight to stdout without buffering, so a watcher piped into another program sees
/// every update as it happens.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

func printJSON<T: Encodable>(_ value: T, pretty: Bool = true) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}

/// `Timestamp.description` is UTC without a zone designator; output for people and scripts says so.
func utcISO(_ time: Timestamp) -> String { time.description + "Z" }

/// Plain-text tables that stay readable in an 80–160 column terminal.
enum Table {
    static func render(_ rows: [[String]], maxWidths: [Int]) -> String {
        guard let header = rows.first else { return "" }
        let clipped = rows.map { row in
            row.enumerated().map { index, cell in
                let limit = index < maxWidths.count ? maxWidths[index] : 40
                return cell.count > limit ? String(cell.prefix(limit - 1)) + "…" : cell
            }
        }
        let widths = (0..<header.count).map { column in clipped.map { $0[column].count }.max() ?? 0 }
        return clipped.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
