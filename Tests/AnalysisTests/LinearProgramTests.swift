import EdgewiseAnalysis
import Testing

@Suite struct LinearProgramTests {
    let solver = SimplexSolver()

    private func optimal(_ program: LinearProgram) throws -> LinearProgramSolution {
        let result = try solver.solve(program)
        return try #require(result.solution, "expected an optimum, got \(result)")
    }

    private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

    /// The textbook production problem: max 3x + 5y, x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18 → (2, 6), 36.
    @Test func lessOrEqualConstraintsReachTheHandSolvedVertex() throws {
        let solution = try optimal(LinearProgram(
            maximize: [3, 5],
            constraints: [.init([1, 0], .lessOrEqual, 4), .init([0, 2], .lessOrEqual, 12), .init([3, 2], .lessOrEqual, 18)]))
        #expect(close(solution.values[0], 2) && close(solution.values[1], 6))
        #expect(close(solution.objective, 36))
    }

    /// Minimisation through ≥ rows (phase 1 needed): min x + y, x + 2y ≥ 4, 3x + y ≥ 6 →
    /// (1.6, 1.2), 2.8.
    @Test func greaterOrEqualConstraintsNeedPhaseOne() throws {
        let solution = try optimal(LinearProgram(
            maximize: [-1, -1], constraints: [.init([1, 2], .greaterOrEqual, 4), .init([3, 1], .greaterOrEqual, 6)]))
        #expect(close(solution.values[0], 1.6) && close(solution.values[1], 1.2))
        #expect(close(solution.objective, -2.8))
    }

    /// An equality with an upper bound: max 2x + y, x + y = 3, x ≤ 2 → (2, 1), 5.
    @Test func equalityAndUpperBound() throws {
        let solution = try optimal(LinearProgram(
            maximize: [2, 1], constraints: [.init([1, 1], .equal, 3)], upperBounds: [2, nil]))
        #expect(close(solution.values[0], 2) && close(solution.values[1], 1))
        #expect(close(solution.objective, 5))
    }

    /// A negative right side is flipped: −x ≤ −2 is x ≥ 2; max −x → x = 2.
    @Test func negativeRightSide() throws {
        let solution = try optimal(LinearProgram(maximize: [-1], constraints: [.init([-1], .lessOrEqual, -2)]))
        #expect(close(solution.values[0], 2))
    }

    /// A redundant equality leaves an artificial basic at zero after phase 1; it must not break
    /// phase 2: x + y = 2, 2x + 2y = 4, max x → x = 2.
    @Test func redundantEqualityRows() throws {
        let solution = try optimal(LinearProgram(
            maximize: [1, 0], constraints: [.init([1, 1], .equal, 2), .init([2, 2], .equal, 4)]))
        #expect(close(solution.values[0], 2) && close(solution.values[1], 0))
    }

    /// Chvátal's degenerate example, on which the largest-coefficient rule cycles forever;
    /// Bland's rule reaches the optimum (1, 0, 1, 0) with value 1.
    @Test func degenerateProblemThatCyclesUnderDantzigsRule() throws {
        let solution = try optimal(LinearProgram(
            maximize: [10, -57, -9, -24],
            constraints: [
                .init([0.5, -5.5, -2.5, 9], .lessOrEqual, 0),
                .init([0.5, -1.5, -0.5, 1], .lessOrEqual, 0),
                .init([1, 0, 0, 0], .lessOrEqual, 1),
            ]))
        #expect(close(solution.objective, 1))
        #expect(close(solution.values[0], 1) && close(solution.values[2], 1))
    }

    @Test func infeasibleProgram() throws {
        let result = try solver.solve(LinearProgram(
            maximize: [1, 1], constraints: [.init([1, 1], .lessOrEqual, 1), .init([1, 1], .greaterOrEqual, 2)]))
        #expect(result == .infeasible)
    }

    @Test func unboundedProgram() throws {
        let result = try solver.solve(LinearProgram(maximize: [1, 0], constraints: [.init([1, -1], .lessOrEqual, 1)]))
        #expect(result == .unbounded)
    }

    /// An upper bound turns the same direction bounded.
    @Test func upperBoundsBoundTheObjective() throws {
        let solution = try optimal(LinearProgram(
            maximize: [1, 0], constraints: [.init([1, -1], .lessOrEqual, 1)], upperBounds: [nil, 3]))
        #expect(close(solution.objective, 4))
    }

    /// The bundle program for a ladder "above 110k ⇒ above 100k" with YES(100k) asked at 0.40
    /// and NO(110k) at 0.55 (its YES bid 0.45): buy one of each, guaranteed 1, profit 0.05.
    @Test func bundleShapedProgram() throws {
        // Variables: YES100k, NO110k, t. States (100k, 110k): (no,no), (yes,no), (yes,yes).
        let solution = try optimal(LinearProgram(
            maximize: [-0.40, -0.55, 1],
            constraints: [
                .init([0, -1, 1], .lessOrEqual, 0),
                .init([-1, -1, 1], .lessOrEqual, 0),
                .init([-1, 0, 1], .lessOrEqual, 0),
            ],
            upperBounds: [1, 1, nil]))
        #expect(close(solution.objective, 0.05))
        #expect(close(solution.values[0], 1) && close(solution.values[1], 1))
    }

    @Test func malformedProgramsThrowWithTheFix() {
        #expect(throws: LinearProgramError.dimensionMismatch(row: 0, expected: 2, found: 1)) {
            try solver.solve(LinearProgram(maximize: [1, 1], constraints: [.init([1], .lessOrEqual, 1)]))
        }
        #expect(throws: LinearProgramError.noVariables) { try solver.solve(LinearProgram(maximize: [])) }
        #expect(throws: LinearProgramError.nonFiniteCoefficient(row: 0)) {
            try solver.solve(LinearProgram(maximize: [1], constraints: [.init([.nan], .lessOrEqual, 1)]))
        }
        #expect(throws: LinearProgramError.negativeUpperBound(variable: 0)) {
            try solver.solve(LinearProgram(maximize: [1], upperBounds: [-1]))
        }
    }
}
