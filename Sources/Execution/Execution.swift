/// The execution layer: gets approved intents filled without losing or duplicating anything —
/// the order manager (journal first, reconcile on start-up), multi-leg execution for arbitrage,
/// routing and order tactics, and the paper broker that fills against real books.
public enum EdgewiseExecution {}
