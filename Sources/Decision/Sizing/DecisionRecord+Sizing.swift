import EdgewiseCore

extension DecisionRecord {
    /// Records a sizing on the decision: the edge and the size when sized (the decision reaches
    /// the `sized` stage), or a note saying why not when declined (it stays where it was).
    public mutating func record(_ result: SizingResult) {
        switch result {
        case .size(let sizing, let edge):
            self.edge = edge
            self.sizing = sizing
        case .declined(let reason):
            notes.append("sizing declined: \(reason)")
        }
    }
}
