import EdgewiseCore
import EdgewiseStore
import Foundation

/// A book level from text, for readable tests.
func level(_ price: String, _ size: Int64) -> BookLevel {
    BookLevel(price: Price(price)!, size: Size(integerLiteral: size))
}

/// A fresh SQLite store in a directory of its own: the real journal, never a stand-in.
func temporaryStore() throws -> EdgewiseStore {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgewise-execution-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return try EdgewiseStore(path: directory.appendingPathComponent(EdgewiseStore.defaultFileName).path)
}
