import EdgewisePolymarket
import EdgewiseStore

/// The store is the journal the Polymarket user channel writes through. The conformance lives in
/// the runtime because the Polymarket adapter cannot import the store; the protocol's
/// requirements are the store's own methods, so nothing needs adapting.
extension EdgewiseStore: UserChannelJournal {}
