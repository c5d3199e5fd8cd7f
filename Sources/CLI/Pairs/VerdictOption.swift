import ArgumentParser
import EdgewiseCore

/// A verdict as typed on the command line: hyphens, as flags are spelled; the stored underscore
/// form is accepted too, so a value copied from `--json` output works.
enum VerdictOption: String, CaseIterable, ExpressibleByArgument {
    case equivalent
    case notEquivalent = "not-equivalent"
    case needsReview = "needs-review"

    init?(argument: String) {
        self.init(rawValue: argument.lowercased().replacingOccurrences(of: "_", with: "-"))
    }

    var verdict: SettlementVerdict {
        switch self {
        case .equivalent: .equivalent
        case .notEquivalent: .notEquivalent
        case .needsReview: .needsReview
        }
    }
}
