import Testing
@testable import CLVCore
import CLVTestSupport

/// A sample of one value from the aggregate kernel against a sample of it from the
/// customer-by-customer `ReferenceSimulator`: the means agree within four combined standard
/// errors, and at the kernel's 5th, 50th and 95th percentiles the share of reference values below
/// agrees with the level within four binomial standard errors, √(p(1 − p)(1/n_kernel + 1/n_reference))
/// — ties counted at mid-rank, and a level skipped where more than half the reference sample is
/// one point (e.g. no referrals at all).
enum SampleAgreement {
    /// - Parameters:
    ///   - relativeMeanSlack: added to the mean's tolerance as a share of the kernel's mean, for
    ///     values that can be exactly equal in both samples (rounding only).
    static func expectAgreement(kernel: [Double], reference: [Double], _ label: String, relativeMeanSlack: Double = 0,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        let a = try #require(Stat(kernel, levels: [0.9]), sourceLocation: sourceLocation)
        let b = try #require(Stat(reference, levels: [0.9]), sourceLocation: sourceLocation)
        let tolerance = 4 * (a.standardError * a.standardError + b.standardError * b.standardError).squareRoot()
        print("agreement \(label): kernel \(a.mean), reference \(b.mean), difference \((a.mean - b.mean) / max(tolerance / 4, 1e-300)) SE")
        #expect(abs(a.mean - b.mean) <= tolerance + relativeMeanSlack * abs(a.mean),
                "\(label): mean \(a.mean) vs reference \(b.mean) ± \(tolerance)", sourceLocation: sourceLocation)
        let sortedKernel = kernel.sorted(), sortedReference = reference.sorted()
        let n = Double(reference.count)
        for p in [0.05, 0.5, 0.95] {
            let q = Stat.quantile(sortedKernel, p)
            let below = Double(sortedReference.filter { $0 < q }.count)
            let equal = Double(sortedReference.filter { $0 == q }.count)
            if equal / n > 0.5 { continue }
            let share = (below + equal / 2) / n
            let se = (p * (1 - p) * (1 / Double(kernel.count) + 1 / n)).squareRoot()
            #expect(abs(share - p) <= 4 * se + equal / (2 * n), "\(label): p\(Int(p * 100)) share \(share)",
                    sourceLocation: sourceLocation)
        }
    }
}

extension SampleAgreement {
    /// Two samples of one value, from the aggregate kernel and from the customer-by-customer
    /// `ReferenceSimulator`: their means agree within four combined standard errors, and so do
    /// their variances, with SE(s²) = √((m₄ − m₂²)/n) from each sample's central moments
    /// (`MomentCheck.sampleMoments`).
    ///
    /// - Complexity: O(n) in the sizes of the samples.
    static func expectSameMeanAndVariance(kernel: [Double], reference: [Double], _ label: String,
                                          sourceLocation: SourceLocation = #_sourceLocation) {
        let a = MomentCheck.sampleMoments(kernel), b = MomentCheck.sampleMoments(reference)
        let meanSE = (a.variance / Double(kernel.count) + b.variance / Double(reference.count)).squareRoot()
        let varianceSE = (a.varianceStandardError * a.varianceStandardError
            + b.varianceStandardError * b.varianceStandardError).squareRoot()
        let meanZ = (a.mean - b.mean) / meanSE
        let varianceZ = (a.variance - b.variance) / varianceSE
        print("moments \(label): mean \(a.mean) vs \(b.mean) (z \(meanZ)), variance \(a.variance) vs \(b.variance) (z \(varianceZ))")
        #expect(meanSE > 0 && varianceSE > 0, "\(label): a sample without spread", sourceLocation: sourceLocation)
        #expect(abs(meanZ) <= 4, "\(label): mean \(a.mean) vs reference \(b.mean), z \(meanZ)",
                sourceLocation: sourceLocation)
        #expect(abs(varianceZ) <= 4, "\(label): variance \(a.variance) vs reference \(b.variance), z \(varianceZ)",
                sourceLocation: sourceLocation)
    }
}
