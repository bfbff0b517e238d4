import ArgumentParser
import CLVFit
import Foundation

/// `clvsim fit spend`: the Gamma-Gamma spend model and the RFM summary from a transaction log.
struct FitSpendCommand: FitSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "spend",
        abstract: "Fit the Gamma-Gamma spend model and summarise recency, frequency and monetary value.",
        discussion: """
            Input is a CSV file with columns customer, date (YYYY-MM-DD), amount. Purchases of \
            a customer on one day count as one purchase. The Gamma-Gamma model (p, q, gamma) is \
            fitted by maximum likelihood on customers with at least one repeat purchase; the \
            RFM table scores every customer 1-5 by quintile and groups them into segments.
            """
    )

    @OptionGroup var log: TransactionLogOptions

    @Option(name: .customLong("rfm-out"), help: "Write the per-customer RFM summary (recency, frequency, monetary, scores, segment) to this CSV file.",
            completion: .file(extensions: ["csv"]))
    var rfmOut: String?

    @OptionGroup var output: FitOutputOptions

    func report() throws -> String {
        let csv = self.log.csv
        let log = try self.log.read()
        let rfm: RFMSummary
        let fit: SpendFit
        let fragment: ScenarioFragment
        do {
            rfm = try RFMSummary(log, asOf: self.log.analysisDate)
            fit = try SpendFit(log)
            fragment = try ScenarioFragment.spend(fit, segment: output.segmentName)
        } catch let error as FitError {
            throw FitFailure(error, source: csv)
        }
        if let rfmOut {
            try FitFiles.write(rfm.customerTable, to: rfmOut, inputs: [csv] + (output.into.map { [$0] } ?? []), option: "--rfm-out")
        }
        var updated: String?
        if let into = output.into {
            updated = try FitFiles.update(scenario: into, with: fragment, inputs: [csv])
        }
        let segments = rfm.segmentTable
        if output.json {
            var root: [String: JSONTree] = [
                "customers": .number(Double(fit.customers)),
                "repeatCustomers": .number(Double(fit.repeatCustomers)),
                "gammaGamma": FitFormat.json(fit.estimate),
                "fragment": fragment.json,
                "rfm": .object([
                    "asOf": .string(rfm.asOf.description),
                    "segments": .array(segments.map { row in
                        .object(["segment": .string(row.segment.rawValue), "customers": .number(Double(row.customers)),
                                 "share": .number(row.share), "meanRecencyDays": .number(row.meanRecency),
                                 "meanFrequency": .number(row.meanFrequency), "meanMonetary": .number(row.meanMonetary),
                                 "revenue": .number(row.revenue)])
                    }),
                ]),
            ]
            if let mean = fit.meanTransactionValue {
                root["meanTransactionValue"] = .object(["mean": .number(mean.mean), "standardError": .number(mean.standardError)])
            }
            if let updated { root["updated"] = .string(updated) }
            return JSONTree.object(root).text() + "\n"
        }
        var out = "Spend fit: \(fit.customers) customers, \(fit.repeatCustomers) with repeat purchases\n\n"
        out += "Gamma-Gamma (log-likelihood \(FitFormat.fixed(fit.estimate.logLikelihood)), AIC \(FitFormat.fixed(fit.estimate.aic))):\n"
        out += FitFormat.table(["parameter", "estimate", "std. error"], FitFormat.rows(fit.estimate))
        if let mean = fit.meanTransactionValue {
            out += "mean purchase value p*gamma/(q-1) = \(FitFormat.number(mean.mean)) (std. error \(FitFormat.number(mean.standardError)))\n"
        }
        out += "\nRFM segments (as of \(rfm.asOf)):\n"
        out += FitFormat.table(
            ["segment", "customers", "share", "recency (days)", "frequency", "monetary", "revenue"],
            segments.map { row in
                [row.segment.rawValue, String(row.customers), String(format: "%.1f%%", 100 * row.share),
                 String(format: "%.1f", row.meanRecency), String(format: "%.2f", row.meanFrequency),
                 FitFormat.fixed(row.meanMonetary), FitFormat.fixed(row.revenue)]
            })
        out += "\nScenario fragment:\n" + fragment.json.text() + "\n"
        for note in fragment.notes { out += "note: \(note)\n" }
        if let updated { out += updated + "\n" }
        return out
    }
}
