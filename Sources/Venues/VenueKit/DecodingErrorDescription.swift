import Foundation

/// Turns a `DecodingError` into the failing field path (`bids[2].price`) and a plain reason, so
/// an error message says exactly where a venue's payload stopped matching our model.
public enum DecodingErrorDescription {
    public static func describe(_ error: any Error) -> (field: String, detail: String) {
        guard let error = error as? DecodingError else { return ("<root>", String(describing: error)) }
        switch error {
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return (path(context.codingPath), "missing \(type) value: \(context.debugDescription)")
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "required field is missing")
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?).map { " (\($0.localizedDescription))" } ?? ""
            return (path(context.codingPath), context.debugDescription + underlying)
        @unknown default:
            return ("<root>", String(describing: error))
        }
    }

    public static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text.isEmpty ? "<root>" : text
    }
}
