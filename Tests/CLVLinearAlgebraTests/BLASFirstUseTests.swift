import Foundation
import Synchronization
import Testing
import CLVLinearAlgebra
import CLVTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// OpenBLAS's worker threads are stopped once, before any BLAS work starts in the process
/// (`BLAS.useSingleThread()`): stopping them while another thread's call is using them would
/// leave that call waiting for them forever. Whether that can happen is decided by the first BLAS
/// calls of a process, so the check runs in a fresh copy of the test process.
@Suite struct BLASFirstUseTests {
    /// Set in the fresh copy's environment: there the test runs the race itself.
    static let childVariable = "CLVSIM_BLAS_FIRST_USE_CHILD"

    @Test func firstCallsFinishWhileAnotherThreadStopsTheWorkers() throws {
        if ProcessInfo.processInfo.environment[Self.childVariable] != nil {
            try Self.race()
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--testing-library", "swift-testing", "--filter", "BLASFirstUseTests"]
        var environment = ProcessInfo.processInfo.environment
        environment[Self.childVariable] = "1"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The race takes well under a second; a call left waiting for stopped workers never ends.
        guard process.waitUntilExit(within: 60) else {
            Issue.record("BLAS calls made while the workers were stopped did not finish within 60 s")
            return
        }
        #expect(process.terminationStatus == 0)
    }

    /// Three threads start least-squares fits and products in a process that has made no BLAS
    /// call yet, while a fourth stops the workers a moment later; every call must finish and
    /// give the same solution as the others.
    static func race() throws {
        let rows = 300, columns = 60
        var a = Matrix(rows: rows, columns: columns)
        for j in 0..<columns { for i in 0..<rows { a[i, j] = sin(Double(i * columns + j)) + (i == j ? 4 : 0) } }
        var b = Matrix(rows: rows, columns: 1)
        for i in 0..<rows { b[i, 0] = cos(Double(i)) }
        let design = a, target = b
        let solutions = Mutex<[Matrix]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            if worker == 0 {
                usleep(2_000)
                BLAS.useSingleThread()
                return
            }
            for _ in 0..<20 {
                if let x = try? BLAS.leastSquares(design, target), let _ = try? BLAS.product(design, x) {
                    solutions.withLock { $0.append(x) }
                }
            }
        }
        let all = solutions.withLock { $0 }
        #expect(all.count == 60)
        #expect(all.allSatisfy { $0 == all[0] })
        #expect(BLAS.threadCount == 1)
    }
}
