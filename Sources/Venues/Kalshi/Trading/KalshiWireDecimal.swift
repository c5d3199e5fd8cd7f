import EdgewiseCore

/// The exact decimal text Kalshi expects in requests: dollars with at least 4 decimals
/// (`"0.3100"`, like its responses; up to 6 when the value needs them) and counts with 2
/// (`"10.00"`). Built from the integer units, so no rounding can occur.
enum KalshiWireDecimal {
    static func dollars(_ price: Price) -> String { fixed(price.units, minimumPlaces: 4) }

    static func count(_ size: Size) -> String { fixed(size.units, minimumPlaces: 2) }

    private static func fixed(_ units: Int64, minimumPlaces: Int) -> String {
        let magnitude = units.magnitude
        let whole = magnitude / UInt64(FixedPoint.unitsPerWhole)
        var fraction = String(magnitude % UInt64(FixedPoint.unitsPerWhole))
        fraction = String(repeating: "0", count: FixedPoint.scale - fraction.count) + fraction
        while fraction.count > minimumPlaces, fraction.hasSuffix("0") { fraction.removeLast() }
        return (units < 0 ? "-" : "") + String(whole) + "." + fraction
    }
}
