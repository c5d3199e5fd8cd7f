import EdgewiseCore

/// What reaches a live radar session, from every source, in one ordered stream: the venues'
/// streams, their trouble, and the session's own clock.
enum LiveRadarInput: Sendable {
    /// A book change (or trade, or notice) as a stream delivered it.
    case event(ReceivedEvent)
    /// These books can no longer be trusted until their next snapshot; nil: every book the
    /// venue's stream carries (its connection dropped).
    case untrusted(VenueID, [InstrumentID]?, reason: String)
    /// Something a stream survived and the user should know.
    case warning(String)
    /// Time to publish what changed since the last flush.
    case flush
    /// Time for the REST reads of the venues without a stream, the observations file, and the
    /// staleness check.
    case refresh
}
