import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Process {
    /// Waits at most `seconds` for the process to end, looking every 10 ms. If it is still running
    /// then, terminates it and waits until it has ended, so that nothing it uses (a folder, a
    /// pipe) is removed under it. Returns whether it ended by itself within the time.
    ///
    /// - Complexity: at most seconds / 0.01 looks.
    @discardableResult
    public func waitUntilExit(within seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning && Date() < deadline { usleep(10_000) }
        guard isRunning else { return true }
        terminate()
        waitUntilExit()
        return false
    }
}
