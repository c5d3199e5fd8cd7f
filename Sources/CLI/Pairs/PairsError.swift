import EdgewiseCore

/// What can go wrong in `edgewise pairs`, each with the next thing to try.
enum PairsError: Error, CustomStringConvertible {
    case unknownPair(MarketPairID)
    /// `pairs set` was given neither a verdict nor --clear, or both.
    case verdictOrClear

    var description: String {
        switch self {
        case .unknownPair(let id): "no market pair \(id) in this database"
        case .verdictOrClear: "give either a verdict (equivalent, not-equivalent, needs-review) or --clear"
        }
    }

    var hint: String {
        switch self {
        case .unknownPair: "run `edgewise pairs list` to see the stored pair ids (and check --home)"
        case .verdictOrClear: "for example `edgewise pairs set <pair-id> not-equivalent --note \"different deadline\"`"
        }
    }

    var exitCode: Int32 {
        switch self {
        case .unknownPair: 1
        case .verdictOrClear: 2
        }
    }
}
