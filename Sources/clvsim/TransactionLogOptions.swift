import ArgumentParser
import CLVFit

/// The transaction log a fit reads (`fit spend`, `fit recency`) and the day it is analysed at.
struct TransactionLogOptions: ParsableArguments {
    @Option(name: .long, help: "CSV file with columns customer, date, amount.", completion: .file(extensions: ["csv"]))
    var csv: String

    @Option(name: .customLong("as-of"), help: "Analysis date (YYYY-MM-DD): the end of the observation window recency is measured to; default the last purchase day.")
    var asOf: String?

    func validate() throws {
        if let asOf, CalendarDate(iso: asOf) == nil {
            throw ValidationError("--as-of \"\(asOf)\" is not a valid YYYY-MM-DD date")
        }
    }

    /// The analysis date, when given.
    var analysisDate: CalendarDate? { asOf.flatMap { CalendarDate(iso: $0) } }

    /// The log read from `csv`, or a failure (66 unreadable, 65 bad data naming the line).
    func read() throws -> TransactionLog {
        do {
            return try TransactionLog(csvBytes: try FitFiles.read(csv))
        } catch let error as FitError {
            throw FitFailure(error, source: csv)
        }
    }
}
