import Foundation

/// Builds the body of `POST /order` (and the elements of `POST /orders`) around a signed order.
///
/// The layout is exactly `{"order":<order>,"owner":"<apiKey>","orderType":"GTC","deferExec":false,"postOnly":false}`:
/// the key order and the compact form the official clients send. The body is assembled as text
/// rather than re-encoded, so the signed order inside it is byte for byte what was signed.
public enum PolymarketOrderEnvelope {
    /// The most orders the CLOB accepts in one `POST /orders`.
    public static let maxBatchSize = 15

    /// The envelope for one order, after checking that it can be sent.
    public static func json(_ submission: PolymarketOrderSubmission, owner: String) throws(PolymarketTradingError) -> String {
        try validate(submission)
        return "{\"order\":\(submission.orderJSON),\"owner\":\(quoted(owner)),\"orderType\":\"\(submission.orderType.rawValue)\","
            + "\"deferExec\":\(submission.deferExec),\"postOnly\":\(submission.postOnly)}"
    }

    /// The `POST /orders` body: a JSON array of envelopes, at most ``maxBatchSize``.
    public static func batchJSON(_ submissions: [PolymarketOrderSubmission], owner: String) throws(PolymarketTradingError) -> String {
        guard !submissions.isEmpty else { throw .invalidSubmission(detail: "an order batch must hold at least one order") }
        guard submissions.count <= maxBatchSize else { throw .batchTooLarge(count: submissions.count, limit: maxBatchSize) }
        var parts: [String] = []
        for submission in submissions { parts.append(try json(submission, owner: owner)) }
        return "[" + parts.joined(separator: ",") + "]"
    }

    /// Checks what the venue would otherwise reject after the fact, or what would make a lost
    /// reply impossible to resolve (an order hash or token that does not belong to the order).
    static func validate(_ submission: PolymarketOrderSubmission) throws(PolymarketTradingError) {
        if submission.postOnly && !submission.orderType.allowsPostOnly {
            throw .invalidSubmission(
                detail: "postOnly is only allowed with GTC or GTD orders, not \(submission.orderType.rawValue); drop postOnly or use a resting order type")
        }
        let hash = submission.orderHash
        guard hash.count == 66, hash.hasPrefix("0x"), hash.dropFirst(2).allSatisfy(\.isHexDigit) else {
            throw .invalidSubmission(detail: "orderHash '\(hash)' is not a 0x-prefixed 32-byte hex digest")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(submission.orderJSON.utf8)),
            let order = object as? [String: Any]
        else {
            throw .invalidSubmission(detail: "orderJSON is not a JSON object; pass the signed order exactly as serialized for signing")
        }
        if let token = order["tokenId"] {
            let text = (token as? String) ?? "\(token)"
            guard text == submission.tokenID.rawValue else {
                throw .invalidSubmission(
                    detail: "orderJSON trades token \(text) but the submission names \(submission.tokenID); they must agree")
            }
        }
    }

    /// `text` as a JSON string literal (the API key is a UUID, but nothing is assumed).
    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(text) else { return "\"\"" }
        return String(decoding: data, as: UTF8.self)
    }
}
