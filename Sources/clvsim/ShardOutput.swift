import CLVCore
import CLVReport

/// Writes a shard's file into the output folder (docs/distributed.md): staged under a
/// temporary name, flushed, and moved into place only when complete.
enum ShardOutput {
    /// Writes `shard-I-of-N.clvshard` and returns its name.
    ///
    /// - Throws: exit 73 with one line when the file cannot be written; on interruption, exits
    ///   with 128 + the signal number and leaves the folder as it was.
    static func write(header: ShardHeader, result: SimulationResult, into folder: OutputFolder) throws -> String {
        let name = ShardFile.name(header.shard)
        let interrupts = InterruptHandling.shared
        do {
            let writer = try StagingWriter(folder: folder, name: name)
            try writer.append(ShardFile.prefix(header))
            do {
                try ShardFile.writeData(result) { piece in
                    if interrupts.isCancelled { throw CancellationError() }
                    try writer.append(piece)
                }
            } catch let error as OutputError {
                throw error
            } catch {
                writer.abandon()
                try RunFiles.stopInterrupted(folder)
            }
            try folder.commit([writer.finish()])
        } catch let error as OutputError {
            printToStandardError(error.line)
            throw error.exit.exitCode
        }
        return name
    }
}
