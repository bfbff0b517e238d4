import Testing
@testable import CLVRandom

@Suite struct SpecialFunctionsNormalTests {
    /// mpmath references; tolerance 1e-14 relative (AS 241 and erfc are good to ~1e-16).
    @Test func normalCDFMatchesReference() {
        let cases: [(Double, Double)] = [
            (-40.0, 0.0), (-30.0, 4.906713927148187e-198), (-10.0, 7.619853024160525e-24),
            (-1.0, 0.15865525393145705), (0.0, 0.5), (1.5, 0.9331927987311419), (8.0, 0.9999999999999993),
        ]
        for (x, expected) in cases {
            let got = SpecialFunctions.normalCDF(x)
            #expect(relativeError(got, expected) < 1e-14, "Φ(\(x)) = \(got)")
        }
    }

    @Test func normalQuantileMatchesReference() {
        let cases: [(Double, Double)] = [
            (1e-300, -37.0470962993612), (1e-10, -6.361340902404057), (0.02, -2.053748910631823),
            (0.3, -0.5244005127080408), (0.5, 0.0), (0.9, 1.2815515655446006),
            (0.999999999999, 7.0344869100478356),
        ]
        for (p, expected) in cases {
            let got = SpecialFunctions.normalQuantile(p)
            #expect(relativeError(got, expected) < 1e-14, "Φ⁻¹(\(p)) = \(got)")
        }
    }

    @Test func normalQuantileEdgesAreTotal() {
        #expect(SpecialFunctions.normalQuantile(0) == -.infinity)
        #expect(SpecialFunctions.normalQuantile(1) == .infinity)
        #expect(SpecialFunctions.normalQuantile(-0.1).isNaN)
        #expect(SpecialFunctions.normalQuantile(.nan).isNaN)
    }

    /// ln Q(x) from mpmath; 1e-13 relative, including x where Q underflows (x = 40, 50, 200).
    @Test func logUpperTailMatchesReference() {
        let cases: [(Double, Double)] = [
            (0.5, -1.1759117615936185), (5.0, -15.064998393988725), (29.0, -424.78741990973015),
            (31.0, -484.85396362717927), (40.0, -804.6084420137538), (50.0, -1254.8313611394199),
            (200.0, -20006.21728089819),
        ]
        for (x, expected) in cases {
            let got = SpecialFunctions.logNormalUpperTail(x)
            #expect(relativeError(got, expected) < 1e-13, "ln Q(\(x)) = \(got)")
        }
    }

    /// The log-tail quantile inverts ln Q to 1e-13 relative, far past the smallest double.
    @Test(arguments: [0.3, 2.0, 10.0, 37.0, 39.0, 60.0, 150.0])
    func upperQuantileInvertsLogTail(_ x: Double) {
        let logTail = SpecialFunctions.logNormalUpperTail(x)
        let back = SpecialFunctions.normalUpperQuantile(logTail: logTail)
        #expect(relativeError(back, x) < 1e-13, "x \(x) → \(back)")
    }
}
