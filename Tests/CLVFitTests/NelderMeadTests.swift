import Foundation
import Testing
@testable import CLVFit

@Suite struct NelderMeadTests {
    @Test func rosenbrockFromTheClassicStart() {
        let rosenbrock: ([Double]) -> Double = { x in 100 * pow(x[1] - x[0] * x[0], 2) + pow(1 - x[0], 2) }
        let result = NelderMead().minimize(rosenbrock, from: [-1.2, 1])
        #expect(result.converged)
        #expect(abs(result.point[0] - 1) < 1e-5)
        #expect(abs(result.point[1] - 1) < 1e-5)
        #expect(result.value < 1e-10)
    }

    @Test func fourDimensionalQuadraticWithCrossTerms() {
        // f(x) = (x − c)ᵀ A (x − c) with A positive definite; minimum 0 at c.
        let c = [1.0, -2.0, 3.0, 0.5]
        let a = [[4.0, 1, 0, 0], [1, 3, 0.5, 0], [0, 0.5, 2, 0.3], [0, 0, 0.3, 1]]
        let f: ([Double]) -> Double = { x in
            var s = 0.0
            for i in 0..<4 { for j in 0..<4 { s += (x[i] - c[i]) * a[i][j] * (x[j] - c[j]) } }
            return s
        }
        let result = NelderMead().minimize(f, from: [0, 0, 0, 0])
        #expect(result.converged)
        for i in 0..<4 { #expect(abs(result.point[i] - c[i]) < 1e-4) }
    }

    @Test func nonFiniteValuesAreAvoided() {
        // log-barrier: undefined for x ≤ 0; minimum of x − log x at x = 1.
        let f: ([Double]) -> Double = { x in x[0] > 0 ? x[0] - log(x[0]) : .nan }
        let result = NelderMead().minimize(f, from: [0.2])
        #expect(result.converged)
        #expect(abs(result.point[0] - 1) < 1e-5)
    }

    @Test func himmelblauReachesOneOfItsMinima() {
        let f: ([Double]) -> Double = { x in pow(x[0] * x[0] + x[1] - 11, 2) + pow(x[0] + x[1] * x[1] - 7, 2) }
        let result = NelderMead().minimize(f, from: [0, 0])
        #expect(result.value < 1e-10)
    }

    @Test func evaluationBudgetIsRespected() {
        let rosenbrock: ([Double]) -> Double = { x in 100 * pow(x[1] - x[0] * x[0], 2) + pow(1 - x[0], 2) }
        let result = NelderMead(maxEvaluations: 30).minimize(rosenbrock, from: [-1.2, 1])
        #expect(!result.converged)
        #expect(result.evaluations <= 40)
    }
}
