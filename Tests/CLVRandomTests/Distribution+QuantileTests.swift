import CLVTestSupport
import Testing
@testable import CLVRandom

/// `Distribution.quantile` and `cdf` against references: scipy 1.17 (`ppf`, `cdf`,
/// `special.gammaincinv`, `special.betaincinv`) and, for the normal family (truncated or not),
/// mpmath at 50 digits. Quantiles are at u = 1e-10, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1 − 1e-10.
/// Where scipy clamps an underflowing beta quantile to the smallest normal double, the reference
/// is the true rounded value 0, and scipy's Poisson(10⁷) quantile at 1 − 1e-10 (10020122) is
/// replaced by 10020123, checked by summing the pmf at 40 digits (S(10020122) = 1.0008e-10 > 1e-10).
@Suite struct DistributionQuantileTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let distribution: Distribution
        let quantiles: [Double]
        let cdfs: [(Double, Double)]
        init(_ distribution: Distribution, quantiles: [Double], cdfs: [(Double, Double)]) {
            self.distribution = distribution
            self.quantiles = quantiles
            self.cdfs = cdfs
        }
        var testDescription: String { "\(distribution)" }

        /// Relative tolerance: 1e-12, loosened to 1e-10 for shapes ≥ 10⁴ (steep CDFs amplify
        /// rounding of x) and to 1e-11 for shapes 10⁻³ (x ∝ p^(1/k) amplifies rounding of p by 1/k).
        var tolerance: Double {
            switch distribution {
            case .gamma(let k, _): return k >= 1e4 ? 1e-10 : (k < 0.01 ? 1e-11 : 1e-12)
            case .beta(let a, let b): return Swift.max(a, b) >= 1e4 ? 1e-10 : (Swift.min(a, b) < 0.01 ? 1e-11 : 1e-12)
            default: return 1e-12
            }
        }
    }

    static let grid = [1e-10, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1 - 1e-10]

    static let cases: [Case] = [
        Case(.uniform(min: 2, max: 5),
             quantiles: [2.0000000003, 2.03, 2.3, 2.75, 3.5, 4.25, 4.7, 4.97, 4.9999999997],
             cdfs: [(3.0, 0.3333333333333333)]),
        Case(.triangular(min: 1, mode: 2, max: 5),
             quantiles: [1.00002, 1.2, 1.632455532033676, 2.0, 2.550510257216822, 3.267949192431123, 3.904554884989668, 4.653589838486225, 4.999965358982415],
             cdfs: [(1.5, 0.0625), (3.0, 0.6666666666666666)]),
        Case(.pert(min: 0.35, mode: 0.4, max: 0.5),
             quantiles: [0.350002805950247, 0.35785453250969934, 0.37295415405147186, 0.3869833563745323, 0.40637187605061814, 0.4277995033078738, 0.44666850464308705, 0.47330302030637483, 0.4998336490650201],
             cdfs: [(0.38, 0.16942677110907645), (0.45, 0.9185243957319019)]),
        Case(.normal(mean: 3, sd: 2, min: nil, max: nil),
             quantiles: [-9.722681804808113, -1.6526957480816822, 0.43689686891079915, 1.6510204996078366, 3.0, 4.348979500392163, 5.563103131089202, 7.6526957480816815, 15.722681779394843],
             cdfs: [(0.0, 0.06680720126885807), (10.0, 0.9997673709209645)]),
        Case(.normal(mean: 0, sd: 1, min: 3, max: nil),
             quantiles: [3.000000000030459, 3.003059909421187, 3.0319472698790095, 3.086563482835176, 3.2051549205989334, 3.3995578444761616, 3.642522275831624, 4.197414437605671, 7.308580279664126],
             cdfs: [(3.1, 0.28320273787649775)]),
        Case(.normal(mean: 0, sd: 1, min: nil, max: -8),
             quantiles: [-10.465499023090674, -8.548758805535499, -8.278803341691198, -8.168964358662926, -8.084911007391543, -8.03534703595483, -8.012963049607272, -8.001237424664287, -8.000000000012314],
             cdfs: [(-8.1, 0.44172589740610924)]),
        Case(.normal(mean: 0, sd: 1, min: 40, max: 41),
             quantiles: [40.0000000000025, 40.0002511008662, 40.00263228320701, 40.007186920337574, 40.01731412676465, 40.03462077485517, 40.05748745803602, 40.114892634811596, 40.57121365958423],
             cdfs: [(40.1, 0.9818211014256777), (40.9, 0.9999999999999999)]),
        Case(.normal(mean: 5, sd: 2, min: 4, max: 4.5),
             quantiles: [4.000000000052693, 4.005265795562106, 4.0523544846372825, 4.12969887748018, 4.25583442950978, 4.379075022716815, 4.451873776783421, 4.495200843031934, 4.499999999952023],
             cdfs: [(4.2, 0.3885534841875325), (4.3, 0.5889832489274403)]),
        Case(.normal(mean: 30, sd: 5, min: 0, max: nil),
             quantiles: [0.07848160961159799, 18.368260813030922, 23.592242197574357, 26.62755126066206, 30.00000000618252, 33.37244875486123, 36.40775783053382, 41.631739372055065, 61.80670444924467],
             cdfs: [(0.5, 8.309202188815099e-10)]),
        Case(.lognormal(mean: 80, sd: 15),
             quantiles: [24.101815366821313, 51.02535157939494, 61.96267373331165, 69.36444816380416, 78.62977495474568, 89.13271384836281, 99.7800956111762, 121.16803349828609, 256.5218179930943],
             cdfs: [(70.0, 0.2658469464736295), (120.0, 0.9885241238754335)]),
        Case(.gamma(shape: 0.001, scale: 2.0),
             quantiles: [0.0, 0.0, 0.0, 0.0, 1.0488412816549948e-301, 1.294102953017897e-125, 1.964331928813778e-46, 4.8518856771156813e-05, 26.909190867706982],
             cdfs: [(1e-06, 0.9861643401974712), (0.5, 0.9989556556197288)]),
        Case(.gamma(shape: 0.5, scale: 1.0),
             quantiles: [7.85398163397448e-21, 7.854392895485092e-05, 0.00789538704671561, 0.05076552213381078, 0.227468211559786, 0.6616518484657332, 1.352771727047702, 3.3174483005106072, 20.910728101491394],
             cdfs: [(1e-06, 0.0011283787909692373), (0.5, 0.6826894921370859)]),
        Case(.gamma(shape: 3.0, scale: 2.0),
             quantiles: [0.0016872211249694534, 0.8720903301565863, 2.2041306564986427, 3.4545988357210384, 5.348120627447118, 7.840804120585122, 10.644640675668422, 16.811893829770927, 58.291802780433365],
             cdfs: [(3.0, 0.19115316946194183), (9.0, 0.8264219290899639)]),
        Case(.gamma(shape: 10000.0, scale: 0.01),
             quantiles: [93.76961682044389, 97.6883685669659, 98.72060875049736, 99.32370564904188, 99.99666668642047, 100.67266062388988, 101.28367373674178, 102.34104379158055, 106.49348143058445],
             cdfs: [(99.0, 0.15865119219356463), (101.0, 0.8413487504471796)]),
        Case(.beta(alpha: 0.001, beta: 0.001),
             quantiles: [0.0, 0.0, 0.0, 9.317319597713586e-302, 0.49999999999999994, 1.0, 1.0, 1.0, 1.0],
             cdfs: [(0.3, 0.4995769621396763), (0.6, 0.5002024492720282)]),
        Case(.beta(alpha: 0.001, beta: 3.0),
             quantiles: [0.0, 0.0, 0.0, 0.0, 2.0836937279216174e-302, 2.57094591302941e-126, 3.902464740103468e-47, 9.639011756164488e-06, 0.9933202001412988],
             cdfs: [(0.3, 0.9997408593156909), (0.6, 0.9999691396508903)]),
        Case(.beta(alpha: 0.5, beta: 0.5),
             quantiles: [2.4674011002723397e-20, 0.00024671981713422146, 0.024471741852423214, 0.14644660940672624, 0.4999999999999999, 0.8535533905932737, 0.9755282581475768, 0.9997532801828658, 1.0],
             cdfs: [(0.3, 0.36901011956554536), (0.6, 0.564094216848975)]),
        Case(.beta(alpha: 2.0, beta: 5.0),
             quantiles: [2.581997786411184e-06, 0.026763191142755053, 0.09259525891312873, 0.16116291679032652, 0.26444998329566005, 0.3894794852007245, 0.5103163065514917, 0.7056863283197075, 0.9930035512206541],
             cdfs: [(0.3, 0.5798250000000003), (0.6, 0.95904)]),
        Case(.beta(alpha: 10000.0, beta: 10000.0),
             quantiles: [0.47752035465774484, 0.4917755717968846, 0.49546906737197843, 0.49761530237175505, 0.5, 0.5023846976282449, 0.5045309326280216, 0.5082244282031154, 0.522479645297398],
             cdfs: [(0.499, 0.3886499521425378), (0.5005, 0.5562307737579442)]),
        Case(.beta(alpha: 1000000.0, beta: 1000000.0),
             quantiles: [0.4977509374506197, 0.49917751227502466, 0.49954690313516387, 0.49976153184565025, 0.5, 0.5002384681543497, 0.5004530968648362, 0.5008224877249754, 0.5022490625448879],
             cdfs: [(0.499, 0.002338849406931976), (0.5005, 0.9213504224190758)]),
        Case(.poisson(mean: 0.001),
             quantiles: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0],
             cdfs: [(0.0, 0.999000499833375), (1.0, 0.9999995003332084)]),
        Case(.poisson(mean: 9.9),
             quantiles: [0.0, 3.0, 6.0, 8.0, 10.0, 12.0, 14.0, 18.0, 36.0],
             cdfs: [(9.0, 0.4705015820615387), (17.0, 0.986954791624882)]),
        Case(.poisson(mean: 1000.0),
             quantiles: [806.0, 927.0, 960.0, 979.0, 1000.0, 1021.0, 1041.0, 1074.0, 1208.0],
             cdfs: [(1000.0, 0.508409367168506), (1064.0, 0.9784906119537256)]),
        Case(.poisson(mean: 10000000.0),
             quantiles: [9979890.0, 9992644.0, 9995947.0, 9997867.0, 10000000.0, 10002133.0, 10004053.0, 10007357.0, 10020123.0],
             cdfs: [(10000000.0, 0.500084104416326), (10006325.0, 0.97725745849662)]),
    ]

    @Test(arguments: cases)
    func quantileMatchesReference(_ c: Case) {
        for (u, expected) in zip(Self.grid, c.quantiles) {
            let got = c.distribution.quantile(u)
            #expect(relativeError(got, expected) <= c.tolerance, "u \(u): \(got) vs \(expected)")
        }
    }

    @Test(arguments: cases)
    func cdfMatchesReference(_ c: Case) {
        for (x, expected) in c.cdfs {
            let got = c.distribution.cdf(x)
            #expect(relativeError(got, expected) <= c.tolerance, "x \(x): \(got) vs \(expected)")
        }
    }

    /// quantile(cdf(x)) = x at interior quantiles (x = quantile(u) for u = 0.01…0.99), to 1e-9
    /// relative for continuous families and exactly for the Poisson.
    @Test(arguments: cases)
    func quantileInvertsCDF(_ c: Case) {
        for u in [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99] {
            let x = c.distribution.quantile(u)
            guard x > 0 || x < 0 else { continue }  // underflowed tiny-shape quantiles
            let back = c.distribution.quantile(c.distribution.cdf(x))
            if case .poisson = c.distribution {
                #expect(back == x, "u \(u): x \(x) back \(back)")
            } else {
                #expect(relativeError(back, x) <= 1e-9, "u \(u): x \(x) back \(back)")
            }
        }
    }

    @Test func discreteQuantileUsesSortedValuesAndSkipsZeroWeights() {
        let d = Distribution.discrete(values: [3, 1, 2], weights: [1, 0, 3])
        #expect(d.quantile(0) == 2)
        #expect(d.quantile(0.1) == 2)
        #expect(d.quantile(0.75) == 2)
        #expect(d.quantile(0.7500001) == 3)
        #expect(d.quantile(1) == 3)
        #expect(d.cdf(1.5) == 0)
        #expect(d.cdf(2) == 0.75)
        #expect(d.cdf(3) == 1)
        #expect(d.quantile(1.5).isNaN)
        #expect(Distribution.discrete(values: [1, 2], weights: [0, 0]).quantile(0.5).isNaN)
        #expect(Distribution.discrete(values: [1, 2], weights: [1]).quantile(0.5).isNaN)
    }

    @Test func empiricalQuantileIndexesSortedSamples() {
        let e = Distribution.empirical(samples: [5, 1, 3, 2])
        #expect(e.quantile(0.1) == 1)
        #expect(e.quantile(0.25) == 2)
        #expect(e.quantile(0.74) == 3)
        #expect(e.quantile(0.99) == 5)
        #expect(e.quantile(1) == 5)
        #expect(e.cdf(2.5) == 0.5)
        #expect(Distribution.empirical(samples: []).quantile(0.5).isNaN)
    }

    @Test func invalidParametersGiveNaN() {
        let bad: [Distribution] = [
            .uniform(min: 2, max: 1), .triangular(min: 0, mode: 2, max: 1), .pert(min: 1, mode: 0, max: 2),
            .normal(mean: 0, sd: -1, min: nil, max: nil), .normal(mean: 0, sd: 1, min: 2, max: 1),
            .lognormal(mean: -1, sd: 1), .gamma(shape: 0, scale: 1), .beta(alpha: 1, beta: -2),
            .poisson(mean: -3),
        ]
        for d in bad {
            #expect(d.quantile(0.5).isNaN, "\(d)")
            #expect(d.cdf(0.5).isNaN, "\(d)")
            #expect(d.mean.isNaN, "\(d)")
        }
        #expect(Distribution.gamma(shape: 2, scale: 1).quantile(-0.1).isNaN)
        #expect(Distribution.gamma(shape: 2, scale: 1).quantile(.nan).isNaN)
    }
}

extension DistributionQuantileTests {
    /// Absurd but representable parameters: every call returns (no trap, no hang) and gives NaN
    /// or a value inside the support; a CDF is NaN or within [0, 1].
    @Test func extremeParametersAreTotal() {
        let extremes: [Distribution] = [
            .gamma(shape: 1e-300, scale: 1), .gamma(shape: 1e300, scale: 1), .gamma(shape: 1e15, scale: 1e-300),
            .beta(alpha: 1e-300, beta: 1e-300), .beta(alpha: 1e300, beta: 1e-3), .beta(alpha: 1e7, beta: 1e-3),
            .beta(alpha: 1e12, beta: 1), .poisson(mean: 1e300), .poisson(mean: 1e-300),
            .normal(mean: 0, sd: 1e300, min: -1e308, max: 1e308), .normal(mean: 0, sd: 1e-300, min: 1, max: nil),
            .lognormal(mean: 1e-300, sd: 1e300), .pert(min: 0, mode: 0, max: 1e-300),
            .triangular(min: -1e308, mode: 0, max: 1e308), .uniform(min: -.infinity, max: 0),
        ]
        var rng = RandomStream(seed: 900, trial: 0, role: 0)
        for d in extremes {
            let support = d.support
            for u in [0, 1e-12, 0.3, 0.5, 0.97, 1] {
                let q = d.quantile(u)
                #expect(q.isNaN || support.contains(q), "\(d) quantile(\(u)) = \(q)")
            }
            let s = d.sample(using: &rng)
            #expect(s.isNaN || support.contains(s), "\(d) sample \(s)")
            let c = d.cdf(1)
            #expect(c.isNaN || (0...1).contains(c), "\(d) cdf \(c)")
        }
    }
}
