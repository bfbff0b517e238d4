import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress bar with an estimated time to completion, drawn on standard error.
///
/// It shows only when standard error is a terminal, and only once the run has lasted about a
/// second (`CLVSIM_PROGRESS_AFTER` seconds when that environment variable is set), so short
/// runs and redirected output stay clean. It is redrawn at most ten times a
/// second, from whichever worker thread reports progress, and erased by `finish()`.
///
/// The ETA is elapsed · (total − done) / done: the average pace so far, extrapolated.
///
/// For a target-precision run the bar shows the precision reached against the target instead of
/// trials against a maximum: half-widths shrink as 1/√trials, so the share done is
/// (target / reached)² and the ETA is elapsed · ((reached / target)² − 1).
final class ProgressBar: Sendable {
    private struct State {
        var lastDraw: UInt64 = 0
        var drawn = false
        var finished = false
        var done = 0
        /// The widest relative half-width reached so far (precision runs).
        var halfWidth = Double.infinity
    }

    /// The relative half-width a precision run aims for; nil for a run of fixed length.
    private let precisionTarget: Double?
    private let total: Int
    private let start: UInt64
    private let delay: UInt64
    private let state = Mutex(State())
    private static let interval: UInt64 = 100_000_000

    /// A bar for `total` trials, or nil when it should not show (`quiet`, or stderr is not a
    /// terminal).
    init?(total: Int, quiet: Bool, precisionTarget: Double? = nil) {
        guard !quiet, total > 0, isatty(2) == 1 else { return nil }
        self.total = total
        self.precisionTarget = precisionTarget
        start = DispatchTime.now().uptimeNanoseconds
        delay = Self.delay(environment: getenv("CLVSIM_PROGRESS_AFTER").map { String(cString: $0) })
    }

    /// Nanoseconds before the bar first shows: the environment's value in seconds (0 to 3600),
    /// else one second.
    static func delay(environment value: String?) -> UInt64 {
        guard let value, let seconds = Double(value), seconds.isFinite, (0...3600).contains(seconds) else {
            return 1_000_000_000
        }
        return UInt64(seconds * 1e9)
    }

    /// Reports `done` trials completed; redraws when due.
    func update(_ done: Int) {
        redraw { $0.done = done }
    }

    /// Reports the widest relative half-width a precision run has reached after `trials` trials.
    func reached(trials: Int, halfWidth: Double) {
        redraw {
            $0.done = trials
            $0.halfWidth = halfWidth
        }
    }

    private func redraw(_ change: (inout State) -> Void) {
        let now = DispatchTime.now().uptimeNanoseconds
        state.withLock { state in
            change(&state)
            guard !state.finished, now - start >= delay, now - state.lastDraw >= Self.interval else { return }
            state.lastDraw = now
            state.drawn = true
            let elapsed = Double(now - start) / 1e9
            if let precisionTarget {
                Self.emit(Self.precisionLine(done: state.done, halfWidth: state.halfWidth, target: precisionTarget,
                                             elapsedSeconds: elapsed, columns: Self.columns()))
            } else {
                Self.emit(Self.line(done: state.done, total: total, elapsedSeconds: elapsed, columns: Self.columns()))
            }
        }
    }

    /// The text of a precision run's bar: `[####------]  precision ±0.84% (target ±0.50%)
    /// 12288 trials  ETA 0:41`, fitted to `columns` characters; the precision is "…" before two
    /// batches.
    static func precisionLine(done: Int, halfWidth: Double, target: Double, elapsedSeconds: Double, columns: Int) -> String {
        let known = halfWidth.isFinite && halfWidth > 0
        let fraction = known ? min(1, (target / halfWidth) * (target / halfWidth)) : 0
        let eta = known && fraction > 0 ? elapsedSeconds * (1 / fraction - 1) : .nan
        func percent(_ x: Double) -> String { String(format: "%.2f%%", x * 100) }
        let tail = "  precision ±\(known ? percent(halfWidth) : "…") (target ±\(percent(target)))  \(done) trials  ETA \(clock(eta))"
        let width = max(10, min(30, columns - tail.count - 4))
        let filled = Int((fraction * Double(width)).rounded(.down))
        return "\r[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]" + tail
    }

    /// Erases the bar, if it was drawn; later updates draw nothing.
    func finish() {
        state.withLock { state in
            if state.drawn { Self.emit("\r\u{1B}[2K") }
            state.finished = true
        }
    }

    /// The text of the bar: `[#####-----]  45%  4,500 / 10,000 trials  ETA 0:03`, fitted to
    /// `columns` characters.
    static func line(done: Int, total: Int, elapsedSeconds: Double, columns: Int) -> String {
        let fraction = min(1, max(0, Double(done) / Double(max(1, total))))
        let percent = String(Int((fraction * 100).rounded(.down)))
        let eta = done > 0 ? elapsedSeconds * Double(total - done) / Double(done) : .nan
        let tail = " \(String(repeating: " ", count: max(0, 3 - percent.count)))\(percent)%  \(done)/\(total) trials  ETA \(clock(eta))"
        let width = max(10, min(40, columns - tail.count - 4))
        let filled = Int((fraction * Double(width)).rounded(.down))
        return "\r[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]" + tail
    }

    /// Seconds as m:ss or h:mm:ss; "--:--" when unknown.
    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 360_000 else { return "--:--" }
        let s = Int(seconds.rounded(.up))
        let (h, m, r) = (s / 3600, (s % 3600) / 60, s % 60)
        let two = { (x: Int) in x < 10 ? "0\(x)" : "\(x)" }
        return h > 0 ? "\(h):\(two(m)):\(two(r))" : "\(m):\(two(r))"
    }

    private static func columns() -> Int {
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    private static func emit(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
    }
}
