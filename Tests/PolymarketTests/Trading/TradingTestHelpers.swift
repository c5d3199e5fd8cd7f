import EdgewiseCore

extension Amount {
    static func usdc(_ text: String) -> Amount { try! Amount(parsing: text) }
}
