import EdgewiseCore
import Foundation
import GRDB

/// Why the store refused or failed an operation. Every message ends with what to do next,
/// because the reader is usually an operator looking at a stopped agent.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file was written by a newer Edgewise; opening it with this binary could corrupt it.
    case newerSchema(path: String, found: Int, supported: Int, unknownMigrations: [String])
    /// The file is a SQLite database, but not one Edgewise created.
    case foreignDatabase(path: String)
    case notADatabase(path: String)
    case corrupt(path: String, detail: String)
    case cannotOpen(path: String, reason: String)
    /// Another process holds the write lock longer than the busy timeout.
    case busy(path: String, operation: String)
    case diskFull(path: String, operation: String)
    case readOnly(path: String, operation: String)
    /// `journal(order:)` was called twice for one client order id.
    case duplicateOrder(ClientOrderID)
    /// Only a fresh order may be journaled: the journal entry must precede any request.
    case journalRequiresPendingSubmit(ClientOrderID, status: OrderStatus)
    /// `update(order:after:)` for an order that was never journaled.
    case orderNotJournaled(ClientOrderID)
    /// An update changed what the order is (instrument, side, price, size), not just its state.
    case orderIdentityChanged(ClientOrderID, field: String)
    /// An update would move the journal backwards (out of a terminal state, or to fewer fills):
    /// the caller holds a stale copy of the order.
    case staleOrderUpdate(ClientOrderID, stored: OrderStatus, storedFills: Int, offered: OrderStatus, offeredFills: Int)
    /// The venue reported two different executions under one fill id.
    case conflictingFill(venue: VenueID, fill: FillID)
    /// An override was set on a pair the store does not hold.
    case unknownPair(MarketPairID)
    case constraintViolated(operation: String, detail: String)
    case encoding(what: String, reason: String)
    case decoding(what: String, reason: String)
    case sqlite(operation: String, code: Int32, message: String)

    public var description: String {
        switch self {
        case .newerSchema(let path, let found, let supported, let unknown):
            let names = unknown.isEmpty ? "" : " (unknown migrations: \(unknown.joined(separator: ", ")))"
            return "database \(path) is from a newer Edgewise (schema v\(found); this binary knows up to v\(supported))\(names); "
                + "upgrade edgewise or point --home elsewhere. The file was not modified."
        case .foreignDatabase(let path):
            return "\(path) is a SQLite database that Edgewise did not create; point --home elsewhere rather than let Edgewise add tables to it"
        case .notADatabase(let path):
            return "\(path) is not a SQLite database; move it aside or point --home elsewhere"
        case .corrupt(let path, let detail):
            return "database \(path) is corrupt (\(detail)); stop trading, keep the file for analysis and restore from a backup"
        case .cannotOpen(let path, let reason):
            return "cannot open database \(path): \(reason); check the directory exists and is writable"
        case .busy(let path, let operation):
            return "\(operation): database \(path) is locked by another process; make sure only one edgewise runs against this home"
        case .diskFull(let path, let operation):
            return "\(operation): disk full while writing \(path); free disk space before trading again"
        case .readOnly(let path, let operation):
            return "\(operation): database \(path) is read-only; fix its permissions or point --home elsewhere"
        case .duplicateOrder(let id):
            return "order \(id) is already in the journal; generate a fresh client order id instead of reusing one"
        case .journalRequiresPendingSubmit(let id, let status):
            return "order \(id) is \(status.rawValue); only pendingSubmit orders may be journaled (journal before sending), use update(order:after:) for later states"
        case .orderNotJournaled(let id):
            return "order \(id) is not in the journal; journal(order:) must run before the order is sent"
        case .orderIdentityChanged(let id, let field):
            return "order \(id): update changed \(field), which is fixed once journaled; place a new order instead"
        case .staleOrderUpdate(let id, let stored, let storedFills, let offered, let offeredFills):
            return "order \(id): the journal has it \(stored.rawValue) with \(storedFills) fill(s), the update says \(offered.rawValue) with \(offeredFills); "
                + "re-read the order from the store, apply the event to that copy and update again"
        case .conflictingFill(let venue, let fill):
            return "\(venue) reported fill \(fill) twice with different contents; stop and reconcile with the venue"
        case .unknownPair(let id):
            return "no market pair \(id); run `edgewise pairs list` to see the stored pair ids"
        case .constraintViolated(let operation, let detail):
            return "\(operation): \(detail); the data contradicts what is stored, reconcile before retrying"
        case .encoding(let what, let reason):
            return "could not encode \(what): \(reason)"
        case .decoding(let what, let reason):
            return "could not decode stored \(what): \(reason); the row may have been written by another version, check the schema"
        case .sqlite(let operation, let code, let message):
            return "\(operation): SQLite error \(code): \(message)"
        }
    }

    /// Translates whatever GRDB or SQLite threw into the store's vocabulary.
    static func wrap(_ error: any Error, operation: String, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else {
            return .sqlite(operation: operation, code: -1, message: String(describing: error))
        }
        let message = error.message ?? "\(error)"
        switch error.resultCode.primaryResultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path, operation: operation)
        case .SQLITE_FULL: return .diskFull(path: path, operation: operation)
        case .SQLITE_READONLY: return .readOnly(path: path, operation: operation)
        case .SQLITE_NOTADB: return .notADatabase(path: path)
        case .SQLITE_CORRUPT: return .corrupt(path: path, detail: message)
        case .SQLITE_CANTOPEN: return .cannotOpen(path: path, reason: message)
        case .SQLITE_CONSTRAINT: return .constraintViolated(operation: operation, detail: message)
        default: return .sqlite(operation: operation, code: error.resultCode.primaryResultCode.rawValue, message: message)
        }
    }
}
