import ArgumentParser

/// `edgewise pairs`: the cross-venue pairs the radar found, their settlement verdicts and the
/// user's review of them. Only pairs whose verdict is equivalent yield cross-venue opportunities.
struct PairsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pairs",
        abstract: "Review cross-venue market pairs and their settlement-equivalence verdicts.",
        discussion: """
            A pair is two markets on different venues that may be the same contract. The automatic check compares \
            subject, date, resolution source, deadline, time zone, threshold, units, void rules and YES/NO polarity; \
            a verdict is equivalent only when every one of them matched. Read both rules and record your own verdict \
            with `edgewise pairs set`; it outranks the automatic one and survives every re-check.
            """,
        subcommands: [PairsListCommand.self, PairsShowCommand.self, PairsSetCommand.self])
}
