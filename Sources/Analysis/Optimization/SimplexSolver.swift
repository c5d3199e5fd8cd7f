/// A dense two-phase simplex with Bland's rule.
///
/// Why this and not a library: no LP package is in the package mirror, and the bundle radar's
/// programs are tiny (tens of variables, tens of joint states), where a dense tableau is both the
/// simplest correct method and fast enough. Two phases rather than Big-M so that no large penalty
/// constant mixes with prices of order 1 and spoils the arithmetic; Bland's rule (smallest index
/// enters, smallest basic index leaves on ties) because bundle programs are highly degenerate —
/// many states tie at the worst-case payoff — and Bland's rule cannot cycle there.
///
/// The arithmetic is `Double`. That is acceptable only because nothing downstream trusts it: the
/// bundle optimizer rounds the solution to whole-share weights and re-verifies the guaranteed
/// payoff and the cost exactly in fixed-point money, discarding anything that does not hold.
public struct SimplexSolver: Sendable {
    /// Below this magnitude a tableau entry counts as zero.
    public var tolerance: Double
    /// A guard against numerical trouble; Bland's rule itself always terminates.
    public var maxPivots: Int

    public init(tolerance: Double = 1e-9, maxPivots: Int = 50_000) {
        self.tolerance = tolerance
        self.maxPivots = maxPivots
    }

    public func solve(_ program: LinearProgram) throws(LinearProgramError) -> LinearProgramResult {
        try program.validate()
        var tableau = Tableau(program)
        var pivots = 0

        if tableau.artificialCount > 0 {
            // Phase 1: maximise −Σ artificials; a negative optimum means no feasible point.
            var phaseOne = [Double](repeating: 0, count: tableau.columnCount)
            for column in tableau.artificialRange { phaseOne[column] = -1 }
            let outcome = try optimize(&tableau, costs: phaseOne, allowArtificials: true, pivots: &pivots)
            guard case .bounded(let value) = outcome else {
                // Phase 1 is bounded above by zero; reaching here is numerical trouble.
                throw .iterationLimit(pivots)
            }
            if value < -feasibilityTolerance(program) { return .infeasible }
            tableau.driveOutArtificials(tolerance: tolerance)
        }

        var costs = [Double](repeating: 0, count: tableau.columnCount)
        for (index, coefficient) in program.objective.enumerated() { costs[index] = coefficient }
        switch try optimize(&tableau, costs: costs, allowArtificials: false, pivots: &pivots) {
        case .unbounded:
            return .unbounded
        case .bounded:
            var values = [Double](repeating: 0, count: program.variableCount)
            for (row, column) in tableau.basis.enumerated() where column < program.variableCount {
                values[column] = max(0, tableau[row, tableau.rhsColumn])
            }
            let objective = zip(program.objective, values).reduce(0) { $0 + $1.0 * $1.1 }
            return .optimal(LinearProgramSolution(values: values, objective: objective))
        }
    }

    private enum PhaseOutcome { case bounded(Double), unbounded }

    private func feasibilityTolerance(_ program: LinearProgram) -> Double {
        let scale = program.constraints.reduce(1.0) { max($0, abs($1.bound)) }
        return 1e-7 * scale
    }

    /// Runs primal simplex pivots from the current (feasible) basis until no column improves.
    private func optimize(
        _ tableau: inout Tableau, costs: [Double], allowArtificials: Bool, pivots: inout Int
    ) throws(LinearProgramError) -> PhaseOutcome {
        // Reduced costs r_j = c_B·B⁻¹A_j − c_j; a negative r_j improves a maximisation.
        var reduced = [Double](repeating: 0, count: tableau.columnCount + 1)
        for column in 0...tableau.columnCount {
            var sum = 0.0
            for row in 0..<tableau.rowCount { sum += costs[tableau.basis[row]] * tableau[row, column] }
            reduced[column] = column < tableau.columnCount ? sum - costs[column] : sum
        }
        let limit = allowArtificials ? tableau.columnCount : tableau.artificialRange.lowerBound
        while true {
            // Bland: the lowest-index improving column enters.
            var entering: Int?
            for column in 0..<limit where reduced[column] < -tolerance && !tableau.isBasic(column) {
                entering = column
                break
            }
            guard let entering else { return .bounded(reduced[tableau.columnCount]) }

            // Ratio test; Bland: among ties, the row whose basic variable has the lowest index.
            var leaving: Int?
            var bestRatio = Double.infinity
            for row in 0..<tableau.rowCount {
                let entry = tableau[row, entering]
                guard entry > tolerance else { continue }
                let ratio = tableau[row, tableau.rhsColumn] / entry
                if ratio < bestRatio - tolerance {
                    bestRatio = ratio
                    leaving = row
                } else if ratio <= bestRatio + tolerance, let current = leaving,
                    tableau.basis[row] < tableau.basis[current]
                {
                    leaving = row
                }
            }
            guard let leaving else { return .unbounded }

            pivots += 1
            guard pivots <= maxPivots else { throw .iterationLimit(maxPivots) }
            tableau.pivot(row: leaving, column: entering)
            let factor = reduced[entering]
            if factor != 0 {
                for column in 0...tableau.columnCount { reduced[column] -= factor * tableau[leaving, column] }
            }
        }
    }
}

/// The simplex tableau in one flat array: one row per constraint (upper bounds included), the
/// structural columns, then slacks and surpluses, then artificials, then the right-hand side.
struct Tableau {
    var rowCount: Int
    var columnCount: Int
    var artificialRange: Range<Int>
    var basis: [Int]
    private var cells: [Double]

    var rhsColumn: Int { columnCount }
    var artificialCount: Int { artificialRange.count }

    subscript(row: Int, column: Int) -> Double {
        get { cells[row * (columnCount + 1) + column] }
        set { cells[row * (columnCount + 1) + column] = newValue }
    }

    init(_ program: LinearProgram) {
        let n = program.variableCount
        var rows: [LinearProgram.Constraint] = program.constraints
        for (index, bound) in program.upperBounds.enumerated() {
            guard let bound else { continue }
            var coefficients = [Double](repeating: 0, count: n)
            coefficients[index] = 1
            rows.append(.init(coefficients, .lessOrEqual, bound))
        }
        // A non-negative right side keeps the starting basis (slacks and artificials) feasible.
        rows = rows.map { row in
            guard row.bound < 0 else { return row }
            let flipped: LinearProgram.Relation =
                switch row.relation {
                case .lessOrEqual: .greaterOrEqual
                case .greaterOrEqual: .lessOrEqual
                case .equal: .equal
                }
            return .init(row.coefficients.map { -$0 }, flipped, -row.bound)
        }
        let slackCount = rows.filter { $0.relation != .equal }.count
        let artificials = rows.filter { $0.relation != .lessOrEqual }.count
        rowCount = rows.count
        columnCount = n + slackCount + artificials
        artificialRange = (n + slackCount)..<columnCount
        basis = []
        cells = [Double](repeating: 0, count: rows.count * (columnCount + 1))

        var nextSlack = n
        var nextArtificial = artificialRange.lowerBound
        for (r, row) in rows.enumerated() {
            for (c, value) in row.coefficients.enumerated() { self[r, c] = value }
            self[r, rhsColumn] = row.bound
            switch row.relation {
            case .lessOrEqual:
                self[r, nextSlack] = 1
                basis.append(nextSlack)
                nextSlack += 1
            case .greaterOrEqual:
                self[r, nextSlack] = -1
                nextSlack += 1
                self[r, nextArtificial] = 1
                basis.append(nextArtificial)
                nextArtificial += 1
            case .equal:
                self[r, nextArtificial] = 1
                basis.append(nextArtificial)
                nextArtificial += 1
            }
        }
    }

    func isBasic(_ column: Int) -> Bool { basis.contains(column) }

    mutating func pivot(row pivotRow: Int, column pivotColumn: Int) {
        let width = columnCount + 1
        let divisor = self[pivotRow, pivotColumn]
        for column in 0..<width { self[pivotRow, column] /= divisor }
        self[pivotRow, pivotColumn] = 1
        for row in 0..<rowCount where row != pivotRow {
            let factor = self[row, pivotColumn]
            guard factor != 0 else { continue }
            for column in 0..<width { self[row, column] -= factor * self[pivotRow, column] }
            self[row, pivotColumn] = 0
        }
        basis[pivotRow] = pivotColumn
    }

    /// After phase 1, artificials still basic sit at zero; swap each for a real column so phase 2
    /// never moves them. A row with no real entry is redundant and is left alone: its zeros can
    /// never limit a ratio test.
    mutating func driveOutArtificials(tolerance: Double) {
        for row in 0..<rowCount where artificialRange.contains(basis[row]) {
            for column in 0..<artificialRange.lowerBound where abs(self[row, column]) > tolerance && !isBasic(column) {
                pivot(row: row, column: column)
                break
            }
        }
    }
}
