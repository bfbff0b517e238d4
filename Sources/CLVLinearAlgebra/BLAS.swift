import COpenBLAS

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only code in clvsim that calls OpenBLAS. Every call passes column-major storage with
/// leading dimension equal to the row count; nothing outside this file touches pointers into BLAS.
public enum BLAS {
    /// Makes OpenBLAS single-threaded and stops its worker threads. clvsim parallelises over
    /// trials itself, so a BLAS call inside a worker must not start threads of its own.
    ///
    /// A multi-threaded OpenBLAS starts a worker on every core but one when it is loaded, and
    /// each worker waits for work by spinning (`sched_yield`) for about 2²⁸ cycles — a tenth of a
    /// second — before it sleeps. Setting the thread count does not stop them, so every run
    /// would start with the cores busy for that long (on a 64-core server, six CPU-seconds
    /// taken from the trial workers). Here the workers are stopped (`blas_thread_shutdown_`,
    /// looked up at run time: an OpenBLAS built without threads has neither workers nor that
    /// function), and every later BLAS call runs on the thread that makes it.
    ///
    /// Only the first call acts: setting the thread count again would start the workers again.
    /// Every function here calls it before it calls OpenBLAS, so the workers are stopped before
    /// any BLAS work starts in the process, whichever thread comes first (a thread that arrives
    /// meanwhile waits for the set-up to finish). Stopping them while another thread's call
    /// still uses them would leave that call waiting for them forever. Calling it at start-up
    /// does the set-up early; later calls are free.
    public static func useSingleThread() {
        _ = singleThreaded
    }

    /// The one-time effect of `useSingleThread()` (a `static let` is initialised exactly once,
    /// whichever thread gets there first).
    private static let singleThreaded: Void = {
        openblas_set_num_threads(1)
        stopWorkerThreads()
    }()

    /// Stops OpenBLAS's worker threads if this OpenBLAS has them: they finish at once, and the
    /// library keeps working on the calling thread.
    private static func stopWorkerThreads() {
        guard let program = dlopen(nil, RTLD_NOW) else { return }
        defer { dlclose(program) }
        guard let shutdown = dlsym(program, "blas_thread_shutdown_") else { return }
        _ = unsafeBitCast(shutdown, to: (@convention(c) () -> Int32).self)()
    }

    /// The number of threads OpenBLAS is configured to use.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// General matrix product `C ← α·op(A)·op(B) + β·C` (dgemm), where `op(X)` is `X` or `Xᵀ`.
    ///
    /// - Complexity: O(m · n · k) for `op(A)` of size m × k and `op(B)` of size k × n.
    public static func gemm(
        _ a: Matrix, transposeA: Bool = false,
        _ b: Matrix, transposeB: Bool = false,
        alpha: Double = 1, beta: Double = 0, into c: inout Matrix
    ) throws {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        guard k == kb, c.rows == m, c.columns == n else {
            throw LinearAlgebraError.dimensionMismatch(
                "op(A) is \(m)×\(k), op(B) is \(kb)×\(n), C is \(c.rows)×\(c.columns)")
        }
        if m == 0 || n == 0 { return }
        try checkSize(m, n, k, a.rows, b.rows, c.rows)
        useSingleThread()
        a.elements.withUnsafeBufferPointer { pa in
            b.elements.withUnsafeBufferPointer { pb in
                c.elements.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(
                        CblasColMajor,
                        transposeA ? CblasTrans : CblasNoTrans,
                        transposeB ? CblasTrans : CblasNoTrans,
                        blasint(m), blasint(n), blasint(k),
                        alpha, pa.baseAddress, blasint(max(1, a.rows)),
                        pb.baseAddress, blasint(max(1, b.rows)),
                        beta, pc.baseAddress, blasint(max(1, c.rows)))
                }
            }
        }
    }

    /// Matrix product `op(A)·op(B)` as a new matrix.
    ///
    /// - Complexity: O(m · n · k).
    public static func product(
        _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false
    ) throws -> Matrix {
        var c = Matrix(rows: transposeA ? a.columns : a.rows, columns: transposeB ? b.rows : b.columns)
        try gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
        return c
    }

    /// Matrix–vector product `y ← α·op(A)·x + β·y` (dgemv).
    ///
    /// - Complexity: O(rows · columns).
    public static func gemv(
        _ a: Matrix, transpose: Bool = false, _ x: [Double],
        alpha: Double = 1, beta: Double = 0, into y: inout [Double]
    ) throws {
        let xCount = transpose ? a.rows : a.columns
        let yCount = transpose ? a.columns : a.rows
        guard x.count == xCount, y.count == yCount else {
            throw LinearAlgebraError.dimensionMismatch(
                "op(A) is \(yCount)×\(xCount), x has \(x.count), y has \(y.count)")
        }
        if yCount == 0 { return }
        if xCount == 0 {
            for i in y.indices { y[i] *= beta }
            return
        }
        try checkSize(a.rows, a.columns)
        useSingleThread()
        a.elements.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    cblas_dgemv(
                        CblasColMajor, transpose ? CblasTrans : CblasNoTrans,
                        blasint(a.rows), blasint(a.columns), alpha,
                        pa.baseAddress, blasint(max(1, a.rows)),
                        px.baseAddress, 1, beta, py.baseAddress, 1)
                }
            }
        }
    }

    /// Matrix–vector product `op(A)·x` as a new vector.
    public static func product(_ a: Matrix, transpose: Bool = false, _ x: [Double]) throws -> [Double] {
        var y = [Double](repeating: 0, count: transpose ? a.columns : a.rows)
        try gemv(a, transpose: transpose, x, into: &y)
        return y
    }

    /// Lower Cholesky factor `L` with `A = L·Lᵀ` (LAPACK dpotrf). Only the lower triangle of `A`
    /// is read; the returned matrix has zeros above the diagonal.
    ///
    /// - Throws: `LinearAlgebraError.notPositiveDefinite(leadingMinor:)` naming the first leading
    ///   minor that is not positive definite.
    /// - Complexity: O(n³ / 3).
    public static func cholesky(_ a: Matrix) throws -> Matrix {
        guard a.rows == a.columns else {
            throw LinearAlgebraError.dimensionMismatch("Cholesky needs a square matrix, got \(a.rows)×\(a.columns)")
        }
        let n = a.rows
        if n == 0 { return a }
        try checkSize(n)
        useSingleThread()
        var l = a
        var uplo = CChar(UInt8(ascii: "L"))
        var order = Int32(n)
        var lda = Int32(n)
        var info: Int32 = 0
        l.elements.withUnsafeMutableBufferPointer { p in
            dpotrf_(&uplo, &order, p.baseAddress, &lda, &info)
        }
        if info > 0 { throw LinearAlgebraError.notPositiveDefinite(leadingMinor: Int(info)) }
        if info < 0 { throw LinearAlgebraError.dimensionMismatch("dpotrf rejected argument \(-info)") }
        for j in 1..<max(n, 1) { for i in 0..<j { l[i, j] = 0 } }
        return l
    }

    /// Least-squares solution of `A·X ≈ B` for a full-rank `A` with `rows ≥ columns`
    /// (LAPACK dgels, by QR): minimises `‖A·x − b‖₂` for every column `b` of `B`.
    /// Returns `X`, of size `A.columns × B.columns`.
    ///
    /// - Throws: `LinearAlgebraError.rankDeficient(column:)` when `A` lacks full column rank.
    /// - Complexity: O(rows · columns² + rows · columns · B.columns).
    public static func leastSquares(_ a: Matrix, _ b: Matrix) throws -> Matrix {
        guard a.rows == b.rows else {
            throw LinearAlgebraError.dimensionMismatch("A has \(a.rows) rows, B has \(b.rows)")
        }
        guard a.rows >= a.columns else {
            throw LinearAlgebraError.dimensionMismatch(
                "least squares needs at least as many rows as columns, got \(a.rows)×\(a.columns)")
        }
        let m = a.rows, n = a.columns, nrhs = b.columns
        if n == 0 || nrhs == 0 { return Matrix(rows: n, columns: nrhs) }
        try checkSize(m, n, nrhs)
        useSingleThread()
        var aWork = a
        var bWork = b
        var trans = CChar(UInt8(ascii: "N"))
        var mm = Int32(m), nn = Int32(n), rr = Int32(nrhs)
        var lda = Int32(m), ldb = Int32(m)
        var info: Int32 = 0
        // Workspace query, then the solve.
        var lwork: Int32 = -1
        var optimal = 0.0
        aWork.elements.withUnsafeMutableBufferPointer { pa in
            bWork.elements.withUnsafeMutableBufferPointer { pb in
                dgels_(&trans, &mm, &nn, &rr, pa.baseAddress, &lda, pb.baseAddress, &ldb, &optimal, &lwork, &info)
            }
        }
        lwork = Int32(max(1, Int(optimal)))
        var work = [Double](repeating: 0, count: Int(lwork))
        aWork.elements.withUnsafeMutableBufferPointer { pa in
            bWork.elements.withUnsafeMutableBufferPointer { pb in
                work.withUnsafeMutableBufferPointer { pw in
                    dgels_(&trans, &mm, &nn, &rr, pa.baseAddress, &lda, pb.baseAddress, &ldb, pw.baseAddress, &lwork, &info)
                }
            }
        }
        if info > 0 { throw LinearAlgebraError.rankDeficient(column: Int(info)) }
        if info < 0 { throw LinearAlgebraError.dimensionMismatch("dgels rejected argument \(-info)") }
        var x = Matrix(rows: n, columns: nrhs)
        for j in 0..<nrhs { for i in 0..<n { x[i, j] = bWork[i, j] } }
        return x
    }

    /// Solution `X` of the square system `A·X = B` (LAPACK dgesv: LU factorisation with partial
    /// pivoting, then forward and back substitution).
    ///
    /// - Throws: `LinearAlgebraError.singular(pivot:)` naming the first zero pivot of `U`.
    /// - Complexity: O(n³ · 2/3 + n² · B.columns).
    public static func solve(_ a: Matrix, _ b: Matrix) throws -> Matrix {
        guard a.rows == a.columns, b.rows == a.rows else {
            throw LinearAlgebraError.dimensionMismatch("solve needs a square A and a B with as many rows, got \(a.rows)×\(a.columns) and \(b.rows)×\(b.columns)")
        }
        let n = a.rows, nrhs = b.columns
        if n == 0 || nrhs == 0 { return b }
        try checkSize(n, nrhs)
        useSingleThread()
        var lu = a
        var x = b
        var nn = Int32(n), rr = Int32(nrhs), lda = Int32(n), ldb = Int32(n)
        var pivots = [Int32](repeating: 0, count: n)
        var info: Int32 = 0
        lu.elements.withUnsafeMutableBufferPointer { pa in
            x.elements.withUnsafeMutableBufferPointer { pb in
                pivots.withUnsafeMutableBufferPointer { pp in
                    dgesv_(&nn, &rr, pa.baseAddress, &lda, pp.baseAddress, pb.baseAddress, &ldb, &info)
                }
            }
        }
        if info > 0 { throw LinearAlgebraError.singular(pivot: Int(info)) }
        if info < 0 { throw LinearAlgebraError.dimensionMismatch("dgesv rejected argument \(-info)") }
        return x
    }

    private static func checkSize(_ sizes: Int...) throws {
        for s in sizes where s > Int(Int32.max) { throw LinearAlgebraError.tooLarge(s) }
    }
}
