import EdgewiseCore

/// A book level from text, for readable tests.
func level(_ price: String, _ size: Int64) -> BookLevel {
    BookLevel(price: Price(price)!, size: Size(integerLiteral: size))
}
