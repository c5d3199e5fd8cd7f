// EdgewiseManifold — the Manifold adapter (API v0): the wire types of markets, answers, bets and
// users, the mapping of binary and multiple-choice markets onto EdgewiseCore's `Market`/`Event`,
// open limit orders as order books, the REST client (`ManifoldClient`) and the WebSocket stream
// of new bets (`ManifoldStream`), the endpoints and the API key, and the CPMM maths that predicts
// what a bet or a sale does to a `cpmm-1` pool.
//
// Manifold quotes everything as JSON floating-point numbers and its market maker is a continuous
// function, so the CPMM model works in `Double` (a probability model); every figure that leaves the
// module as money goes through `ManifoldMoney`, which converts to the Core fixed-point types with a
// stated rounding.

import EdgewiseCore

/// Constants of the venue that more than one file relies on.
public enum Manifold {
    /// Limit orders are accepted on whole percents only (0.01 … 0.99), so this is the tick.
    public static let limitProbabilityTick = Price(units: FixedPoint.unitsPerWhole / 100)
    /// The smallest and largest limit probability the API accepts.
    public static let minimumLimitProbability = 0.01
    public static let maximumLimitProbability = 0.99
    /// `POST /bet` rejects amounts below one mana.
    public static let minimumBetAmount: Amount = 1
}
