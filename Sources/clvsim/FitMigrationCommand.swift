import ArgumentParser
import CLVFit
import Foundation

/// `clvsim fit migration`: migration probabilities between segments (and renewal rates) from
/// counts of customers moving at renewal.
struct FitMigrationCommand: FitSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "migration",
        abstract: "Fit migration probabilities between segments from counts of customers moving at renewal.",
        discussion: """
            Input is a CSV file with a header and columns from, to, count: how many customers of \
            segment `from` renewed into segment `to` (the same segment: stayed) or did not renew \
            (to = lost, see --lost). The moves of each from segment, conditional on renewing, get \
            the Dirichlet posterior of a uniform prior; each destination is written as its Beta \
            marginal (one destination) or as a truncated normal with the marginal's mean and sd \
            whose upper bounds sum to 1 (several). With lost counts, the segment's retention \
            becomes the constant model with the renewal rate's Beta posterior (unless \
            --keep-retention). --into updates every from segment of the table.
            """
    )

    @Option(name: .long, help: "CSV file with a header and columns from, to, count.", completion: .file(extensions: ["csv"]))
    var csv: String

    @Option(name: .long, help: "The `to` value for customers who did not renew.")
    var lost: String = "lost"

    @Flag(name: .customLong("keep-retention"), help: "Do not write the renewal rate into the segments' retention.")
    var keepRetention = false

    @OptionGroup var output: FitScenarioOptions

    func validate() throws {
        if lost.isEmpty {
            throw ValidationError("--lost needs a non-empty token")
        }
    }

    func report() throws -> String {
        let fit: MigrationFit
        do {
            fit = try MigrationFit(csvBytes: try FitFiles.read(csv), lostToken: lost)
        } catch let error as FitError {
            throw FitFailure(error, source: csv)
        }
        let fragments = ScenarioFragment.migration(fit, includeRetention: !keepRetention)
        var updated: String?
        if let into = output.into {
            do {
                try fit.checkSegments(known: try ScenarioUpdate.segmentNames(inScenario: try FitFiles.read(into)))
            } catch let error as FitError where error.line != nil {
                throw FitFailure(error, source: csv)
            } catch let error as FitError {
                throw FitFailure(error, source: into)
            }
            updated = try FitFiles.update(scenario: into, with: fragments, inputs: [csv])
        }
        if output.json {
            var root: [String: JSONTree] = [
                "prior": .string("uniform: Dirichlet(1, ..., 1) over staying and each destination; Beta(1, 1) for the renewal rate"),
                "segments": .array(fit.origins.map { origin in
                    var o: [String: JSONTree] = [
                        "from": .string(origin.segment), "stayed": .number(Double(origin.stayed)),
                        "renewed": .number(Double(origin.renewed)),
                        "stay": .object(FitFormat.json(origin.stay)),
                        "destinations": .array(origin.destinations.map { d in
                            var o = FitFormat.json(d.posterior)
                            o["to"] = .string(d.segment)
                            o["count"] = .number(Double(d.count))
                            return .object(o)
                        }),
                    ]
                    if let lost = origin.lost { o["lost"] = .number(Double(lost)) }
                    if let r = origin.renewal { o["renewalRate"] = .object(FitFormat.json(r)) }
                    return .object(o)
                }),
                "fragment": ScenarioFragment.json(of: fragments),
            ]
            if let updated { root["updated"] = .string(updated) }
            return JSONTree.object(root).text() + "\n"
        }
        var out = "Migration fit: \(fit.origins.count) segment(s)\n"
        for origin in fit.origins {
            out += "\nfrom \(origin.segment): \(origin.renewed) renewed"
            if let lost = origin.lost { out += ", \(lost) lost" }
            out += "\n"
            func row(_ name: String, _ count: Int, _ p: BetaPosterior) -> [String] {
                [name, String(count), FitFormat.beta(p), FitFormat.number(p.mean), FitFormat.number(p.sd)]
            }
            var rows = [row("(stay)", origin.stayed, origin.stay)]
            rows += origin.destinations.map { row($0.segment, $0.count, $0.posterior) }
            if let r = origin.renewal { rows.append(row("(renewal rate)", origin.renewed, r)) }
            out += FitFormat.table(["to", "customers", "posterior", "mean", "sd"], rows)
        }
        out += "Prior: uniform, Dirichlet(1, ..., 1) over staying and each destination; Beta(1, 1) for the renewal rate.\n"
        out += "\nScenario fragment:\n" + ScenarioFragment.json(of: fragments).text() + "\n"
        for fragment in fragments {
            for note in fragment.notes { out += "note: \(fragment.segment): \(note)\n" }
        }
        if let updated { out += updated + "\n" }
        return out
    }
}
