import Testing
import CLVLinearAlgebra

@Suite struct BLASTests {
    @Test func gemmMatchesHandProduct() throws {
        let a = try Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
        let b = try Matrix(rowMajor: [[7, 8], [9, 10], [11, 12]])
        let c = try BLAS.product(a, b)
        let expected = try Matrix(rowMajor: [[58, 64], [139, 154]])
        #expect(c == expected)
        let ct = try BLAS.product(b, transposeA: true, a, transposeB: true)
        #expect(ct == c.transposed)
    }

    @Test func gemvMatchesHandProduct() throws {
        let a = try Matrix(rowMajor: [[1, 2], [3, 4], [5, 6]])
        #expect(try BLAS.product(a, [1, -1]) == [-1, -1, -1])
        #expect(try BLAS.product(a, transpose: true, [1, 1, 1]) == [9, 12])
    }

    @Test func raggedOrMiscountedInputIsAnError() {
        #expect(throws: LinearAlgebraError.self) { try Matrix(rowMajor: [[1, 2], [3]]) }
        #expect(throws: LinearAlgebraError.self) { try Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 3]) }
        #expect(Matrix(rows: -1, columns: 3).elements.isEmpty)
    }

    @Test func gemmRejectsMismatchedShapes() {
        let a = Matrix(rows: 2, columns: 3)
        #expect(throws: LinearAlgebraError.self) { try BLAS.product(a, a) }
    }

    @Test func choleskyReproducesMatrix() throws {
        let a = try Matrix(rowMajor: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
        let l = try BLAS.cholesky(a)
        let expected = try Matrix(rowMajor: [[2, 0, 0], [6, 1, 0], [-8, 5, 3]])
        #expect(l == expected)
        let back = try BLAS.product(l, l, transposeB: true)
        for (x, y) in zip(back.elements, a.elements) { #expect(abs(x - y) < 1e-12) }
    }

    @Test func choleskyNamesTheFailingMinor() throws {
        // Leading 1×1 and 2×2 minors are positive definite; the full 3×3 matrix is not.
        let a = try Matrix(rowMajor: [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 3)) { try BLAS.cholesky(a) }
        let b = try Matrix(rowMajor: [[1, 2], [2, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 2)) { try BLAS.cholesky(b) }
    }

    @Test func leastSquaresRecoversExactLine() throws {
        // y = 2 + 3x fitted by least squares on exact data.
        let xs: [Double] = [0, 1, 2, 3, 4]
        let design = try Matrix(rowMajor: xs.map { [1, $0] })
        let y = try Matrix(rows: 5, columns: 1, columnMajor: xs.map { 2 + 3 * $0 })
        let beta = try BLAS.leastSquares(design, y)
        #expect(abs(beta[0, 0] - 2) < 1e-12)
        #expect(abs(beta[1, 0] - 3) < 1e-12)
    }

    @Test func leastSquaresMatchesNormalEquations() throws {
        // Noisy fit: residual must be orthogonal to the columns of the design.
        let xs: [Double] = [0, 1, 2, 3, 4, 5]
        let ys: [Double] = [1.1, 2.9, 5.2, 6.8, 9.1, 11.0]
        let design = try Matrix(rowMajor: xs.map { [1, $0] })
        let beta = try BLAS.leastSquares(design, try Matrix(rows: 6, columns: 1, columnMajor: ys))
        let fitted = try BLAS.product(design, [beta[0, 0], beta[1, 0]])
        let residual = zip(ys, fitted).map { $0 - $1 }
        let orthogonality = try BLAS.product(design, transpose: true, residual)
        #expect(orthogonality.allSatisfy { abs($0) < 1e-10 })
    }

    @Test func singleThreadSetting() {
        BLAS.useSingleThread()
        #expect(BLAS.threadCount == 1)
    }
}
