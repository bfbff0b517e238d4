import ArgumentParser

/// `clvsim fit`: estimate retention, spend and referral parameters from data.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Estimate model parameters from data (retention, spend, referrals, recency, migration).",
        discussion: """
            Each subcommand reads a company's own data, fits a model by maximum likelihood (or \
            a conjugate posterior), prints the estimates with their standard errors, and writes \
            a scenario fragment in which the fitted parameters carry their uncertainty. With \
            --into SCENARIO --segment NAME the scenario file is updated in place (validated \
            first, written atomically; fit migration updates every segment its table \
            names). Bad data exit with 65 and name the offending line.
            """,
        subcommands: [FitRetentionCommand.self, FitSpendCommand.self, FitReferralsCommand.self,
                      FitRecencyCommand.self, FitMigrationCommand.self]
    )
}
