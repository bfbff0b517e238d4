import CLVCore
import CLVReport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A shard file opened for reading: its header, and where its data starts.
final class OpenShard: Sendable {
    let path: String
    let header: ShardHeader
    private let descriptor: Int32
    private let dataStart: Int

    fileprivate init(path: String, header: ShardHeader, descriptor: Int32, dataStart: Int) {
        self.path = path
        self.header = header
        self.descriptor = descriptor
        self.dataStart = dataStart
    }

    deinit { close(descriptor) }

    /// Fills `buffer` from byte `dataOffset` of the data; false when the file ends first or a
    /// read fails (errno says why).
    func read(into buffer: UnsafeMutableRawBufferPointer, dataOffset: Int) -> Bool {
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(dataStart + dataOffset + done))
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                if n == 0 { errno = EIO }
                return false
            }
            done += n
        }
        return true
    }
}

/// The shards of one run, checked to belong together: same clvsim version, scenario, seed,
/// trial count, shard count and options, every index once, each covering its trials
/// (docs/distributed.md "Merging").
struct ShardSet {
    /// The shards in index order.
    let shards: [OpenShard]

    /// Why shards cannot be merged: exit 66 (nothing to read) or 65, one line per problem.
    struct Failure: Error {
        let exit: ClvsimExit
        let lines: [String]
    }

    /// Opens the shard files named by `arguments` (files, or folders whose `*.clvshard` files
    /// are all taken) and checks them.
    ///
    /// - Throws: `Failure` listing every problem found, each naming the shard file.
    static func open(_ arguments: [String], version: String) throws(Failure) -> ShardSet {
        var paths: [String] = []
        var unreadable: [String] = []
        for argument in arguments {
            var status = stat()
            guard stat(argument, &status) == 0 else {
                unreadable.append("\(argument): cannot read: \(String(cString: strerror(errno)))")
                continue
            }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                let found = shardFiles(in: argument)
                if found.isEmpty { unreadable.append("\(argument): no shard files (*.\(ShardFile.fileExtension)) in this folder — run `clvsim run SCENARIO --shard I/N --out \(argument)` first") }
                paths += found
            } else {
                paths.append(argument)
            }
        }
        guard unreadable.isEmpty else { throw Failure(exit: .inputUnreadable, lines: unreadable) }
        var problems: [String] = []
        var opened: [OpenShard] = []
        for path in paths {
            switch openShard(path) {
            case .success(let shard): opened.append(shard)
            case .failure(let failure):
                if failure.exit == .inputUnreadable { unreadable += failure.lines } else { problems += failure.lines }
            }
        }
        guard unreadable.isEmpty else { throw Failure(exit: .inputUnreadable, lines: unreadable) }
        guard problems.isEmpty, let first = opened.first else {
            throw Failure(exit: .invalidInput, lines: problems.isEmpty ? ["no shard files given"] : problems)
        }
        for shard in opened {
            problems += differences(shard, from: first, version: version)
        }
        guard problems.isEmpty else { throw Failure(exit: .invalidInput, lines: problems) }
        let count = first.header.shard.count
        var byIndex = [OpenShard?](repeating: nil, count: count)
        for shard in opened {
            let i = shard.header.shard.index
            if let other = byIndex[i] {
                problems.append("\(shard.path): shard \(shard.header.shard) appears twice, also as \(other.path) — give each shard once")
            } else {
                byIndex[i] = shard
            }
        }
        for (i, shard) in byIndex.enumerated() where shard == nil {
            problems.append("shard \(i)/\(count) is missing — run `clvsim run \(first.header.scenarioFile) --shard \(i)/\(count) --trials \(first.header.trials) --seed \(first.header.seed)` and merge again")
        }
        guard problems.isEmpty else { throw Failure(exit: .invalidInput, lines: problems) }
        return ShardSet(shards: byIndex.compactMap { $0 })
    }

    /// The `*.clvshard` files in a folder, sorted by name.
    private static func shardFiles(in folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix("." + ShardFile.fileExtension) && !name.hasPrefix(".") { names.append(name) }
        }
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        return names.sorted().map { base + $0 }
    }

    /// Opens one shard file and reads its header, checking the file's length.
    private static func openShard(_ path: String) -> Result<OpenShard, Failure> {
        func damaged(_ why: String) -> Result<OpenShard, Failure> {
            .failure(Failure(exit: .invalidInput, lines: ["\(path): \(why)"]))
        }
        let descriptor = openReadOnly(path)
        guard descriptor >= 0 else {
            return .failure(Failure(exit: .inputUnreadable, lines: ["\(path): cannot read the shard file: \(String(cString: strerror(errno)))"]))
        }
        var keep = false
        defer { if !keep { close(descriptor) } }
        func readBytes(_ count: Int, at offset: Int) -> [UInt8]? {
            var bytes = [UInt8](repeating: 0, count: count)
            var done = 0
            while done < count {
                let n = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done)) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return nil }
                done += n
            }
            return bytes
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            return damaged("not a regular file — give shard files or the folders that hold them")
        }
        guard let first16 = readBytes(16, at: 0), let length = ShardFile.headerLength(first16) else {
            return damaged("not a clvsim shard file (it does not start with CLVSHRD1) — give the .clvshard files that `clvsim run --shard` wrote")
        }
        guard let headerBytes = readBytes(length, at: 16), let header = ShardHeader(bytes: headerBytes) else {
            return damaged("the shard file's header is damaged or of a format this clvsim cannot read — run the shard again")
        }
        let dataStart = ShardFile.dataOffset(headerLength: length)
        let expected = dataStart + ShardFile.dataBytes(header)
        guard Int(status.st_size) == expected else {
            return damaged("the shard file is \(status.st_size) bytes, not the \(expected) its header announces (cut short or damaged) — run shard \(header.shard) again")
        }
        let range = header.shard.trialRange(of: header.trials)
        guard header.firstTrial == range.lowerBound, header.count == range.count else {
            return damaged("shard \(header.shard) holds trials \(header.firstTrial)..<\(header.firstTrial + header.count), not \(range) — run it again")
        }
        keep = true
        return .success(OpenShard(path: path, header: header, descriptor: descriptor, dataStart: dataStart))
    }

    /// What makes `shard` not belong with `first` (or with this clvsim), one line each.
    private static func differences(_ shard: OpenShard, from first: OpenShard, version: String) -> [String] {
        let a = shard.header, b = first.header
        var out: [String] = []
        func differ(_ what: String, _ mine: String, _ theirs: String, _ fix: String) {
            out.append("\(shard.path): shard of another \(what): \(mine) here, \(theirs) in \(first.path) — \(fix)")
        }
        if a.version != version {
            out.append("\(shard.path): written by clvsim \(a.version), but this is clvsim \(version) — run every shard and the merge with the same version")
        }
        if a.scenarioSHA256 != b.scenarioSHA256 {
            differ("scenario", "\(a.scenarioName) (sha256 \(a.scenarioSHA256.prefix(12))…)",
                   "\(b.scenarioName) (sha256 \(b.scenarioSHA256.prefix(12))…)", "merge the shards of one scenario file")
        }
        if a.seed != b.seed { differ("seed", String(a.seed), String(b.seed), "run every shard with the same --seed") }
        if a.trials != b.trials { differ("trial count", String(a.trials), String(b.trials), "run every shard with the same --trials") }
        if a.shard.count != b.shard.count {
            differ("split", "\(a.shard.count) shards", "\(b.shard.count)", "run every shard with the same N in --shard I/N")
        }
        if a.sampling != b.sampling { differ("sampling", a.sampling.rawValue, b.sampling.rawValue, "run every shard with the same --sampling") }
        if a.extraDiscountRates.map(\.bitPattern) != b.extraDiscountRates.map(\.bitPattern) {
            differ("set of --discount-rates", "\(a.extraDiscountRates)", "\(b.extraDiscountRates)", "run every shard with the same --discount-rates")
        }
        if a.sensitivityMetric != b.sensitivityMetric {
            differ("--sensitivity-metric", a.sensitivityMetric, b.sensitivityMetric, "run every shard with the same --sensitivity-metric")
        }
        if out.isEmpty && (a.metricNames != b.metricNames || a.inputNames != b.inputNames || a.periods != b.periods) {
            out.append("\(shard.path): its columns differ from those of \(first.path) — run the shard again")
        }
        return out
    }
}

/// `open(path, O_RDONLY)`, named apart from `ShardSet.open`.
private func openReadOnly(_ path: String) -> Int32 { open(path, O_RDONLY) }
