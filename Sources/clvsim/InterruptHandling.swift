import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT and SIGTERM into a cancellation request that a run polls between blocks of
/// trials, so that an interrupted run stops cleanly: temporary files are removed and the
/// previous results stay as they were. The signals are handled on a dispatch queue, never in
/// signal context.
final class InterruptHandling: Sendable {
    static let shared = InterruptHandling()

    private let requested = Atomic<Int32>(0)
    private let sources = Mutex<[DispatchSourceSignal]>([])

    /// The signal that was received, or nil.
    var signal: Int32? {
        let value = requested.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// Whether a stop has been requested.
    var isCancelled: Bool { requested.load(ordering: .relaxed) != 0 }

    /// Starts catching SIGINT and SIGTERM. A second signal of either kind exits at once, after
    /// removing temporary files.
    func install() {
        sources.withLock { sources in
            guard sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM] {
                Glibc.signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [self] in
                    let (exchanged, _) = requested.compareExchange(expected: 0, desired: number, ordering: .relaxed)
                    if !exchanged {
                        TemporaryFiles.shared.removeAll()
                        exit(128 + number)
                    }
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}
