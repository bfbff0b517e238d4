import CLVRandom
import Testing
@testable import CLVFit

@Suite struct ReferralFitTests {
    @Test func posteriorsAreTheConjugateJeffreysUpdates() throws {
        let records = [(5, 1), (0, 0), (3, 2), (10, 0)].enumerated().map {
            ReferralFit.Record(customer: String($0.offset), invitations: $0.element.0, conversions: $0.element.1)
        }
        let fit = try ReferralFit(records: records)
        #expect(fit.coefficientShape == 3.5)
        #expect(fit.coefficientRate == 4)
        #expect(fit.coefficientMean == 3.5 / 4)
        #expect(abs(fit.coefficientSD - 3.5.squareRoot() / 4) < 1e-15)
        #expect(fit.conversionAlpha == 3.5)
        #expect(fit.conversionBeta == 15.5)
        #expect(abs((fit.conversionMean ?? 0) - 3.5 / 19) < 1e-15)
        // Conversions 1, 0, 2, 0: mean 0.75, sample variance 11/12.
        #expect(abs((fit.dispersionIndex ?? 0) - (11.0 / 12) / 0.75) < 1e-12)
    }

    @Test func csvWithHeaderAndWithoutInvitations() throws {
        let withHeader = try ReferralFit.records(csv: try CSVTable(parsing: "id,sent,joined\nx,4,1\ny,2,0\n"))
        #expect(withHeader.map(\.invitations) == [4, 2])
        #expect(withHeader.map(\.line) == [2, 3])
        let conversionsOnly = try ReferralFit.records(csv: try CSVTable(parsing: "x,1\ny,0\nz,3\n"))
        let fit = try ReferralFit(records: conversionsOnly)
        #expect(fit.invitations == nil && fit.conversionAlpha == nil)
        #expect(fit.coefficientShape == 4.5 && fit.coefficientRate == 3)
    }

    @Test func moreConversionsThanInvitationsNamesTheLine() throws {
        #expect(throws: FitError(line: 3, "5 conversions from 2 invitations; conversions cannot exceed invitations")) {
            try ReferralFit.records(csv: try CSVTable(parsing: "customer,invitations,conversions\na,3,1\nb,2,5\n"))
        }
    }

    @Test(arguments: [(2.0, 0.1), (4.0, 0.3), (1.5, 0.6)])
    func posteriorRecoversTheCoefficientWithinThreeSD(invitations: Double, rate: Double) throws {
        var rng = RandomStream(seed: 31, trial: UInt32(invitations * 10), role: 7)
        let fit = try ReferralFit(records: Synthetic.referrals(invitationsPerCustomer: invitations, conversionRate: rate,
                                                               customers: 2000, using: &rng))
        #expect(abs(fit.coefficientMean - invitations * rate) < 3 * fit.coefficientSD)
        #expect(abs((fit.conversionMean ?? -1) - rate) < 3 * (fit.conversionSD ?? 0))
    }

    @Test func posteriorSDMatchesTheSpreadOverRepeatedDataSets() throws {
        var means: [Double] = [], sds: [Double] = [], rates: [Double] = [], rateSDs: [Double] = []
        for replicate in 0..<200 {
            var rng = RandomStream(seed: 32, trial: UInt32(replicate), role: 8)
            let fit = try ReferralFit(records: Synthetic.referrals(invitationsPerCustomer: 3, conversionRate: 0.2,
                                                                   customers: 300, using: &rng))
            means.append(fit.coefficientMean); sds.append(fit.coefficientSD)
            rates.append(fit.conversionMean ?? 0); rateSDs.append(fit.conversionSD ?? 0)
        }
        #expect(abs(Synthetic.sd(means) / Synthetic.mean(sds) - 1) < 0.2)
        #expect(abs(Synthetic.sd(rates) / Synthetic.mean(rateSDs) - 1) < 0.2)
    }
}
