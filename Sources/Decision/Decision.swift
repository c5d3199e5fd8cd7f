/// The decision layer: turns what the information and analysis layers know (books, radar
/// opportunities, calibrated probabilities) into sized, risk-checked order intents. Strategies
/// propose; sizing decides how much the edge left after fees and slippage is worth; the risk
/// engine, which no strategy can bypass, decides whether it may be sent at all.
public enum EdgewiseDecision {}
