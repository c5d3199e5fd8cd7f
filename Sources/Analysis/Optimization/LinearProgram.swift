/// A small dense linear program: maximise `objective · x` subject to linear constraints,
/// `x ≥ 0`, and optional upper bounds on each variable.
///
/// It exists for the bundle radar, whose programs have tens of variables and tens of joint
/// states. Coefficients are `Double` because the solver is a numerical tool, not a money path:
/// whatever portfolio it proposes is turned into whole-share weights and re-verified exactly in
/// fixed-point money before anyone sees it, and a proposal that does not hold exactly is dropped.
public struct LinearProgram: Hashable, Sendable {
    /// How a constraint's left side compares with its right side.
    public enum Relation: String, Hashable, Sendable {
        case lessOrEqual, equal, greaterOrEqual
    }

    /// `coefficients · x  relation  bound`.
    public struct Constraint: Hashable, Sendable {
        public var coefficients: [Double]
        public var relation: Relation
        public var bound: Double

        public init(_ coefficients: [Double], _ relation: Relation, _ bound: Double) {
            self.coefficients = coefficients
            self.relation = relation
            self.bound = bound
        }
    }

    /// What to maximise (negate it to minimise).
    public var objective: [Double]
    public var constraints: [Constraint]
    /// A finite cap per variable, or nil for none; empty means no caps at all.
    public var upperBounds: [Double?]

    public init(maximize objective: [Double], constraints: [Constraint] = [], upperBounds: [Double?] = []) {
        self.objective = objective
        self.constraints = constraints
        self.upperBounds = upperBounds
    }

    public var variableCount: Int { objective.count }

    /// Checks the shape and the numbers before solving, so a malformed program fails with a
    /// reason instead of producing a meaningless answer.
    public func validate() throws(LinearProgramError) {
        guard !objective.isEmpty else { throw .noVariables }
        guard objective.allSatisfy(\.isFinite) else { throw .nonFiniteCoefficient(row: nil) }
        for (row, constraint) in constraints.enumerated() {
            guard constraint.coefficients.count == objective.count else {
                throw .dimensionMismatch(row: row, expected: objective.count, found: constraint.coefficients.count)
            }
            guard constraint.bound.isFinite, constraint.coefficients.allSatisfy(\.isFinite) else {
                throw .nonFiniteCoefficient(row: row)
            }
        }
        if !upperBounds.isEmpty {
            guard upperBounds.count == objective.count else {
                throw .dimensionMismatch(row: nil, expected: objective.count, found: upperBounds.count)
            }
            for (index, bound) in upperBounds.enumerated() {
                guard let bound else { continue }
                guard bound.isFinite else { throw .nonFiniteCoefficient(row: nil) }
                guard bound >= 0 else { throw .negativeUpperBound(variable: index) }
            }
        }
    }
}

/// The outcome of solving a well-formed program.
public enum LinearProgramResult: Hashable, Sendable {
    case optimal(LinearProgramSolution)
    /// No `x` satisfies every constraint.
    case infeasible
    /// The objective grows without limit over the feasible set.
    case unbounded

    /// The solution when optimal.
    public var solution: LinearProgramSolution? {
        if case .optimal(let solution) = self { solution } else { nil }
    }
}

/// An optimal vertex.
public struct LinearProgramSolution: Hashable, Sendable {
    public var values: [Double]
    public var objective: Double

    public init(values: [Double], objective: Double) {
        self.values = values
        self.objective = objective
    }
}

/// Why a program could not be solved at all; each case says what to fix.
public enum LinearProgramError: Error, Hashable, Sendable, CustomStringConvertible {
    case noVariables
    case dimensionMismatch(row: Int?, expected: Int, found: Int)
    case nonFiniteCoefficient(row: Int?)
    case negativeUpperBound(variable: Int)
    /// Bland's rule cannot cycle, so this means numerical trouble; rescale the program.
    case iterationLimit(Int)

    public var description: String {
        switch self {
        case .noVariables:
            "the program has no variables: give the objective one coefficient per variable"
        case .dimensionMismatch(let row, let expected, let found):
            if let row {
                "constraint \(row) has \(found) coefficients but the objective has \(expected): give every constraint one per variable"
            } else {
                "upper bounds list \(found) entries for \(expected) variables: give one per variable (nil for none)"
            }
        case .nonFiniteCoefficient(let row):
            "a coefficient or bound\(row.map { " in constraint \($0)" } ?? "") is NaN or infinite: pass finite numbers"
        case .negativeUpperBound(let variable):
            "variable \(variable) has a negative upper bound, which contradicts x ≥ 0: drop the variable or fix the bound"
        case .iterationLimit(let limit):
            "the simplex did not finish within \(limit) pivots: rescale the coefficients to similar magnitudes"
        }
    }
}
