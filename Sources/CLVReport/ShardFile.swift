import CLVCore

/// The file a shard of a run writes, `shard-<I>-of-<N>.clvshard` (docs/distributed.md "What a
/// shard file holds").
///
/// Layout, every number little-endian:
/// - 8 bytes `CLVSHRD1`, then the header's length L as a UInt64;
/// - L bytes of header, a JSON object (`ShardHeader`): the clvsim version, the scenario (name,
///   file, SHA-256 and its whole text), the run (seed, T, N, I, trial range, sampling, extra
///   discount rates, sensitivity metric), the column names, the period series' shape and the
///   diagnostic counts;
/// - zero bytes up to a multiple of 8;
/// - the data, as IEEE 754 doubles: every metric column (`count` values each, in column
///   order), every input column, then the period series' active customers and net cash flow
///   (row-major, `seriesTrials × periods` each) and, with dynamics, its customers by state
///   (`seriesTrials × states × periods`, `PeriodSeries.customersByState`).
///
/// A shard file holds no timing and no thread count, so running a shard again writes the same
/// bytes: shards are idempotent. Columns are stored whole, so a merge reads one column of every
/// shard at a time.
public enum ShardFile {
    /// The first 8 bytes.
    public static let magic: [UInt8] = Array("CLVSHRD1".utf8)
    /// The file name of shard `shard`.
    public static func name(_ shard: Shard) -> String { "shard-\(shard.index)-of-\(shard.count).clvshard" }
    /// The file name ending shard files carry.
    public static let fileExtension = "clvshard"
    /// The largest header a reader accepts (a header holds the scenario file, ≤ 64 MiB).
    public static let maximumHeaderBytes = ScenarioLimits.maximumFileBytes * 2 + (1 << 20)

    /// The bytes before the data: magic, header length, header and padding.
    ///
    /// - Complexity: O(header size).
    public static func prefix(_ header: ShardHeader) -> [UInt8] {
        let text = Array(header.document().rendered(indent: 0).utf8)
        var bytes = magic
        bytes += littleEndianBytes(UInt64(text.count))
        bytes += text
        while bytes.count % 8 != 0 { bytes.append(0) }
        return bytes
    }

    /// The offset of the data in a file whose header is `headerLength` bytes long.
    public static func dataOffset(headerLength: Int) -> Int {
        (16 + headerLength + 7) / 8 * 8
    }

    /// The data bytes a shard with this header carries.
    public static func dataBytes(_ header: ShardHeader) -> Int {
        8 * (header.count * (header.metricNames.count + header.inputNames.count)
             + (2 + header.seriesStates) * header.seriesTrials * header.periods)
    }

    /// The byte offset, within the data, of column `c` of the metrics (or, with `inputs`, of the
    /// input columns).
    public static func columnOffset(_ header: ShardHeader, column c: Int, inputs: Bool) -> Int {
        8 * header.count * ((inputs ? header.metricNames.count : 0) + c)
    }

    /// The byte offset, within the data, of the period series (active customers, net cash flow,
    /// then customers by state).
    public static func seriesOffset(_ header: ShardHeader) -> Int {
        8 * header.count * (header.metricNames.count + header.inputNames.count)
    }

    /// The data of a shard's result, in file order, in pieces of at most `pieceValues` values.
    ///
    /// - Complexity: O(trials · columns).
    public static func writeData(_ result: SimulationResult, pieceValues: Int = 1 << 16,
                                 _ body: ([UInt8]) throws -> Void) rethrows {
        for table in [result.metrics, result.inputs] {
            for c in table.names.indices {
                let column = table.column(at: c)
                var start = 0
                while start < column.count {
                    let end = min(column.count, start + pieceValues)
                    try body(encode(column[start..<end]))
                    start = end
                }
            }
        }
        try body(encode(result.series.activeCustomers[...]))
        try body(encode(result.series.netCashFlow[...]))
        if !result.series.customersByState.isEmpty { try body(encode(result.series.customersByState[...])) }
    }

    /// Doubles as little-endian bytes.
    public static func encode(_ values: ArraySlice<Double>) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: values.count * 8)
        bytes.withUnsafeMutableBytes { raw in
            for (k, x) in values.enumerated() {
                raw.storeBytes(of: x.bitPattern.littleEndian, toByteOffset: 8 * k, as: UInt64.self)
            }
        }
        return bytes
    }

    /// Little-endian bytes as doubles.
    public static func decode(_ bytes: UnsafeRawBufferPointer) -> [Double] {
        (0..<bytes.count / 8).map { k in
            Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self)))
        }
    }

    /// A UInt64 as 8 little-endian bytes.
    static func littleEndianBytes(_ x: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: x >> (8 * $0)) }
    }

    /// The header length stored in the first 16 bytes of a file; nil when they do not start a
    /// shard file.
    public static func headerLength(_ first16: [UInt8]) -> Int? {
        guard first16.count == 16, Array(first16[0..<8]) == magic else { return nil }
        var length: UInt64 = 0
        for k in 0..<8 { length |= UInt64(first16[8 + k]) << (8 * k) }
        guard length <= UInt64(maximumHeaderBytes) else { return nil }
        return Int(length)
    }
}
