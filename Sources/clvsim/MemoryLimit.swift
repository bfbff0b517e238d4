import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much memory this process may use, from the operating system's limits (docs/model.md,
/// "Reproducibility" lists what a run needs): the smallest of 60% of physical memory, the
/// address-space and data-segment limits (`ulimit -v`, `ulimit -d`: RLIMIT_AS, RLIMIT_DATA), and
/// the control group's memory limit (cgroup v2 `memory.max`, v1 `memory.limit_in_bytes`). Of a
/// process limit only 80% is counted usable: code, thread stacks and the report need the rest.
struct MemoryLimit: Sendable, Equatable {
    /// Bytes a run's per-trial results may take.
    var usableBytes: Double
    /// Where the limit comes from, for messages, e.g. "the address-space limit (ulimit -v)".
    var source: String

    /// The share of physical memory a run may use.
    static let physicalShare = 0.6
    /// The share of a process or control-group limit counted usable.
    static let limitShare = 0.8

    /// The current limit.
    ///
    /// - Complexity: O(depth of the process's control group) file reads.
    static func current() -> MemoryLimit {
        var candidates = [MemoryLimit(usableBytes: Double(ProcessInfo.processInfo.physicalMemory) * physicalShare,
                                      source: "60% of this machine's memory")]
        for (resource, name) in [(RLIMIT_AS, "the address-space limit (ulimit -v)"), (RLIMIT_DATA, "the data-segment limit (ulimit -d)")] {
            var limit = rlimit()
            #if canImport(Glibc)
            let ok = getrlimit(__rlimit_resource_t(resource.rawValue), &limit) == 0
            #else
            let ok = getrlimit(resource, &limit) == 0
            #endif
            if ok, limit.rlim_cur != rlim_t.max {  // rlim_t.max is RLIM_INFINITY
                candidates.append(MemoryLimit(usableBytes: Double(limit.rlim_cur) * limitShare, source: name))
            }
        }
        if let bytes = controlGroupLimit() {
            candidates.append(MemoryLimit(usableBytes: bytes * limitShare, source: "the control group's memory limit"))
        }
        return candidates.min { $0.usableBytes < $1.usableBytes }!
    }

    /// The smallest memory limit of this process's control group and its ancestors, or nil.
    static func controlGroupLimit() -> Double? {
        var limits: [Double] = []
        let membership = (try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)) ?? ""
        var paths: [(root: String, file: String, group: String)] = [("/sys/fs/cgroup", "memory.max", "/"),
                                                                     ("/sys/fs/cgroup/memory", "memory.limit_in_bytes", "/")]
        for line in membership.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            if fields[0] == "0" && fields[1].isEmpty {
                paths.append(("/sys/fs/cgroup", "memory.max", String(fields[2])))
            } else if fields[1].split(separator: ",").contains("memory") {
                paths.append(("/sys/fs/cgroup/memory", "memory.limit_in_bytes", String(fields[2])))
            }
        }
        for (root, file, group) in paths {
            var components = group.split(separator: "/").map(String.init)
            while true {
                let folder = ([root] + components).joined(separator: "/")
                if let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8),
                   let value = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                   value > 0, value < 1e18 {
                    limits.append(value)
                }
                if components.isEmpty { break }
                components.removeLast()
            }
        }
        return limits.min()
    }

    /// `bytes` in GiB with one decimal, e.g. "3.7 GiB".
    static func gibibytes(_ bytes: Double) -> String {
        String(format: "%.1f GiB", bytes / 1_073_741_824)
    }
}
